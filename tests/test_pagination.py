"""Iterating every push of a snapshot across pages, sync and async, one page at a time."""

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_snapshot_push
from generated.errors import UnexpectedResponse
from scripts.fixtures import load_fixtures
from scripts.stand_ins.counting_replay import CountingReplay
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN
from scripts.wsgi import running_server

PAGED_SNAPSHOT = "PagedSnapshot0000001"
COMPANY = "5D112kQsiKESj6rash"


def _all_pushes() -> list[str]:
    pages = sorted(
        (f for f in load_fixtures() if f.operation_id == "get-snapshot-push" and f.name.startswith("200-page-")),
        key=lambda fixture: fixture.name,
    )
    return [push["id"] for page in pages for push in page.body["data"]]


def _client(url: str, token: str = DEVELOPMENT_TOKEN) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=url, token=token)


def test_sync_all_yields_every_push_in_order_fetching_pages_lazily() -> None:
    server = CountingReplay(load_fixtures())
    with running_server(server) as url:
        pushes = get_snapshot_push.sync_all(PAGED_SNAPSHOT, client=_client(url), company_id=COMPANY, limit=2)
        first, second = next(pushes), next(pushes)
        assert len(server.arrivals) == 1
        rest = list(pushes)
    assert [push.id for push in [first, second, *rest]] == _all_pushes()
    assert len(_all_pushes()) == 5
    assert len(server.arrivals) == 4  # three pages of pushes, then the empty page that ends it


@pytest.mark.anyio
async def test_asyncio_all_yields_every_push_in_order_fetching_pages_lazily() -> None:
    server = CountingReplay(load_fixtures())
    with running_server(server) as url:
        pushes = get_snapshot_push.asyncio_all(PAGED_SNAPSHOT, client=_client(url), company_id=COMPANY, limit=2)
        first = await anext(pushes)
        assert len(server.arrivals) == 1
        rest = [push async for push in pushes]
    assert [push.id for push in [first, *rest]] == _all_pushes()
    assert len(server.arrivals) == 4


def test_a_page_that_is_not_a_page_of_results_raises() -> None:
    with running_server(CountingReplay(load_fixtures())) as url:
        pushes = get_snapshot_push.sync_all(PAGED_SNAPSHOT, client=_client(url, "wrong-token"), company_id=COMPANY)
        with pytest.raises(UnexpectedResponse, match="a page answered 401"):
            next(pushes)


def test_a_cursor_that_does_not_advance_raises_instead_of_looping() -> None:
    documented = next(f for f in load_fixtures() if f.operation_id == "get-snapshot-push" and f.default)
    [push] = documented.body["data"]

    def same_page_forever(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=documented.body)

    client = AuthenticatedClient(
        base_url="https://replay.invalid", token="t", httpx_args={"transport": httpx.MockTransport(same_page_forever)}
    )
    pushes = get_snapshot_push.sync_all("s", client=client, company_id=COMPANY, last_doc=push["id"])
    with pytest.raises(UnexpectedResponse, match="did not advance"):
        list(pushes)
