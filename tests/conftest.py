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
    """One worker more than cores: the OAuth and rate-limit tests mostly sleep, and the extra
    worker runs other tests meanwhile."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first, each followed by a quick one: xdist hands every worker two tests to start
    with, then one at a time, so the slow tests start side by side instead of one of them last, alone."""
    slow = [item for item in items if item.get_closest_marker("slow")]
    quick = [item for item in items if not item.get_closest_marker("slow")]
    paired = [test for pair in zip(slow, quick, strict=False) for test in pair]
    items[:] = paired + quick[len(slow) :] + slow[len(quick) :]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """An httpx client for a test's own requests. It shares the generated clients' TLS context:
    `httpx.get` builds a client, and a context, for each request (about 30 ms of CPU each)."""
    with httpx.Client(verify=tls_context(True)) as client:
        yield client
