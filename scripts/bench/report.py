"""The output of `make bench`: a table for people and reports/bench.json for tools."""

import json
from pathlib import Path
from typing import Any

from scripts.bench.results import Row


def _figure(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "rps":
        return f"{value:,.0f} rps"
    if unit == "n":
        return f"{value:,.0f}"
    return f"{value:.2f} s"


def _spread(row: Row) -> str:
    if row.low == row.high == row.median:
        return "-"
    low, high = _figure(row.low, row.unit), _figure(row.high, row.unit)
    return f"{low.removesuffix('x').removesuffix(' s').removesuffix(' rps')}-{high}"


def _status(row: Row) -> str:
    if row.failed:
        return "FAILED"
    return {True: "ok", False: "MISS", None: ""}[row.holds]


HEADER = ("row", "against", "median", "spread", "absolute", "target", "")


def table(rows: list[Row], skipped: list[str]) -> str:
    lines = [
        (
            row.title,
            row.baseline or "-",
            _figure(row.median, row.unit),
            _spread(row),
            row.absolute,
            str(row.target) if row.target else "-",
            _status(row),
        )
        for row in rows
    ]
    lines += [(title, "-", "skipped", "", "", "", "") for title in skipped]
    widths = [max(len(line[i]) for line in [HEADER, *lines]) for i in range(len(HEADER))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]
    rule = "  ".join("-" * width for width in widths)
    head = "  ".join(cell.ljust(width) for cell, width in zip(HEADER, widths, strict=True)).rstrip()
    return "\n".join([head, rule, *text])


LEGEND = (
    "ratios: typed (or replay) time over the baseline's, median of interleaved rounds; spread: p25-p75 of the"
    " per-round ratios (commands: min-max of runs); absolute: candidate vs baseline"
)


def summary_line(rows: list[Row]) -> str:
    judged = [row for row in rows if row.holds is not None]
    held = sum(1 for row in judged if row.holds)
    return f"targets: {held} of {len(judged)} hold (make bench measures, it does not gate: exit status 0)"


def bench_data(
    rows: list[Row],
    skipped: list[str],
    settings: dict[str, Any],
    wall_seconds: float,
    machine: dict[str, Any],
) -> dict[str, Any]:
    return {
        "command": "make bench",
        "wall_seconds": wall_seconds,
        "machine": machine,
        "settings": settings,
        "rows": [row.to_json() for row in rows],
        "skipped": skipped,
        "targets": {
            "held": sum(1 for row in rows if row.holds is True),
            "missed": sum(1 for row in rows if row.holds is False),
        },
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
