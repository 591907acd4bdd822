"""Recorded interactions (fixtures): their format, loading, and redaction.

One JSON file per interaction under tests/fixtures/<operationId>/; the format is
documented in tests/fixtures/README.md.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.paths import ROOT

FIXTURES_DIR = ROOT / "tests" / "fixtures"
REDACTED = "<redacted>"
REDACTED_AUTHORIZATION = f"Bearer {REDACTED}"


@dataclass(frozen=True)
class Fixture:
    operation_id: str
    name: str
    provenance: dict[str, Any]
    request: dict[str, Any]
    response: dict[str, Any]
    default: bool

    @property
    def status(self) -> int:
        return int(self.response["status"])

    @property
    def body(self) -> Any:
        return self.response.get("body")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"provenance": self.provenance, "request": self.request, "response": self.response}
        if self.default:
            data["default"] = True
        return data


def fixtures_folder(env: Mapping[str, str]) -> Path:
    """The fixture set `make record` writes and `make serve` and an offline `make conformance` read."""
    return Path(env.get("FIXTURES_DIR") or FIXTURES_DIR)


def load_fixture(path: Path) -> Fixture:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Fixture(
        operation_id=path.parent.name,
        name=path.stem,
        provenance=data["provenance"],
        request=data["request"],
        response=data["response"],
        default=bool(data.get("default", False)),
    )


def load_fixtures(folder: Path = FIXTURES_DIR) -> list[Fixture]:
    return [load_fixture(path) for path in sorted(folder.glob("*/*.json"))]


def dump_fixture(fixture: Fixture) -> str:
    return json.dumps(fixture.to_json(), indent=2, ensure_ascii=False) + "\n"


def redact(value: Any, secret: str, replacement: str = REDACTED) -> Any:
    """The value with every occurrence of the secret replaced, however deep in strings it sits."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, replacement)
    if isinstance(value, dict):
        return {redact(key, secret, replacement): redact(item, secret, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [redact(item, secret, replacement) for item in value]
    return value
