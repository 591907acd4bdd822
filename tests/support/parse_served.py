"""Parses recorded responses with the generated client of the repository it runs in.

`python -m tests.support.parse_served RESPONSES.json`, run with the working directory at a copy
of the repository, so that `generated` and the spec are that copy's. RESPONSES.json holds
[operationId, status, body] triples; it prints, as JSON, one line per response: the model the
client returned, the model the spec names for that status, whether the model gives the body back
unchanged (`to_dict`), and the fields its models had to keep as undeclared; or the error it raised.
"""

import json
import sys
from pathlib import Path
from typing import Any

import attrs

from scripts.conformance.client_bridge import parse_with_client, recorded_response
from scripts.spec import response_schema_name


def undeclared(value: Any, path: str = "") -> list[str]:
    """The undeclared fields (`additional_properties`) anywhere in a parsed model."""
    if isinstance(value, list):
        return [found for item in value for found in undeclared(item, f"{path}[]")]
    if not attrs.has(type(value)):
        return []
    found = [f"{path}.{key}".lstrip(".") for key in value.additional_properties]
    for field in attrs.fields(type(value)):
        if field.name != "additional_properties":
            found += undeclared(getattr(value, field.name), f"{path}.{field.name}")
    return found


def describe(operation_id: str, status: int, body: Any) -> dict[str, Any]:
    described: dict[str, Any] = {
        "operation": operation_id,
        "status": status,
        "expected": response_schema_name(operation_id, status),
    }
    response = recorded_response(status, {"Content-Type": "application/json"}, body)
    try:
        parsed = parse_with_client(operation_id, {}, response)
    except Exception as error:
        return {**described, "error": f"{type(error).__name__}: {error}"}
    return {
        **described,
        "model": type(parsed).__name__,
        "round_trips": hasattr(parsed, "to_dict") and parsed.to_dict() == body,
        "undeclared": undeclared(parsed),
    }


def main() -> int:
    for operation_id, status, body in json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")):
        print(json.dumps(describe(operation_id, status, body)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
