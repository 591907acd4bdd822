"""A live `make conformance` against the live-like stand-in (scripts/stand_ins/live_like.py, written from
the API facts, not from the spec): read-only by default, fair to undocumented methods, polite to
a shared budget, and honest about what it could not check. Windows are scaled down."""

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scripts.conformance import run as conformance
from scripts.conformance.run import run
from scripts.conformance.settings import live_politeness
from scripts.conformance.suite import ContractReport
from scripts.spec import operations
from scripts.stand_ins.live_like import COMPANY_ID, LOCATION_ID, SNAPSHOT_ID, LiveLike
from scripts.wsgi import running_server

TOKEN = "live-conformance-canary-token-91c2"
EVERYTHING = {
    "HIGHLEVEL_SNAPSHOT_ID": SNAPSHOT_ID,
    "HIGHLEVEL_LOCATION_ID": LOCATION_ID,
    "CONFORMANCE_ALLOW_WRITES": "1",
}
PHASES_IN_BRIEF = "examples,fuzzing"  # the coverage phase alone makes ~170 requests of four operations


def _env(url: str, **extra: str) -> dict[str, str]:
    return {
        "HIGHLEVEL_TOKEN": TOKEN,
        "HIGHLEVEL_COMPANY_ID": COMPANY_ID,
        "HIGHLEVEL_BASE_URL": url,
        "CONFORMANCE_RATE": "1000/1s",
        **extra,
    }


def _run(app: LiveLike, reports: Path, *args: str, **env: str) -> tuple[int, dict[str, Any]]:
    with running_server(app) as url:
        status = run(["--reports", str(reports), "--max-examples", "3", *args], env=_env(url, **env))
    return status, json.loads((reports / "conformance.json").read_text(encoding="utf-8"))


def _roomy(**settings: Any) -> LiveLike:
    """The stand-in with a budget no functional test comes near."""
    return LiveLike(token=TOKEN, **{"burst_max": 100_000, **settings})


def _documented(method: str, path: str) -> bool:
    return any(
        op.method == method and op.path_pattern.match(path.rstrip("/") + "/" * op.path.endswith("/"))
        for op in operations()
    )


@pytest.mark.slow
def test_a_default_live_run_sends_only_the_documented_method_of_each_documented_path(tmp_path: Path) -> None:
    # Finding 1: the coverage phase sent POST, PUT, PATCH, DELETE, TRACE, OPTIONS and QUERY by itself.
    app = _roomy()
    pinned = {"HIGHLEVEL_SNAPSHOT_ID": SNAPSHOT_ID, "HIGHLEVEL_LOCATION_ID": LOCATION_ID}
    _, summary = _run(app, tmp_path, **pinned)
    assert summary["outcome"] != "could-not-check", summary["reason"]
    assert app.methods == {"GET"}
    assert len(app.seen) == summary["requests"] > 50
    assert all(_documented(seen.method, seen.path) for seen in app.seen)
    assert "undocumented_method" in summary["operations"]["GET /snapshots/"]["not_run"]


@pytest.mark.slow
def test_a_501_to_an_unknown_method_is_no_server_error(tmp_path: Path) -> None:
    # Finding 2: a server answering QUERY with 501, as RFC 9110 says, failed not_a_server_error.
    app = _roomy(unknown_method_status=501)
    _, summary = _run(app, tmp_path, "--phases", "coverage", CONFORMANCE_ALLOW_WRITES="1")
    answered = Counter((seen.method, seen.status) for seen in app.seen)
    assert answered["QUERY", 501] > 0 and answered["POST", 404] > 0
    judged_by_method = {"not_a_server_error", "undocumented_method"}
    assert [f for f in summary["failures"] if f["check"] in judged_by_method] == []
    assert summary["operations"]["GET /snapshots/"]["checks"]["undocumented_method"] > 0
    # Express's 404 instead of 405 is a warning, not a failure.
    assert any("answered 404, not 405" in warning for warning in summary["warnings"]["GET /snapshots/"])


@pytest.mark.sleeps
def test_a_shared_budget_is_spent_politely(tmp_path: Path) -> None:
    # Finding 3: one 429 made the run wait 65 s, four requests timed out, and the API "did not conform".
    # 30 requests per 2 s window, 10 of them spent by other traffic; all four operations.
    app = LiveLike(token=TOKEN, burst_max=30, interval_ms=2000, background=10, latency=0.02)
    _, summary = _run(app, tmp_path, "--phases", PHASES_IN_BRIEF, "--max-examples", "10", **EVERYTHING)
    assert summary["errors"] == [] and summary["stopped"] is None
    assert set(summary["operations"]) == {f"{op.method} {op.path}" for op in operations() if not op.never_live}
    assert app.rate_limited == summary["rate_limited"] <= 2
    # The waiting the pacing adds stays within twice the time the budget left to the run allows.
    budget_seconds = summary["requests"] * 2.0 / (30 - 10)
    assert summary["waited_seconds"] <= 2 * budget_seconds


def test_an_unreachable_target_could_not_be_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Finding 4: exit 1 with FAIL lines blamed on the API.
    with running_server(_roomy()) as url:
        pass  # the port is closed again: nothing listens there now
    status = run(["--reports", str(tmp_path), "--max-examples", "2"], env=_env(url))
    out = capsys.readouterr().out
    summary = json.loads((tmp_path / "conformance.json").read_text(encoding="utf-8"))
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert f"could not reach {url}" in summary["reason"]
    assert summary["failures"] == [] and "FAIL" not in out
    assert out.splitlines()[-1].startswith("Result: COULD NOT CHECK: could not reach")


def test_the_request_cap_could_not_check_and_blames_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Finding 4: the cap answered 503 to schemathesis, and the checks blamed the API for it.
    app = _roomy()
    status, summary = _run(app, tmp_path, CONFORMANCE_MAX_REQUESTS="5")
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert "request cap of 5" in summary["reason"]
    assert len(app.seen) == summary["requests"] == 5
    assert summary["failures"] == [] and "FAIL" not in capsys.readouterr().out
    suite = ET.parse(tmp_path / "conformance.xml").getroot()  # noqa: S314 - our own report
    assert suite.get("failures") == "0" and int(suite.get("errors", "0")) >= 1


def test_a_spent_day_stops_the_run_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 16: a daily 429 was waited out and retried like a burst one.
    app = _roomy(daily_remaining=0)
    status, summary = _run(app, tmp_path)
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert len(app.seen) <= 2
    assert "day's request budget is spent" in summary["reason"] and "comes back in" in summary["reason"]
    assert summary["failures"] == [] and summary["rate_limited"] == 0
    assert "day's request budget is spent" in capsys.readouterr().out.splitlines()[-1]


def test_a_rate_limit_that_outlasts_the_time_budget_could_not_check(tmp_path: Path) -> None:
    app = _roomy(burst_max=4, interval_ms=600_000)
    status, summary = _run(app, tmp_path, CONFORMANCE_MAX_WAIT="0.5", CONFORMANCE_RESERVE="0")
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert "outlasts the run's time budget" in summary["reason"]
    # Four requests spend the window; the fifth would wait ten minutes. (401s spend no budget.)
    assert sum(1 for seen in app.seen if seen.status != 401) == 4 and app.rate_limited == 0


@pytest.mark.parametrize(
    "setting",
    [
        {"CONFORMANCE_RATE": "0/10s"},
        {"CONFORMANCE_RATE": "fast"},
        {"CONFORMANCE_MAX_REQUESTS": "-1"},
        {"CONFORMANCE_MAX_REQUESTS": "0"},
        {"CONFORMANCE_RESERVE": "2"},
        {"HIGHLEVEL_COMPANY_ID": ""},
    ],
    ids=lambda setting: "=".join(next(iter(setting.items()))),
)
def test_a_usage_error_could_not_check_without_a_traceback(
    setting: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _roomy()
    status, summary = _run(app, tmp_path, **setting)
    err = capsys.readouterr().err
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert summary["reason"].startswith("usage error: ")
    assert err.startswith("make conformance: ") and len(err.strip().splitlines()) == 1
    assert app.seen == []


def test_an_internal_error_could_not_check_and_keeps_the_token_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"something of ours broke near {TOKEN}")

    monkeypatch.setattr(conformance, "run_contract_suite", broken)
    status, summary = _run(_roomy(), tmp_path)
    captured = capsys.readouterr()
    assert (status, summary["outcome"]) == (2, "could-not-check")
    assert summary["reason"].startswith("internal error: RuntimeError: something of ours broke")
    assert TOKEN not in captured.out + captured.err + "".join(path.read_text() for path in tmp_path.iterdir())


def test_the_markdown_summary_goes_to_the_job_summary_too(tmp_path: Path) -> None:
    job_summary = tmp_path / "step-summary.md"
    job_summary.write_text("earlier step\n", encoding="utf-8")
    reports = tmp_path / "reports"
    _run(_roomy(), reports, "--phases", "examples", GITHUB_STEP_SUMMARY=str(job_summary))
    markdown = (reports / "conformance.md").read_text(encoding="utf-8")
    assert "| `GET /snapshots/` |" in markdown
    assert job_summary.read_text(encoding="utf-8") == "earlier step\n" + markdown


def test_schemathesis_waits_for_the_proxy_longer_than_any_wait_of_the_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Finding 3: the proxy slept up to 60 s per retry; schemathesis gave up after 10 s.
    seen: dict[str, Any] = {}

    def spy(*args: Any, **kwargs: Any) -> ContractReport:
        seen.update(kwargs)
        return ContractReport()

    monkeypatch.setattr(conformance, "run_contract_suite", spy)
    _run(_roomy(), tmp_path, CONFORMANCE_MAX_WAIT="900")
    assert seen["request_timeout"] > live_politeness({"CONFORMANCE_MAX_WAIT": "900"}).longest_forward_seconds() > 900
