"""Code generation: `make generate` (`generate`) and `make check-generated` (`check`).

May import: `scripts.paths`, `scripts.spec`, openapi-python-client. Nothing of schemathesis,
the replay server or the conformance run: generating a client needs only the generator.
"""
