"""`make conformance`: does the API still behave as the spec (and the client generated from it) says?

Offline by default: against the replay of the recorded fixtures, started on a free loopback
port. With HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID set: against HIGHLEVEL_BASE_URL
(default: the spec's production server), with companyId pinned to the given company,
paced and capped by the polite proxy; scripts/live_target.py says which operations and
parameters a live run touches. Exit status 0 only when everything conforms.

Settings (environment): CONFORMANCE_STRICT=1 (or --strict) makes drift a failure;
CONFORMANCE_RATE (default 60/10s), CONFORMANCE_MAX_REQUESTS (default 500) bound a live run;
FIXTURES_DIR (default tests/fixtures) is the fixture set an offline run replays.
"""

import argparse
import os
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from scripts.conformance.checks import DRIFT
from scripts.conformance.live_target import LiveScope, live_scope
from scripts.conformance.proxy import Politeness, PoliteProxy
from scripts.conformance.reports import summary_data, terminal_summary, write_json, write_junit
from scripts.conformance.spec_patch import write_spec_patch
from scripts.conformance.suite import CONTRACT_CHECKS, run_contract_suite
from scripts.fixtures import fixtures_folder, redact
from scripts.paths import ROOT
from scripts.replay.app import DEVELOPMENT_TOKEN, IncompleteFixtures, replay_from
from scripts.spec import spec_document
from scripts.wsgi import running_server

CONFORMANCE_CHECKS = (*CONTRACT_CHECKS, "client_parses", "undeclared_fields")
SEED = 20261129
UNLIMITED = Politeness(rate=1_000_000, per_seconds=1.0, max_requests=1_000_000)


class UsageError(Exception):
    pass


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make conformance", description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="undeclared fields are failures, not warnings")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the generated cases (default {SEED})")
    parser.add_argument("--max-examples", type=int, help="generated cases per operation and phase")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports", help="folder for the JUnit and JSON reports")
    return parser.parse_args(argv)


def _live_politeness(env: os._Environ[str] | dict[str, str]) -> Politeness:
    rate, per_seconds = Politeness.parse_rate(env.get("CONFORMANCE_RATE") or "60/10s")
    return Politeness(rate=rate, per_seconds=per_seconds, max_requests=int(env.get("CONFORMANCE_MAX_REQUESTS") or 500))


def run(argv: list[str] | None = None, env: os._Environ[str] | dict[str, str] = os.environ) -> int:
    args = _arguments(argv)
    token, company = env.get("HIGHLEVEL_TOKEN", ""), env.get("HIGHLEVEL_COMPANY_ID", "")
    if bool(token) != bool(company) or (env.get("HIGHLEVEL_BASE_URL") and not token):
        raise UsageError(
            "a live run needs both HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID (HIGHLEVEL_BASE_URL is optional)"
        )
    strict = args.strict or env.get("CONFORMANCE_STRICT") == "1"
    with ExitStack() as stack:
        if token:
            target = env.get("HIGHLEVEL_BASE_URL") or spec_document()["servers"][0]["url"]
            mode, politeness, scope = "live", _live_politeness(env), live_scope(env)
            max_examples = args.max_examples or 10
        else:
            token = DEVELOPMENT_TOKEN
            try:
                replay = replay_from(fixtures_folder(env), token=token)
            except IncompleteFixtures as error:
                raise UsageError(str(error)) from error
            target = stack.enter_context(running_server(replay))
            mode, politeness, scope = "offline: replay of the recorded fixtures", UNLIMITED, LiveScope()
            max_examples = args.max_examples or 25
        proxy = PoliteProxy(target, politeness)
        stack.callback(proxy.close)
        proxy_url = stack.enter_context(running_server(proxy))
        print(f"Checking {target} ({mode}) against openapi/snapshots.yaml ...", flush=True)
        DRIFT.reset(strict=strict)
        report = run_contract_suite(
            proxy_url,
            token,
            seed=args.seed,
            max_examples=max_examples,
            checks=[check for check in CONFORMANCE_CHECKS if check not in scope.skipped_checks],
            parameters=scope.pinned or None,
            exclude_operations=list(scope.skipped),
            progress=lambda line: print(f"  {line}", flush=True),
        )
    notes = [f"skipped {operation}: {why}" for operation, why in scope.skipped.items()]
    notes += [f"skipped check {check}: {why}" for check, why in scope.skipped_checks.items()]
    if proxy.stats.rate_limited:
        notes.append(f"rate limited {proxy.stats.rate_limited} times; waited {proxy.stats.waited_seconds:.1f} s in all")
    if proxy.stats.cap_reached:
        report.errors.append(
            f"request cap of {politeness.max_requests} reached: the run is incomplete (raise CONFORMANCE_MAX_REQUESTS)"
        )
    if proxy.stats.transport_errors:
        first = proxy.stats.transport_errors[0]
        report.errors.append(f"{len(proxy.stats.transport_errors)} requests could not reach {target}; first: {first}")
    # The requests went through the proxy; the reproducing curl lines go to the target itself.
    report.failures = [replace(failure, curl=failure.curl.replace(proxy_url, target)) for failure in report.failures]
    data = summary_data(
        report, target=target, mode=mode, requests=proxy.stats.forwarded, drift=DRIFT.fields, strict=strict, notes=notes
    )
    data = redact(data, token)
    write_junit(data, args.reports / "conformance.xml")
    write_json(data, args.reports / "conformance.json")
    print(terminal_summary(data))
    print(f"Reports: {args.reports / 'conformance.xml'}, {args.reports / 'conformance.json'}")
    if patch := write_spec_patch(DRIFT.observed, args.reports / "spec.patch", secrets=[token]):
        print(f"Spec patch: {patch} proposes a spec that describes the drift seen (review it, then git apply it)")
    return 0 if data["conforms"] else 1


def main() -> int:
    try:
        return run(sys.argv[1:])
    except UsageError as error:
        print(f"make conformance: {error}", file=sys.stderr)
        return 2
