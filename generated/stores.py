"""Where the clients of many processes and hosts keep what they must share: an OAuth
installation's tokens (``auth.OAuthRefresh(store=...)``) and HighLevel's burst budget
(``AuthenticatedClient(store=...)``).

- ``MemoryStore``: the process's own memory, what every client does without a store: the tokens
  are shared by the ``OAuthRefresh`` objects given the same store, the budget by the callers of
  one client. Nothing to install.
- ``RedisStore`` (``stores_redis.py``, ``pip install "highlevel-snapshots[redis]"``): both shared
  by every process and host that reaches the same Redis. Importing this module does not import
  redis; naming ``RedisStore`` does.

A store hands out, for a key that is a hash of what it names (``key_of``; no secret is ever part
of a key), the tokens of one installation (``TokenVault``) and the burst budget of one token or
installation (``SharedBudget``; None: the budget stays with each client). Its methods raise
``StoreError`` when the store cannot be reached; the clients never let it reach a caller.
"""

import hashlib
import json
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .stores_redis import RedisStore


class StoreError(Exception):
    """The store could not be reached or did not answer. Its message names the store, never a secret."""


@dataclass(frozen=True)
class TokenRecord:
    """An installation's tokens as the store keeps them. Times are wall-clock (``time.time()``),
    the one clock that processes and hosts share; ``generation`` counts the refreshes."""

    refresh_token: str
    access_token: str
    expires_at: float
    refresh_at: float  # from then on the access token is refreshed before use
    generation: int

    def __repr__(self) -> str:
        return f"TokenRecord(generation={self.generation}, expires_at={self.expires_at}, tokens='<redacted>')"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> "TokenRecord":
        return cls(**json.loads(text))


class TokenVault(Protocol):
    """One installation's tokens, and the lock that lets one worker at a time refresh them."""

    def read(self) -> TokenRecord | None: ...

    def write(self, record: TokenRecord) -> None: ...

    def lock(self, seconds: float) -> str | None:
        """Takes the lock for at most ``seconds`` (it then frees itself: its holder may have died);
        returns the id that releases it, or None when another holder has it."""
        ...

    def unlock(self, lock_id: str) -> None:
        """Releases the lock if ``lock_id`` still holds it."""
        ...


class SharedBudget(Protocol):
    """The ``budget.BurstBudget`` of one token or installation, kept where every worker reaches it,
    on the store's own clock. Used by ``shared_budget.SharedSyncGate`` / ``SharedAsyncGate``."""

    def take(self, reserve: float, give_up_in: float) -> str | float:
        """A request's turn: its ticket (a string; empty when the budget is not known yet and the
        request goes untracked), or the seconds to wait before asking again (``math.inf``: until an
        answer arrives). A wait longer than ``give_up_in`` is not started: the request goes now."""
        ...

    def answered(self, ticket: str, news: "BudgetNews | None") -> None:
        """Gives the ticket's slot back and learns what its answer says (None: nothing)."""
        ...


@dataclass(frozen=True)
class BudgetNews:
    """What an answer says about the burst budget, as ``budget.BurstBudget.answered`` reads it."""

    maximum: int | None
    interval: float | None
    remaining: int | None
    rate_limited: bool
    pause: float | None  # of a 429: the wait it asks for


class Store(Protocol):
    name: str
    """What the store is, for messages: never a password."""

    def tokens(self, key: str) -> TokenVault: ...

    def budget(self, key: str) -> SharedBudget | None: ...


def key_of(*parts: str) -> str:
    """The key of what ``parts`` name (a token; a client id and an installation): a sha256, so that
    no secret is ever part of a key name."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def client_budget(store: Store | None, token: str | None, auth: object) -> SharedBudget | None:
    """The budget an ``AuthenticatedClient`` shares through ``store``: its token's, or that of its
    ``auth``'s installation (``auth.OAuthRefresh.installation_key``)."""
    if store is None:
        return None
    if token is not None:
        return store.budget(key_of("token", token))
    installation = getattr(auth, "installation_key", None)
    if not isinstance(installation, str):
        raise TypeError("store= shares the budget of a token= or of an OAuthRefresh(..., store=, installation=)")
    return store.budget(installation)


class _MemoryVault:
    def __init__(self) -> None:
        self._record: TokenRecord | None = None
        self._holder: tuple[str, float] | None = None  # lock id, and the time.monotonic() it frees itself
        self._lock = threading.Lock()

    def read(self) -> TokenRecord | None:
        return self._record

    def write(self, record: TokenRecord) -> None:
        self._record = record

    def lock(self, seconds: float) -> str | None:
        with self._lock:
            now = time.monotonic()
            if self._holder is not None and self._holder[1] > now:
                return None
            lock_id = uuid.uuid4().hex
            self._holder = (lock_id, now + seconds)
            return lock_id

    def unlock(self, lock_id: str) -> None:
        with self._lock:
            if self._holder is not None and self._holder[0] == lock_id:
                self._holder = None


class MemoryStore:
    """A store in this process's memory: what the clients do without one."""

    name = "memory"

    def __init__(self) -> None:
        self._vaults: dict[str, _MemoryVault] = {}
        self._lock = threading.Lock()

    def tokens(self, key: str) -> TokenVault:
        with self._lock:
            return self._vaults.setdefault(key, _MemoryVault())

    def budget(self, key: str) -> SharedBudget | None:
        return None  # each client's callers share its own budget (budget.SyncGate / AsyncGate)


def __getattr__(name: str) -> object:
    if name == "RedisStore":  # imported on first use only: redis is an optional dependency
        from .stores_redis import RedisStore

        return RedisStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BudgetNews",
    "MemoryStore",
    "RedisStore",
    "SharedBudget",
    "Store",
    "StoreError",
    "TokenRecord",
    "TokenVault",
    "client_budget",
    "key_of",
]
