"""Where a conformance run sends its requests: offline to the replay itself, live to the polite proxy."""

import http.client
import json
from urllib.parse import urlsplit

import httpx

from scripts.conformance.proxy import REFUSED_HEADER
from scripts.conformance.target import target_for
from scripts.stand_ins.live_like import COMPANY_ID, LiveLike
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN
from scripts.wsgi import running_server

TOKEN = "target-canary-token-0d4e"


def test_an_offline_run_talks_to_the_replay_itself() -> None:
    with target_for({}) as target:
        # A header httpx will not send (schemathesis' probe of the server sends it): the replay answers
        # it, where the proxy, which forwards with httpx, could only refuse it.
        connection = http.client.HTTPConnection(urlsplit(target.url).netloc, timeout=10)
        connection.request("GET", "/nowhere", headers={"X-Probe": "\x00", "Authorization": f"Bearer {target.token}"})
        answer = connection.getresponse()
        body = json.loads(answer.read())
        connection.close()
        traffic = target.traffic()
    assert (target.url, target.token) == (target.shown, DEVELOPMENT_TOKEN)
    assert (answer.status, body["message"]) == (404, "Cannot GET /nowhere")
    assert answer.getheader(REFUSED_HEADER) is None
    assert traffic.requests == 1


def test_a_live_run_goes_through_the_polite_proxy_which_keeps_out_what_the_scope_does_not_allow() -> None:
    api = LiveLike(token=TOKEN)
    with running_server(api) as url:
        env = {"HIGHLEVEL_TOKEN": TOKEN, "HIGHLEVEL_COMPANY_ID": COMPANY_ID, "HIGHLEVEL_BASE_URL": url}
        with target_for(env) as target:
            answer = httpx.delete(f"{target.url}/snapshots/", headers={"Authorization": f"Bearer {TOKEN}"})
            traffic = target.traffic()
    assert (target.shown, target.mode) == (url, "live") and target.url != url
    assert answer.status_code == 403 and answer.headers[REFUSED_HEADER] == "not-allowed"
    assert api.seen == [] and traffic.requests == 0 and traffic.refused["not-allowed"] == 1
