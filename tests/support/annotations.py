"""Whether a parsed value matches its annotation, recursively through attrs models.

The rules are the client's (docs/client.md, "Types hold"): an int is a float, a bool is neither an int
nor a float.
"""

import importlib
import types
import typing
from typing import Any, Literal

import attrs


def _hints(model: type[Any]) -> dict[str, Any]:
    # Generated models import each other under TYPE_CHECKING only: resolve names in their package.
    package = importlib.import_module(model.__module__.rpartition(".")[0])
    return typing.get_type_hints(model, localns=vars(package))


def conforms(value: object, annotation: Any) -> bool:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Any:
        return True
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is type(None):
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, argument) for argument in arguments)
    if origin is Literal:
        return value in arguments
    if origin is list:
        return isinstance(value, list) and all(conforms(item, arguments[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            conforms(key, arguments[0]) and conforms(item, arguments[1]) for key, item in value.items()
        )
    if attrs.has(annotation):
        hints = _hints(annotation)
        return isinstance(value, annotation) and all(
            conforms(getattr(value, field.name), hints[field.name]) for field in attrs.fields(annotation)
        )
    if isinstance(annotation, type):
        return isinstance(value, annotation)
    raise TypeError(f"no rule for the annotation {annotation!r}")
