"""The replay server: a stand-in for HighLevel built from the spec and the recorded fixtures
(`app`), served by `make serve` (`serve`).

May import: `scripts.spec`, `scripts.fixtures`, `scripts.wsgi`.
"""
