"""The spec, loaded once: as plain data, and as a schemathesis schema for the contract checks."""

from functools import cache
from typing import Any

import schemathesis
import yaml
from schemathesis.specs.openapi.schemas import OpenApiSchema

from scripts.paths import SPEC


@cache
def spec_document() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def contract_schema() -> OpenApiSchema:
    """A fresh schemathesis view of the spec (callers may configure it)."""
    return schemathesis.openapi.from_dict(spec_document())
