"""The spec, loaded once: as plain data, and as a schemathesis schema for the contract checks."""

from functools import cache
from pathlib import Path
from typing import Any

import schemathesis
import yaml
from schemathesis.specs.openapi.schemas import OpenApiSchema

from scripts.paths import SPEC


def load_spec(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


@cache
def spec_document() -> dict[str, Any]:
    return load_spec(SPEC)


def contract_schema() -> OpenApiSchema:
    """A fresh schemathesis view of the spec (callers may configure it)."""
    return schemathesis.openapi.from_dict(spec_document())
