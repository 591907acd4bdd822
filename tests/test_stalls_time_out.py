"""A test that stalls fails by itself, named, after the suite's time limit (pytest-timeout, enabled in
pyproject.toml), on an xdist worker as in `make test`, and the run goes on to the other tests."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.paths import ROOT

PLANTED = """
import time


def test_stalls():
    time.sleep(120)


def test_finishes():
    pass
"""


def test_the_suite_runs_with_a_time_limit(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("timeout")
    assert float(pytestconfig.getini("timeout")) > 0


def test_a_planted_stall_fails_by_timeout_naming_the_test(tmp_path: Path) -> None:
    (tmp_path / "test_planted.py").write_text(PLANTED, encoding="utf-8")
    started = time.monotonic()
    # The suite's own configuration (pyproject.toml), with a limit of 1 s instead of its default.
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [
            *(sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path)),
            *("--numprocesses", "2", "-o", "timeout=1", "test_planted.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=100,
    )
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "[gw" in result.stdout, "the planted tests did not run on xdist workers"
    assert "FAILED test_planted.py::test_stalls - " in result.stdout
    assert "Failed: Timeout (>1.0s) from pytest-timeout." in result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert time.monotonic() - started < 60, "the stall was not cut short"
