import os

import pytest
from hypothesis import settings

# `make test` runs a modest number of examples, the same ones every time; `make fuzz-client`
# selects the "fuzz" profile: many more, new ones on each run.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
