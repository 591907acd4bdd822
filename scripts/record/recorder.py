"""`make record`: fresh fixtures from a live target, for the 200, 400 and 401 of every operation.

Reads HIGHLEVEL_BASE_URL (default: the spec's server), HIGHLEVEL_TOKEN, HIGHLEVEL_COMPANY_ID
and FIXTURES_DIR (default tests/fixtures). For each operation it sends: the request with
the token and company (200), the same without its first required query parameter (400),
and the same with a deliberately invalid token (401). Which operations it records, and the
values of their ids, follow scripts/live_target.py (as for a live `make conformance`).

Before writing it redacts the token everywhere, optionally anonymizes (--anonymize: the
company id and every `name` become stable placeholders), sets the provenance, and checks
every fixture against the spec. If any would not pass, it writes none and says why.
"""

import argparse
import datetime
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from scripts.conformance.live_target import LiveScope, live_scope
from scripts.conformance.suite import check_fixture
from scripts.fixtures import FIXTURES_DIR, REDACTED_AUTHORIZATION, Fixture, dump_fixture, load_fixtures, redact
from scripts.spec import Operation, operations, spec_document

INVALID_TOKEN = "recording-deliberately-invalid-token"  # noqa: S105
COMPANY_PLACEHOLDER = "COMPANY_ID_PLACEHOLDER"


class RecordingError(Exception):
    pass


def _request_plan(operation: Operation, token: str, pinned: dict[str, str]) -> list[tuple[str, dict[str, Any], str]]:
    """(case name, request, token to send) for the 200, 400 and 401 of the operation."""
    query: dict[str, str] = {}
    headers: dict[str, str] = {}
    path = operation.path
    for parameter in operation.parameters:
        schema = parameter.get("schema", {})
        example = parameter.get("example", schema.get("example"))
        value = pinned.get(parameter["name"], schema.get("default", example))
        if value is None or not (parameter.get("required") or parameter["name"] in pinned):
            continue
        if parameter["in"] == "query":
            query[parameter["name"]] = str(value)
        elif parameter["in"] == "header":
            headers[parameter["name"]] = str(value)
        elif parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(value))
    good: dict[str, Any] = {"method": operation.method, "path": path, "query": query, "headers": headers}
    if operation.request_body is not None:
        good["body"] = operation.request_body["content"]["application/json"]["example"]
    required_query = [p["name"] for p in operation.parameters if p["in"] == "query" and p.get("required")]
    missing = {
        **good,
        "query": {k: v for k, v in query.items() if k != (required_query[0] if required_query else None)},
    }
    return [("200", good, token), ("400", missing, token), ("401", good, INVALID_TOKEN)]


def _send(client: httpx.Client, request: dict[str, Any], token: str) -> httpx.Response:
    headers = {**request["headers"], "Authorization": f"Bearer {token}", "Accept": "application/json"}
    return client.request(
        request["method"], request["path"], params=request["query"], headers=headers, json=request.get("body")
    )


def _anonymize(data: Any, company: str) -> Any:
    names: dict[str, str] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    names.setdefault(value, f"Name {len(names) + 1}")
                    if key == "name" and isinstance(value, str)
                    else walk(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        if isinstance(node, str):
            return node.replace(company, COMPANY_PLACEHOLDER)
        return node

    return walk(data)


def record(base_url: str, token: str, scope: LiveScope, folder: Path, *, anonymize: bool = False) -> list[Path]:
    """Records, checks and writes the fixtures; returns the paths written. Raises RecordingError, writing nothing."""
    host = urlsplit(base_url).hostname or base_url
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    existing = load_fixtures(folder) if folder.exists() else []
    planned: list[Fixture] = []
    with httpx.Client(base_url=base_url, timeout=httpx.Timeout(30.0, connect=10.0)) as client:
        for operation in operations():
            if operation.operation_id in scope.skipped:
                print(f"  skipped {operation.operation_id}: {scope.skipped[operation.operation_id]}")
                continue
            for case, request, sent_token in _request_plan(operation, token, scope.pinned):
                response = _send(client, request, sent_token)
                try:
                    body = response.json()
                except ValueError as error:
                    raise RecordingError(
                        f"{operation.operation_id} {case}: the answer ({response.status_code}) is not JSON"
                    ) from error
                data = {
                    "request": {**request, "headers": {**request["headers"], "Authorization": REDACTED_AUTHORIZATION}},
                    "response": {
                        "status": response.status_code,
                        "headers": {"Content-Type": response.headers.get("Content-Type", "")},
                        "body": body,
                    },
                }
                data = redact(redact(data, token), INVALID_TOKEN)
                if anonymize:
                    data = _anonymize(data, scope.pinned["companyId"])
                has_default = any(
                    f.default and f.operation_id == operation.operation_id and f.name != f"{case}-live"
                    for f in existing
                )
                planned.append(
                    Fixture(
                        operation_id=operation.operation_id,
                        name=f"{case}-live",
                        provenance={
                            "source": "live",
                            "origin": host,
                            "date": today,
                            "api_version": request["headers"].get("Version", spec_document()["info"]["version"]),
                            "note": f"Recorded by make record ({'anonymized' if anonymize else 'not anonymized'}).",
                        },
                        request=data["request"],
                        response=data["response"],
                        default=case == "200" and not has_default,
                    )
                )
    problems = [
        f"{fixture.operation_id}/{fixture.name}: {check}: {message.strip().splitlines()[0]}"
        for fixture in planned
        for check, message in check_fixture(fixture).items()
    ]
    if problems:
        raise RecordingError("the recorded answers do not conform to the spec:\n  " + "\n  ".join(problems))
    written = []
    for fixture in planned:
        target = folder / fixture.operation_id / f"{fixture.name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp"
        ) as handle:
            handle.write(dump_fixture(fixture))
        os.replace(handle.name, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None, env: os._Environ[str] | dict[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(prog="make record", description=__doc__.splitlines()[0])
    parser.add_argument("--anonymize", action="store_true", help="replace the company id and names with placeholders")
    args = parser.parse_args(argv)
    token, company = env.get("HIGHLEVEL_TOKEN", ""), env.get("HIGHLEVEL_COMPANY_ID", "")
    if not token or not company:
        print(
            "make record: set HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID (and optionally HIGHLEVEL_BASE_URL)",
            file=sys.stderr,
        )
        return 2
    base_url = env.get("HIGHLEVEL_BASE_URL") or spec_document()["servers"][0]["url"]
    folder = Path(env.get("FIXTURES_DIR") or FIXTURES_DIR)
    try:
        written = record(base_url, token, live_scope(env), folder, anonymize=args.anonymize)
    except (RecordingError, httpx.HTTPError) as error:
        print(redact(f"make record: nothing written: {error}", token), file=sys.stderr)
        return 1
    for path in written:
        print(f"  wrote {path}")
    print(f"Recorded {len(written)} fixtures from {urlsplit(base_url).hostname}.")
    return 0
