"""Checks a response against the spec with schemathesis, outside of a live test run."""

import datetime
import json
from collections.abc import Mapping
from typing import Any

import httpx
from schemathesis.core.failures import Failure, FailureGroup

from scripts.spec import contract_schema

SERVER = "https://services.leadconnectorhq.com"
# What schemathesis raises for a response that breaks the spec: one failure, or a group of them.
CONTRACT_FAILURES = (Failure, FailureGroup)


def json_response(
    status: int,
    body: Any,
    *,
    method: str = "GET",
    path: str = "/snapshots/",
    headers: Mapping[str, str] | None = None,
) -> httpx.Response:
    """An already-read httpx response, as schemathesis expects one after a real exchange."""
    response = httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        request=httpx.Request(method, SERVER + path),
    )
    response.elapsed = datetime.timedelta(0)
    return response


def validate_documented_response(response: httpx.Response, *, path: str, method: str) -> None:
    """Raises one of CONTRACT_FAILURES when the response breaks the spec of its operation."""
    contract_schema()[path][method].validate_response(response)
