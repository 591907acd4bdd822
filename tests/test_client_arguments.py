"""Arguments that break the spec's constraints raise ValueError, and nothing is sent."""

import traceback

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots, get_snapshot_push
from tests.support.docs_examples import documented_examples

TOKEN = "canary-5e2d8a"
BLANK_COMPANY_IDS = {
    "empty": ("", "company_id (query parameter companyId) must be at least 1 character(s) long"),
    "whitespace": (" \t\n", r"company_id (query parameter companyId) must match the pattern \S"),
}


def _recording_client(seen: list[httpx.Request]) -> AuthenticatedClient:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=documented_examples()[200])

    return AuthenticatedClient(
        base_url="https://services.leadconnectorhq.com",
        token=TOKEN,
        httpx_args={"transport": httpx.MockTransport(answer)},
    )


@pytest.mark.parametrize("case", BLANK_COMPANY_IDS)
def test_sync_a_blank_company_id_raises_before_sending(case: str) -> None:
    company_id, message = BLANK_COMPANY_IDS[case]
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError) as raised:
        get_custom_snapshots.sync(client=_recording_client(seen), company_id=company_id)
    assert str(raised.value) == message
    assert seen == []


@pytest.mark.anyio
@pytest.mark.parametrize("case", BLANK_COMPANY_IDS)
async def test_async_a_blank_company_id_raises_before_sending(case: str) -> None:
    company_id, message = BLANK_COMPANY_IDS[case]
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError) as raised:
        await get_custom_snapshots.asyncio(client=_recording_client(seen), company_id=company_id)
    assert str(raised.value) == message
    assert seen == []


def _shown(error: BaseException) -> str:
    """All that an error can show: its message, its repr and the chain printed with its traceback."""
    return str(error) + repr(error) + "".join(traceback.format_exception(error))


NOT_A_DATE = "from_ (query parameter from) must match the pattern"


def test_sync_an_invalid_value_that_is_the_token_is_not_shown() -> None:
    """The token passed where a date belongs (arguments mixed up, say): the error names the argument and
    its constraint, never the value, which could be any secret."""
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError) as raised:
        get_snapshot_push.sync("s", client=_recording_client(seen), company_id="c", from_=TOKEN)
    assert str(raised.value).startswith(NOT_A_DATE)
    assert TOKEN not in _shown(raised.value)
    assert seen == []


@pytest.mark.anyio
async def test_async_an_invalid_value_that_is_the_token_is_not_shown() -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError) as raised:
        await get_snapshot_push.asyncio("s", client=_recording_client(seen), company_id="c", from_=TOKEN)
    assert str(raised.value).startswith(NOT_A_DATE)
    assert TOKEN not in _shown(raised.value)
    assert seen == []


def test_a_company_id_with_surrounding_spaces_is_sent_as_given() -> None:
    seen: list[httpx.Request] = []
    get_custom_snapshots.sync(client=_recording_client(seen), company_id=" c ")
    [request] = seen
    assert request.url.params["companyId"] == " c "
