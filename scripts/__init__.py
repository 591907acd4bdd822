"""Hand-written tooling around the spec, one sub-package per job:

- `codegen`: writes `generated/` from `openapi/` and checks the committed copy for drift;
- `replay`: the spec-driven stand-in that answers from the recorded fixtures (`make serve`);
- `conformance`: the contract suite and the main job, `make conformance`;
- `record`: fresh fixtures from a live target (`make record`);
- `bench`: the measurements of `make bench`.

Shared by them: `paths` (where things are), `spec` (the spec as data), `fixtures` (the
recorded interactions' format) and `wsgi` (the loopback server plumbing). A job package may
import the shared modules, `generated`, and the jobs listed as its inputs in its own docstring;
`bench` also runs the tests' live-like stand-in (`tests/support/live_like.py`).
"""
