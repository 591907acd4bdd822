"""The shipped GitHub Actions workflow only runs commands this project really has."""

import re
from typing import Any

import yaml

from scripts.paths import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, flags=re.MULTILINE))


def _run_commands() -> list[str]:
    commands = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            commands += [step["run"] for step in job["steps"] if "run" in step]
    return commands


def test_there_is_a_workflow_that_runs_the_tests_and_the_live_check() -> None:
    commands = _run_commands()
    # .ci/run installs what the tests need (redis-server) and runs `make test`, as CI does.
    assert "bash .ci/run" in commands
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make conformance" in commands


def test_the_tests_run_on_every_supported_python_with_a_redis() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "conformance.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["test"]
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    assert "redis" in job["services"]
    assert job["env"]["REDIS_URL"].startswith("redis://")


def _unknown_targets(commands: list[str]) -> list[str]:
    targets = _make_targets()
    return [
        target
        for command in commands
        for target in re.findall(r"\bmake\s+([a-z][a-z0-9-]*)", command)
        if target not in targets
    ]


def test_every_make_command_of_the_workflow_is_a_makefile_target() -> None:
    assert _unknown_targets(_run_commands()) == []


def test_the_check_notices_a_target_the_makefile_lacks() -> None:
    assert _unknown_targets(["make deploy && make test"]) == ["deploy"]


def _live_job() -> dict[str, Any]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "conformance.yml").read_text(encoding="utf-8"))
    job: dict[str, Any] = workflow["jobs"]["live-conformance"]
    return job


def test_the_live_job_is_read_only_and_tells_drift_from_a_failed_check() -> None:
    steps = _live_job()["steps"]
    [conformance] = [step for step in steps if step.get("run") == "make conformance"]
    assert conformance["continue-on-error"] is True
    assert "CONFORMANCE_ALLOW_WRITES" not in conformance.get("env", {})
    conditions = " ".join(str(step.get("if", "")) for step in steps)
    assert "outcome == 'does-not-conform'" in conditions
    assert "outcome != 'conforms'" in conditions
    assert any(".outcome" in str(step.get("run", "")) and "conformance.json" in str(step["run"]) for step in steps)
    assert any(step.get("with", {}).get("path") == "reports/" for step in steps)
