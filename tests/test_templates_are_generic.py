"""The templates' checks work for shapes the Snapshots spec does not have yet (tests/support/kitchen_sink.py)."""

import json
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import httpx
import pytest

from scripts.codegen.generate import generate
from scripts.paths import GENERATED, RUNTIME
from tests.support.kitchen_sink import imported_package, write_kitchen_sink_spec

VALID_THING: dict[str, Any] = {
    "name": "n",
    "size": 1.5,
    "count": 2,
    "active": True,
    "tags": ["a", "b"],
    "owner": {"id": "o"},
}


@pytest.fixture(scope="module")
def sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder: Path = tmp_path_factory.mktemp("kitchen-sink")
    generate(folder / "kitchen_sink", spec=write_kitchen_sink_spec(folder))
    with imported_package(folder / "kitchen_sink", "kitchen_sink") as package:
        yield package


def _module(sink: ModuleType, name: str) -> Any:
    return __import__(f"{sink.__name__}.{name}", fromlist=["_"])


def test_a_valid_object_parses_with_its_optional_fields_unset(sink: ModuleType) -> None:
    models, types = _module(sink, "models"), _module(sink, "types")
    thing = models.Thing.from_dict(VALID_THING)
    assert (thing.name, thing.size, thing.count, thing.active, thing.tags) == ("n", 1.5, 2, True, ["a", "b"])
    assert thing.owner.id == "o"
    assert thing.note is types.UNSET and thing.nickname is types.UNSET and thing.scores is types.UNSET


ACCEPTED = {
    "an integer for a number, unchanged": ("size", 3),
    "null for a nullable string": ("nickname", None),
    "a string for a nullable string": ("nickname", "nick"),
    "integers and floats in an array of numbers": ("scores", [1, 2.5]),
    "an empty array": ("tags", []),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_lossless_values_are_accepted(sink: ModuleType, case: str) -> None:
    field, value = ACCEPTED[case]
    thing = _module(sink, "models").Thing.from_dict({**VALID_THING, field: value})
    assert getattr(thing, field) == value
    assert type(getattr(thing, field)) is type(value)


REJECTED = {
    "a number for a string": ("name", 1.5, "Thing.name must be a string, not float"),
    "a boolean for a number": ("size", True, "Thing.size must be a number, not bool"),
    "a string for a number": ("size", "1.5", "Thing.size must be a number, not str"),
    "a float for an integer": ("count", 2.0, "Thing.count must be an integer, not float"),
    "a boolean for an integer": ("count", False, "Thing.count must be an integer, not bool"),
    "a number for a boolean": ("active", 1, "Thing.active must be a boolean, not int"),
    "a string for an array": ("tags", "ab", "tags must be an array, not str"),
    "a number in an array of strings": ("tags", ["a", 1], "tags items must be a string, not int"),
    "a boolean in an array of numbers": ("scores", [1, True], "scores items must be a number, not bool"),
    "an array for a nested object": ("owner", [["id", "o"]], "Owner must be an object, not list"),
    "a number inside a nested object": ("owner", {"id": 1}, "Owner.id must be a string, not int"),
    "a number for an optional string": ("note", 1, "Thing.note must be a string, not int"),
    "a number for a nullable string": ("nickname", 1, "nickname must be a string or null, not int"),
    "null for a string": ("name", None, "Thing.name must be a string, not NoneType"),
}


@pytest.mark.parametrize("case", REJECTED)
def test_values_of_the_wrong_type_raise_type_error(sink: ModuleType, case: str) -> None:
    field, value, message = REJECTED[case]
    with pytest.raises(TypeError) as raised:
        _module(sink, "models").Thing.from_dict({**VALID_THING, field: value})
    assert str(raised.value) == message


def test_a_list_of_pairs_is_not_taken_for_an_object(sink: ModuleType) -> None:
    with pytest.raises(TypeError, match="Thing must be an object, not list"):
        _module(sink, "models").Thing.from_dict([["name", "n"]])


def _client(sink: ModuleType, seen: list[httpx.Request], status: int, body: object) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, content=json.dumps(body).encode())

    return sink.Client(base_url="https://api.example", httpx_args={"transport": httpx.MockTransport(answer)})


def test_a_post_with_a_json_body_and_a_path_parameter_parses_its_201(sink: ModuleType) -> None:
    seen: list[httpx.Request] = []
    create_thing = _module(sink, "api.default.create_thing")
    body = _module(sink, "models").Thing.from_dict(VALID_THING)
    created = create_thing.sync("abc", client=_client(sink, seen, 201, VALID_THING), body=body, limit=5)
    assert created.to_dict() == VALID_THING
    [request] = seen
    assert (request.method, request.url.path, request.url.params["limit"]) == ("POST", "/things/abc", "5")
    assert json.loads(request.content) == VALID_THING


BROKEN_ARGUMENTS = {
    "path parameter below its minLength": (
        {"thing_id": "a"},
        "thing_id (path parameter thingId) must be at least 2 character(s) long",
    ),
    "path parameter off its pattern": (
        {"thing_id": "ABC"},
        "thing_id (path parameter thingId) must match the pattern ^[a-z]+$",
    ),
    "optional query parameter off its pattern": (
        {"thing_id": "abc", "label": " "},
        r"label (query parameter label) must match the pattern \S",
    ),
}


@pytest.mark.parametrize("case", BROKEN_ARGUMENTS)
def test_arguments_that_break_their_schema_raise_before_sending(sink: ModuleType, case: str) -> None:
    arguments, message = BROKEN_ARGUMENTS[case]
    seen: list[httpx.Request] = []
    thing_id = arguments.pop("thing_id")
    body = _module(sink, "models").Thing.from_dict(VALID_THING)
    with pytest.raises(ValueError) as raised:
        _module(sink, "api.default.create_thing").sync(
            thing_id, client=_client(sink, seen, 201, VALID_THING), body=body, **arguments
        )
    assert str(raised.value) == message
    assert seen == []


def test_a_body_that_is_a_plain_array_is_checked_item_by_item(sink: ModuleType) -> None:
    list_names = _module(sink, "api.default.list_names")
    assert list_names.sync(client=_client(sink, [], 200, ["a", "b"])) == ["a", "b"]
    with pytest.raises(_module(sink, "errors").UnexpectedResponse, match="response_200 items must be a string"):
        list_names.sync(client=_client(sink, [], 200, ["a", 1]))


def test_x_pagination_yields_every_item_with_names_of_its_own(sink: ModuleType) -> None:
    pages = {None: ["o1", "o2"], "o2": ["o3"], "o3": []}
    seen: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        seen.append(after)
        return httpx.Response(200, json={"owners": [{"id": owner} for owner in pages[after]]})

    client = sink.AuthenticatedClient(
        base_url="https://sink.invalid", token="t", httpx_args={"transport": httpx.MockTransport(answer)}
    )
    owners = _module(sink, "api.default.list_owners").sync_all(client=client)
    assert [owner.id for owner in owners] == ["o1", "o2", "o3"]
    assert seen == [None, "o2", "o3"]


def test_a_credential_is_hidden_from_the_repr_and_kept_in_the_data(sink: ModuleType) -> None:
    thing = _module(sink, "models").Thing.from_dict({**VALID_THING, "pin": "canary-pin-4242"})
    assert "canary-pin-4242" not in repr(thing)
    assert "pin='<redacted>'" in repr(thing)
    assert "name='n'" in repr(thing)
    assert thing.to_dict()["pin"] == "canary-pin-4242"
    assert "canary" in repr(_module(sink, "models").Owner.from_dict({"id": "canary"}))  # no credential: repr as usual


def test_a_spec_without_the_token_operation_gets_the_runtime_but_no_auth_module(sink: ModuleType) -> None:
    package = Path(sink.__file__ or "").parent
    runtime = {module.name for module in RUNTIME.glob("*.py")}
    assert {name for name in runtime if (package / name).exists()} == runtime - {"auth.py"}
    assert (GENERATED / "auth.py").exists()


# --- lists of flat models, built by the list itself ---------------------------------------------

READINGS: list[Any] = [
    {"at": "t1", "value": 1.5, "count": 2, "ok": True},
    {"at": "t2"},
    {"at": "t3", "value": 3, "extra": {"kept": [1]}},
]


def _fields(reading: Any) -> tuple[Any, ...]:
    return (reading.at, reading.value, reading.count, reading.ok, reading.additional_properties)


def test_a_list_of_flat_models_is_built_as_from_dict_builds_each_item(sink: ModuleType) -> None:
    models = _module(sink, "models")
    log = models.Log.from_dict({"readings": READINGS, "things": [VALID_THING]})
    assert [_fields(reading) for reading in log.readings] == [
        _fields(models.Reading.from_dict(item)) for item in READINGS
    ]
    assert all(type(reading) is models.Reading for reading in log.readings)
    assert log.readings[2].additional_properties == {"extra": {"kept": [1]}}
    assert log.things == [models.Thing.from_dict(VALID_THING)]
    assert log.to_dict() == {"readings": READINGS, "things": [VALID_THING]}


UNREADABLE_ITEMS: dict[str, Any] = {
    "a number for a string": {"at": 1},
    "a boolean for an integer": {"at": "t", "count": True},
    "a string for a number": {"at": "t", "value": "1.5"},
    "a number for a boolean": {"at": "t", "ok": 0},
    "an array of pairs": [["at", "t"]],
    "a string": "at",
    "null": None,
}


@pytest.mark.parametrize("case", UNREADABLE_ITEMS)
def test_an_item_the_list_cannot_read_raises_what_from_dict_says(sink: ModuleType, case: str) -> None:
    models = _module(sink, "models")
    item = UNREADABLE_ITEMS[case]
    with pytest.raises(TypeError) as expected:
        models.Reading.from_dict(item)
    with pytest.raises(TypeError) as raised:
        models.Log.from_dict({"readings": [READINGS[0], item]})
    assert str(raised.value) == str(expected.value)


def test_an_item_that_is_a_mapping_but_no_dict_is_read(sink: ModuleType) -> None:
    models = _module(sink, "models")
    log = models.Log.from_dict({"readings": [MappingProxyType(READINGS[2])]})
    assert _fields(log.readings[0]) == _fields(models.Reading.from_dict(READINGS[2]))


def test_undeclared_fields_are_a_dict_of_their_own_from_the_first_use(sink: ModuleType) -> None:
    models = _module(sink, "models")
    first, second = models.Log.from_dict({"readings": READINGS[:2]}).readings
    assert first.additional_properties == {} and first.additional_properties is first.additional_properties
    first["note"] = "n"
    assert (first.additional_properties, second.additional_properties) == ({"note": "n"}, {})
    assert first == models.Reading.from_dict({**READINGS[0], "note": "n"})
    assert "additional_properties={'note': 'n'}" in repr(first)
    with pytest.raises(AttributeError, match="'Reading' object has no attribute 'at_'"):
        _ = first.at_
