"""``RedisStore``: OAuth tokens and the burst budget shared by every process and host that reaches
one Redis (``stores`` says what a store is). Needs redis-py: ``pip install "highlevel-snapshots[redis]"``.

Keys, under ``prefix``: ``tokens:<key>`` (the installation's ``TokenRecord`` as JSON),
``lock:<key>`` (the refresh lock), ``budget:<key>`` (a hash: the budget's state) and
``budget:<key>:sent`` (a sorted set: the requests in flight, by the time they were sent).
``<key>`` is a sha256 (``stores.key_of``); every key written has an expiry. The budget's scripts
run atomically on Redis's own clock (``TIME``), the one clock every worker shares.

When Redis cannot be reached, every method raises ``StoreError`` at once for ``RETRY_AFTER``
seconds before it tries again, and one warning is logged per outage.
"""

import logging
import math
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import redis

from .stores import BudgetNews, SharedBudget, StoreError, TokenRecord, TokenVault

logger = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_AFTER = 0.5
"""Seconds after a failure during which the store is not asked again."""
SOCKET_TIMEOUT = 0.5
"""Of ``from_url``'s connections: Redis answers on a local network in a millisecond."""
TOKENS_TTL_MS = 400 * 86_400_000  # a refresh token lives a year
BUDGET_TTL_MS = 3_600_000
IN_FLIGHT_BOUND = 120.0
"""Seconds after which a request still in flight is no longer counted: its worker may have died."""

# The algorithm of budget.BurstBudget (its docstring says why), with its state in a hash; an absent
# field is None, or the infinity of the Python version. KEYS: state, in flight.
_TURN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local s = redis.call('HMGET', KEYS[1], 'paced', 'maximum', 'remaining', 'ends_by', 'paused_until')
if s[1] ~= '1' then return {1, ''} end
local maximum, remaining = tonumber(s[2]), tonumber(s[3])
local ends_by, paused_until = tonumber(s[4]) or math.huge, tonumber(s[5]) or -math.huge
local id, reserve, left = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
local function take()
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  return {1, id}
end
local wait
if now < paused_until then
  wait = paused_until - now
else
  if now >= ends_by then
    remaining, ends_by = maximum, math.huge
    redis.call('HDEL', KEYS[1], 'remaining', 'ends_by')
    if maximum then redis.call('HSET', KEYS[1], 'remaining', maximum) end
    redis.call('HSET', KEYS[1], 'learned_at', now)
  end
  local held_back = 0
  if maximum then held_back = math.min(math.ceil(maximum * reserve - 1e-9), maximum - 1) end
  if remaining == nil or remaining - redis.call('ZCARD', KEYS[2]) > held_back then return take() end
  wait = ends_by - now
end
if left <= 0 or (left < wait and wait < math.huge) then return take() end
if wait == math.huge then return {0, tostring(left)} end
return {0, tostring(math.min(wait, left))}
"""

# ARGV: ticket, then the news ('' for None): maximum, interval, remaining, rate limited, pause; ttl.
_ANSWERED = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local sent_at = nil
if ARGV[1] ~= '' then
  sent_at = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]))
  redis.call('ZREM', KEYS[2], ARGV[1])
end
local maximum, interval, remaining = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if maximum then redis.call('HSET', KEYS[1], 'maximum', maximum) end
if interval then redis.call('HSET', KEYS[1], 'interval', interval) end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
local s = redis.call('HMGET', KEYS[1], 'interval', 'remaining', 'learned_at', 'ends_by', 'paused_until')
interval = tonumber(s[1])
local known, learned_at = tonumber(s[2]), tonumber(s[3]) or -math.huge
if ARGV[5] == '1' then
  local pause = tonumber(ARGV[6]) or interval
  if pause then
    local paused_until = math.max(tonumber(s[5]) or -math.huge, now + pause)
    redis.call('HSET', KEYS[1], 'paced', 1, 'paused_until', paused_until, 'remaining', 0,
      'learned_at', now, 'ends_by', paused_until)
  end
  return 0
end
if remaining == nil or interval == nil then return 0 end
redis.call('HSET', KEYS[1], 'paced', 1)
local sent_after = sent_at ~= nil and sent_at > learned_at
if known == nil or (remaining > known and sent_after) then
  redis.call('HSET', KEYS[1], 'remaining', remaining, 'learned_at', now, 'ends_by', now + interval)
  return 0
end
if remaining < known then redis.call('HSET', KEYS[1], 'remaining', remaining, 'learned_at', now) end
if not tonumber(s[4]) then redis.call('HSET', KEYS[1], 'ends_by', now + interval) end
return 0
"""

_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _text(value: float | int | None) -> str:
    return "" if value is None else repr(value)


class RedisStore:
    """A store in Redis.

    ``RedisStore.from_url("rediss://user:password@host:6380/0")`` (or ``redis://``, ``unix://``)
    builds its own client with short socket timeouts; ``RedisStore(redis.Redis(...))`` uses
    yours. Keys are written under ``prefix``.
    """

    def __init__(self, client: "redis.Redis", prefix: str = "highlevel:") -> None:
        self.client = client
        self.prefix = prefix
        options = client.connection_pool.connection_kwargs
        where = options.get("path") or f"{options.get('host', 'localhost')}:{options.get('port', 6379)}"
        self.name = f"Redis at {where}"
        self._turn = client.register_script(_TURN)
        self._answered = client.register_script(_ANSWERED)
        self._unlock = client.register_script(_UNLOCK)
        self._retry_at = -math.inf
        self._down = False
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, prefix: str = "highlevel:", **options: Any) -> "RedisStore":
        options = {"socket_timeout": SOCKET_TIMEOUT, "socket_connect_timeout": SOCKET_TIMEOUT, **options}
        return cls(redis.Redis.from_url(url, **options), prefix)

    def __repr__(self) -> str:
        return f"RedisStore({self.name!r}, prefix={self.prefix!r})"

    def tokens(self, key: str) -> TokenVault:
        return _RedisVault(self, f"{self.prefix}tokens:{key}", f"{self.prefix}lock:{key}")

    def budget(self, key: str) -> SharedBudget:
        return _RedisBudget(self, f"{self.prefix}budget:{key}", f"{self.prefix}budget:{key}:sent")

    def call(self, command: Callable[[], T]) -> T:
        """Runs ``command`` against Redis; ``StoreError`` if Redis cannot be reached (at once while
        it was not reachable less than ``RETRY_AFTER`` seconds ago)."""
        if time.monotonic() < self._retry_at:
            raise StoreError(f"{self.name} could not be reached; trying again in at most {RETRY_AFTER:g} s")
        try:
            result = command()
        except redis.RedisError as error:
            with self._lock:
                self._retry_at = time.monotonic() + RETRY_AFTER
                first, self._down = not self._down, True
            if first:
                logger.warning("%s could not be reached (%s); going on without it", self.name, type(error).__name__)
            raise StoreError(f"{self.name} could not be reached ({type(error).__name__})") from None
        if self._down:
            with self._lock:
                back, self._down = self._down, False
            if back:
                logger.warning("%s is reachable again", self.name)
        return result


class _RedisVault:
    def __init__(self, store: RedisStore, key: str, lock_key: str) -> None:
        self._store, self._key, self._lock_key = store, key, lock_key

    def read(self) -> TokenRecord | None:
        text = self._store.call(lambda: self._store.client.get(self._key))
        return None if text is None else TokenRecord.from_json(text)

    def write(self, record: TokenRecord) -> None:
        self._store.call(lambda: self._store.client.set(self._key, record.to_json(), px=TOKENS_TTL_MS))

    def lock(self, seconds: float) -> str | None:
        lock_id = uuid.uuid4().hex
        taken = self._store.call(
            lambda: self._store.client.set(self._lock_key, lock_id, nx=True, px=int(seconds * 1000))
        )
        return lock_id if taken else None

    def unlock(self, lock_id: str) -> None:
        self._store.call(lambda: self._store._unlock(keys=[self._lock_key], args=[lock_id]))


class _RedisBudget:
    def __init__(self, store: RedisStore, key: str, sent_key: str) -> None:
        self._store, self._keys = store, [key, sent_key]

    def take(self, reserve: float, give_up_in: float) -> str | float:
        args: list[str | int] = [
            uuid.uuid4().hex,
            repr(reserve),
            repr(give_up_in),
            repr(IN_FLIGHT_BOUND),
            BUDGET_TTL_MS,
        ]
        went, said = self._store.call(lambda: self._store._turn(keys=self._keys, args=args))
        return said.decode() if went else float(said)

    def answered(self, ticket: str, news: BudgetNews | None) -> None:
        said = news or BudgetNews(None, None, None, rate_limited=False, pause=None)
        args: list[str | int] = [
            ticket,
            _text(said.maximum),
            _text(said.interval),
            _text(said.remaining),
            "1" if said.rate_limited else "0",
            _text(said.pause),
            BUDGET_TTL_MS,
        ]
        self._store.call(lambda: self._store._answered(keys=self._keys, args=args))


__all__ = ["RETRY_AFTER", "RedisStore"]
