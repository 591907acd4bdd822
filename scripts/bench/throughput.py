"""Requests per second of the replay server, with a trivial WSGI app on the same server as baseline.

Both apps are served by `scripts.wsgi.running_server` (the threaded wsgiref server that
`make serve` and `make conformance` use) on loopback; the trivial app answers every request
with the very bytes the replay server sends for GET /snapshots/, without looking at the
request. A round runs the load generator (`scripts.bench.load`, a separate process) against
the replay server, then against the trivial app.
"""

import json
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

from scripts.fixtures import load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp
from scripts.wsgi import Environ, StartResponse, WSGIApp, running_server

COMPANY_ID = "5D112kQsiKESj6rash"
HEADERS = {"Authorization": f"Bearer {DEVELOPMENT_TOKEN}", "Version": "2021-07-28"}
PATH = f"/snapshots/?companyId={COMPANY_ID}"


def trivial_app(body: bytes) -> WSGIApp:
    def app(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        start_response(
            "200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))]
        )
        return [body]

    return app


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    failures: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def run_load(url: str, clients: int, requests: int) -> LoadResult:
    header_args = [arg for name, value in HEADERS.items() for arg in ("--header", f"{name}: {value}")]
    command = [sys.executable, "-m", "scripts.bench.load", url, "--clients", str(clients), "--requests", str(requests)]
    done = subprocess.run([*command, *header_args], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed with {done.returncode}:\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return LoadResult(requests=int(data["requests"]), seconds=float(data["seconds"]), failures=int(data["failures"]))


def replay_vs_trivial(clients: int, requests: int, rounds: int) -> dict[str, list[LoadResult]]:
    """Load results of each server, the two taking turns round by round."""
    results: dict[str, list[LoadResult]] = {"replay": [], "trivial": []}
    with running_server(ReplayApp(load_fixtures())) as replay_url:
        answer = httpx.get(replay_url + PATH, headers=HEADERS)
        if answer.status_code != 200:
            raise RuntimeError(f"the replay server answered {answer.status_code} to GET {PATH}")
        with running_server(trivial_app(answer.content)) as trivial_url:
            for _ in range(rounds):
                for name, url in (("replay", replay_url), ("trivial", trivial_url)):
                    result = run_load(url + PATH, clients, requests)
                    if result.failures:
                        raise RuntimeError(f"{result.failures} of {result.requests} requests to the {name} app failed")
                    results[name].append(result)
    return results
