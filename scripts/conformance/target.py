"""Where a conformance run sends its requests, and what its traffic was.

- Offline: straight to the replay of the fixture set, served on a free loopback port for the run.
  It counts the requests it answers; there is nothing to pace and nothing out of scope, so
  nothing stands between.
- Live: to the polite proxy, on a loopback port, in front of the API: it paces the run
  (`politeness`), forwards only what the live scope allows (`scope`), and stops the run when it
  cannot go on.
"""

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

from scripts.conformance.politeness import UsageError, live_politeness
from scripts.conformance.proxy import PoliteProxy
from scripts.conformance.scope import LiveScope, live_scope
from scripts.conformance.suite import REQUEST_TIMEOUT
from scripts.fixtures import fixtures_folder
from scripts.spec import spec_document
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, IncompleteFixtures, ReplayApp, replay_from
from scripts.wsgi import Environ, StartResponse, WSGIApp, running_server

OFFLINE = "offline: replay of the recorded fixtures"


@dataclass(frozen=True)
class Traffic:
    requests: int  # answered by the target
    rate_limited: int = 0  # 429s the target answered
    waited_seconds: float = 0.0
    refused: Counter[str] = field(default_factory=Counter)  # why -> requests the proxy answered itself
    stopped: str | None = None  # why the run could not go on, if it could not


@dataclass(frozen=True)
class Target:
    url: str  # where schemathesis sends its requests
    shown: str  # the target the reports name, and the reproducing curl lines go to
    mode: str
    token: str
    scope: LiveScope
    max_examples: int  # unless the command line says
    request_timeout: float  # how long schemathesis waits for one answer
    traffic: Callable[[], Traffic]


class _Counted:
    """A WSGI app that counts the requests it answers."""

    def __init__(self, app: WSGIApp) -> None:
        self._app = app
        self._lock = threading.Lock()
        self.requests = 0

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        with self._lock:
            self.requests += 1
        return self._app(environ, start_response)


def target_for(env: Mapping[str, str]) -> AbstractContextManager[Target]:
    """Live with HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID, else offline; a UsageError when the
    settings are half of a live run, or the fixture set cannot be replayed."""
    token, company = env.get("HIGHLEVEL_TOKEN", ""), env.get("HIGHLEVEL_COMPANY_ID", "")
    if bool(token) != bool(company) or (env.get("HIGHLEVEL_BASE_URL") and not token):
        raise UsageError(
            "a live run needs both HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID (HIGHLEVEL_BASE_URL is optional)"
        )
    if token:
        return _live(env, token)
    try:
        replay = replay_from(fixtures_folder(env), token=DEVELOPMENT_TOKEN)
    except IncompleteFixtures as error:
        raise UsageError(str(error)) from error
    return _offline(replay, DEVELOPMENT_TOKEN)


@contextmanager
def _offline(replay: ReplayApp, token: str) -> Iterator[Target]:
    counted = _Counted(replay)
    with running_server(counted) as url:
        yield Target(
            url=url,
            shown=url,
            mode=OFFLINE,
            token=token,
            scope=LiveScope(),
            max_examples=25,
            request_timeout=REQUEST_TIMEOUT,
            traffic=lambda: Traffic(counted.requests),
        )


@contextmanager
def _live(env: Mapping[str, str], token: str) -> Iterator[Target]:
    """HIGHLEVEL_BASE_URL (default: the spec's production server) behind the polite proxy."""
    api = env.get("HIGHLEVEL_BASE_URL") or spec_document()["servers"][0]["url"]
    politeness, scope = live_politeness(env), live_scope(env)
    proxy = PoliteProxy(api, politeness, allows=scope.allows)

    def traffic() -> Traffic:
        stats = proxy.stats
        return Traffic(stats.forwarded, stats.rate_limited, stats.waited_seconds, Counter(stats.refused), stats.stopped)

    try:
        with running_server(proxy) as url:
            yield Target(
                url=url,
                shown=api,
                mode="live",
                token=token,
                scope=scope,
                max_examples=10,
                # Longer than any forward of the proxy can take, waits included: a wait never turns
                # into a request timeout.
                request_timeout=politeness.longest_forward_seconds() + 1,
                traffic=traffic,
            )
    finally:
        proxy.close()
