"""The live-like stand-in behaves as the facts say the service does: the other tests lean on it."""

import httpx
import pytest

from generated.client import tls_context
from scripts.stand_ins.live_like import COMPANY_ID, LiveLike
from scripts.wsgi import running_server

TOKEN = "live-like-test-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Version": "2021-07-28"}
QUERY = {"companyId": COMPANY_ID}


def _get(app: LiveLike, method: str = "GET", path: str = "/snapshots/", **kwargs: object) -> httpx.Response:
    with running_server(app) as url, httpx.Client(base_url=url, verify=tls_context(True)) as client:
        return client.request(method, path, **{"headers": HEADERS, "params": QUERY, **kwargs})  # type: ignore[arg-type]


def test_a_valid_request_is_answered_with_the_budget_headers() -> None:
    response = _get(LiveLike(token=TOKEN, burst_max=5))
    assert response.status_code == 200
    assert response.json()["snapshots"][0]["id"]
    assert response.headers["X-RateLimit-Remaining"] == "4"
    assert response.headers["X-RateLimit-Max"] == "5"
    assert "Retry-After" not in response.headers


def test_checks_come_in_the_services_order() -> None:
    app = LiveLike(token=TOKEN, burst_max=1)
    assert _get(app, headers={"Version": "2021-07-28"}).status_code == 401
    assert _get(app, params={"companyId": "SomeoneElsesCompany"}).status_code == 401
    assert _get(app, params={}).status_code == 400  # spends the one request of the window
    assert _get(app, params={}).status_code == 429  # the budget before the parameters


@pytest.mark.parametrize(
    ("method", "unknown", "status"), [("POST", 501, 404), ("QUERY", 404, 404), ("QUERY", 501, 501)]
)
def test_unrouted_methods_get_expresss_404_or_a_proxys_501(method: str, unknown: int, status: int) -> None:
    response = _get(LiveLike(token=TOKEN, unknown_method_status=unknown), method)
    assert response.status_code == status
    assert response.json()["message"] == f"Cannot {method} /snapshots/"
    assert "Allow" not in response.headers


def test_requests_of_a_window_are_counted_and_the_next_one_is_refused() -> None:
    app = LiveLike(token=TOKEN, burst_max=4, interval_ms=60_000)
    statuses = [_get(app).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert app.rate_limited == 1 and app.most_in_a_window == 4


def test_other_traffic_spends_the_same_window() -> None:
    # 10 requests of other traffic a millisecond: the window is full before ours arrives.
    app = LiveLike(token=TOKEN, burst_max=10, interval_ms=60_000, background=600_000)
    response = _get(app)
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert app.background_rejected > 0


def test_a_spent_day_answers_429_with_the_daily_headers() -> None:
    response = _get(LiveLike(token=TOKEN, daily_remaining=0))
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Daily-Remaining"] == "0"
    assert int(response.headers["X-RateLimit-Daily-Reset"]) > 0
    assert response.headers["X-RateLimit-Remaining"] != "0"


def test_the_share_link_needs_the_accounts_own_snapshot() -> None:
    app = LiveLike(token=TOKEN)
    foreign = _get(app, "POST", "/snapshots/share/link", json={"snapshot_id": "x", "share_type": "link"})
    own = _get(app, "POST", "/snapshots/share/link", json={"snapshot_id": app.snapshot_id, "share_type": "link"})
    assert (foreign.status_code, own.status_code) == (400, 201)
    assert app.methods == {"POST"}
