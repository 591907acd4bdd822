"""Hypothesis strategies for response bodies: valid ones, broken ones, and any JSON at all.

A valid body follows its schema (required fields present, values of their declared kinds, extra
fields allowed). A body with one value broken is a valid one with a single scalar replaced by one
of another kind, a single value replaced by any JSON, or a single field removed. A loose body
follows its schema only roughly: any value may be any JSON instead, and required fields may be
missing.
"""

import json
from typing import Any

from hypothesis import strategies as st

from scripts.spec import resolve, spec_document

ANY_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)

# One of each JSON kind, each as likely as the others (a bool is as likely as a string).
ANY_KIND: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.lists(ANY_JSON, max_size=3),
    st.dictionaries(st.text(), ANY_JSON, max_size=3),
)

_SCALAR_KINDS: dict[type, st.SearchStrategy[Any]] = {
    type(None): st.none(),
    bool: st.booleans(),
    int: st.integers(),
    float: st.floats(allow_nan=False, allow_infinity=False),
    str: st.text(),
}

_SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(),
    "number": st.integers() | st.floats(allow_nan=False, allow_infinity=False),
    "integer": st.integers(),
    "boolean": st.booleans(),
}


def _with_extra_fields(body: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.text(), ANY_JSON, max_size=2).map(lambda extra: {**extra, **body})


def shaped_like(schema: dict[str, Any], *, loose: bool) -> st.SearchStrategy[Any]:
    schema = resolve(schema, spec_document())
    kind = schema.get("type")
    if kind in _SCALARS:
        declared = _SCALARS[kind]
    elif kind == "array":
        declared = st.lists(shaped_like(schema["items"], loose=loose), max_size=4)
    elif kind == "object":
        fields = {name: shaped_like(field, loose=loose) for name, field in schema.get("properties", {}).items()}
        required = set([] if loose else schema.get("required", []))
        declared = st.fixed_dictionaries(
            {name: value for name, value in fields.items() if name in required},
            optional={name: value for name, value in fields.items() if name not in required},
        ).flatmap(_with_extra_fields)
    else:
        raise ValueError(f"no strategy for schema type {kind!r}")
    return declared | ANY_JSON if loose else declared


def _locations(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    found: list[tuple[Any, Any]] = []
    for key, item in items:
        found += [(value, key), *_locations(item)]
    return found


@st.composite
def _one_value_broken(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    body = json.loads(json.dumps(draw(valid)))  # a private copy to change
    locations = _locations(body)
    if not locations:
        return draw(ANY_KIND)
    # Half the time a scalar becomes one of another kind (a bool for a number, say): there are few
    # of them in a body, and they are what the type checks guard.
    scalars = [(container, key) for container, key in locations if type(container[key]) in _SCALAR_KINDS]
    if draw(st.booleans()) and scalars:
        container, key = draw(st.sampled_from(scalars))
        others = [kind for python_type, kind in _SCALAR_KINDS.items() if python_type is not type(container[key])]
        container[key] = draw(st.one_of(others))
        return body
    container, key = draw(st.sampled_from(locations))
    if isinstance(container, dict) and draw(st.booleans()):
        del container[key]
    else:
        container[key] = draw(ANY_KIND)
    return body


def _schema(path: str, method: str, status: int) -> dict[str, Any]:
    response = resolve(spec_document()["paths"][path][method]["responses"][str(status)], spec_document())
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return schema


def bodies_with_one_value_broken(path: str, method: str, status: int) -> st.SearchStrategy[Any]:
    """Valid bodies of a documented response, each with one value broken (some stay valid: a
    removed field can be an optional one, a replaced value can be of the right kind)."""
    return _one_value_broken(shaped_like(_schema(path, method, status), loose=False))


def any_bodies(path: str, method: str, status: int) -> st.SearchStrategy[Any]:
    """Bodies for a documented response: valid, loose, or any JSON at all."""
    schema = _schema(path, method, status)
    return st.one_of(shaped_like(schema, loose=False), shaped_like(schema, loose=True), ANY_JSON)
