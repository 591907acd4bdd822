"""Clients share one TLS context, built once, that verifies certificates; one given is used as is.
(Building a context loads the CA certificates, which costs more CPU than a call.)"""

import ssl
from typing import Any

import httpx
import pytest

from generated import AuthenticatedClient
from generated.client import tls_context
from generated.retry import RetryPolicy


def test_clients_share_one_tls_context_that_verifies(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tls_context(True)
    assert isinstance(shared, ssl.SSLContext)
    assert (shared.verify_mode, shared.check_hostname) == (ssl.CERT_REQUIRED, True)
    built: list[dict[str, Any]] = []
    real = ssl.create_default_context

    def counted(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        built.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counted)
    for retry in (RetryPolicy(), None):
        client = AuthenticatedClient(base_url="https://example.invalid", token="t", retry=retry)
        client.get_httpx_client()
        client.get_async_httpx_client()
    assert built == []
    httpx.create_ssl_context()  # the spy sees a context being built
    assert len(built) == 1
    assert tls_context(True) is shared


def test_a_context_or_false_given_is_used_as_is() -> None:
    own = ssl.create_default_context()
    assert tls_context(own) is own
    assert tls_context(False) is False
