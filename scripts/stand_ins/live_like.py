"""A stand-in for HighLevel's live Snapshots API, written from `highlevel-api-facts.md`, not from the spec.

The replay server is built from the spec, so it can only show that spec, fixtures and client agree
with each other. This one behaves the way the facts say the real service does, so the live run,
the recorder and the client can be tested against behaviour the spec does not describe:

- a request is checked as the service does it: the bearer token (401; a company the token does
  not belong to is a 401 too), then the burst and daily budgets (429), then routing (Express's
  `404 Cannot METHOD /path` for a method a routed path does not have, or `unknown_method_status`
  for a method Express does not know, as a front proxy answering 501 would), then the parameters
  and the body (400), and only then the answer;
- the burst budget is a fixed window of `burst_max` requests per `interval_ms`, reported on every
  authorised answer in HighLevel's `X-RateLimit-*` headers, never with `Retry-After`; other
  traffic (`background` requests per window, arriving evenly through it) spends the same budget,
  and its requests that find the window full are counted in `background_rejected`;
- the daily budget: when `daily_remaining` reaches 0 every authorised request is a 429 with
  `X-RateLimit-Daily-Remaining: 0` and `X-RateLimit-Daily-Reset` (milliseconds, as HighLevel's
  SDK reads it), whatever the burst budget says;
- `latency` seconds pass before each answer; every request is kept in `seen`, with its method.
"""

import dataclasses
import json
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scripts.wsgi import JSON_CONTENT_TYPE, Answer, AnswerApp, IncomingRequest, status_line

API_VERSION = "2021-07-28"
COMPANY_ID = "5D112kQsiKESj6rash"
SNAPSHOT_ID = "1eM2UgkfaECOYyUdCo9Pa"
LOCATION_ID = "ve9EPM428h8vShlRW1KT"
SHARE_TYPES = ("link", "permanent_link", "agency_link", "location_link")
EXPRESS_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
DAY_MS = 86_400_000


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    at: float


def _error(status: int, message: Any, error: str | None = None) -> Answer:
    body: dict[str, Any] = {"statusCode": status, "message": message}
    if error is not None:
        body["error"] = error
    return Answer.of_json(status, body)


@dataclass
class _Window:
    index: int = -1
    own: int = 0
    background: int = 0  # background requests admitted in this window
    background_due: int = 0  # background requests that have arrived in this window


@dataclass
class LiveLike(AnswerApp):
    """The WSGI app. Defaults are HighLevel's documented limits; tests scale the window down."""

    token: str
    company_id: str = COMPANY_ID
    snapshot_id: str = SNAPSHOT_ID
    location_id: str = LOCATION_ID
    burst_max: int = 100
    interval_ms: int = 10_000
    background: int = 0
    daily_remaining: int = 200_000
    daily_max: int = 200_000
    latency: float = 0.0
    unknown_method_status: int = 404
    # NestJS' ValidationPipe answers `message` as an array of strings, with `error`; the docs show
    # a plain string. False answers 400s as documented.
    nestjs_validation_bodies: bool = False
    seen: list[Seen] = field(default_factory=list)
    rate_limited: int = 0
    background_rejected: int = 0
    share_links: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._window = _Window()
        self._window_counts: list[int] = []

    @property
    def methods(self) -> set[str]:
        return {seen.method for seen in self.seen}

    @property
    def most_in_a_window(self) -> int:
        """The most requests (ours and others') admitted in one burst window."""
        return max(self._window_counts, default=0)

    def answer(self, request: IncomingRequest) -> Answer:
        if self.latency:
            time.sleep(self.latency)
        answer = self._checked(request)
        with self._lock:
            self.seen.append(Seen(request.method, request.path, request.query, answer.status, time.monotonic()))
        return dataclasses.replace(answer, body=b"") if request.method == "HEAD" else answer

    def _checked(self, request: IncomingRequest) -> Answer:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _error(401, "Invalid token: access token is invalid", "Unauthorized")
        company = request.query.get("companyId", [""])[0].strip()
        if company and company != self.company_id:
            return _error(401, "The token is not authorized for this company.", "Unauthorized")
        limited, budget_headers = self._spend()
        answer = limited or self._route(request)
        return dataclasses.replace(answer, headers=(*answer.headers, *budget_headers))

    # --- the budgets -------------------------------------------------------------------------

    def _spend(self) -> tuple[Answer | None, tuple[tuple[str, str], ...]]:
        """Counts one authorised request; a 429 when a budget is spent, and the headers either way."""
        with self._lock:
            elapsed_ms = (time.monotonic() - self._started) * 1000
            window = self._current_window(elapsed_ms)
            used = window.own + window.background
            if self.daily_remaining <= 0:
                limited: Answer | None = self._too_many()
                daily: tuple[tuple[str, str], ...]
                reset_ms = DAY_MS - int(elapsed_ms) % DAY_MS
                daily = (("X-RateLimit-Daily-Reset", str(reset_ms)),)
            elif used >= self.burst_max:
                limited, daily = self._too_many(), ()
            else:
                window.own += 1
                used += 1
                self.daily_remaining -= 1
                self._window_counts[-1] = used
                limited, daily = None, ()
            headers = (
                ("X-RateLimit-Max", str(self.burst_max)),
                ("X-RateLimit-Remaining", str(max(self.burst_max - used, 0))),
                ("X-RateLimit-Interval-Milliseconds", str(self.interval_ms)),
                ("X-RateLimit-Limit-Daily", str(self.daily_max)),
                ("X-RateLimit-Daily-Remaining", str(max(self.daily_remaining, 0))),
                *daily,
            )
            return limited, headers

    def _too_many(self) -> Answer:
        self.rate_limited += 1
        return _error(429, "ThrottlerException: Too Many Requests")

    def _current_window(self, elapsed_ms: float) -> _Window:
        index = int(elapsed_ms // self.interval_ms)
        if index != self._window.index:
            self._window = _Window(index=index)
            self._window_counts.append(0)
        window = self._window
        # Other traffic arrives evenly through the window; each of its requests that finds the
        # window full is turned away (and counted: a run that starves production shows there).
        due = math.floor(self.background * (elapsed_ms - index * self.interval_ms) / self.interval_ms)
        while window.background_due < due:
            window.background_due += 1
            if window.own + window.background < self.burst_max:
                window.background += 1
            else:
                self.background_rejected += 1
        self._window_counts[-1] = window.own + window.background
        return window

    # --- routing and answers -----------------------------------------------------------------

    def _route(self, request: IncomingRequest) -> Answer:
        path = request.path.rstrip("/") or "/"
        routes: dict[tuple[str, str], Callable[..., Answer]] = {
            ("GET", r"/snapshots"): self._snapshots,
            ("POST", r"/snapshots/share/link"): self._share_link,
            ("GET", r"/snapshots/snapshot-status/(?P<snapshot>[^/]+)"): self._pushes,
            ("GET", r"/snapshots/snapshot-status/(?P<snapshot>[^/]+)/location/(?P<location>[^/]+)"): self._latest,
        }
        on_path = [
            (method, handler, match)
            for (method, pattern), handler in routes.items()
            if (match := re.fullmatch(pattern, path))
        ]
        if request.method not in EXPRESS_METHODS:
            phrase = status_line(self.unknown_method_status).partition(" ")[2]
            return _error(self.unknown_method_status, f"Cannot {request.method} {request.path}", phrase)
        wanted = "GET" if request.method == "HEAD" else request.method
        for method, handler, match in on_path:
            if method == wanted:
                problems = self._common_problems(request)
                return self._bad_request(problems) if problems else handler(request, **match.groupdict())
        if request.method == "OPTIONS" and on_path:
            allowed = {method for method, _, _ in on_path}
            allowed |= {"HEAD"} if "GET" in allowed else set()
            return Answer(204, b"", (JSON_CONTENT_TYPE, ("Allow", ",".join(sorted(allowed)))))
        return _error(404, f"Cannot {request.method} {request.path}", "Not Found")

    def _bad_request(self, problems: list[str]) -> Answer:
        if self.nestjs_validation_bodies:
            return _error(400, problems, "Bad Request")
        return _error(400, "; ".join(problems))

    def _common_problems(self, request: IncomingRequest) -> list[str]:
        problems = []
        if request.headers.get("version") != API_VERSION:
            problems.append(f"version must be {API_VERSION}")
        companies = request.query.get("companyId", [])
        if len(companies) != 1 or not companies[0].strip():
            problems.append("companyId should not be empty")
        return problems

    def _snapshots(self, request: IncomingRequest) -> Answer:
        return Answer.of_json(
            200,
            {
                "snapshots": [
                    {"id": self.snapshot_id, "name": "Martial Arts Snapshot", "type": "own"},
                    {"id": "Vx8kq2Lm0PzR4tYc7Hn1", "name": "Dental Clinic Starter", "type": "imported"},
                ]
            },
        )

    def _share_link(self, request: IncomingRequest) -> Answer:
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            return self._bad_request(["body must be JSON"])
        if not isinstance(body, dict):
            return self._bad_request(["body must be an object"])
        problems = []
        if not isinstance(body.get("snapshot_id"), str) or not body["snapshot_id"]:
            problems.append("snapshot_id must be a string")
        elif body["snapshot_id"] != self.snapshot_id:
            problems.append("snapshot not found")
        if body.get("share_type") not in SHARE_TYPES:
            problems.append(f"share_type must be one of the following values: {', '.join(SHARE_TYPES)}")
        for optional in ("relationship_number", "share_location_id"):
            if optional in body and not isinstance(body[optional], str):
                problems.append(f"{optional} must be a string")
        if problems:
            return self._bad_request(problems)
        number = len(self.share_links) + 1
        link = {
            "id": f"share{number:04d}",
            "shareLink": f"https://affiliates.gohighlevel.com/?share=live{number:04d}Secret",
        }
        self.share_links.append(link)
        return Answer.of_json(201, link)

    def _pushes(self, request: IncomingRequest, snapshot: str) -> Answer:
        problems = []
        for bound in ("from", "to"):
            value = request.query.get(bound, [None])[0]
            if value is not None and not _iso_date(value):
                problems.append(f"{bound} must be an ISO 8601 date")
        limit_text = request.query.get("limit", ["20"])[0]
        if not limit_text.isdigit() or int(limit_text) < 1:
            problems.append("limit must be a positive integer")
        if problems:
            return self._bad_request(problems)
        pushes = [
            {
                "id": f"push{number}",
                "locationId": self.location_id,
                "status": "completed",
                "dateAdded": f"2026-11-0{number}T10:00:00.000Z",
            }
            for number in range(1, 4)
        ]
        last = request.query.get("lastDoc", [None])[0]
        if last is not None:
            ids = [push["id"] for push in pushes]
            pushes = pushes[ids.index(last) + 1 :] if last in ids else []
        return Answer.of_json(200, {"data": pushes[: int(limit_text)]})

    def _latest(self, request: IncomingRequest, snapshot: str, location: str) -> Answer:
        return Answer.of_json(
            200,
            {
                "data": {
                    "id": "push3",
                    "locationId": location,
                    "status": "processing",
                    "completed": ["forms", "surveys", "funnels", "workflows"],
                    "pending": ["custom_fields", "custom_values", "tags"],
                }
            },
        )


# "Only ISO 8601 dates and plain YYYY-MM-DD are accepted now" (the maintainers, on their tracker).
ISO_DATE = re.compile(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$"
)


def _iso_date(text: str) -> bool:
    return ISO_DATE.fullmatch(text) is not None
