"""What the templates need beyond what the generator's parser keeps, worked out in Python.

The parser drops a string parameter's `minLength` and `pattern` and an operation's `x-` extensions,
so these functions read them from the raw spec and return plain names and values: the templates
only print them. The endpoint template's take the raw document (bound in
scripts/codegen/generate.py) and the generator's `Endpoint`; the model template's, the model.
"""

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.property import Property

from scripts.spec import SECRET_MARK, resolve

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_RAISES_SECTION = re.compile(r"^Raises:\n(?:    .*\n)+(?=\nReturns:)", re.MULTILINE)
_PARAMETER_LOCATIONS = ("path", "query", "header", "cookie")


class SpecError(ValueError):
    """The spec asks the templates for something it does not describe (say, an x-pagination field
    that does not exist); the message names the operation and the field."""


class ConstrainedString(NamedTuple):
    """A string parameter whose schema sets minLength or pattern: _get_kwargs checks it."""

    location: str  # path, query, header or cookie
    name: str  # as the spec spells it
    python_name: str
    required: bool
    min_length: int  # 0 when the schema sets none
    pattern: str | None


class Pagination(NamedTuple):
    """The names sync_all / asyncio_all are written with, from the operation's x-pagination."""

    page_type: str  # the class of the 200 body
    items: str  # the field of the page holding its items
    item_type: str
    item_imports: tuple[str, ...]  # what the module must import to name item_type
    next_cursor: str  # the field of an item that the next page starts after
    cursor: str  # the query parameter that takes it


class _RawOperation(NamedTuple):
    label: str  # METHOD /path (operationId), as the spec spells them, for messages
    path_item: dict[str, Any]
    operation: dict[str, Any]


def _raw_operation(document: dict[str, Any], endpoint: Endpoint) -> _RawOperation:
    # The generator renames path placeholders ({thingId} becomes {thing_id}); OpenAPI holds paths
    # that differ only in placeholder names to be the same path, so they are compared without them.
    wanted = _PLACEHOLDER.sub("{}", endpoint.path.get_untrusted_value())
    for raw_path, item in document["paths"].items():
        if _PLACEHOLDER.sub("{}", raw_path) == wanted:
            path_item: dict[str, Any] = resolve(item, document)
            operation: dict[str, Any] = path_item[endpoint.method]
            label = f"{endpoint.method.upper()} {raw_path} ({operation.get('operationId', 'no operationId')})"
            return _RawOperation(label, path_item, operation)
    raise KeyError(f"the spec has no path {endpoint.path.get_untrusted_value()!r}")


def _parameter_schema(document: dict[str, Any], raw: _RawOperation, name: str, location: str) -> dict[str, Any]:
    """The resolved schema of a parameter (an operation's own parameter wins over the path's)."""
    for candidate in [*raw.operation.get("parameters", []), *raw.path_item.get("parameters", [])]:
        parameter = resolve(candidate, document)
        if parameter["name"] == name and parameter["in"] == location:
            schema: dict[str, Any] = resolve(parameter.get("schema", {}), document)
            return schema
    raise KeyError(f"{raw.label} has no {location} parameter {name!r}")


def constrained_strings(document: dict[str, Any], endpoint: Endpoint) -> list[ConstrainedString]:
    """The endpoint's string parameters whose schema sets minLength or pattern, path ones first."""
    raw = _raw_operation(document, endpoint)
    by_location = zip(
        _PARAMETER_LOCATIONS,
        (endpoint.path_parameters, endpoint.query_parameters, endpoint.header_parameters, endpoint.cookie_parameters),
        strict=True,
    )
    found: list[ConstrainedString] = []
    for location, parameters in by_location:
        for parameter in parameters:
            if parameter.get_base_type_string().as_unembedded_code() != "str":
                continue
            name = parameter.name.get_untrusted_value()
            schema = _parameter_schema(document, raw, name, location)
            min_length, pattern = int(schema.get("minLength") or 0), schema.get("pattern") or None
            if min_length or pattern:
                found.append(
                    ConstrainedString(location, name, parameter.python_name, parameter.required, min_length, pattern)
                )
    return found


def _finished(prop: object, models: Sequence[ModelProperty]) -> ModelProperty | None:
    """The generator's finished model for a property that is a model; None for any other property.

    A model nested in another can be a copy the parser made before it had read the model's fields
    (their required_properties is None then), depending on the order of components/schemas; the
    finished one is in GeneratorData.models, under the same class name.
    """
    if not isinstance(prop, ModelProperty):
        return None
    return next((model for model in models if model.class_info.name == prop.class_info.name), prop)


def finished_model(models: Sequence[ModelProperty], prop: object) -> ModelProperty | None:
    """``_finished`` for the templates: the list template builds the items of a flat model in its
    own loop, from the model's fields."""
    return _finished(prop, models)


def _required_field(model: ModelProperty, name: str, problem: str) -> Property:
    fields = model.required_properties or []
    for field in fields:
        if field.name == name:
            return field
    known = ", ".join(field.name.get_untrusted_value() for field in fields) or "none"
    raise SpecError(f"{problem} names no required field of {model.class_info.name} (its required fields: {known})")


def _query_parameter(endpoint: Endpoint, name: str, problem: str) -> Property:
    for parameter in endpoint.query_parameters:
        if parameter.name == name:
            return parameter
    known = ", ".join(parameter.name.get_untrusted_value() for parameter in endpoint.query_parameters) or "none"
    raise SpecError(f"{problem} names no query parameter (its query parameters: {known})")


def _starts_at_200(status_range: tuple[int, int] | None) -> bool:
    """200 itself or 2XX (status_range is None for `default`)."""
    return status_range is not None and status_range[0] == 200


def _extension_names(extension: object, where: str) -> dict[str, str]:
    given = extension if isinstance(extension, dict) else {}
    names: dict[str, str] = {}
    for key in ("items", "next-cursor", "cursor"):
        if not isinstance(given.get(key), str):
            raise SpecError(f"{where}: {key!r} must be the name of a field (a string)")
        names[key] = given[key]
    return names


def pagination(document: dict[str, Any], models: Sequence[ModelProperty], endpoint: Endpoint) -> Pagination | None:
    """The names of the operation's cursor pagination; None when it has no x-pagination.

    Raises SpecError when x-pagination names a field or a parameter the operation does not have.
    """
    raw = _raw_operation(document, endpoint)
    if "x-pagination" not in raw.operation:
        return None
    where = f"x-pagination of {raw.label}"
    names = _extension_names(raw.operation["x-pagination"], where)
    ok = [response.prop for response in endpoint.responses.patterns if _starts_at_200(response.status_code.range)]
    page = _finished(ok[0], models) if ok else None
    if page is None:
        raise SpecError(f"{where}: the operation has no 200 (or 2XX) response whose body is an object")
    items = _required_field(page, names["items"], f"{where}: items {names['items']!r}")
    item = _finished(items.inner_property, models) if isinstance(items, ListProperty) else None
    if item is None:
        raise SpecError(f"{where}: items {names['items']!r} is not an array of objects")
    next_cursor = _required_field(item, names["next-cursor"], f"{where}: next-cursor {names['next-cursor']!r}")
    cursor = _query_parameter(endpoint, names["cursor"], f"{where}: cursor {names['cursor']!r}")
    return Pagination(
        page_type=page.get_type_string().as_unembedded_code(),
        items=items.python_name,
        item_type=item.get_type_string().as_unembedded_code(),
        item_imports=tuple(sorted(item.get_lazy_imports(prefix="..."))),
        next_cursor=next_cursor.python_name,
        cursor=cursor.python_name,
    )


def with_raises(docstring: str, raises: str) -> str:
    """The generator's endpoint docstring with its Raises section replaced by `raises` (the
    generator's names only an undocumented status and a timeout)."""
    replaced, count = _RAISES_SECTION.subn(lambda _: raises, docstring)
    if count != 1:
        raise ValueError(f"expected one Raises section in the generator's endpoint docstring, found {count}")
    return replaced


def secret_fields(model: ModelProperty) -> list[str]:
    """The python names of the model's properties that the spec marks `x-secret: true` (a credential,
    a capability): its repr hides their values. The parser keeps a property schema's `x-` keys as
    extra fields of its Schema object."""
    raw = model.data.properties or {}
    return [
        prop.python_name
        for prop in [*(model.required_properties or []), *(model.optional_properties or [])]
        if ((getattr(raw.get(prop.name), "model_extra", None) or {}).get(SECRET_MARK)) is True
    ]
