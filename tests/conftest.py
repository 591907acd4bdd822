import os
import uuid
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import settings

from generated.client import tls_context
from generated.stores_redis import RedisStore
from tests.support.redis_server import redis_server

# `make test` runs a modest number of examples, the same ones every time; `make fuzz-client`
# selects the "fuzz" profile: many more, new ones on each run.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than cores for each group of tests that mostly wait (see below): they run
    those while the others keep the cores busy."""
    return (os.cpu_count() or 1) + 2


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `sleeps` (they wait on timers, rate-limit windows or token lifetimes, on
    purpose) form one xdist group, which `--dist loadgroup` runs on one worker, one after another,
    from the start: spread, they would at times all wait at once while the cores stay idle. Tests
    marked `processes` (they start worker processes, then mostly wait) form a second such group,
    beside the first, so that neither waits for the other. Tests
    marked `slow` come first among the others, so that none starts last and runs on alone."""
    for item in items:
        if item.get_closest_marker("sleeps"):
            item.add_marker(pytest.mark.xdist_group("sleeps"))
        elif item.get_closest_marker("processes"):
            item.add_marker(pytest.mark.xdist_group("processes"))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """An httpx client for a test's own requests. It shares the generated clients' TLS context:
    `httpx.get` builds a client, and a context, for each request (about 30 ms of CPU each)."""
    with httpx.Client(verify=tls_context(True)) as client:
        yield client


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis for the tests: REDIS_URL's when it is set (CI's service), else a redis-server of the
    session's own (tests/support/redis_server.py). Tests keep apart by the prefix of their keys."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = redis_server()
    server.start()
    try:
        yield server.url
    finally:
        server.kill()


@pytest.fixture
def redis_store(redis_url: str) -> RedisStore:
    """A RedisStore whose keys no other test shares."""
    return RedisStore.from_url(redis_url, prefix=f"test-{uuid.uuid4().hex}:")
