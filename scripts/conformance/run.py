"""`make conformance`: does the API still behave as the spec (and the client generated from it) says?

Offline by default: against the replay of the recorded fixtures, started on a free loopback
port. With HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID set: against HIGHLEVEL_BASE_URL
(default: the spec's production server), through the polite proxy, touching only what
live_target allows (read-only unless CONFORMANCE_ALLOW_WRITES=1).

Three outcomes, in reports/conformance.json's "outcome", in the last line printed, and in the
exit status: conforms (0); does-not-conform (1), only for what the API answered; could-not-check
(2): a usage error, the target unreachable, the request cap reached, the day's budget spent, the
rate limit outlasting the run's time budget, an error of the run itself.

Settings (environment): CONFORMANCE_STRICT=1 (or --strict) makes drift a failure; the pacing of
a live run is in `settings`; FIXTURES_DIR (default tests/fixtures) is the fixture set an offline
run replays. With GITHUB_STEP_SUMMARY set, the Markdown summary is appended to it. A run that saw
drift writes reports/spec.patch (`spec_patch`).
"""

import argparse
import os
import sys
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

from scripts.conformance.checks import DRIFT, WARNINGS
from scripts.conformance.live_target import LiveScope, live_scope
from scripts.conformance.proxy import Politeness, PoliteProxy
from scripts.conformance.reports import (
    OUTCOMES,
    Verdict,
    judge,
    markdown_summary,
    plural,
    result_line,
    summary_data,
    terminal_summary,
    write_json,
    write_junit,
)
from scripts.conformance.settings import UsageError, live_politeness
from scripts.conformance.spec_patch import write_spec_patch
from scripts.conformance.suite import CONTRACT_CHECKS, PHASES, ContractReport, run_contract_suite
from scripts.fixtures import fixtures_folder, redact
from scripts.paths import ROOT
from scripts.spec import operations, spec_document
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, IncompleteFixtures, replay_from
from scripts.wsgi import running_server

# schemathesis' unsupported_method wants 405 with Allow; undocumented_method judges fairly.
CONFORMANCE_CHECKS = (
    *(check for check in CONTRACT_CHECKS if check != "unsupported_method"),
    "undocumented_method",
    "client_parses",
    "undeclared_fields",
)
SEED = 20261129
UNLIMITED = Politeness(rate=1_000_000, per_seconds=1.0, max_requests=1_000_000, reserve=0.0)
OFFLINE = "offline: replay of the recorded fixtures"
REPORTS = ("conformance.xml", "conformance.json", "conformance.md")


def _phases(text: str) -> list[str]:
    phases = [phase.strip() for phase in text.split(",") if phase.strip()]
    unknown = sorted(set(phases) - set(PHASES))
    if unknown or not phases:
        raise argparse.ArgumentTypeError(f"phases are some of {', '.join(PHASES)}, not {text!r}")
    return phases


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make conformance", description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="undeclared fields are failures, not warnings")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the generated cases (default {SEED})")
    parser.add_argument("--max-examples", type=int, help="generated cases per operation and phase")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports", help="folder for the reports")
    parser.add_argument(
        "--phases",
        type=_phases,
        default=list(PHASES),
        help=f"the schemathesis phases to run, comma-separated (default: all, {','.join(PHASES)})",
    )
    return parser.parse_args(argv)


def _labels(operation_ids: Mapping[str, str]) -> dict[str, str]:
    """operationId -> why, as operation label -> why."""
    return {
        f"{op.method} {op.path}": operation_ids[op.operation_id]
        for op in operations()
        if op.operation_id in operation_ids
    }


def _notes(scope: LiveScope, proxy: PoliteProxy) -> list[str]:
    stats = proxy.stats
    notes = [f"skipped {operation}: {why}" for operation, why in scope.skipped.items()]
    notes += [f"skipped check {check}: {why}" for check, why in scope.skipped_checks.items()]
    if stats.rate_limited:
        notes.append(f"the API answered 429 {plural(stats.rate_limited, 'time')}; each was waited out and sent again")
    if stats.waited_seconds:
        notes.append(f"waited {stats.waited_seconds:.1f} s in all for the rate limit")
    kept = {
        "not-allowed": "outside what a live run may send (schemathesis' own probes of the server, say)",
        "malformed-request": "that no HTTP client can put on the wire",
    }
    notes += [
        f"not sent, nor judged: {plural(stats.refused[kind], 'request')} {why}"
        for kind, why in kept.items()
        if stats.refused[kind]
    ]
    return notes


def _write(data: dict[str, Any], folder: Path, env: Mapping[str, str]) -> None:
    write_junit(data, folder / "conformance.xml")
    write_json(data, folder / "conformance.json")
    markdown = markdown_summary(data)
    (folder / "conformance.md").write_text(markdown, encoding="utf-8")
    step_summary = env.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as handle:
            handle.write(markdown)


def _check(args: argparse.Namespace, env: Mapping[str, str]) -> dict[str, Any]:
    token, company = env.get("HIGHLEVEL_TOKEN", ""), env.get("HIGHLEVEL_COMPANY_ID", "")
    if bool(token) != bool(company) or (env.get("HIGHLEVEL_BASE_URL") and not token):
        raise UsageError(
            "a live run needs both HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID (HIGHLEVEL_BASE_URL is optional)"
        )
    strict = args.strict or env.get("CONFORMANCE_STRICT") == "1"
    with ExitStack() as stack:
        if token:
            target = env.get("HIGHLEVEL_BASE_URL") or spec_document()["servers"][0]["url"]
            mode, politeness, scope = "live", live_politeness(env), live_scope(env)
            max_examples = args.max_examples or 10
        else:
            token = DEVELOPMENT_TOKEN
            try:
                replay = replay_from(fixtures_folder(env), token=token)
            except IncompleteFixtures as error:
                raise UsageError(str(error)) from error
            target = stack.enter_context(running_server(replay))
            mode, politeness, scope = OFFLINE, UNLIMITED, LiveScope()
            max_examples = args.max_examples or 25
        proxy = PoliteProxy(target, politeness, allows=scope.allows if mode == "live" else lambda method, path: True)
        stack.callback(proxy.close)
        proxy_url = stack.enter_context(running_server(proxy))
        print(f"Checking {target} ({mode}) against openapi/snapshots.yaml ...", flush=True)
        DRIFT.reset(strict=strict)
        WARNINGS.reset()
        checks = [check for check in CONFORMANCE_CHECKS if check not in scope.skipped_checks]
        report = run_contract_suite(
            proxy_url,
            token,
            seed=args.seed,
            max_examples=max_examples,
            phases=args.phases,
            checks=checks,
            request_timeout=politeness.longest_forward_seconds() + 1,
            parameters=scope.pinned or None,
            exclude_operations=list(scope.skipped),
            send_undocumented_methods=scope.send_undocumented_methods,
            progress=lambda line: print(f"  {line}", flush=True),
            should_stop=lambda: proxy.stats.stopped is not None,
        )
    # The requests went through the proxy; the reproducing curl lines go to the target itself.
    report.failures = [replace(failure, curl=failure.curl.replace(proxy_url, target)) for failure in report.failures]
    skipped = _labels(scope.skipped)
    expected = [f"{op.method} {op.path}" for op in operations() if f"{op.method} {op.path}" not in skipped]
    stats = proxy.stats
    data = summary_data(
        report,
        judge(report, expected, stats.stopped),
        target=target,
        mode=mode,
        expected=expected,
        checks=checks,
        skipped_operations=skipped,
        skipped_checks=scope.skipped_checks,
        stopped=stats.stopped,
        traffic={
            "requests": stats.forwarded,
            "rate_limited": stats.rate_limited,
            "waited_seconds": round(stats.waited_seconds, 3),
            "not_answered": report.not_answered,
        },
        drift=DRIFT.fields,
        warnings=WARNINGS.lines(),
        strict=strict,
        notes=_notes(scope, proxy),
    )
    return dict(redact(data, token))


def _could_not_check(reason: str) -> dict[str, Any]:
    """The summary of a run that could not even start, or broke down."""
    return summary_data(
        ContractReport(),
        Verdict("could-not-check", reason),
        target="",
        mode="",
        expected=[],
        checks=[],
        skipped_operations={},
        skipped_checks={},
        stopped=None,
        traffic={"requests": 0, "rate_limited": 0, "waited_seconds": 0.0, "not_answered": 0},
        drift={},
        warnings={},
        strict=False,
        notes=[],
    )


def run(argv: list[str] | None = None, env: Mapping[str, str] = os.environ) -> int:
    """The whole command; the exit status is the outcome's (OUTCOMES)."""
    args = _arguments(argv)
    DRIFT.reset(strict=False)  # no observations but this run's reach the spec patch
    try:
        data = _check(args, env)
    except UsageError as error:
        print(f"make conformance: {error}", file=sys.stderr)
        data = _could_not_check(f"usage error: {error}")
    except Exception as error:  # any error of our own is a run that could not check
        message = redact(f"internal error: {type(error).__name__}: {error}", env.get("HIGHLEVEL_TOKEN", ""))
        print(f"make conformance: {message}", file=sys.stderr)
        data = _could_not_check(message)
    else:
        print(terminal_summary(data))
    _write(data, args.reports, env)
    print(f"Reports: {', '.join(str(args.reports / name) for name in REPORTS)}")
    if patch := write_spec_patch(DRIFT.observed, args.reports / "spec.patch", secrets=[env.get("HIGHLEVEL_TOKEN", "")]):
        print(f"Spec patch: {patch} proposes a spec that describes the drift seen (review it, then git apply it)")
    print(result_line(data), flush=True)
    return OUTCOMES[data["outcome"]]


def main() -> int:
    return run(sys.argv[1:])
