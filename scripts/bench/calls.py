"""One GET /snapshots/ three ways over the same in-memory transport: through the typed client, bare,
and bare with the floor's objects.

The transport (`httpx.MockTransport`) answers every request with one prebuilt body, so a
call costs only what the client does. Every side sends the same request (method, URL,
`Authorization` and `Version` headers) and receives the same bytes; the typed side returns
the parsed models, the bare side `json.loads` of the body, and the floor side the unchecked
attrs objects of `floor.py` built from that. Only the public API of `generated` is used, so
the harness keeps working when the client's templates change.
"""

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from scripts.bench.floor import build_floor

BASE_URL = "https://services.leadconnectorhq.com"
TOKEN = "bench-token-not-a-secret"  # noqa: S105 - never leaves the in-memory transport
COMPANY_ID = "5D112kQsiKESj6rash"
VERSION = "2021-07-28"
PATH = "/snapshots/"
RESPONSE_HEADERS = (("Content-Type", "application/json; charset=utf-8"),)


def mock_transport(body: bytes, seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    """Answers 200 with `body`; records each request in `seen` when given (for tests only)."""

    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(200, headers=RESPONSE_HEADERS, content=body)

    return httpx.MockTransport(handle)


def typed_client(transport: httpx.MockTransport) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token=TOKEN, httpx_args={"transport": transport})


def _bare_arguments() -> dict[str, Any]:
    return {"base_url": BASE_URL, "headers": {"Authorization": f"Bearer {TOKEN}"}}


def _bare_request() -> dict[str, Any]:
    return {"params": {"companyId": COMPANY_ID}, "headers": {"Version": VERSION}}


@dataclass(frozen=True)
class CallSides:
    """The sides of one call comparison: `*_once` returns a result, `*_batch(n)` calls n times."""

    typed_once: Callable[[], object]
    bare_once: Callable[[], Any]
    floor_once: Callable[[], object]
    typed_batch: Callable[[int], object]
    bare_batch: Callable[[int], object]
    floor_batch: Callable[[int], object]


@contextmanager
def sync_sides(body: bytes, seen: list[httpx.Request] | None = None) -> Iterator[CallSides]:
    """`get_custom_snapshots.sync` vs `httpx.Client.get` + `json.loads` (+ the floor's objects)."""
    typed = typed_client(mock_transport(body, seen))
    bare = httpx.Client(transport=mock_transport(body, seen), **_bare_arguments())
    request = _bare_request()

    def typed_once() -> object:
        return get_custom_snapshots.sync(client=typed, company_id=COMPANY_ID)

    def bare_once() -> Any:
        return json.loads(bare.get(PATH, **request).content)

    def floor_once() -> object:
        return build_floor(json.loads(bare.get(PATH, **request).content))

    def typed_batch(loops: int) -> None:
        for _ in range(loops):
            get_custom_snapshots.sync(client=typed, company_id=COMPANY_ID)

    def bare_batch(loops: int) -> None:
        for _ in range(loops):
            json.loads(bare.get(PATH, **request).content)

    def floor_batch(loops: int) -> None:
        for _ in range(loops):
            build_floor(json.loads(bare.get(PATH, **request).content))

    with typed, bare:
        yield CallSides(typed_once, bare_once, floor_once, typed_batch, bare_batch, floor_batch)


@contextmanager
def async_sides(body: bytes, seen: list[httpx.Request] | None = None) -> Iterator[CallSides]:
    """`get_custom_snapshots.asyncio` vs `httpx.AsyncClient.get` + `json.loads` (+ the floor's
    objects), on one event loop.

    A sample is one `run` of the loop around all its calls, the same for both sides.
    """
    typed = typed_client(mock_transport(body, seen))
    bare = httpx.AsyncClient(transport=mock_transport(body, seen), **_bare_arguments())
    request = _bare_request()

    async def typed_call() -> object:
        return await get_custom_snapshots.asyncio(client=typed, company_id=COMPANY_ID)

    async def bare_call() -> Any:
        return json.loads((await bare.get(PATH, **request)).content)

    async def floor_call() -> object:
        return build_floor(json.loads((await bare.get(PATH, **request)).content))

    # The timed coroutines return None on purpose: `asyncio.Runner.run` formats its task
    # (result included) while restoring the SIGINT handler, and the repr of 10,000 models
    # would be charged to the typed side.
    async def typed_calls(loops: int) -> None:
        for _ in range(loops):
            await get_custom_snapshots.asyncio(client=typed, company_id=COMPANY_ID)

    async def bare_calls(loops: int) -> None:
        for _ in range(loops):
            json.loads((await bare.get(PATH, **request)).content)

    async def floor_calls(loops: int) -> None:
        for _ in range(loops):
            build_floor(json.loads((await bare.get(PATH, **request)).content))

    async def close() -> None:
        await bare.aclose()
        await typed.__aexit__(None, None, None)

    with asyncio.Runner() as runner:
        runner.run(typed.__aenter__())
        try:
            yield CallSides(
                typed_once=lambda: runner.run(typed_call()),
                bare_once=lambda: runner.run(bare_call()),
                floor_once=lambda: runner.run(floor_call()),
                typed_batch=lambda loops: runner.run(typed_calls(loops)),
                bare_batch=lambda loops: runner.run(bare_calls(loops)),
                floor_batch=lambda loops: runner.run(floor_calls(loops)),
            )
        finally:
            runner.run(close())


SIDES = {"sync": sync_sides, "async": async_sides}
