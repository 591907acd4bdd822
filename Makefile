# Every target sets up .venv by itself: a fresh clone needs only Python 3.11+ and make.
# `make test PYTHON=python3.13 VENV=.venv313` keeps another interpreter's environment beside it.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Bytecode caches (gitignored) are written even where the environment turns them off: each of the
# many Python processes `make test` starts would otherwise compile scripts/ and generated/ again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install generate check-generated lint test fuzz-client mutation serve conformance record bench

install: $(STAMP)

# Rebuilt only when the pins or the project metadata change, so a second `make install` is instant.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@touch $@

generate: $(STAMP)
	$(PY) -m scripts.codegen.generate

check-generated: $(STAMP)
	$(PY) -m scripts.codegen.check

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# tests/test_lint.py runs `lint` and `check-generated` too, side by side with the other tests.
test: $(STAMP)
	$(PY) -m pytest

# The client's property test with the "fuzz" hypothesis profile (tests/conftest.py): 5000 new
# examples for each documented status and body family, instead of the 150 fixed ones of `make test`,
# with a time limit per test to match (the suite's 30 s is for 150).
fuzz-client: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_client_properties.py --hypothesis-show-statistics --timeout=900

# Mutation testing of the proxy, the redaction, the budget and OAuth (scripts/mutation.py): minutes,
# so not part of `make test`. Scores and survivors in reports/mutation.md; summary in docs/mutation.md.
# ARGS="proxy budget" runs only the areas named.
mutation: $(STAMP)
	$(PY) -m scripts.mutation $(ARGS)

serve: $(STAMP)
	$(PY) -m scripts.stand_ins.serve

# The main job. Offline against the replay of tests/fixtures by default; live with
# HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID set. ARGS=--strict turns drift into failures.
conformance: $(STAMP)
	$(PY) -m scripts.conformance $(ARGS)

# Fresh fixtures from HIGHLEVEL_BASE_URL into FIXTURES_DIR; ARGS=--anonymize for placeholders.
record: $(STAMP)
	$(PY) -m scripts.record $(ARGS)

# Measures (never gates): ratios against baselines run interleaved, a table and reports/bench.json.
# ARGS=--quick (or BENCH_SKIP_TEST=1) leaves out timing `make test`.
bench: $(STAMP)
	$(PY) -m scripts.bench $(ARGS)
