"""The two sides of every `make bench` comparison do the same work and get the same data."""

import json

import httpx
import pytest

from generated.models import GetSnapshotsSuccessfulResponseDto
from scripts.bench import calls, memory, parsing
from scripts.bench.bodies import snapshots_body, snapshots_document
from scripts.bench.floor import FloorSnapshots, as_rows, build_floor

# Unknown fields at both levels: every parser must keep them.
BODY = json.dumps(
    {
        "snapshots": [
            {"id": "1eM2UgkfaECOYyUdCo9Pa", "name": "Martial Arts Snapshot", "type": "own"},
            {"id": "2fN3VhlgbFDPZzVeDp0Qb", "name": "Café Ünïcode", "type": "imported", "createdAt": "2024-01-01"},
        ],
        "total": 2,
    },
    ensure_ascii=False,
).encode()


def _wire(request: httpx.Request) -> tuple[str, str, list[tuple[str, str]], bytes]:
    return request.method, str(request.url), sorted(request.headers.multi_items()), request.content


@pytest.mark.parametrize("mode", sorted(calls.SIDES))
def test_typed_bare_and_floor_calls_send_the_same_request_and_return_the_same_data(mode: str) -> None:
    seen: list[httpx.Request] = []
    with calls.SIDES[mode](BODY, seen) as sides:
        typed = sides.typed_once()
        bare = sides.bare_once()
        floor = sides.floor_once()
    assert isinstance(typed, GetSnapshotsSuccessfulResponseDto)
    assert bare == json.loads(BODY)
    assert typed.to_dict() == bare
    assert isinstance(floor, FloorSnapshots)
    assert as_rows(floor) == [(s["id"], s["name"], s["type"]) for s in bare["snapshots"]]
    typed_request, bare_request, floor_request = seen
    assert _wire(typed_request) == _wire(bare_request) == _wire(floor_request)
    assert typed_request.headers["Authorization"] == f"Bearer {calls.TOKEN}"
    assert typed_request.headers["Version"] == calls.VERSION
    assert typed_request.url.params["companyId"] == calls.COMPANY_ID


@pytest.mark.parametrize("mode", sorted(calls.SIDES))
def test_a_batch_makes_as_many_calls_as_it_is_asked(mode: str) -> None:
    seen: list[httpx.Request] = []
    with calls.SIDES[mode](BODY, seen) as sides:
        # A timed batch returns nothing: `asyncio.Runner.run` formats its task's result, and the
        # repr of many models would be charged to the typed side.
        assert sides.typed_batch(3) is None
        assert len(seen) == 3
        assert sides.bare_batch(2) is None
        assert len(seen) == 5
        assert sides.floor_batch(4) is None
        assert len(seen) == 9


def test_the_floor_builds_unchecked_objects_of_every_item() -> None:
    built = build_floor({"snapshots": [{"id": 1, "name": None, "type": "own", "extra": True}]})
    assert as_rows(built) == [(1, None, "own")]  # type: ignore[comparison-overlap]


def test_the_three_parsers_agree() -> None:
    generated = parsing.parse_generated(BODY)
    assert generated.to_dict() == parsing.parse_json(BODY) == parsing.parse_pydantic(BODY).model_dump()


def test_the_bodies_hold_the_asked_number_of_documented_snapshots() -> None:
    body = snapshots_body(300)
    assert json.loads(body) == snapshots_document(300)
    snapshots = snapshots_document(300)["snapshots"]
    assert len(snapshots) == 300
    assert len({s["id"] for s in snapshots}) == 300
    assert {s["type"] for s in snapshots} == {"own", "imported"}
    assert all(set(s) == {"id", "name", "type"} and len(s["id"]) == 21 for s in snapshots)
    assert parsing.parse_generated(body).to_dict() == snapshots_document(300)


def test_the_peak_counts_what_the_work_allocates_and_nothing_before() -> None:
    before = bytearray(20_000_000)
    small = memory.peak_bytes(lambda: len(before))
    large = memory.peak_bytes(lambda: bytearray(5_000_000))
    assert small < 1_000_000
    assert 5_000_000 <= large < 6_000_000


def test_peaks_take_turns() -> None:
    order: list[str] = []
    peaks = memory.interleaved_peaks([("a", lambda: order.append("a")), ("b", lambda: order.append("b"))], rounds=3)
    assert order == ["a", "b"] * 3
    assert {name: len(values) for name, values in peaks.items()} == {"a": 3, "b": 3}
