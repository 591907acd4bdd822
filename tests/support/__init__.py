"""Helpers only the tests use: the documented examples, JSON body strategies, the leak search,
the kitchen-sink spec. The stand-in servers are tooling, in `scripts/stand_ins/`."""
