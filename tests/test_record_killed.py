"""A recording killed with SIGKILL before any of its steps (tests/support/killable_recorder.py says
what a step is) leaves FIXTURES_DIR holding the earlier set or the new one, whole; what it left beside
the folder is gone once the next recording has started (`staging.recover`, its first step), and what
a recording under way has there is not. Without an exchange in one step, a kill between the two
renames leaves the folder missing until then."""

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from scripts.fixtures import FIXTURES_DIR
from scripts.paths import ROOT
from scripts.record.staging import recover, staged
from scripts.stand_ins.live_like import LiveLike
from scripts.wsgi import running_server

TOKEN = "killed-recording-token-7d1e"
Tree = dict[str, bytes] | None  # None: the folder does not exist


class KillableRecorder:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.killable_recorder"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _read(self) -> dict[str, Any]:
        out: IO[str] | None = self.process.stdout
        assert out is not None
        message: dict[str, Any] = json.loads(out.readline())
        return message

    def record(self, env: dict[str, str], *, step: int, exchange: bool) -> dict[str, Any]:
        """Records, killing the recorder before its step `step` if it gets there; what it reported."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"step": step, "env": env, "exchange": exchange}) + "\n")
        self.process.stdin.flush()
        report = self._read()
        if "paused" in report:
            os.kill(report["pid"], signal.SIGKILL)
        ended = self._read()
        assert ended["killed"] == ("paused" in report), report
        return report

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()  # its loop ends
        try:
            self.process.wait(timeout=10)
        finally:
            self.process.kill()
            self.process.wait()
            self.process.stdout.close()


@pytest.fixture(scope="module")
def killable() -> Iterator[KillableRecorder]:
    recorder = KillableRecorder()
    yield recorder
    recorder.close()


def _tree(folder: Path) -> Tree:
    if not folder.exists():
        return None
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


SCENARIOS = {
    # name: (a set there before, exchanged in one step)
    "into a set, exchanged": (True, True),
    "into a set, by two renames": (True, False),
    "into a new folder": (False, True),
}


@pytest.mark.slow
@pytest.mark.timeout(90)  # up to 30 recordings each: about 3 s alone
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_recording_killed_at_any_step_leaves_the_earlier_set_or_the_new_one(
    scenario: str, killable: KillableRecorder, tmp_path: Path
) -> None:
    existing, exchange = SCENARIOS[scenario]
    app = LiveLike(token=TOKEN)

    def record(attempt: str, step: int) -> tuple[Path, dict[str, Any]]:
        """A recording of what a token and a company id reach, into a folder of its own."""
        folder = tmp_path / attempt / "fixtures"
        folder.parent.mkdir()
        if existing:
            shutil.copytree(FIXTURES_DIR, folder)
        env = {"HIGHLEVEL_TOKEN": TOKEN, "HIGHLEVEL_COMPANY_ID": app.company_id, "HIGHLEVEL_BASE_URL": url}
        return folder, killable.record({**env, "FIXTURES_DIR": str(folder)}, step=step, exchange=exchange)

    with running_server(app) as url:
        folder, whole = record("whole", step=0)
        assert whole["finished"] == 0, whole["stderr"]
        earlier, new = (_tree(FIXTURES_DIR) if existing else None), _tree(folder)
        assert new not in (None, earlier)
        seen: dict[str, list[str]] = {"earlier": [], "new": [], "missing": []}
        for step in range(1, whole["steps"] + 1):
            folder, killed = record(f"killed-{step}", step=step)
            assert killed.get("paused") == step, killed
            left = _tree(folder)
            state = "earlier" if left == earlier else "new" if left == new else "missing" if left is None else None
            assert state is not None, f"killed before {killed['step']}: a set neither the earlier nor the new one"
            seen[state].append(killed["step"])
            recover(folder)
            assert _tree(folder) == (new if state == "new" else earlier), f"killed before {killed['step']}"
            assert os.listdir(folder.parent) == ([] if _tree(folder) is None else ["fixtures"]), killed["step"]
    # The kills fell on both sides of the swap; a folder went missing only between two renames.
    assert seen["earlier"] and seen["new"], seen
    if existing and exchange:
        assert seen["missing"] == [], seen
    if existing and not exchange:
        assert len(seen["missing"]) == 1, seen


def test_the_next_recording_leaves_one_under_way_alone(tmp_path: Path) -> None:
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, target)
    with staged(target) as staging:
        (staging / "notes.txt").write_text("recorded", encoding="utf-8")
        recover(target)  # what another recording does first
        assert (staging / "notes.txt").is_file()
    assert (target / "notes.txt").read_text(encoding="utf-8") == "recorded"
    assert os.listdir(tmp_path) == ["fixtures"]
