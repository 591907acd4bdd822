"""A stand-in for HighLevel's OAuth token endpoint and for a resource it protects.

Written from openapi/sources/highlevel-api-facts.md ("OAuth tokens"), not from the spec, so that
the client's refresh is checked against what the documentation says, not against itself:

- POST /oauth/token takes a form (`client_id`, `client_secret`, `grant_type=refresh_token`,
  `user_type`, `refresh_token`) and answers 200 with a new access token and a new refresh token;
  the refresh token sent is spent (single use). A wrong client id or secret, or a refresh token
  that is unknown or spent, gets 401 `{statusCode, message, error}`; a missing field or another
  grant gets 422 `{statusCode, message: [...], error}`.
- An access token dies `lifetime` seconds after it is issued; the answer's `expires_in` says
  `reported_expires_in` (by default the truth), so a test can make tokens die unannounced.
- GET /snapshots/ answers 200 `{snapshots: [...]}` to a live access token, 401 to any other.
  `revoke_access_tokens()` kills every access token issued so far, before its time and unannounced
  (as an app reinstalled or a token revoked does).

It counts what a test asserts on: refreshes, the most refreshes it was handling at once, spent
refresh tokens presented again, and the requests it refused. Each refresh is held for `hold`
seconds, so that two racing refreshes would overlap and be counted.
"""

import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from scripts.wsgi import Answer, AnswerApp, IncomingRequest

CLIENT_ID = "stand-in-client-id"
CLIENT_SECRET = "canary-client-secret-5e0d"  # noqa: S105 - a canary the tests look for, not a credential
FIRST_REFRESH_TOKEN = "canary-refresh-token-0-9a4c"  # noqa: S105 - a canary, as above
SNAPSHOTS = {"snapshots": [{"id": "1eM2UgkfaECOYyUdCo9Pa", "name": "Martial Arts Snapshot", "type": "own"}]}


def _unauthorized(message: str) -> Answer:
    return Answer.of_json(401, {"statusCode": 401, "message": message, "error": "Unauthorized"})


@dataclass
class TokenEndpoint(AnswerApp):
    lifetime: float = 2.0
    reported_expires_in: float | None = None
    hold: float = 0.05
    client_id: str = CLIENT_ID
    client_secret: str = field(default=CLIENT_SECRET, repr=False)
    # What the tests read:
    refreshes: int = 0
    most_at_once: int = 0
    spent_presented: int = 0
    refused: int = 0
    refreshing: int = 0  # refreshes it is handling right now
    issued: list[str] = field(default_factory=list, repr=False)  # every token it handed out, access and refresh
    current_refresh_token: str = field(default=FIRST_REFRESH_TOKEN, repr=False)
    _spent: set[str] = field(default_factory=set, repr=False)
    _access_deaths: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def answer(self, request: IncomingRequest) -> Answer:
        if request.method == "POST" and request.path == "/oauth/token":
            return self._token(request.body)
        if request.method == "GET" and request.path == "/snapshots/":
            return self._resource(request.headers.get("authorization", ""))
        return Answer.of_json(404, {"statusCode": 404, "message": f"Cannot {request.method} {request.path}"})

    def _resource(self, authorization: str) -> Answer:
        token = authorization.removeprefix("Bearer ")
        with self._lock:
            alive = self._access_deaths.get(token, 0.0) > time.monotonic()
            self.refused += not alive
        return Answer.of_json(200, SNAPSHOTS) if alive else _unauthorized("Invalid token: access token is invalid")

    def _token(self, body: bytes) -> Answer:
        form = {name: values[-1] for name, values in parse_qs(body.decode()).items()}
        missing = [name for name in ("client_id", "client_secret", "grant_type", "user_type") if name not in form]
        if missing or form["grant_type"] != "refresh_token" or "refresh_token" not in form:
            problems = [f"{name} should not be empty" for name in missing] or ["refresh_token should not be empty"]
            return Answer.of_json(422, {"statusCode": 422, "message": problems, "error": "Unprocessable Entity"})
        with self._lock:
            self.refreshing += 1
            self.most_at_once = max(self.most_at_once, self.refreshing)
        try:
            time.sleep(self.hold)
            return self._refresh(form)
        finally:
            with self._lock:
                self.refreshing -= 1

    def _refresh(self, form: dict[str, str]) -> Answer:
        with self._lock:
            if form["client_id"] != self.client_id or form["client_secret"] != self.client_secret:
                self.refused += 1
                return _unauthorized("Invalid client credentials")
            sent = form["refresh_token"]
            if sent in self._spent:
                self.spent_presented += 1
            if sent != self.current_refresh_token:
                self.refused += 1
                return _unauthorized("Invalid grant: refresh token is invalid")
            self.refreshes += 1
            self._spent.add(sent)
            access = f"canary-access-token-{self.refreshes}-{secrets.token_hex(4)}"
            self.current_refresh_token = f"canary-refresh-token-{self.refreshes}-{secrets.token_hex(4)}"
            self.issued += [access, self.current_refresh_token]
            self._access_deaths[access] = time.monotonic() + self.lifetime
        expires_in = self.lifetime if self.reported_expires_in is None else self.reported_expires_in
        return Answer.of_json(
            200,
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": expires_in,
                "refresh_token": self.current_refresh_token,
                "scope": "snapshots.readonly",
                "userType": form["user_type"],
                "companyId": "5D112kQsiKESj6rash",
                "approvedLocations": [],
                "userId": "9NkT25Vor1v4aQatFsv2",
                "planId": "stand-in-plan",
            },
        )

    def revoke_access_tokens(self) -> None:
        with self._lock:
            self._access_deaths.clear()

    def credentials(self) -> list[str]:
        """Every credential in play: the client secret, the first refresh token, and all it issued."""
        return [self.client_secret, FIRST_REFRESH_TOKEN, *self.issued]
