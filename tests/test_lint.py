"""The checks `make lint` and `make check-generated` run, as tests: `make test` runs them beside the
rest of the suite, on the cores its sleeping tests leave idle, instead of before it."""

import subprocess
import sys

import pytest

from scripts.paths import ROOT


def _module(*args: str) -> str:
    """Runs `python -m <args>` in the repository; the output, if it failed."""
    result = subprocess.run(  # noqa: S603 - fixed command lines
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )
    return "" if result.returncode == 0 else f"`{' '.join(args)}` failed:\n{result.stdout}{result.stderr}"


@pytest.mark.slow
@pytest.mark.timeout(120)  # about 14 s alone, in one process
def test_mypy_strict_passes_on_hand_written_and_generated_code() -> None:
    # In one process (`make lint` uses two): the other tests keep the cores busy, and two processes
    # spend about a sixth more CPU in all.
    assert _module("mypy", "--num-workers", "0") == ""


def test_ruff_lint_and_format_pass() -> None:
    assert _module("ruff", "check", ".") == ""
    assert _module("ruff", "format", "--check", ".") == ""


def test_generated_is_what_the_spec_produces() -> None:
    assert _module("scripts.codegen.check") == ""
