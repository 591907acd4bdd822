"""A row of the benchmark: one figure, its spread, what it is measured against, and its target."""

from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["x", "s", "rps", "n"]
"""A ratio, seconds, requests per second, or a count."""


@dataclass(frozen=True)
class Target:
    """`value <= limit` (or `value < limit` when strict), in the row's unit."""

    limit: float
    unit: Unit
    strict: bool = False

    def holds(self, value: float) -> bool:
        return value < self.limit if self.strict else value <= self.limit

    def __str__(self) -> str:
        sign = "<" if self.strict else "<="
        unit = {"x": "x", "n": ""}.get(self.unit, f" {self.unit}")
        return f"{sign} {self.limit:g}{unit}"


@dataclass(frozen=True)
class Row:
    """`median`, `low` and `high` are in `unit`: a ratio (candidate over baseline), seconds, rps or a
    count."""

    id: str
    title: str
    baseline: str
    unit: Unit
    median: float
    low: float
    high: float
    spread: str
    absolute: str
    target: Target | None = None
    failed: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def holds(self) -> bool | None:
        if self.failed:
            return False
        return None if self.target is None else self.target.holds(self.median)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "baseline": self.baseline,
            "unit": self.unit,
            "median": self.median,
            "low": self.low,
            "high": self.high,
            "spread": self.spread,
            "absolute": self.absolute,
            "target": None if self.target is None else str(self.target),
            "holds": self.holds,
            "failed": self.failed or None,
            "detail": self.detail,
        }


def seconds_text(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def bytes_text(size: float) -> str:
    return f"{size / 1e6:.1f} MB"
