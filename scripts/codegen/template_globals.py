"""What the templates may read from the raw spec, beyond what the generator's parser keeps."""

import re
from typing import Any

from scripts.spec import resolve

_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _path_item(document: dict[str, Any], path: str) -> dict[str, Any]:
    # The generator renames path placeholders ({thingId} becomes {thing_id}); OpenAPI holds paths
    # that differ only in placeholder names to be the same path, so they are compared without them.
    wanted = _PLACEHOLDER.sub("{}", path)
    for raw_path, item in document["paths"].items():
        if _PLACEHOLDER.sub("{}", raw_path) == wanted:
            path_item: dict[str, Any] = resolve(item, document)
            return path_item
    raise KeyError(f"the spec has no path {path!r}")


def operation_extension(document: dict[str, Any], path: str, method: str, name: str) -> Any:
    """The value of an operation's `x-...` extension (None when the operation has none)."""
    return _path_item(document, path)[method].get(name)


def parameter_schema(document: dict[str, Any], path: str, method: str, name: str, location: str) -> dict[str, Any]:
    """The resolved schema of a parameter of an operation (an operation's own parameter wins over the path's)."""
    path_item = _path_item(document, path)
    candidates = [*path_item[method].get("parameters", []), *path_item.get("parameters", [])]
    for candidate in candidates:
        parameter = resolve(candidate, document)
        if parameter["name"] == name and parameter["in"] == location:
            schema: dict[str, Any] = resolve(parameter.get("schema", {}), document)
            return schema
    raise KeyError(f"{method.upper()} {path} has no {location} parameter {name!r}")
