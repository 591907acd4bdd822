"""What a RedisStore adds to one call: the same sync call against the replay server on a loopback
port, from a client with a `MemoryStore` (the budget in the process, as without a store) and from
one with a `RedisStore` (a turn of the budget taken in Redis, and given back, on a redis-server
of its own on loopback), measured interleaved."""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.models import GetSnapshotsSuccessfulResponseDto
from generated.stores import MemoryStore, Store
from generated.stores_redis import RedisStore
from scripts.bench.timing import Rounds, Side, interleave
from scripts.fixtures import load_fixtures
from scripts.redis_server import RedisServer
from scripts.stand_ins.live_like import COMPANY_ID
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import running_server


@contextmanager
def _redis(binary: str) -> Iterator[str]:
    server = RedisServer(binary)
    server.start()
    try:
        yield server.url
    finally:
        server.kill()


def store_rounds(binary: str, rounds: int, min_seconds: float) -> Rounds:
    with _redis(binary) as redis_url, running_server(ReplayApp(load_fixtures())) as url:
        stores: dict[str, Store] = {
            "memory": MemoryStore(),
            "redis": RedisStore.from_url(redis_url, prefix=f"bench-{uuid.uuid4().hex}:"),
        }
        clients = {
            name: AuthenticatedClient(base_url=url, token=DEVELOPMENT_TOKEN, store=s) for name, s in stores.items()
        }
        for client in clients.values():
            if not isinstance(
                get_custom_snapshots.sync(client=client, company_id=COMPANY_ID), GetSnapshotsSuccessfulResponseDto
            ):
                raise RuntimeError("the replay did not answer the call")
        try:
            return interleave([Side(name, _batch(client)) for name, client in clients.items()], rounds, min_seconds)
        finally:
            for client in clients.values():
                client.get_httpx_client().close()


def _batch(client: AuthenticatedClient) -> Callable[[int], None]:
    def run(loops: int) -> None:
        for _ in range(loops):
            get_custom_snapshots.sync(client=client, company_id=COMPANY_ID)

    return run
