"""The one redaction rule (generated/redaction.py): a secret is replaced where it stands as a token of
its own, and a long one wherever it occurs; a short token (`token="t"`, as tests often pass) does
not garble the messages of the client or of OAuthRefresh."""

import httpx
import pytest

from generated import AuthenticatedClient
from generated.api.snapshots import get_custom_snapshots
from generated.auth import OAuthRefresh
from generated.errors import UnexpectedStatus
from generated.redaction import LONG_SECRET, redact_chain, redact_secrets

LONG = "L" * LONG_SECRET


@pytest.mark.parametrize(
    ("text", "secrets", "redacted"),
    [
        ("undocumented status", ["t"], "undocumented status"),
        ('{"token": "t"}', ["t"], '{"token": "<redacted>"}'),
        ("Authorization: Bearer t", ["t"], "Authorization: Bearer <redacted>"),
        ("GET /x?access_token=t&page=2", ["t"], "GET /x?access_token=<redacted>&page=2"),
        ("t", ["t"], "<redacted>"),
        ("invalid token t.", ["t"], "invalid token <redacted>."),
        ("a JWT: t.payload.signature", ["t"], "a JWT: <redacted>.payload.signature"),
        # Glued to a longer token by any b64token character but "." and "=": left alone.
        *((f"x{glue}t", ["t"], f"x{glue}t") for glue in "aZ0-_~+/"),
        *((f"t{glue}x", ["t"], f"t{glue}x") for glue in "aZ0-_~+/"),
        # From LONG_SECRET characters on, a secret is replaced inside a longer word too.
        (f"Bearer{LONG}x", [LONG], "Bearer<redacted>x"),
        (f"Bearer{LONG[1:]}x", [LONG[1:]], f"Bearer{LONG[1:]}x"),
        # The longest secret first, in one pass: a placeholder is never redacted again.
        (f"{LONG}-more", [LONG, f"{LONG}-more"], "<redacted>"),
        ("t", ["t", "redacted"], "<redacted>"),
        ("nothing to hide", [None, ""], "nothing to hide"),
    ],
)
def test_the_rule(text: str, secrets: list[str | None], redacted: str) -> None:
    assert redact_secrets(text, secrets) == redacted


def test_a_short_token_does_not_garble_the_message_and_is_redacted_where_echoed() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        body = {
            "message": "Too many requests",
            "got": request.headers["Authorization"],
            "next": f"/x?access_token={token}&p=2",
        }
        return httpx.Response(429, json=body)

    transport = httpx.MockTransport(echo)
    client = AuthenticatedClient(
        base_url="https://example.invalid", token="t", retry=None, httpx_args={"transport": transport}
    )
    with pytest.raises(UnexpectedStatus) as raised:
        get_custom_snapshots.sync(client=client, company_id="c")
    assert str(raised.value) == (
        "GET /snapshots/ (get_custom_snapshots) answered 429: undocumented status; body: "
        """'{"message":"Too many requests","got":"Bearer <redacted>","next":"/x?access_token=<redacted>&p=2"}'"""
    )


def test_oauth_refresh_redacts_by_the_same_rule() -> None:
    auth = OAuthRefresh(client_id="id", client_secret="s", refresh_token="r")
    client = AuthenticatedClient(base_url="https://example.invalid", auth=auth)
    text = "refresh token r is spent; the form had client_secret=s&refresh_token=r"
    redacted = "refresh token <redacted> is spent; the form had client_secret=<redacted>&refresh_token=<redacted>"
    assert auth.redact(text) == client.redact(text) == redacted


def test_redact_chain_redacts_each_link_once_even_in_a_cycle() -> None:
    first, second = ValueError("t", 1), KeyError("t")
    first.__cause__, second.__context__ = second, first

    def redact(text: str) -> str:
        return text + " <redacted>" if text == "t" else text + " twice"

    redact_chain(first, redact)
    assert (first.args, second.args) == (("t <redacted>", 1), ("t <redacted>",))
