# Replaces the client.py that openapi-python-client 0.29.1 generates (scripts/codegen/generate.py
# copies it over that one). Changes against it:
# - the token is never shown by repr(), and is never stored in the headers dict that repr() shows
#   (the default adds "Authorization" to it when the httpx client is built); redact() removes it
#   from text the client builds out of what a server sent, with the one rule of
#   redaction.redact_secrets;
# - the default timeout is finite (DEFAULT_TIMEOUT), not None;
# - raise_on_unexpected_status defaults to True;
# - the httpx clients get a transport that retries idempotent requests (retry.py) unless retry is
#   None;
# - verify_ssl=True (the default) uses one TLS context that every client shares (tls_context);
# - AuthenticatedClient takes either a fixed `token` or an httpx.Auth as `auth` (such as
#   auth.OAuthRefresh, which refreshes an OAuth token), exactly one of them, and a `store`
#   (stores.py) through which many processes share the burst budget;
# - the two clients share their body through a base class (the generator repeats it in each);
# - __exit__/__aexit__ are typed so that mypy --strict passes.
"""The clients the API functions take: ``Client`` (no authentication) and ``AuthenticatedClient``."""

import functools
import ssl
from types import TracebackType
from typing import Any, Self

import httpx
from attrs import define, evolve, field

from .redaction import redact_secrets
from .retry import RetryPolicy, async_transport, sync_transport
from .stores import SharedBudget, Store, client_budget

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Used when no ``timeout`` is given: 10 seconds to connect, 30 seconds for each read, write
and pool wait. A stalled server fails the call with ``httpx.TimeoutException`` instead of
hanging it forever. Pass ``timeout=`` (or call ``with_timeout``) to change it."""


@functools.cache
def _default_tls_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def tls_context(verify: str | bool | ssl.SSLContext) -> str | bool | ssl.SSLContext:
    """``verify_ssl`` as httpx takes it, with ``True`` (the default) turned into one TLS context
    shared by every client of the process: building a context loads the CA certificates, which
    costs more CPU than a call does. That context reads SSL_CERT_FILE and SSL_CERT_DIR once, when
    the first client is built; pass an ``ssl.SSLContext`` of your own for anything else."""
    return _default_tls_context() if verify is True else verify


def _redacted(value: str | None) -> str:
    return "None" if value is None else "'<redacted>'"


@define
class _BaseClient:
    """What both clients hold and do; see ``Client`` for the arguments."""

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    retry: RetryPolicy | None = field(factory=RetryPolicy, kw_only=True)
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _budget: SharedBudget | None = field(default=None, init=False, repr=False)

    def _all_headers(self) -> dict[str, str]:
        return dict(self._headers)

    def _httpx_auth(self) -> httpx.Auth | None:
        return None

    def redact(self, text: str) -> str:
        """``text`` unchanged: this client holds no secret."""
        return text

    def with_headers(self, headers: dict[str, str]) -> Self:
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            verify = tls_context(self._verify_ssl)
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._all_headers(),
                timeout=self._timeout,
                verify=verify,
                follow_redirects=self._follow_redirects,
                auth=self._httpx_auth(),
                **{**self._httpx_args, "transport": sync_transport(self.retry, verify, self._httpx_args, self._budget)},
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(exc_type, exc_value, traceback)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            verify = tls_context(self._verify_ssl)
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._all_headers(),
                timeout=self._timeout,
                verify=verify,
                follow_redirects=self._follow_redirects,
                auth=self._httpx_auth(),
                **{
                    **self._httpx_args,
                    "transport": async_transport(self.retry, verify, self._httpx_args, self._budget),
                },
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(exc_type, exc_value, traceback)


@define
class Client(_BaseClient):
    """A client for operations that need no authentication.

    Keyword arguments: ``base_url``, ``cookies``, ``headers``, ``timeout`` (default
    ``DEFAULT_TIMEOUT``), ``verify_ssl``, ``follow_redirects``, ``httpx_args`` (passed on to
    ``httpx.Client`` / ``httpx.AsyncClient``), ``raise_on_unexpected_status`` (default True:
    raise ``errors.UnexpectedStatus`` for a status the spec does not document; False returns
    a response whose ``parsed`` is None instead), and ``retry``: the ``retry.RetryPolicy`` for
    idempotent requests (default ``RetryPolicy()``; None switches retries off). The retries wrap
    the ``transport`` of ``httpx_args``, or the default one built from ``verify_ssl`` and the
    ``cert``, ``http1``, ``http2``, ``limits`` and ``trust_env`` of ``httpx_args``.
    """


@define
class AuthenticatedClient(_BaseClient):
    """A client that sends ``Authorization: <prefix> <token>`` with every request.

    Takes the keyword arguments of ``Client`` plus ``token``, ``prefix`` (default
    ``"Bearer"``) and ``auth_header_name`` (default ``"Authorization"``). ``repr()`` never
    shows the token. Instead of a fixed ``token``, pass ``auth``: an ``httpx.Auth`` that
    authenticates each request itself, such as ``generated.auth.OAuthRefresh`` (OAuth access
    tokens that it refreshes). Exactly one of the two is required. ``store`` (a
    ``stores.RedisStore``): every client, in any process, with the same store and the same token
    (or OAuth installation) shares one burst budget; None (the default): this client's callers
    share its own.
    """

    token: str | None = field(default=None, repr=_redacted)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"
    auth: httpx.Auth | None = field(default=None, kw_only=True)
    store: Store | None = field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.token is None) == (self.auth is None):
            raise TypeError(
                "AuthenticatedClient takes exactly one of token= (a fixed token) and auth= (an httpx.Auth "
                "such as generated.auth.OAuthRefresh)"
            )
        self._budget = client_budget(self.store, self.token, self.auth)

    def _httpx_auth(self) -> httpx.Auth | None:
        return self.auth

    def _all_headers(self) -> dict[str, str]:
        if self.token is None:
            return dict(self._headers)
        credential = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**self._headers, self.auth_header_name: credential}

    def redact(self, text: str) -> str:
        """``text`` with the token replaced by ``<redacted>`` (for messages quoting what a server sent;
        ``redaction.redact_secrets`` says where), and with whatever ``auth`` redacts, if it has a
        ``redact(text)`` method of its own."""
        text = redact_secrets(text, [self.token])
        auth_redact = getattr(self.auth, "redact", None)
        return auth_redact(text) if callable(auth_redact) else text
