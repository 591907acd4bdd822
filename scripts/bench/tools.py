"""Wall time of the project's commands, each run as `make` would run it, from start to exit.

`make generate` writes into a temporary folder and `make conformance` its reports too, so
the work tree is left alone. The HIGHLEVEL_* and CONFORMANCE_* variables are removed from
the environment: the conformance run is the offline one, against the replay server.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.paths import ROOT


@dataclass(frozen=True)
class Timed:
    seconds: float
    returncode: int
    output_tail: str


Runner = Callable[[Sequence[str], Mapping[str, str]], Timed]


def offline_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("HIGHLEVEL_", "CONFORMANCE_"))}


def run_timed(command: Sequence[str], env: Mapping[str, str]) -> Timed:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.perf_counter() - start
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
    return Timed(seconds=seconds, returncode=done.returncode, output_tail=tail)


def generate_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "scripts.codegen.generate", str(folder / "generated")]


def conformance_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "scripts.conformance", "--reports", str(folder)]


def make_test_command(folder: Path) -> list[str]:
    return ["make", "--no-print-directory", "test"]


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "generate": generate_command,
    "conformance": conformance_command,
    "test": make_test_command,
}


def time_command(name: str, repeats: int, runner: Runner = run_timed) -> list[Timed]:
    """Runs the named command `repeats` times, each in a fresh temporary folder."""
    results = []
    env = offline_environment()
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as folder:
            results.append(runner(COMMANDS[name](Path(folder)), env))
    return results
