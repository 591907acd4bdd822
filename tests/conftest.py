import os
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import settings

from generated.client import tls_context

# `make test` runs a modest number of examples, the same ones every time; `make fuzz-client`
# selects the "fuzz" profile: many more, new ones on each run.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than cores: it runs the tests that mostly wait (see below) while the others
    keep the cores busy."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order xdist hands tests out in, one at a time (`--maxschedchunk=1`): those marked `slow`
    first, so that none starts last and runs on alone; those marked `sleeps` (they wait on timers,
    rate-limit windows or token lifetimes, on purpose) spread evenly through the rest, so that they
    never all wait at once while the cores stay idle."""
    slow = [item for item in items if item.get_closest_marker("slow")]
    sleeps = [item for item in items if item.get_closest_marker("sleeps") and item not in slow]
    rest = [item for item in items if item not in slow and item not in sleeps]
    gap = len(rest) / (len(sleeps) + 1)
    position = {item: float(index) for index, item in enumerate(rest)}
    position.update({item: (index + 1) * gap - 0.5 for index, item in enumerate(sleeps)})
    items[:] = slow + sorted(rest + sleeps, key=position.__getitem__)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """An httpx client for a test's own requests. It shares the generated clients' TLS context:
    `httpx.get` builds a client, and a context, for each request (about 30 ms of CPU each)."""
    with httpx.Client(verify=tls_context(True)) as client:
        yield client
