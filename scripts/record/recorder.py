"""`make record`: fresh fixtures from a live target, the success, 400 and 401 of every operation.

Reads HIGHLEVEL_BASE_URL (default: the spec's server), HIGHLEVEL_TOKEN, HIGHLEVEL_COMPANY_ID and the
other pins of a live run (scripts/conformance/scope.py decides which operations and values),
CONFORMANCE_RATE (the live run's pacing) and FIXTURES_DIR (default tests/fixtures).

Each request of the plan (scripts/record/plan.py) says the status it is meant to get; any other
answer stops the recording. Then every answer has its token redacted, its secret fields (`x-secret`
in the spec) replaced by placeholders, and, with --anonymize, the account's ids and the names
replaced; each must pass the spec's checks, and the whole set must be one the replay can serve.
Only then is the set written, all at once (scripts/record/staging.py). An operation the recording
does not record (skipped for want of a pin or of CONFORMANCE_ALLOW_WRITES=1, or never run live:
getting an OAuth token) keeps the fixtures the set has of it; a set that has none gets a copy of
those in tests/fixtures, marked `kept` in their provenance, so that it replays. If anything fails,
nothing is written and the message says why. Exit status: 0 recorded; 1 the API answered, but not as
planned or not as the spec says; 2 could not record (usage, unreachable, the day's budget spent,
rate limited beyond the waits, a folder that cannot be written).
"""

import argparse
import datetime
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from scripts.conformance.politeness import Politeness, UsageError, live_politeness
from scripts.conformance.proxy import PoliteProxy
from scripts.conformance.scope import LiveScope, live_scope
from scripts.conformance.suite import check_fixture
from scripts.fixtures import (
    FIXTURES_DIR,
    REDACTED_AUTHORIZATION,
    Fixture,
    dump_fixture,
    fixtures_folder,
    load_fixtures,
    redact,
)
from scripts.paths import ROOT
from scripts.record.concealing import Placeholders, anonymize, conceal_secrets
from scripts.record.plan import INVALID_TOKEN, PlannedRequest, plan_recording
from scripts.record.sending import AnswerNotAsPlanned, CouldNotRecord, RecordingError, likely_cause, send
from scripts.record.staging import recover, staged
from scripts.spec import operations, response_schema, spec_document
from scripts.stand_ins.replay import IncompleteFixtures, missing_fixtures

Say = Callable[[str], None]
LIVE_SUFFIX = "-live"  # <status>-live.json: the files a recording writes, and replaces when it records again
KEPT = "kept"  # the provenance key that marks a copy of tests/fixtures kept for an operation not recorded


def _today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def _replaced(fixture: Fixture, recorded: set[str]) -> bool:
    """Whether a new recording replaces this fixture: an earlier recording of an operation it records."""
    return fixture.operation_id in recorded and fixture.name.endswith(LIVE_SUFFIX)


def _answers(
    base_url: str, token: str, requests: Sequence[PlannedRequest], politeness: Politeness, say: Say
) -> list[tuple[PlannedRequest, httpx.Response]]:
    """Every planned request with its answer; stops at the first answer that is not the one planned."""
    # The proxy waits out no 429 itself: `send` does, so that it can stop at a daily one instead.
    proxy = PoliteProxy(base_url, politeness)
    answers = []
    try:
        for planned in requests:
            response = send(proxy, base_url, planned, token)
            say(f"  {response.status_code} for {planned.describe()}")
            if response.status_code != planned.expected:
                raise AnswerNotAsPlanned(
                    f"{planned.describe()} got {response.status_code}, not the {planned.expected} it was meant"
                    f" to get: {likely_cause(planned, response.status_code)}"
                )
            answers.append((planned, response))
    finally:
        proxy.close()
    return answers


def _interaction(planned: PlannedRequest, response: httpx.Response, placeholders: Placeholders) -> dict[str, Any]:
    """The request as sent (token redacted) and the answer with its secret fields concealed."""
    try:
        body = response.json()
    except ValueError:
        raise AnswerNotAsPlanned(f"{planned.describe()} got a {response.status_code} whose body is not JSON") from None
    request: dict[str, Any] = {
        "method": planned.method,
        "path": planned.path,
        "query": planned.query,
        "headers": {**planned.headers, "Authorization": REDACTED_AUTHORIZATION},
    }
    if planned.body is not None:
        request["body"] = planned.body
    schema = response_schema(planned.operation_id, response.status_code)
    return {
        "request": request,
        "response": {
            "status": response.status_code,
            "headers": {"Content-Type": response.headers.get("Content-Type", "")},
            "body": conceal_secrets(body, schema, placeholders),
        },
    }


def _fixtures(
    answers: Sequence[tuple[PlannedRequest, httpx.Response]],
    token: str,
    host: str,
    pinned: Mapping[str, str] | None,
    kept: Sequence[Fixture],
) -> list[Fixture]:
    """The fixtures to write; `pinned` the ids to anonymize, None to keep them; `kept` the fixtures of the
    set that stay."""
    placeholders = Placeholders()
    interactions = [_interaction(planned, response, placeholders) for planned, response in answers]
    today = _today()
    fixtures = []
    for (planned, _), interaction in zip(answers, interactions, strict=True):
        data = placeholders.scrub(redact(redact(interaction, token), INVALID_TOKEN))
        data = anonymize(data, pinned) if pinned is not None else data
        name = f"{planned.expected}{LIVE_SUFFIX}"
        other_default = any(f.default and f.operation_id == planned.operation_id for f in kept)
        fixtures.append(
            Fixture(
                operation_id=planned.operation_id,
                name=name,
                provenance={
                    "source": "live",
                    "origin": host,
                    "date": today,
                    "api_version": planned.headers.get("Version", spec_document()["info"]["version"]),
                    "note": f"Recorded by make record ({'anonymized' if pinned is not None else 'not anonymized'};"
                    " secret fields replaced by placeholders).",
                },
                request=data["request"],
                response=data["response"],
                default=planned.expected < 300 and not other_default,
            )
        )
    return fixtures


def _kept_copies(held: Sequence[Fixture], recorded: set[str]) -> list[Fixture]:
    """Copies of tests/fixtures' fixtures of each operation that was not recorded and that the set has
    none of, each marked as such: without them the set would not replay."""
    lacking = {op.operation_id for op in operations()} - recorded - {f.operation_id for f in held}
    mark = (
        f"Not recorded by make record on {_today()} (its notes say why): copied from"
        f" {FIXTURES_DIR.relative_to(ROOT)}, so that the set replays."
    )
    return [
        replace(fixture, provenance={**fixture.provenance, KEPT: mark})
        for fixture in load_fixtures(FIXTURES_DIR)
        if fixture.operation_id in lacking
    ]


def _write(folder: Path, fixtures: Sequence[Fixture], say: Say) -> list[Path]:
    """Writes the fixtures into the set in `folder`, all or nothing, in place of the earlier recording of
    their operations (a file named by a status it no longer holds would lie), with the copies the set
    needs of what was not recorded; the set must stay replayable. Returns the recorded fixtures' paths."""
    recorded = {fixture.operation_id for fixture in fixtures}
    try:
        with staged(folder) as staging:
            for stale in load_fixtures(staging):
                if _replaced(stale, recorded):
                    (staging / stale.operation_id / f"{stale.name}.json").unlink()
            copies = _kept_copies(load_fixtures(staging), recorded)
            for fixture in [*fixtures, *copies]:
                path = staging / fixture.operation_id / f"{fixture.name}.json"
                path.parent.mkdir(exist_ok=True)
                path.write_text(dump_fixture(fixture), encoding="utf-8")
            needs = missing_fixtures(load_fixtures(staging))
            if needs:
                raise CouldNotRecord(
                    f"the recording would leave a set the replay cannot serve: {IncompleteFixtures(needs, folder)}"
                )
    except OSError as error:
        raise CouldNotRecord(f"could not write {folder}: {error}") from None
    for operation_id in sorted({copy.operation_id for copy in copies}):
        names = ", ".join(f"{copy.name}.json" for copy in copies if copy.operation_id == operation_id)
        say(f"  kept {operation_id} (not recorded): copied {names} from {FIXTURES_DIR.relative_to(ROOT)}")
    return [folder / fixture.operation_id / f"{fixture.name}.json" for fixture in fixtures]


def record(
    base_url: str,
    token: str,
    scope: LiveScope,
    folder: Path,
    *,
    anonymize_ids: bool = False,
    politeness: Politeness | None = None,
    say: Say = print,
) -> list[Path]:
    """Records, checks and writes the fixtures; returns the paths written. Raises RecordingError, writing nothing."""
    if not folder.parent.is_dir() or (folder.exists() and not folder.is_dir()):
        raise CouldNotRecord(f"{folder} must be a folder, or a new name in a folder that exists")
    try:
        recover(folder)  # what a killed recording left, before the set is read
    except OSError as error:
        raise CouldNotRecord(f"could not clear what a killed recording left beside {folder}: {error}") from None
    plan = plan_recording(operations(), scope)
    for note in plan.notes:
        say(f"  note: {note}")
    if not plan.requests:
        raise CouldNotRecord("there is nothing to record: every operation is skipped")
    answers = _answers(base_url, token, plan.requests, politeness or Politeness(), say)
    recorded = {planned.operation_id for planned, _ in answers}
    kept = [f for f in (load_fixtures(folder) if folder.exists() else []) if not _replaced(f, recorded)]
    host = urlsplit(base_url).hostname or base_url
    fixtures = _fixtures(answers, token, host, scope.pinned if anonymize_ids else None, kept)
    problems = [
        f"{fixture.operation_id}/{fixture.name}: {check}: {message.strip().splitlines()[0]}"
        for fixture in fixtures
        for check, message in check_fixture(fixture).items()
    ]
    if problems:
        raise AnswerNotAsPlanned("the recorded answers do not conform to the spec:\n  " + "\n  ".join(problems))
    return _write(folder, fixtures, say)


def main(argv: list[str] | None = None, env: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(prog="make record", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--anonymize", action="store_true", help="replace the account's ids and the names with placeholders"
    )
    args = parser.parse_args(argv)
    token, company = env.get("HIGHLEVEL_TOKEN", ""), env.get("HIGHLEVEL_COMPANY_ID", "")
    if not token or not company:
        print(
            "make record: set HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID (and optionally HIGHLEVEL_BASE_URL)",
            file=sys.stderr,
        )
        return 2
    try:
        politeness = live_politeness(env)
    except UsageError as error:
        print(f"make record: {error}", file=sys.stderr)
        return 2
    base_url = env.get("HIGHLEVEL_BASE_URL") or spec_document()["servers"][0]["url"]
    folder = fixtures_folder(env)
    print(f"Recording {base_url} into {folder} ...", flush=True)
    try:
        written = record(
            base_url,
            token,
            live_scope(env),
            folder,
            anonymize_ids=args.anonymize,
            politeness=politeness,
            say=lambda line: print(redact(line, token), flush=True),
        )
    except RecordingError as error:
        print(redact(f"make record: nothing written: {error}", token), file=sys.stderr)
        return error.exit_status
    for path in written:
        print(f"  wrote {path}")
    print(f"Recorded {len(written)} fixtures from {urlsplit(base_url).hostname} into {folder}.")
    return 0
