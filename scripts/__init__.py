"""Hand-written tooling around the spec, one sub-package per job:

- `codegen`: writes `generated/` from `openapi/` and checks the committed copy for drift;
- `stand_ins`: the servers that stand in for HighLevel: the spec-driven replay of the recorded
  fixtures (`make serve`) and its broken variants, the live-like API, the OAuth token endpoint;
- `conformance`: the contract suite and the main job, `make conformance`;
- `record`: fresh fixtures from a live target (`make record`);
- `bench`: the measurements of `make bench`.

Shared by them: `paths` (where things are), `spec` (the spec as data), `fixtures` (the
recorded interactions' format) and `wsgi` (the loopback server plumbing and the one answer type).
A job package may import the shared modules, `generated`, and the jobs listed as its inputs in its
own docstring. Nothing here imports `tests`: the tests import the stand-ins from here.
"""
