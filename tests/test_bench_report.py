"""`make bench` end to end at toy sizes, with fake commands: every row reaches bench.json, targets
are judged, and the exit status is 0 whether they hold or not. No figure is asserted on."""

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scripts.bench import __main__ as bench
from scripts.bench import budget, calls
from scripts.bench.floor import FloorSnapshots
from scripts.bench.report import table
from scripts.bench.results import Row, Target
from scripts.bench.rows import TOOL_TITLES, BenchError, Settings, budget_row, call_rows, call_target, steps
from scripts.bench.tools import Timed
from scripts.conformance.reports import OUTCOMES
from scripts.paths import ROOT

TOY = Settings(
    call_sizes=(1, 3),
    parse_size=5,
    memory_size=7,
    rounds=2,
    min_sample_seconds=0.0,
    memory_rounds=2,
    clients=2,
    requests_per_client=2,
    server_rounds=1,
    budget_workers=(("async", 2), ("sync", 2)),
    budget_calls=2,
    budget_burst_max=10,
    budget_interval_ms=200,
    budget_background=1,
    many_processes=2,
    many_threads=2,
    generate_runs=2,
    conformance_runs=1,
    test_runs=1,
    live_burst=30,
    live_interval_ms=300,
    live_others=6,
    live_max_examples=1,
    live_phases="examples",
)
TOY_ROWS = [
    "call.sync.1.vs_floor",
    "call.sync.1.vs_json",
    "call.sync.3.vs_floor",
    "call.sync.3.vs_json",
    "call.async.1.vs_floor",
    "call.async.1.vs_json",
    "call.async.3.vs_floor",
    "call.async.3.vs_json",
    "parse.5.vs_pydantic",
    "parse.5.vs_json",
    "memory.7",
    "server.rps",
    "server.vs_trivial",
    "live.conformance",
    "budget.async",
    "budget.sync",
    "many_workers.redis",
    "many_workers.alone",
    "store.call.vs_memory",
    "tool.generate",
    "tool.conformance",
    "tool.test",
]


class FakeCommands:
    def __init__(self, seconds: float, returncode: int = 0) -> None:
        self.seconds, self.returncode = seconds, returncode
        self.seen: list[tuple[list[str], dict[str, str]]] = []

    def __call__(self, command: Sequence[str], env: Mapping[str, str]) -> Timed:
        self.seen.append((list(command), dict(env)))
        return Timed(seconds=self.seconds, returncode=self.returncode, output_tail="boom" if self.returncode else "")


def _bench(tmp_path: Path, commands: FakeCommands, *flags: str) -> dict[str, Any]:
    output = tmp_path / "bench.json"
    assert bench.main(["--output", str(output), *flags], base=TOY, runner=commands) == 0
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


def test_the_default_settings_are_the_sizes_of_issues_7_and_14() -> None:
    settings = Settings()
    assert settings.call_sizes == (1, 100, 10_000)
    assert (settings.parse_size, settings.memory_size, settings.clients) == (10_000, 100_000, 16)
    assert settings.budget_workers == (("async", 16), ("sync", 8))
    assert (settings.budget_calls, settings.budget_burst_max, settings.budget_interval_ms) == (15, 50, 5000)
    assert settings.budget_background == 15
    assert settings.include_make_test
    assert (settings.live_burst, settings.live_interval_ms, settings.live_others) == (100, 10_000, 30)


def test_the_call_targets_are_those_of_issue_14() -> None:
    assert [str(call_target(size)) for size in (1, 100, 10_000)] == ["<= 1.05x", "<= 1.1x", "<= 1.1x"]


def test_every_row_reaches_bench_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BENCH_SKIP_TEST", raising=False)
    monkeypatch.setenv("HIGHLEVEL_TOKEN", "must-not-reach-the-commands")
    commands = FakeCommands(seconds=1.0)
    data = _bench(tmp_path, commands)

    assert [row["id"] for row in data["rows"]] == TOY_ROWS
    assert data["skipped"] == []
    for row in data["rows"]:
        # A count (of 429s) can be 0; every time and ratio is above it.
        least = 0 if row["unit"] == "n" else math.ulp(0)
        assert all(math.isfinite(row[key]) and row[key] >= least for key in ("median", "low", "high")), row
        assert row["low"] <= row["median"] <= row["high"], row
        assert row["spread"] and row["absolute"], row
    targets = {row["id"]: row["target"] for row in data["rows"]}
    assert targets["call.sync.1.vs_floor"] == targets["call.async.1.vs_floor"] == "<= 1.05x"
    assert targets["call.sync.3.vs_floor"] == targets["call.async.3.vs_floor"] == "<= 1.05x"
    assert targets["call.sync.1.vs_json"] is None
    assert targets["budget.async"] == targets["budget.sync"] == "<= 8"
    budget = {row["id"]: row["detail"] for row in data["rows"] if row["id"].startswith("budget.")}
    assert [(detail["calls"], detail["lost"]) for detail in budget.values()] == [(4, 0), (4, 0)]
    many = {row["id"]: row["detail"] for row in data["rows"] if row["id"].startswith("many_workers.")}
    assert [(detail["calls"], detail["lost"]) for detail in many.values()] == [(8, 0), (8, 0)]
    assert (targets["many_workers.redis"], targets["many_workers.alone"]) == ("<= 10", None)
    assert targets["store.call.vs_memory"] == "<= 1.3x"
    assert targets["parse.5.vs_pydantic"] == "<= 1x"
    assert targets["memory.7"] == "<= 2x"
    assert [targets[f"tool.{name}"] for name in ("generate", "conformance", "test")] == ["< 3 s", "< 30 s", "< 60 s"]
    assert targets["server.rps"] is None and targets["parse.5.vs_json"] is None
    assert targets["live.conformance"] == "<= 2x"
    live = next(row for row in data["rows"] if row["id"] == "live.conformance")["detail"]
    assert live["requests"] > 0 and live["rate_limited"] >= 0 and live["outcome"] in OUTCOMES

    printed = capsys.readouterr().out
    assert all(row["title"] in printed for row in data["rows"])
    # The commands run where they cannot touch the work tree, and offline.
    names = [command[2] if command[0] != "make" else "make test" for command, _ in commands.seen]
    assert names == ["scripts.codegen.generate", "scripts.codegen.generate", "scripts.conformance", "make test"]
    for command, env in commands.seen:
        assert not any(name.startswith("HIGHLEVEL_") for name in env)
        assert not any(part.startswith(str(ROOT)) for part in command[3:])


def test_missed_targets_and_failed_commands_still_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_SKIP_TEST", "1")
    # Only the commands' rows: test_every_row_reaches_bench_json runs the others.
    monkeypatch.setattr(
        bench, "steps", lambda *args: [step for step in steps(*args) if step[0] in TOOL_TITLES.values()]
    )
    commands = FakeCommands(seconds=100.0, returncode=2)
    data = _bench(tmp_path, commands)
    tools = {row["id"]: row for row in data["rows"] if row["id"].startswith("tool.")}
    assert set(tools) == {"tool.generate", "tool.conformance"}
    assert data["skipped"] == ["make test"]
    assert all(command[0] != "make" for command, _ in commands.seen)
    assert all(row["holds"] is False and row["failed"] == "exit 2: boom" for row in tools.values())
    assert data["targets"]["missed"] >= 2


def test_quick_or_bench_skip_test_leaves_out_make_test() -> None:
    assert bench.settings_for(False, {}).include_make_test
    assert not bench.settings_for(True, {}).include_make_test
    assert not bench.settings_for(False, {"BENCH_SKIP_TEST": "1"}).include_make_test
    assert bench.settings_for(False, {"BENCH_SKIP_TEST": "0"}, TOY) == TOY


def _row(median: float, target: Target | None, failed: str = "") -> Row:
    return Row("r", "a row", "", "x", median, median, median, "", "", target, failed)


def test_targets_are_judged_on_the_median() -> None:
    assert _row(1.05, Target(1.05, "x")).holds is True
    assert _row(1.0501, Target(1.05, "x")).holds is False
    assert _row(60.0, Target(60, "s", strict=True)).holds is False
    assert _row(59.9, Target(60, "s", strict=True)).holds is True
    assert _row(0.5, None).holds is None
    assert _row(0.5, Target(3, "s", strict=True), failed="exit 1").holds is False
    lines = table([_row(1.2, Target(1.05, "x")), _row(0.9, Target(1.05, "x")), _row(2.0, None)], []).splitlines()
    assert [line.split()[-1] for line in lines[2:]] == ["MISS", "ok", "-"]


@pytest.mark.parametrize(("side", "wrong"), [("bare_once", {"snapshots": []}), ("floor_once", FloorSnapshots([]))])
def test_sides_that_disagree_with_the_typed_call_stop_the_bench(
    monkeypatch: pytest.MonkeyPatch, side: str, wrong: object
) -> None:
    real = calls.SIDES["sync"]

    @contextmanager
    def disagreeing(body: bytes) -> Iterator[calls.CallSides]:
        with real(body) as sides:
            changed: dict[str, Any] = {side: lambda: wrong}
            yield replace(sides, **changed)

    monkeypatch.setitem(calls.SIDES, "sync", disagreeing)
    with pytest.raises(BenchError, match="disagree"):
        call_rows("sync", 2, TOY)


def test_a_lost_call_fails_the_budget_row_whatever_the_429s(monkeypatch: pytest.MonkeyPatch) -> None:
    def lossy(mode: str, scenario: budget.Scenario) -> budget.LoadResult:
        return budget.LoadResult(scenario.total_calls, scenario.total_calls - 1, 0, 1.0, 0, ("UnexpectedStatus",))

    monkeypatch.setattr(budget, "load", lossy)
    row = budget_row("sync", 2, TOY)
    assert (row.median, row.holds, row.failed) == (0, False, "lost 1 of 4 calls: 1 UnexpectedStatus")
