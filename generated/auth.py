"""OAuth access tokens that refresh themselves: ``OAuthRefresh``, an ``httpx.Auth``.

::

    auth = OAuthRefresh(client_id=..., client_secret=..., refresh_token=..., on_refresh=store)
    client = AuthenticatedClient(base_url="https://services.leadconnectorhq.com", auth=auth)

- The first call gets an access token with the refresh token (POST /oauth/token, refresh grant,
  sent by the generated ``api.oauth.get_access_token``).
- A token is refreshed before it expires: once less than ``REFRESH_MARGIN`` seconds (or half of
  its life, if that is shorter) are left of the ``expires_in`` its refresh answered, counted from
  when that refresh was sent.
- A call answered 401 refreshes the token it was sent with (unless another call has already
  replaced that token) and is sent again with the new one, once; that second answer is the call's.
  So a 401 that has nothing to do with the token's age (a missing scope, say) costs one refresh
  per call (or per round of concurrent calls) and is then returned as it is.
- One refresh at a time: callers that need a token while a refresh is in flight wait for it and
  use its outcome, so a refresh token is sent once and never again after.
- Each refresh rotates the refresh token: ``on_refresh`` gets the parsed answer
  (``GetAccessTokenSuccessfulResponseDTO``: ``access_token``, ``refresh_token``, ``expires_in``,
  ...) to store the new refresh token. It runs after the new tokens are in use, in the thread or
  on the event loop of the call that refreshed, and before any later refresh can start; keep it
  short. An exception in it is logged (without secrets) and changes nothing else.
- A refresh that fails raises ``errors.TokenRefreshError`` from the call (and from every call that
  waited for it). Unless nothing reached the token endpoint (``retryable``), the refresh token may
  be spent: this ``OAuthRefresh`` then never sends it again, and every later call that needs a new
  token raises at once (one whose token is neither due nor refused still goes out).

Supported: one ``OAuthRefresh`` shared by any number of threads (sync clients), tasks (async
clients), event loops (each with an ``AuthenticatedClient`` of its own, as httpx requires of an
async client), and sync and async clients at once. Its lock is a ``threading.Lock`` held
only to decide who refreshes, never across I/O, so it blocks no event loop; callers wait for a
refresh through a ``concurrent.futures.Future``, which threads and every loop can wait on (an
``asyncio.Lock`` belongs to one loop and does not stop threads). An async refresh runs as a task
of its own, so a cancelled call does not abandon it. Not supported: calling a sync client from
inside a running event loop while a call on that loop refreshes; the sync call cannot let the loop
run the refresh, and gives up with ``TokenRefreshError`` after ``REFRESH_WAIT_SECONDS``.

Many worker processes and hosts on one installation: pass ``store=`` (a ``stores.RedisStore``)
and ``installation=`` (the company or location id the app is installed on): the installation's
tokens then live in the store, and at most one worker refreshes them at a time
(``token_sharing``). The ``refresh_token`` argument only seeds an empty store, and ``on_refresh``
runs in the worker that refreshed. A refresh needed while the store cannot be reached raises
``TokenRefreshError`` (``retryable``; no refresh token was sent); calls whose token is still
valid go on.

The client secret and the tokens are in no ``repr()``, log record or exception message of this
module; ``redact`` removes them from text (``AuthenticatedClient.redact`` uses it).
"""

import asyncio
import logging
import math
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

import httpx

from .api.oauth import get_access_token
from .client import DEFAULT_TIMEOUT, Client
from .errors import TokenRefreshError, UnexpectedResponse, excerpt
from .models import (
    BadRequestDTO,
    GetAccessTokenRequestDTO,
    GetAccessTokenSuccessfulResponseDTO,
    UnauthorizedDTO,
    UnprocessableDTO,
)
from .redaction import redact_chain, redact_secrets
from .stores import Store, StoreError, TokenRecord, key_of
from .token_sharing import Lease, LockWaitExpired, SharedTokens, lock_seconds
from .types import Response

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://services.leadconnectorhq.com"
REFRESH_MARGIN = 300.0
"""Seconds before its expiry that a token is refreshed (capped at half of its life): room for a
slow or retried refresh without a call ever carrying an expired token."""
REFRESH_WAIT_SECONDS = 120.0
"""The longest a call waits for a refresh another call is running: longer than a refresh can
take with the default timeouts, so only a stuck refresh makes it give up."""
STORE_RETRY_SECONDS = 0.25
"""While the store cannot be reached, a token that is due but still alive is used, and its
refresh tried again this many seconds later."""
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Failures that leave the refresh token unspent: the request never left this process."""

OnRefresh = Callable[[GetAccessTokenSuccessfulResponseDTO], object]
TokenAnswer = BadRequestDTO | GetAccessTokenSuccessfulResponseDTO | UnauthorizedDTO | UnprocessableDTO


@dataclass(frozen=True)
class _Failure:
    reason: str
    status_code: int | None = None
    retryable: bool = False
    cause: httpx.HTTPError | None = None
    store_down: bool = False  # the store could not be reached, or another worker's refresh did not end

    def error(self) -> TokenRefreshError:
        """A new exception for each raise: one instance raised in several threads would mix tracebacks."""
        error = TokenRefreshError(self.reason, self.status_code, retryable=self.retryable)
        error.__cause__ = self.cause
        return error


@dataclass(frozen=True)
class _State:
    """Replaced whole, never changed: a caller that read it once holds a consistent view."""

    refresh_token: str
    access_token: str | None = None
    refresh_at: float = -math.inf  # time.monotonic() from which the access token is refreshed before use
    expires_at: float = math.inf  # time.monotonic() at which the access token dies
    attempts: int = 0  # refreshes ended, successful or not
    failure: _Failure | None = None  # why the last refresh failed, if it did
    spent_refresh_token: str | None = None  # the one this state's refresh spent: still a secret to redact


@dataclass(frozen=True)
class _Turn:
    """A refresh to wait for; `mine` when the caller that got this turn must run it."""

    outcome: "Future[_State]"
    mine: bool
    refresh_token: str = ""
    rejected: str | None = None


def _refresh_at(sent_at: float, expires_in: float) -> float:
    # An expires_in that is not a positive finite number says nothing usable: only a 401 refreshes.
    if not math.isfinite(expires_in) or expires_in <= 0:
        return math.inf
    return sent_at + expires_in - min(REFRESH_MARGIN, expires_in / 2)


def _expires_at(sent_at: float, expires_in: float) -> float:
    return sent_at + expires_in if math.isfinite(expires_in) and expires_in > 0 else math.inf


def _alive(state: _State, rejected: str | None, now: float) -> bool:
    """Whether the state's token can still be sent while its refresh cannot be run."""
    return state.access_token is not None and state.access_token != rejected and now < state.expires_at


class OAuthRefresh(httpx.Auth):
    """Sends each request with a current OAuth access token, refreshed as the module docstring says.

    Args:
        client_id: the app's client id.
        client_secret: the app's client secret.
        refresh_token: the latest refresh token (from the authorization, or from ``on_refresh``).
        user_type: ``"Company"`` (an agency token, which the Snapshots API needs) or ``"Location"``.
        on_refresh: called with the parsed token response after each refresh, to store the new
            refresh token; None to store nothing.
        base_url: where the token endpoint is (default ``DEFAULT_BASE_URL``).
        timeout: of the token request (default ``client.DEFAULT_TIMEOUT``). It is never retried:
            the refresh token it carries may be spent even when its answer is lost.
        store: where the tokens are shared with other processes and hosts (``stores``); None:
            this object's own.
        installation: with a store, required: the id of what the app is installed on (a company
            or location id). One app has a refresh-token chain for each installation.
    """

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        user_type: Literal["Company", "Location"] = "Company",
        on_refresh: OnRefresh | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        store: Store | None = None,
        installation: str | None = None,
    ) -> None:
        if store is not None and not installation:
            raise TypeError("OAuthRefresh(store=...) needs installation=: the company or location id the app is on")
        self.client_id = client_id
        self.user_type: Literal["Company", "Location"] = user_type
        self.base_url = base_url
        self._client_secret = client_secret
        self._on_refresh = on_refresh
        self._timeout = timeout
        self._state = _State(refresh_token=refresh_token)
        self._lock = threading.Lock()
        self._in_flight: Future[_State] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.installation_key = None if installation is None else key_of("oauth", client_id, installation)
        self._shared: SharedTokens | None = None
        if store is not None and self.installation_key is not None:
            vault = store.tokens(self.installation_key)
            self._shared = SharedTokens(vault, store.name, lock_seconds(timeout))

    def __repr__(self) -> str:
        return (
            f"OAuthRefresh(client_id={self.client_id!r}, user_type={self.user_type!r}, base_url={self.base_url!r}, "
            "client_secret='<redacted>', refresh_token='<redacted>')"
        )

    def redact(self, text: str) -> str:
        """``text`` with the client secret, the current tokens and the refresh token the last refresh
        spent replaced by ``<redacted>`` (``redaction.redact_secrets`` says where)."""
        state = self._state
        secrets = (self._client_secret, state.refresh_token, state.access_token, state.spent_refresh_token)
        return redact_secrets(text, secrets)

    # The auth flows: a current token, and on a 401 one more try with a new one.

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.read()  # a call answered 401 is sent again: its body must be in memory to be sent twice
        token = self._sync_token(rejected=None)
        response = yield _authorized(request, token)
        if response.status_code == 401:
            yield _authorized(request, self._sync_token(rejected=token))

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        await request.aread()
        token = await self._async_token(rejected=None)
        response = yield _authorized(request, token)
        if response.status_code == 401:
            yield _authorized(request, await self._async_token(rejected=token))

    # Who refreshes: decided under the lock, which is never held across I/O.

    def _usable_token(self, state: _State, rejected: str | None) -> str | None:
        if state.access_token is None or state.access_token == rejected or time.monotonic() >= state.refresh_at:
            return None
        return state.access_token

    def _begin(self, rejected: str | None) -> str | _Turn:
        """The token to send, or the refresh to wait for or to run. A refresh that failed after this
        caller found the token unusable is its outcome too."""
        seen = self._state
        token = self._usable_token(seen, rejected)
        if token is not None:
            return token
        with self._lock:
            if self._in_flight is not None:
                return _Turn(self._in_flight, mine=False)
            state = self._state
            if state.failure is not None and (not state.failure.retryable or state.attempts != seen.attempts):
                raise state.failure.error()
            token = self._usable_token(state, rejected)
            if token is not None:
                return token
            outcome: Future[_State] = Future()
            outcome.set_running_or_notify_cancel()  # a waiter that is cancelled cannot cancel it for the others
            self._in_flight = outcome
            return _Turn(outcome, mine=True, refresh_token=state.refresh_token, rejected=rejected)

    def _sync_token(self, rejected: str | None) -> str:
        turn = self._begin(rejected)
        if isinstance(turn, str):
            return turn
        if turn.mine:
            self._run_sync(turn)
        try:
            return _token(turn.outcome.result(timeout=REFRESH_WAIT_SECONDS))
        except TimeoutError:
            raise _waited_too_long() from None

    async def _async_token(self, rejected: str | None) -> str:
        turn = self._begin(rejected)
        if isinstance(turn, str):
            return turn
        if turn.mine:
            task = asyncio.ensure_future(self._run_async(turn))
            self._tasks.add(task)  # the loop keeps only a weak reference to a task
            task.add_done_callback(self._tasks.discard)
        try:
            return _token(await asyncio.wait_for(asyncio.wrap_future(turn.outcome), REFRESH_WAIT_SECONDS))
        except TimeoutError:
            raise _waited_too_long() from None

    # The refresh itself.

    def _run_sync(self, turn: _Turn) -> None:
        if self._shared is not None:
            self._run_shared(turn, self._shared)
            return
        with self._refreshing(turn) as answered, self._token_client() as client:
            answered(get_access_token.sync_detailed(client=client, body=self._form(turn.refresh_token)))

    async def _run_async(self, turn: _Turn) -> None:
        if self._shared is not None:
            await asyncio.to_thread(self._run_shared, turn, self._shared)  # the store's calls block
            return
        with self._refreshing(turn) as answered:
            async with self._token_client() as client:
                answered(await get_access_token.asyncio_detailed(client=client, body=self._form(turn.refresh_token)))

    def _run_shared(self, turn: _Turn, shared: SharedTokens) -> None:
        """The refresh, or the tokens another worker refreshed, through the store."""
        with self._refreshing(turn) as answered:
            got = shared.acquire(turn.rejected, turn.refresh_token, REFRESH_WAIT_SECONDS)
            if isinstance(got, TokenRecord):
                answered(got)
                return
            self._spending(got.refresh_token)
            wall_sent_at = time.time()
            try:
                with self._token_client() as client:
                    response = get_access_token.sync_detailed(client=client, body=self._form(got.refresh_token))
            except BaseException:
                shared.release(got.lock_id)
                raise
            self._store(shared, got, response, wall_sent_at)
            answered(response)

    def _spending(self, refresh_token: str) -> None:
        """The store's refresh token, which this process may never have seen, made its own before it
        is sent: the endpoint's answer may quote it (it is redacted), and a success spends it."""
        with self._lock:
            self._state = replace(self._state, refresh_token=refresh_token)

    def _store(self, shared: SharedTokens, lease: Lease, response: Response[TokenAnswer], sent_at: float) -> None:
        tokens = response.parsed
        if not isinstance(tokens, GetAccessTokenSuccessfulResponseDTO):
            shared.release(lease.lock_id)
            return
        expires_in = float(tokens.expires_in)
        record = TokenRecord(
            refresh_token=tokens.refresh_token,
            access_token=tokens.access_token,
            expires_at=_expires_at(sent_at, expires_in),
            refresh_at=_refresh_at(sent_at, expires_in),
            generation=lease.generation + 1,
        )
        shared.keep(lease, record)

    @contextmanager
    def _refreshing(self, turn: _Turn) -> Iterator[Callable[[Response[TokenAnswer] | TokenRecord], None]]:
        """Ends the turn however the refresh in the block ends: with the answer (or the tokens
        another worker refreshed) it hands to the callback, or with the failure that left the block
        (re-raised unless it is a refresh's or the store's own)."""
        sent_at = time.monotonic()
        answers: list[Response[TokenAnswer] | TokenRecord] = []
        try:
            yield answers.append
            outcome = answers[0] if isinstance(answers[0], TokenRecord) else self._read(answers[0])
        except StoreError as error:
            outcome = _Failure(f"{error}; no refresh token was sent", retryable=True, store_down=True)
        except LockWaitExpired:
            reason = "another worker's refresh of this installation did not end; nothing was sent"
            outcome = _Failure(reason, retryable=True, store_down=True)
        except httpx.HTTPError as error:
            outcome = self._network_failure(error)
        except UnexpectedResponse as error:
            outcome = self._malformed(error)
        except BaseException as error:
            self._end(turn, _Failure(f"interrupted by {type(error).__name__}; the refresh token may be spent"), sent_at)
            raise
        self._end(turn, outcome, sent_at)

    def _token_client(self) -> Client:
        # A client of its own for each refresh (one a day): nothing to close, and no connection tied to
        # a loop. It shares the TLS context of every client (tls_context in client.py).
        return Client(
            base_url=self.base_url,
            timeout=self._timeout,
            retry=None,
            raise_on_unexpected_status=False,
        )

    def _form(self, refresh_token: str) -> GetAccessTokenRequestDTO:
        return GetAccessTokenRequestDTO(
            client_id=self.client_id,
            client_secret=self._client_secret,
            grant_type="refresh_token",
            user_type=self.user_type,
            refresh_token=refresh_token,
        )

    def _read(self, response: Response[TokenAnswer]) -> GetAccessTokenSuccessfulResponseDTO | _Failure:
        parsed = response.parsed
        status = int(response.status_code)
        if isinstance(parsed, GetAccessTokenSuccessfulResponseDTO):
            return parsed
        if parsed is None:
            said = f"an undocumented status; body: {excerpt(response.content, self.redact)!r}"
        elif isinstance(parsed, UnprocessableDTO):
            said = "; ".join(parsed.message)
        else:
            said = parsed.message
        return _Failure(f"POST /oauth/token answered {status}: {self.redact(said)}", status)

    def _network_failure(self, error: httpx.HTTPError) -> _Failure:
        retryable = isinstance(error, NOT_SENT)
        effect = "nothing was sent" if retryable else "the refresh token may be spent"
        redact_chain(error, self.redact)  # chained as the cause: its message may quote what the endpoint sent
        return _Failure(
            f"POST /oauth/token got no answer ({type(error).__name__}: {error}); {effect}",
            None,
            retryable,
            cause=error,
        )

    def _malformed(self, error: UnexpectedResponse) -> _Failure:
        # Not chained and not quoted: a 200 that does not parse may hold the new tokens.
        return _Failure(
            f"POST /oauth/token answered {error.status_code}, which could not be read "
            f"({self.redact(error.problem)}); the refresh token may be spent",
            error.status_code,
        )

    def _end(
        self, turn: _Turn, outcome: GetAccessTokenSuccessfulResponseDTO | TokenRecord | _Failure, sent_at: float
    ) -> None:
        with self._lock:
            old = self._state
            now = time.monotonic()
            if isinstance(outcome, _Failure) and outcome.store_down and _alive(old, turn.rejected, now):
                new = replace(old, attempts=old.attempts + 1, refresh_at=now + STORE_RETRY_SECONDS)
            elif isinstance(outcome, _Failure):
                new = replace(old, attempts=old.attempts + 1, failure=outcome)
            elif isinstance(outcome, TokenRecord):
                new = _State(
                    refresh_token=outcome.refresh_token,
                    access_token=outcome.access_token,
                    refresh_at=now + outcome.refresh_at - time.time(),
                    expires_at=now + outcome.expires_at - time.time(),
                    attempts=old.attempts + 1,
                    spent_refresh_token=old.refresh_token,
                )
            else:
                new = _State(
                    refresh_token=outcome.refresh_token,
                    access_token=outcome.access_token,
                    refresh_at=_refresh_at(sent_at, float(outcome.expires_in)),
                    expires_at=_expires_at(sent_at, float(outcome.expires_in)),
                    attempts=old.attempts + 1,
                    spent_refresh_token=old.refresh_token,
                )
            self._state = new
        try:
            if isinstance(outcome, _Failure):
                logger.warning("refreshing the OAuth access token failed: %s", outcome.reason)
            elif isinstance(outcome, TokenRecord):
                logger.info("using the OAuth access token another worker refreshed (generation %d)", outcome.generation)
            else:
                logger.info("refreshed the OAuth access token; it expires in %s s", outcome.expires_in)
                self._notify(outcome)
        finally:
            # Cleared only now: no refresh can start before on_refresh has stored this one.
            with self._lock:
                self._in_flight = None
            turn.outcome.set_result(new)

    def _notify(self, tokens: GetAccessTokenSuccessfulResponseDTO) -> None:
        if self._on_refresh is None:
            return
        try:
            self._on_refresh(tokens)
        except Exception as error:
            logger.error(
                "on_refresh raised %s: %s; the new tokens are in use by this process, but may not be stored",
                type(error).__name__,
                self.redact(str(error)),
            )


def _authorized(request: httpx.Request, token: str) -> httpx.Request:
    request.headers["Authorization"] = f"Bearer {token}"
    return request


def _waited_too_long() -> TokenRefreshError:
    return TokenRefreshError(f"waited {REFRESH_WAIT_SECONDS:.0f} s for a refresh in flight", retryable=True)


def _token(state: _State) -> str:
    if state.failure is not None:
        raise state.failure.error()
    assert state.access_token is not None
    return state.access_token


__all__ = ["DEFAULT_BASE_URL", "NOT_SENT", "REFRESH_MARGIN", "REFRESH_WAIT_SECONDS", "OAuthRefresh", "OnRefresh"]
