"""`make conformance`, offline by default and against local servers that stand in for a live API."""

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from scripts.conformance.run import CONFORMANCE_CHECKS, run
from scripts.fixtures import load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins import broken_replays
from scripts.stand_ins.counting_replay import CountingReplay, RateLimitingFirst
from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import running_server

TOKEN = "conformance-canary-token-7f3a"
OPERATION = "GET /snapshots/"


def _live_env(url: str, **extra: str) -> dict[str, str]:
    return {
        "HIGHLEVEL_TOKEN": TOKEN,
        "HIGHLEVEL_COMPANY_ID": "5D112kQsiKESj6rash",
        "HIGHLEVEL_BASE_URL": url,
        "CONFORMANCE_RATE": "1000/1s",
        **extra,
    }


def _live_run(server: ReplayApp, reports: Path, *args: str, **env: str) -> tuple[int, dict[str, Any]]:
    with running_server(server) as url:
        status = run(["--reports", str(reports), "--max-examples", "5", *args], env=_live_env(url, **env))
    return status, json.loads((reports / "conformance.json").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.timeout(120)  # a whole offline `make conformance`: about 11 s alone
def test_make_conformance_passes_offline_and_its_reports_count_the_cases(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HIGHLEVEL_", "CONFORMANCE_"))}
    result = subprocess.run(  # noqa: S603 - a fixed command line
        ["make", "-s", "conformance", f"ARGS=--reports {tmp_path} --max-examples 2"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("Result: conforms")
    summary = json.loads((tmp_path / "conformance.json").read_text(encoding="utf-8"))
    assert summary["outcome"] == "conforms"
    assert summary["cases"] == sum(facts["cases"] for facts in summary["operations"].values()) > 0
    assert f"cases: {summary['cases']}" in result.stdout
    # Every phase ran: the replay of the fixtures conforms to every check, on every operation.
    assert all(facts["cases"] > 0 for facts in summary["operations"].values())
    assert all(set(facts["checks"]) == set(CONFORMANCE_CHECKS) for facts in summary["operations"].values())
    suite = ET.parse(tmp_path / "conformance.xml").getroot()  # noqa: S314 - our own report
    assert suite.get("failures") == suite.get("errors") == "0"
    ran = {(op, check): runs for op, facts in summary["operations"].items() for check, runs in facts["checks"].items()}
    reported = {
        (case.get("classname"), case.get("name")): int(runs.get("value", ""))
        for case in suite.iter("testcase")
        if (runs := case.find("properties/property[@name='runs']")) is not None
    }
    assert reported == ran
    assert (tmp_path / "conformance.md").read_text(encoding="utf-8").count("pass (") == len(ran)


def test_a_live_target_that_breaks_the_contract_fails_the_run_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A success body without a required field fails a schemathesis check and our client_parses alike.
    # (tests/test_contract_suite.py catches each broken server by its check, without the command.)
    server = broken_replays.SuccessDropsAField(load_fixtures(), token=TOKEN)
    status, summary = _live_run(server, tmp_path, "--phases", "coverage")
    out = capsys.readouterr().out
    assert status == 1
    for check in ("response_schema_conformance", "client_parses"):
        assert f"FAIL {check} on {OPERATION}" in out
    assert out.splitlines()[-1].startswith("Result: DOES NOT CONFORM")
    assert TOKEN not in out
    assert TOKEN not in "".join(path.read_text() for path in tmp_path.iterdir())
    assert summary["outcome"] == "does-not-conform"
    assert all(summary["target"] in failure["curl"] for failure in summary["failures"])
    assert "undocumented_method" in summary["operations"][OPERATION]["not_run"]


def test_a_live_run_never_exceeds_the_configured_rate(tmp_path: Path) -> None:
    server = CountingReplay(load_fixtures(), token=TOKEN)
    status, summary = _live_run(server, tmp_path, "--phases", "fuzzing", CONFORMANCE_RATE="6/300ms")
    assert status == 0, summary["reason"]
    assert summary["requests"] >= len(server.arrivals) > 6
    assert server.most_in_any_window(0.3) <= 6


@pytest.mark.sleeps
def test_429s_with_highlevels_headers_are_waited_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = RateLimitingFirst(load_fixtures(), token=TOKEN)
    status, summary = _live_run(server, tmp_path, "--phases", "examples")
    assert status == 0, capsys.readouterr().out
    assert summary["rate_limited"] == RateLimitingFirst.limited
    assert (
        f"the API answered 429 {RateLimitingFirst.limited} times; each was waited out and sent again"
        in summary["notes"]
    )
    gaps = [later - earlier for earlier, later in zip(server.arrivals, server.arrivals[1:], strict=False)]
    assert all(gap >= RateLimitingFirst.interval_ms / 1000 * 0.9 for gap in gaps[: RateLimitingFirst.limited])


def test_undeclared_fields_are_drift_warnings_and_strict_failures(tmp_path: Path) -> None:
    extra = {"HIGHLEVEL_COMPANY_ID": "ExtraFieldCompany0"}
    status, summary = _live_run(ReplayApp(load_fixtures(), token=TOKEN), tmp_path, "--phases", "examples", **extra)
    assert status == 0
    assert summary["drift_warnings"] == {OPERATION: ["snapshots[].createdAt", "snapshots[].folder"]}
    status, summary = _live_run(
        ReplayApp(load_fixtures(), token=TOKEN), tmp_path, "--phases", "examples", "--strict", **extra
    )
    assert status == 1
    assert {failure["check"] for failure in summary["failures"]} == {"undeclared_fields"}
    # What the checks found stays with the run that found it: the next run, of an API without drift, sees none.
    status, summary = _live_run(ReplayApp(load_fixtures(), token=TOKEN), tmp_path, "--phases", "examples")
    assert (status, summary["drift_warnings"]) == (0, {})
    assert not (tmp_path / "spec.patch").exists()


def test_undocumented_pins_are_not_pinned(tmp_path: Path) -> None:
    # A stray HIGHLEVEL_VERSION once pinned the Version header: every request got a 400.
    server = ReplayApp(load_fixtures(), token=TOKEN)
    status, summary = _live_run(server, tmp_path, "--phases", "examples", HIGHLEVEL_VERSION="1999-01-01")
    assert status == 0, summary["reason"]


def test_a_live_run_never_asks_for_an_oauth_token_even_with_writes_allowed(tmp_path: Path) -> None:
    server = CountingReplay(load_fixtures(), token=TOKEN)
    ids = {"HIGHLEVEL_SNAPSHOT_ID": "1eM2UgkfaECOYyUdCo9Pa", "HIGHLEVEL_LOCATION_ID": "ve9EPM428h8vShlRW1KT"}
    # The examples phase sends each operation's documented examples: POST /oauth/token too, were it in scope.
    status, summary = _live_run(server, tmp_path, "--phases", "examples", CONFORMANCE_ALLOW_WRITES="1", **ids)
    assert status == 0
    assert "POST /oauth/token" not in summary["operations"]
    assert len(summary["operations"]) == 4
    assert not [request for request in server.requests if request.endswith("/oauth/token")]
    assert any(note.startswith("skipped get-access-token: never run live:") for note in summary["notes"])
