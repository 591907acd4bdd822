"""What a conformance run leaves behind, all from one summary (`summary_data`): the terminal
summary, JUnit XML and a JSON summary for CI, and a Markdown summary for people (and GitHub's
job summary).

Each (operation, check) pair the run meant to judge is reported once: with the number of times
the check ran on the operation's answers, or as not run, with the reason (the operation or the
check was skipped, no case called for the check, the run stopped first). An operation the run
meant to check that got no case at all is an error, unless the run stopped before it.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.conformance.suite import ContractReport

OUTCOMES = {"conforms": 0, "does-not-conform": 1, "could-not-check": 2}  # -> exit status
NO_CASE = "no case ran for this operation"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Verdict:
    outcome: str  # a key of OUTCOMES
    reason: str  # empty when it conforms

    @property
    def words(self) -> str:
        if self.outcome == "conforms":
            return "conforms"
        if self.outcome == "does-not-conform":
            return f"DOES NOT CONFORM: {self.reason}"
        return f"COULD NOT CHECK: {self.reason}; no check was failed for it"


def judge(report: ContractReport, expected: list[str], stopped: str | None) -> Verdict:
    """Does not conform only for what the API answered; could not check when the run could not
    finish or ran into errors of its own; else conforms."""
    unchecked = [operation for operation in expected if not report.cases[operation]]
    if report.failures:
        incomplete = f" (the run did not finish: {stopped})" if stopped else ""
        return Verdict(
            "does-not-conform", f"{plural(len(report.failures), 'failure')} in the API's answers{incomplete}"
        )
    reasons = [stopped] if stopped else []
    if report.errors:
        reasons.append(f"{plural(len(report.errors), 'error')} while running the checks")
    if unchecked and not stopped:
        reasons.append(f"{NO_CASE}: {', '.join(unchecked)}")
    return Verdict("could-not-check", "; ".join(reasons)) if reasons else Verdict("conforms", "")


def _not_run(check: str, runs: dict[str, int], skipped_checks: dict[str, str], stopped: str | None) -> str | None:
    if check in runs:
        return None
    if check in skipped_checks:
        return skipped_checks[check]
    return f"the run stopped first: {stopped}" if stopped else "no case of this operation called for it"


def summary_data(
    report: ContractReport,
    verdict: Verdict,
    *,
    target: str,
    mode: str,
    expected: list[str],
    checks: list[str],
    skipped_operations: dict[str, str],
    skipped_checks: dict[str, str],
    stopped: str | None,
    traffic: dict[str, Any],
    drift: dict[str, set[str]],
    warnings: dict[str, list[str]],
    strict: bool,
    notes: list[str],
) -> dict[str, Any]:
    operations: dict[str, Any] = {}
    for operation in expected:
        runs = {check: report.check_runs[operation, check] for check in checks if report.check_runs[operation, check]}
        reasons = {check: _not_run(check, runs, skipped_checks, stopped) for check in [*checks, *skipped_checks]}
        operations[operation] = {
            "cases": report.cases[operation],
            "checks": runs,
            "not_run": {check: why for check, why in reasons.items() if why is not None},
        }
    return {
        "outcome": verdict.outcome,
        "reason": verdict.reason,
        "target": target,
        "mode": mode,
        "strict": strict,
        "operations": operations,
        "skipped_operations": skipped_operations,
        "stopped": stopped,
        "cases": report.cases.total(),
        **traffic,
        "failures": [
            {"check": f.check, "operation": f.operation, "title": f.title, "message": f.message, "curl": f.curl}
            for f in sorted(report.failures, key=lambda f: (f.operation, f.check, f.title))
        ],
        "errors": report.errors,
        "warnings": warnings,
        "drift_warnings": {operation: sorted(paths) for operation, paths in sorted(drift.items())},
        "notes": notes,
        "seconds": round(report.seconds, 3),
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _failures_by_pair(data: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, str]]]:
    failures: dict[tuple[str, str], list[dict[str, str]]] = {}
    for failure in data["failures"]:
        failures.setdefault((failure["operation"], failure["check"]), []).append(failure)
    return failures


def _run_errors(data: dict[str, Any]) -> list[str]:
    """Errors of the run itself: the checks' own, and why it stopped."""
    return [*data["errors"], *([f"the run stopped: {data['stopped']}"] if data["stopped"] else [])]


def write_junit(data: dict[str, Any], path: Path) -> None:
    """One test case per (operation, check) the run meant to judge: passed or failed with its
    number of runs (a `runs` property), or skipped with the reason; errors for the run's own."""
    failures = _failures_by_pair(data)
    suite = ET.Element("testsuite", name="conformance")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def case(classname: str, name: str) -> ET.Element:
        counts["tests"] += 1
        return ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")

    for operation, facts in data["operations"].items():
        if not facts["cases"] and not data["stopped"]:
            counts["errors"] += 1
            ET.SubElement(case(operation, "cases"), "error", message=NO_CASE).text = NO_CASE
        for check, runs in facts["checks"].items():
            element = case(operation, check)
            properties = ET.SubElement(element, "properties")
            ET.SubElement(properties, "property", name="runs", value=str(runs))
            for failure in failures.get((operation, check), [])[:1]:
                counts["failures"] += 1
                failed = ET.SubElement(element, "failure", message=failure["title"])
                failed.text = f"{failure['message']}\n\nReproduce with:\n{failure['curl']}"
        for check, why in facts["not_run"].items():
            counts["skipped"] += 1
            ET.SubElement(case(operation, check), "skipped", message=why)
    for operation, why in data["skipped_operations"].items():
        counts["skipped"] += 1
        ET.SubElement(case(operation, "all checks"), "skipped", message=why)
    for error in _run_errors(data):
        counts["errors"] += 1
        message = error.splitlines()[0] if error else "error"
        ET.SubElement(case("conformance", "run"), "error", message=message).text = error
    for name, count in counts.items():
        suite.set(name, str(count))
    suite.set("time", str(data["seconds"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def _check_names(data: dict[str, Any]) -> list[str]:
    names = {check for facts in data["operations"].values() for check in [*facts["checks"], *facts["not_run"]]}
    return sorted(names)


def terminal_summary(data: dict[str, Any]) -> str:
    kinds = {check for facts in data["operations"].values() for check in facts["checks"]}
    runs = sum(sum(facts["checks"].values()) for facts in data["operations"].values())
    checked = sum(1 for facts in data["operations"].values() if facts["cases"])
    lines = [
        "",
        f"Conformance of the spec, the client and {data['target']} ({data['mode']})",
        f"  operations: {checked} of {len(data['operations']) + len(data['skipped_operations'])}   "
        f"cases: {data['cases']}   requests: {data['requests']}   "
        f"checks: {len(kinds)} kinds, {runs} runs   time: {data['seconds']:.1f} s",
    ]
    for failure in data["failures"]:
        lines += [
            f"  FAIL {failure['check']} on {failure['operation']}: {failure['title']}",
            *(f"       {line}" for line in [text for text in failure["message"].splitlines() if text.strip()][:3]),
            f"       reproduce: {failure['curl']}",
        ]
    lines += [f"  ERROR {error.splitlines()[0] if error else ''}" for error in _run_errors(data)]
    for operation, found in data["warnings"].items():
        lines += [f"  warning on {operation}: {warning}" for warning in found]
    for operation, paths in data["drift_warnings"].items():
        label = "FAIL (strict) drift" if data["strict"] else "drift warning"
        lines.append(f"  {label} on {operation}: undeclared fields {', '.join(paths)}")
    lines += [f"  note: {note}" for note in data["notes"]]
    return "\n".join(lines)


def result_line(data: dict[str, Any]) -> str:
    verdict = Verdict(data["outcome"], data["reason"])
    counts = ", ".join(
        [
            plural(len(data["failures"]), "failure"),
            plural(len(_run_errors(data)), "error"),
            plural(sum(len(found) for found in data["warnings"].values()), "warning"),
            plural(sum(len(paths) for paths in data["drift_warnings"].values()), "drift warning"),
        ]
    )
    return f"Result: {verdict.words} ({counts})"


def _cell(facts: dict[str, Any], check: str, failed: bool) -> str:
    if check in facts["checks"]:
        runs = facts["checks"][check]
        return f"**FAIL** ({runs} runs)" if failed else f"pass ({runs} runs)"
    return "not run" if check in facts["not_run"] else ""


def markdown_summary(data: dict[str, Any]) -> str:
    checks = _check_names(data)
    failures = _failures_by_pair(data)
    lines = [
        f"## Conformance of {data['target']} ({data['mode']})",
        "",
        f"**{result_line(data)}**",
        "",
        f"| operation | cases | {' | '.join(f'`{check}`' for check in checks)} |",
        f"|---|---:|{'---|' * len(checks)}",
    ]
    for operation, facts in data["operations"].items():
        cells = [_cell(facts, check, (operation, check) in failures) for check in checks]
        lines.append(f"| `{operation}` | {facts['cases']} | {' | '.join(cells)} |")
    for operation, why in data["skipped_operations"].items():
        lines.append(f"| `{operation}` | skipped: {why} |{' |' * len(checks)}")
    not_run = {
        f"`{check}` on `{operation}`: {why}"
        for operation, facts in data["operations"].items()
        for check, why in facts["not_run"].items()
    }
    if not_run:
        lines += ["", "Not run:", "", *(f"- {line}" for line in sorted(not_run))]
    if data["failures"]:
        lines += ["", "### Failures"]
    for failure in data["failures"]:
        lines += [
            "",
            f"**{failure['check']}** on `{failure['operation']}`: {failure['title']}",
            "",
            "```text",
            failure["message"].strip(),
            "```",
            "",
            "```sh",
            failure["curl"],
            "```",
        ]
    sections = {
        "Errors": _run_errors(data),
        "Warnings": [f"`{op}`: {warning}" for op, found in data["warnings"].items() for warning in found],
        "Drift (fields the spec does not declare)": [
            f"`{op}`: {', '.join(f'`{path}`' for path in paths)}" for op, paths in data["drift_warnings"].items()
        ],
        "Notes": data["notes"],
    }
    for title, items in sections.items():
        if items:
            lines += ["", f"### {title}", "", *(f"- {item}" for item in items)]
    return "\n".join(lines) + "\n"
