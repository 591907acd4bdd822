"""An OAuth installation's tokens shared through a store (``stores.TokenVault``) by every worker
process and host: ``auth.OAuthRefresh(..., store=, installation=)`` uses it for the refresh its
process runs (one at a time within a process already).

A worker that needs a new token first reads the store, and uses a token another worker refreshed
(neither due nor the one a 401 rejected). Else it takes the installation's lock, reads again, and
only then refreshes, with the store's refresh token (its own only seeds an empty store); it writes
the new tokens to the store before it releases the lock. A worker that finds the lock taken polls
the store until the tokens change or the lock is free: the lock frees itself after one refresh's
longest time, so a worker that died holding it stops nobody for long.
"""

import logging
import time
from dataclasses import dataclass

import httpx

from .stores import StoreError, TokenRecord, TokenVault

logger = logging.getLogger(__name__)

POLL = 0.05
"""Seconds between two reads of a worker waiting for another's refresh."""
UNTIMED_LOCK_SECONDS = 180.0
"""The lock's life when the token request has no timeout."""


def lock_seconds(timeout: httpx.Timeout) -> float:
    """Longer than one refresh can take with ``timeout``: connecting, sending, and reading the answer."""
    parts = (timeout.connect, timeout.write, timeout.read)
    return UNTIMED_LOCK_SECONDS if None in parts else sum(part or 0.0 for part in parts) + 1.0


class LockWaitExpired(Exception):
    """Another worker held the installation's lock all the while."""


@dataclass(frozen=True)
class Lease:
    """The lock, held: the refresh token to send, and what the record it replaces was."""

    lock_id: str
    refresh_token: str
    generation: int
    expires: float  # time.monotonic() at which the lock frees itself

    def __repr__(self) -> str:
        return f"Lease(generation={self.generation}, refresh_token='<redacted>')"


def _usable(record: TokenRecord | None, rejected: str | None) -> TokenRecord | None:
    if record is None or record.access_token == rejected or time.time() >= record.refresh_at:
        return None
    return record


class SharedTokens:
    def __init__(self, vault: TokenVault, store_name: str, lock_seconds: float) -> None:
        self._vault = vault
        self.store_name = store_name
        self._lock_seconds = lock_seconds

    def acquire(self, rejected: str | None, seed: str, wait: float) -> TokenRecord | Lease:
        """A usable record, or the lock to refresh with. ``StoreError`` when the store cannot be
        reached; ``LockWaitExpired`` after ``wait`` seconds of another worker holding the lock."""
        give_up_at = time.monotonic() + wait
        while True:
            record = self._vault.read()
            if usable := _usable(record, rejected):
                return usable
            taken_at = time.monotonic()
            lock_id = self._vault.lock(self._lock_seconds)
            if lock_id is not None:
                record = self._vault.read()
                if usable := _usable(record, rejected):
                    self.release(lock_id)
                    return usable
                refresh_token, generation = (seed, 0) if record is None else (record.refresh_token, record.generation)
                return Lease(lock_id, refresh_token, generation, taken_at + self._lock_seconds)
            if time.monotonic() >= give_up_at:
                raise LockWaitExpired
            time.sleep(POLL)

    def keep(self, lease: Lease, record: TokenRecord) -> None:
        """Writes the new tokens, then releases the lock. While the store cannot be reached it tries
        again until the lock would free itself: no other worker can send the spent refresh token
        before then."""
        while True:
            try:
                self._vault.write(record)
                break
            except StoreError:
                if time.monotonic() >= lease.expires:
                    logger.error(
                        "the refreshed tokens (generation %d) could not be stored in %s: this process uses "
                        "them, the other workers will find the refresh token spent",
                        record.generation,
                        self.store_name,
                    )
                    return
                time.sleep(POLL * 4)
        self.release(lease.lock_id)

    def release(self, lock_id: str) -> None:
        try:
            self._vault.unlock(lock_id)
        except StoreError:
            pass  # it frees itself
