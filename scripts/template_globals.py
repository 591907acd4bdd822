"""What the templates may read from the raw spec, beyond what the generator's parser keeps."""

from typing import Any


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    return node


def parameter_schema(document: dict[str, Any], path: str, method: str, name: str, location: str) -> dict[str, Any]:
    """The resolved schema of a parameter of an operation (an operation's own parameter wins over the path's)."""
    path_item = _resolve(document, document["paths"][path])
    candidates = [*path_item[method].get("parameters", []), *path_item.get("parameters", [])]
    for candidate in candidates:
        parameter = _resolve(document, candidate)
        if parameter["name"] == name and parameter["in"] == location:
            return _resolve(document, parameter.get("schema", {}))
    raise KeyError(f"{method.upper()} {path} has no {location} parameter {name!r}")
