"""`make bench`: the cost of the typed client, as ratios against baselines measured in the same run.

Prints a table and writes reports/bench.json. It measures and does not gate: the exit
status is 0 whether the targets hold or not (1 only when the harness itself finds that two
sides of a comparison disagree). `--quick` (or BENCH_SKIP_TEST=1) skips timing `make test`.
"""

import argparse
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from scripts.bench import machine, report, tools
from scripts.bench.results import Row
from scripts.bench.rows import TOOL_TITLES, BenchError, Settings, steps
from scripts.paths import ROOT

OUTPUT = ROOT / "reports" / "bench.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip timing `make test` (about a minute)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"the JSON report (default {OUTPUT})")
    return parser.parse_args(argv)


def run(
    settings: Settings,
    output: Path,
    runner: tools.Runner = tools.run_timed,
    progress: bool = True,
) -> dict[str, object]:
    """Measures every row, prints the table, writes the JSON; returns what it wrote."""
    watch = machine.CpuWatch.start()
    started = time.perf_counter()
    rows: list[Row] = []
    for label, measure in steps(settings, runner):
        if progress:
            print(f"  measuring {label} ...", flush=True)
        rows.extend(measure())
        watch.sample()
    wall = time.perf_counter() - started
    skipped = [] if settings.include_make_test else [TOOL_TITLES["test"]]
    data = report.bench_data(rows, skipped, settings.to_json(), wall, watch.summary(wall))
    report.write_json(data, output)
    print()
    print(report.table(rows, skipped))
    print(report.LEGEND)
    print(report.summary_line(rows))
    print(machine.describe(data["machine"], wall))
    print(f"wall time {wall:.0f} s; report: {output}")
    return data


def settings_for(quick: bool, env: Mapping[str, str], base: Settings | None = None) -> Settings:
    return replace(base or Settings(), include_make_test=not (quick or env.get("BENCH_SKIP_TEST") == "1"))


def main(argv: list[str] | None = None, base: Settings | None = None, runner: tools.Runner = tools.run_timed) -> int:
    """`base` and `runner` replace the full-size settings and the real commands in tests."""
    args = _arguments(argv)
    settings = settings_for(args.quick, os.environ, base)
    print("make bench: every ratio is candidate time over baseline time, measured interleaved in this run", flush=True)
    try:
        run(settings, args.output, runner)
    except BenchError as error:
        print(f"make bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
