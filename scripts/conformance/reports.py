"""What a conformance run leaves behind: a terminal summary, JUnit XML for CI, and a JSON summary."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from scripts.conformance.suite import ContractReport


def summary_data(
    report: ContractReport,
    *,
    target: str,
    mode: str,
    requests: int,
    drift: dict[str, set[str]],
    strict: bool,
    notes: list[str],
) -> dict[str, Any]:
    return {
        "target": target,
        "mode": mode,
        "conforms": report.ok,
        "operations": sorted(report.operations),
        "cases": report.cases,
        "requests": requests,
        "checks": dict(sorted(report.check_runs.items())),
        "failures": [
            {"check": f.check, "operation": f.operation, "title": f.title, "message": f.message, "curl": f.curl}
            for f in report.failures
        ],
        "errors": report.errors,
        "drift_warnings": {operation: sorted(paths) for operation, paths in sorted(drift.items())},
        "strict": strict,
        "notes": notes,
        "seconds": round(report.seconds, 3),
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_junit(data: dict[str, Any], path: Path) -> None:
    """One test case per (operation, check) pair that ran, failed where any failure was seen."""
    failures: dict[tuple[str, str], list[dict[str, str]]] = {}
    for failure in data["failures"]:
        failures.setdefault((failure["operation"], failure["check"]), []).append(failure)
    suite = ET.Element("testsuite", name="conformance", tests="0", failures="0", errors=str(len(data["errors"])))
    count = 0
    for operation in data["operations"]:
        for check in data["checks"]:
            count += 1
            case = ET.SubElement(suite, "testcase", classname=operation, name=check)
            for failure in failures.get((operation, check), []):
                element = ET.SubElement(case, "failure", message=failure["title"])
                element.text = f"{failure['message']}\n\nReproduce with:\n{failure['curl']}"
    for error in data["errors"]:
        count += 1
        case = ET.SubElement(suite, "testcase", classname="conformance", name="error")
        ET.SubElement(case, "error", message=error.splitlines()[0] if error else "error").text = error
    suite.set("tests", str(count))
    suite.set("failures", str(len(failures)))
    suite.set("time", str(data["seconds"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def terminal_summary(data: dict[str, Any]) -> str:
    lines = [
        "",
        f"Conformance of the spec, the client and {data['target']} ({data['mode']})",
        f"  operations: {len(data['operations'])}   cases: {data['cases']}   requests: {data['requests']}   "
        f"checks: {len(data['checks'])} kinds, {sum(data['checks'].values())} runs   time: {data['seconds']:.1f} s",
    ]
    for failure in data["failures"]:
        lines += [
            f"  FAIL {failure['check']} on {failure['operation']}: {failure['title']}",
            *(f"       {line}" for line in failure["message"].strip().splitlines()[:6]),
            f"       reproduce: {failure['curl']}",
        ]
    for error in data["errors"]:
        lines.append(f"  ERROR {error.splitlines()[0] if error else ''}")
    for operation, paths in data["drift_warnings"].items():
        label = "FAIL (strict) drift" if data["strict"] else "drift warning"
        lines.append(f"  {label} on {operation}: undeclared fields {', '.join(paths)}")
    lines += [f"  note: {note}" for note in data["notes"]]
    verdict = "conforms" if data["conforms"] else "DOES NOT CONFORM"
    lines.append(
        f"Result: {verdict}: {len(data['failures'])} failures, {len(data['errors'])} errors, "
        f"{sum(len(p) for p in data['drift_warnings'].values())} drift warnings"
    )
    return "\n".join(lines)
