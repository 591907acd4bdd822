"""A schema for values seen, inferred by genson and written as OpenAPI 3.0.3.

genson writes JSON Schema: a list of types, `null` as a type, `anyOf` where kinds do not merge.
OpenAPI 3.0 has no `null` type and no type lists: null becomes `nullable: true` (on every branch
of an `anyOf`, since OpenAPI 3.0 validators honour `nullable` only next to a `type`), and a list
of types becomes an `anyOf`. Only the keywords of types and structure are carried over (`type`,
`required`, `properties`, `items`, `anyOf`, `nullable`): an inferred schema holds no value seen
(no example, enum or default), so no token or secret field's value can reach it.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from genson import SchemaBuilder


def infer_schema(values: Iterable[Any]) -> dict[str, Any]:
    builder = SchemaBuilder(schema_uri=None)
    for value in values:
        builder.add_object(value)
    return to_openapi(builder.to_schema())


def to_openapi(schema: Mapping[str, Any]) -> dict[str, Any]:
    branches, nullable = _branches(schema)
    if not branches:  # only null was seen: the type is unknown
        return {"nullable": True}
    converted = [_typed(branch) for branch in branches]
    if nullable:  # written next to `type`, where a reader looks for it
        converted = [{"type": branch["type"], "nullable": True, **branch} for branch in converted]
    return converted[0] if len(converted) == 1 else {"anyOf": converted}


def _branches(schema: Mapping[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """The schema as single-typed JSON Schema branches, and whether null is one of its types."""
    if "anyOf" in schema:
        found: list[dict[str, Any]] = []
        nullable = False
        for branch in schema["anyOf"]:
            more, null = _branches(branch)
            found += more
            nullable = nullable or null
        return found, nullable
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    return [{**schema, "type": kind} for kind in kinds if kind != "null"], "null" in kinds


def _typed(schema: Mapping[str, Any]) -> dict[str, Any]:
    kind = schema["type"]
    if kind == "object":
        converted: dict[str, Any] = {"type": "object"}
        if schema.get("required"):
            converted["required"] = list(schema["required"])
        if schema.get("properties"):
            converted["properties"] = {name: to_openapi(value) for name, value in schema["properties"].items()}
        return converted
    if kind == "array":
        # OpenAPI 3.0 requires `items`; an array seen only empty says nothing of them.
        return {"type": "array", "items": to_openapi(schema["items"]) if "items" in schema else {}}
    return {"type": kind}
