"""Helpers shared by the tests: the documented examples and small loopback servers."""
