"""Taking secrets out of text the client shows: ``redact_secrets`` for a message, ``redact_chain``
for an exception and those it is chained to.

The rule: a secret of ``LONG_SECRET`` characters or more is replaced by ``PLACEHOLDER`` wherever
it occurs; a shorter one only where it stands as a token of its own, neither preceded nor
followed by a character that would make it part of a longer token: ALPHA, DIGIT, ``-``, ``_``,
``~``, ``+`` or ``/`` (RFC 6750's b64token, of which an OAuth bearer token is made).

Why: replaced everywhere, a short secret garbles every message (with ``token="t"``, as tests
often pass, "undocumented status" would read "undocumen<redacted>ed s<redacted>a<redacted>us"),
and a few characters inside a longer word reveal nothing. Where a short secret stands alone, as a
value (``"t"`` in JSON, ``Bearer t`` in a header, ``?token=t&`` in a URL), it is replaced. ``.``
and ``=`` belong to b64token too (a JWT's dots, base64 padding), but they also end a sentence and
join a name to its value, so they do not glue a secret to its neighbours: ``token=t.`` loses its
``t``; a short secret that is one segment of a longer token is replaced there too, which hides
more, never less. A secret of ``LONG_SECRET`` characters does not occur inside ordinary text by
chance, and glued to other text (``Bearerabc...``) it is still the whole secret: replaced
everywhere. HighLevel's tokens are JWTs of hundreds of characters, always long.
"""

import re
from collections.abc import Callable, Iterable

PLACEHOLDER = "<redacted>"
LONG_SECRET = 16
"""The length from which a secret is replaced wherever it occurs, even inside a longer word."""
_GLUE = r"[A-Za-z0-9\-_~+/]"  # characters that make a short secret part of a longer token


def _pattern(secret: str) -> str:
    if len(secret) >= LONG_SECRET:
        return re.escape(secret)
    return rf"(?<!{_GLUE}){re.escape(secret)}(?!{_GLUE})"


def redact_secrets(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with each of ``secrets`` (None and empty ones skipped) replaced by ``PLACEHOLDER``
    as the module docstring says. One pass, longest secret first: a secret that holds another
    is replaced whole, and a placeholder is never redacted again."""
    kept = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
    if not kept:
        return text
    return re.sub("|".join(map(_pattern, kept)), PLACEHOLDER, text)


def redact_chain(error: BaseException, redact: Callable[[str], str]) -> None:
    """Redacts, in place, the text arguments (what ``str()`` and ``repr()`` show) of ``error`` and
    of each exception it is chained to, as a traceback shows them: an error raised on what a server
    sent (httpx's ``RemoteProtocolError`` quotes a malformed status line) may quote a secret."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in link.args)
        link = link.__cause__ or link.__context__


__all__ = ["LONG_SECRET", "PLACEHOLDER", "redact_chain", "redact_secrets"]
