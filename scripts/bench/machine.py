"""What else the machine was doing during the run: its load average and the CPU time of other processes.

Linux only (/proc); elsewhere the figures are left out. Other processes' CPU time is the
machine's busy time (/proc/stat) minus this process's and its children's (os.times).
"""

import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def load_average() -> float | None:
    """The 1-minute load average."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _machine_busy_seconds() -> float | None:
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    # user nice system idle iowait irq softirq steal ...: everything but idle and iowait.
    busy = sum(fields[:3]) + sum(fields[5:8])
    return busy / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass
class CpuWatch:
    """Started before the run; `sample()` between steps; `summary()` at the end."""

    cpus: int
    start_busy: float | None
    start_own: float
    loads: list[float]

    @classmethod
    def start(cls) -> "CpuWatch":
        load = load_average()
        return cls(os.cpu_count() or 1, _machine_busy_seconds(), _own_seconds(), [] if load is None else [load])

    def sample(self) -> None:
        load = load_average()
        if load is not None:
            self.loads.append(load)

    def other_cpu_seconds(self) -> float | None:
        busy = _machine_busy_seconds()
        if busy is None or self.start_busy is None:
            return None
        return max(0.0, (busy - self.start_busy) - (_own_seconds() - self.start_own))

    def summary(self, wall_seconds: float) -> dict[str, Any]:
        other = self.other_cpu_seconds()
        return {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": self.cpus,
            "load_average_1min": self.loads,
            "other_processes_cpu_seconds": other,
            "other_processes_share": None if other is None else other / (wall_seconds * self.cpus),
        }


def describe(summary: dict[str, Any], wall_seconds: float) -> str:
    parts = [f"{summary['cpus']} CPUs"]
    if summary["load_average_1min"]:
        loads = summary["load_average_1min"]
        parts.append(f"1-min load average {min(loads):.2f}-{max(loads):.2f} during the run")
    if summary["other_processes_cpu_seconds"] is not None:
        parts.append(
            f"other processes used {summary['other_processes_cpu_seconds']:.0f} CPU-s in {wall_seconds:.0f} s"
            f" ({summary['other_processes_share']:.0%} of the machine)"
        )
    return "machine: " + "; ".join(parts)
