"""A spec with the shapes the Snapshots spec does not have yet, and a way to import its client.

Generating it proves that the templates are generic: a POST with a JSON body answering 201, a
path parameter, constrained and optional query parameters, nested objects, arrays, numbers,
integers, booleans, a nullable string, a secret (`x-secret: true`), lists of flat and of nested
models, and cursor pagination (x-pagination) with names of its own. It has no token operation, so
it gets no auth module.
"""

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

THING = {"$ref": "#/components/schemas/Thing"}
KITCHEN_SINK_SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Kitchen sink", "version": "1"},
    "paths": {
        "/things/{thingId}": {
            "post": {
                "operationId": "create-thing",
                "parameters": [
                    {
                        "name": "thingId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "minLength": 2, "pattern": "^[a-z]+$"},
                    },
                    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer"}},
                    {"name": "label", "in": "query", "required": False, "schema": {"type": "string", "pattern": r"\S"}},
                ],
                "requestBody": {"required": True, "content": {"application/json": {"schema": THING}}},
                "responses": {
                    "201": {"description": "Created", "content": {"application/json": {"schema": THING}}},
                },
            }
        },
        "/owners": {
            "get": {
                "operationId": "list-owners",
                "parameters": [{"name": "after", "in": "query", "required": False, "schema": {"type": "string"}}],
                "x-pagination": {"cursor": "after", "items": "owners", "next-cursor": "id"},
                "responses": {
                    "200": {
                        "description": "A page of owners",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OwnerPage"}}},
                    }
                },
            }
        },
        "/names": {
            "get": {
                "operationId": "list-names",
                "responses": {
                    "200": {
                        "description": "Names",
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["name", "size", "count", "active", "tags", "owner"],
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": "number"},
                    "count": {"type": "integer"},
                    "active": {"type": "boolean"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "owner": {"$ref": "#/components/schemas/Owner"},
                    "note": {"type": "string"},
                    "nickname": {"type": "string", "nullable": True},
                    "scores": {"type": "array", "items": {"type": "number"}},
                    "pin": {"type": "string", "x-secret": True},
                },
            },
            "Owner": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "OwnerPage": {
                "type": "object",
                "required": ["owners"],
                "properties": {"owners": {"type": "array", "items": {"$ref": "#/components/schemas/Owner"}}},
            },
            # A flat model (every field a plain JSON value), whose list the Log model builds itself,
            # and a list of models that are not flat.
            "Reading": {
                "type": "object",
                "required": ["at"],
                "properties": {
                    "at": {"type": "string"},
                    "value": {"type": "number"},
                    "count": {"type": "integer"},
                    "ok": {"type": "boolean"},
                },
            },
            "Log": {
                "type": "object",
                "required": ["readings"],
                "properties": {
                    "readings": {"type": "array", "items": {"$ref": "#/components/schemas/Reading"}},
                    "things": {"type": "array", "items": THING},
                },
            },
        }
    },
}


def write_kitchen_sink_spec(folder: Path) -> Path:
    path = folder / "kitchen-sink.yaml"
    path.write_text(yaml.safe_dump(KITCHEN_SINK_SPEC, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def imported_package(package_dir: Path, name: str) -> Iterator[ModuleType]:
    """Imports a generated package under another name than `generated`, for the time of the block."""
    spec = importlib.util.spec_from_file_location(
        name, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    try:
        spec.loader.exec_module(package)
        yield package
    finally:
        for module in [module for module in sys.modules if module == name or module.startswith(name + ".")]:
            del sys.modules[module]
