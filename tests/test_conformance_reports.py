"""The verdict and the reports say what ran: no check is claimed that did not run, and an
operation that got no case is an error, not a pass."""

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from scripts.conformance.reports import judge, markdown_summary, result_line, summary_data, write_junit
from scripts.conformance.suite import CheckFailure, ContractReport

LISTED, UNREACHED, SKIPPED = (
    "GET /snapshots/",
    "GET /snapshots/snapshot-status/{snapshotId}",
    "POST /snapshots/share/link",
)
CHECKS = ["not_a_server_error", "client_parses"]


def _report(failures: int = 0) -> ContractReport:
    failure = CheckFailure(
        "not_a_server_error", LISTED, "Server error", "500", "curl -X GET 'https://api.invalid/snapshots/'"
    )
    return ContractReport(
        cases=Counter({LISTED: 3}),
        check_runs=Counter({(LISTED, "not_a_server_error"): 3}),
        failures=[failure] * failures,
    )


def _data(report: ContractReport, stopped: str | None = None) -> dict[str, Any]:
    expected = [LISTED, UNREACHED]
    return summary_data(
        report,
        judge(report, expected, stopped),
        target="https://api.invalid",
        mode="live",
        expected=expected,
        checks=CHECKS,
        skipped_operations={SKIPPED: "it writes; set CONFORMANCE_ALLOW_WRITES=1 to include it"},
        skipped_checks={"undocumented_method": "it sends undocumented methods"},
        stopped=stopped,
        traffic={"requests": 3, "rate_limited": 0, "waited_seconds": 0.0, "not_answered": 0},
        drift={},
        warnings={},
        strict=False,
        notes=[],
    )


def _cases(path: Path) -> dict[tuple[str, str], ET.Element]:
    suite = ET.parse(path).getroot()  # noqa: S314 - our own report
    return {(case.get("classname", ""), case.get("name", "")): case for case in suite.iter("testcase")}


def test_an_operation_with_no_case_could_not_be_checked_and_is_an_error(tmp_path: Path) -> None:
    data = _data(_report())
    assert (data["outcome"], data["reason"]) == ("could-not-check", f"no case ran for this operation: {UNREACHED}")
    write_junit(data, tmp_path / "junit.xml")
    cases = _cases(tmp_path / "junit.xml")
    assert cases[UNREACHED, "cases"].find("error") is not None
    assert result_line(data).startswith("Result: COULD NOT CHECK: no case ran")


def test_only_the_checks_that_ran_are_test_cases_with_their_runs(tmp_path: Path) -> None:
    data = _data(_report())
    write_junit(data, tmp_path / "junit.xml")
    cases = _cases(tmp_path / "junit.xml")
    ran = cases[LISTED, "not_a_server_error"]
    assert ran.find("properties/property[@name='runs']").get("value") == "3"  # type: ignore[union-attr]
    assert ran.find("skipped") is None and ran.find("failure") is None
    not_run = cases[LISTED, "client_parses"].find("skipped")
    assert not_run is not None and not_run.get("message") == "no case of this operation called for it"
    assert cases[LISTED, "undocumented_method"].find("skipped").get("message") == "it sends undocumented methods"  # type: ignore[union-attr]
    assert "CONFORMANCE_ALLOW_WRITES" in cases[SKIPPED, "all checks"].find("skipped").get("message", "")  # type: ignore[union-attr]
    assert data["operations"][LISTED]["checks"] == {"not_a_server_error": 3}


def test_a_failure_of_the_api_does_not_conform_even_when_the_run_stopped(tmp_path: Path) -> None:
    data = _data(_report(failures=1), stopped="the request cap of 5 is reached")
    assert data["outcome"] == "does-not-conform"
    assert data["reason"] == "1 failure in the API's answers (the run did not finish: the request cap of 5 is reached)"
    write_junit(data, tmp_path / "junit.xml")
    cases = _cases(tmp_path / "junit.xml")
    assert cases[LISTED, "not_a_server_error"].find("failure") is not None
    # Stopped before it: skipped with the reason, not an error of the API's.
    assert cases[UNREACHED, "client_parses"].find("skipped").get("message", "").startswith("the run stopped first")  # type: ignore[union-attr]
    assert (UNREACHED, "cases") not in cases


def test_the_markdown_summary_has_the_table_the_failures_and_their_curl() -> None:
    markdown = markdown_summary(_data(_report(failures=1)))
    # Columns in name order: client_parses, not_a_server_error, undocumented_method.
    assert f"| `{LISTED}` | 3 | not run | **FAIL** (3 runs) | not run |" in markdown
    assert f"| `{SKIPPED}` | skipped: it writes" in markdown
    assert "curl -X GET 'https://api.invalid/snapshots/'" in markdown
    assert "**Result: DOES NOT CONFORM: 1 failure in the API's answers" in markdown
