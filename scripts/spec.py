"""The spec as data, loaded once: the document, its one `$ref` resolver, and an index of operations.

Plain YAML and Python only: code generation imports this, and must not pull in the conformance stack.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scripts.paths import SPEC

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SECRET_MARK = "x-secret"  # noqa: S105 - our extension marking a secret field (`x-secret: true`), not a secret


# libyaml's parser where PyYAML was built with it: the same documents, ten times sooner.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    return document


@cache
def spec_document() -> dict[str, Any]:
    return load_spec(SPEC)


def resolve(node: Any, root: dict[str, Any]) -> Any:
    """What a local `$ref` points at (following chains of them); the node itself if it is no reference."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def dereference(node: Any, root: dict[str, Any]) -> Any:
    """The node with every local `$ref` replaced by what it points at (the spec has no cycles)."""
    node = resolve(node, root)
    if isinstance(node, dict):
        return {key: dereference(value, root) for key, value in node.items()}
    if isinstance(node, list):
        return [dereference(item, root) for item in node]
    return node


def operation_ids(document: dict[str, Any]) -> frozenset[str]:
    """The operationIds of a spec document."""
    return frozenset(
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in resolve(item, document).items()
        if method in HTTP_METHODS
    )


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /snapshots/snapshot-status/{snapshotId}
    parameters: tuple[dict[str, Any], ...]
    request_body: dict[str, Any] | None
    responses: dict[str, Any]
    # The security requirements that apply: the operation's own, else the document's.
    security: tuple[dict[str, Any], ...] = ()
    # The operation's `x-` keys, our extensions (x-pagination, x-live, ...).
    extensions: dict[str, Any] = field(default_factory=dict)

    @property
    def public(self) -> bool:
        """Whether a request without credentials may reach it: no requirement applies (`security: []`),
        or one of them is the empty one (`{}`: credentials are optional)."""
        return not self.security or {} in self.security

    @property
    def never_live(self) -> bool:
        """Whether the spec keeps it out of every live run (`x-live: never`; live_target.py checks the value)."""
        return self.extensions.get("x-live") == "never"

    @property
    def body_media_type(self) -> str | None:
        """The first media type the request body is declared in (the one the client sends), if any."""
        return next(iter((self.request_body or {}).get("content", {})), None)

    @property
    def path_pattern(self) -> re.Pattern[str]:
        pattern = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        return re.compile(f"^{pattern}$")

    def path_values(self, path: str) -> dict[str, str]:
        """The path parameters' values in a concrete path of this operation."""
        match = self.path_pattern.match(path)
        return match.groupdict() if match else {}


@cache
def operations() -> tuple[Operation, ...]:
    document = spec_document()
    resolved = dereference(document, document)
    found = []
    for path, item in resolved["paths"].items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            found.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    parameters=tuple(shared + operation.get("parameters", [])),
                    request_body=operation.get("requestBody"),
                    responses=operation["responses"],
                    security=tuple(operation.get("security", resolved.get("security", []))),
                    extensions={key: value for key, value in operation.items() if key.startswith("x-")},
                )
            )
    return tuple(found)


def coerce_parameter(raw: str, schema: dict[str, Any]) -> Any:
    """A query, path or header value as the JSON type its schema declares; the raw string if it is not one."""
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
    except ValueError:
        return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def find_operation(operation_id: str) -> Operation:
    return next(operation for operation in operations() if operation.operation_id == operation_id)


def response_schema_name(operation_id: str, status: int) -> str | None:
    """The component schema name the spec gives the JSON body of this status, if it names one."""
    document = spec_document()
    operation = find_operation(operation_id)
    response = resolve(
        document["paths"][operation.path][operation.method.lower()]["responses"].get(str(status)), document
    )
    schema = (response or {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None


def response_schema(operation_id: str, status: int) -> dict[str, Any] | None:
    """The dereferenced JSON schema the spec gives the body of this status, if any."""
    response = find_operation(operation_id).responses.get(str(status), {})
    schema: dict[str, Any] | None = response.get("content", {}).get("application/json", {}).get("schema")
    return schema
