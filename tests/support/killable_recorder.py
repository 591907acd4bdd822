"""`make record` in processes that stop before a chosen step, for a test to kill there (SIGKILL).

Run as `python -m tests.support.killable_recorder`: it imports the recorder once, then for each line
of JSON on its input, `{"step": N, "env": {...}, "exchange": true}`, forks a process that runs the
recorder's `main` with that environment and, before its Nth step, writes
`{"paused": N, "pid": ..., "step": "<event> <path>"}` and waits to be killed. A recording with fewer
steps writes `{"finished": <exit status>, "steps": <how many>, "stderr": "..."}` instead. When the
process is gone it writes `{"ended": <pid>, "killed": <whether by SIGKILL>}`. One JSON line each, on
its output; what the recorder prints goes nowhere. With `"exchange": false` the recorder is as on a
system that cannot exchange two folders in one step.

A step is a change the recorder makes to the file system beside or in FIXTURES_DIR: a folder made,
a file opened for writing, a file removed, a rename, an exchange. Copying the set and removing the
holder are one step each: what they do inside the holder is one change, seen from FIXTURES_DIR.
"""

import io
import json
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from scripts.record import recorder, staging

WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
ONE_STEP = ("copytree", "rmtree")  # functions of shutil


def _report(channel: int, message: dict[str, Any]) -> None:
    os.write(channel, (json.dumps(message) + "\n").encode())


def _inside_one_step(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_name in ONE_STEP and frame.f_globals.get("__name__") == "shutil":
            return True
        frame = frame.f_back
    return False


def _changed(event: str, args: tuple[Any, ...]) -> str | None:
    """The path an audited event changes, if it is a step."""
    if event == "open" and isinstance(args[0], str | bytes) and args[2] & WRITES:
        return os.fsdecode(args[0])
    if event == "os.mkdir" and not os.path.exists(args[0]):
        return os.fsdecode(args[0])
    if event in ("os.remove", "os.rmdir", "os.rename", "shutil.copytree", "shutil.rmtree"):
        return os.fsdecode(args[-1] if event == "shutil.copytree" else args[0])
    return None


def _record(order: dict[str, Any], channel: int) -> None:
    """The forked process: the recording, stopped before step `order["step"]`."""
    beside = str(Path(order["env"]["FIXTURES_DIR"]).parent) + os.sep
    steps = 0

    def step(what: str) -> None:
        nonlocal steps
        steps += 1
        if steps == order["step"]:
            _report(channel, {"paused": steps, "pid": os.getpid(), "step": what})
            while True:
                time.sleep(60)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        path = _changed(event, args)
        if path is None or not path.startswith(beside):
            return
        caller = sys._getframe(1)  # copytree and rmtree audit themselves: look outside them
        if not _inside_one_step(caller.f_back if event in ("shutil.copytree", "shutil.rmtree") else caller):
            step(f"{event} {path}")

    exchange = staging.exchange

    def counted_exchange(first: Path, second: Path) -> bool:
        if not order["exchange"]:
            return False
        step(f"exchange {first} {second}")
        return exchange(first, second)

    staging.exchange = counted_exchange
    sys.stderr = errors = io.StringIO()
    sys.addaudithook(hook)
    status = recorder.main([], env=order["env"])
    _report(channel, {"finished": status, "steps": steps, "stderr": errors.getvalue()})


def main() -> None:
    channel = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # what the recorder prints goes nowhere
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                _record(json.loads(line), channel)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        _report(channel, {"ended": pid, "killed": killed})


if __name__ == "__main__":
    main()
