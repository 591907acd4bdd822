"""Recording fixtures from a live target, `make record` (`recorder`): what it sends (`plan`), sending
it politely and what stops it (`sending`), what a fixture must not keep (`concealing`), and writing
a fixture set all or nothing (`staging`).

May import: the shared modules, `scripts.conformance` (what a live run may touch, the polite
pacing, and the checks a fixture must pass), `scripts.stand_ins.replay` (whether a fixture set can
be served).
"""
