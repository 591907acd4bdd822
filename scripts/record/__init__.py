"""Recording fixtures from a live target, `make record` (`recorder`).

May import: the shared modules, `scripts.conformance` (what a live run may touch, the polite
pacing, and the checks a fixture must pass).
"""
