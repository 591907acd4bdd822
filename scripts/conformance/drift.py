"""The drift detector: where a JSON body departs from the spec, that is fields no schema declares,
and declared fields whose value has another shape. Schemas are addressed by their location in the
document (a tuple of keys), so the same walk serves the checks (`undeclared_fields`, on the plain
spec) and the spec patch (`spec_patch.edit`, on the round-trip document it edits); it follows local
`$ref`s and never writes.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from openapi_schema_validator import OAS30Validator

from scripts.spec import HTTP_METHODS, dereference

Location = tuple[str, ...]


class Kind(Enum):
    UNDECLARED = "undeclared field"
    OTHER_SHAPE = "value of another shape"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    # UNDECLARED: the object schema that lacks the field. OTHER_SHAPE: the schema (or `$ref` to
    # one) that the value does not fit, where a widening belongs.
    location: Location
    field: str | None  # the undeclared field's name
    path: str  # where in the body, e.g. "snapshots[].createdAt"
    value: Any


def node_at(root: dict[str, Any], location: Location) -> Any:
    node: Any = root
    for key in location:
        node = node[key]
    return node


def ref_location(ref: str) -> Location:
    return tuple(ref.removeprefix("#/").split("/"))


def followed(root: dict[str, Any], location: Location) -> tuple[Any, Location]:
    """The node at `location` and where it really lives, following a chain of `$ref`s."""
    node = node_at(root, location)
    while isinstance(node, Mapping) and "$ref" in node:
        location = ref_location(node["$ref"])
        node = node_at(root, location)
    return node, location


def operation_location(root: dict[str, Any], operation_id: str) -> Location | None:
    for path, item in root.get("paths", {}).items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), Mapping) and item[method].get("operationId") == operation_id:
                return ("paths", path, method)
    return None


def documents_status(root: dict[str, Any], operation: Location, status: int) -> bool:
    responses = node_at(root, operation).get("responses", {})
    return any(key in responses for key in (str(status), f"{status // 100}XX", "default"))


def body_schema_location(root: dict[str, Any], operation_id: str, status: int) -> Location | None:
    """Where the schema of the JSON body of this status is, if the operation documents one."""
    operation = operation_location(root, operation_id)
    if operation is None or str(status) not in node_at(root, operation).get("responses", {}):
        return None
    response, location = followed(root, (*operation, "responses", str(status)))
    media = next((name for name in response.get("content", {}) if "json" in name), None)
    if media is None or "schema" not in response["content"][media]:
        return None
    return (*location, "content", media, "schema")


class SpecWalker:
    """Walks bodies along one document's schemas; its validators are cached by location."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._validators: dict[Location, OAS30Validator] = {}

    def findings(self, body: Any, location: Location, path: str = "") -> Iterator[Finding]:
        node, target = followed(self.root, location)
        properties = node.get("properties")
        if isinstance(body, dict) and isinstance(properties, Mapping):
            for key, value in body.items():
                inner = f"{path}.{key}" if path else key
                if key in properties:
                    yield from self.findings(value, (*target, "properties", key), inner)
                else:
                    yield Finding(Kind.UNDECLARED, target, key, inner, value)
        elif isinstance(body, list) and node.get("type") == "array" and isinstance(node.get("items"), Mapping):
            for item in body:
                yield from self.findings(item, (*target, "items"), f"{path}[]")
        elif not self._accepts(location, body):
            yield Finding(Kind.OTHER_SHAPE, location, None, path or "(body)", body)

    def _accepts(self, location: Location, value: Any) -> bool:
        if location not in self._validators:
            self._validators[location] = OAS30Validator(dereference(node_at(self.root, location), self.root))
        return bool(self._validators[location].is_valid(value))
