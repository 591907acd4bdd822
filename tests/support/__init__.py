"""Helpers only the tests use: the documented examples, JSON body strategies, the leak search,
the kitchen-sink spec, a recorder a test can kill at any step. The stand-in servers are tooling,
in `scripts/stand_ins/`."""
