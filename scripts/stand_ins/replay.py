"""A stand-in for HighLevel that answers from the spec and the recorded fixtures (a WSGI app).

Nothing here is specific to an operation: routes, parameters, bodies (JSON or form) and
which operations take no token (`security: []`) come from the spec, answers from the
fixtures. A request is checked in the order the real API checks it: the bearer token (401;
skipped for a path whose operations take none), then the operation's parameters and body
(400), then routing (404 for an unknown path, 405 with `Allow` for an undocumented method),
and only then is it answered with the fixture whose recorded request matches it (or the
operation's default fixture).

A fixture set is checked when the app is built: every operation needs a default success and
its documented 400 and 401 (the answers the app gives from fixtures), or the app refuses to
start and names the files it lacks, rather than answer 500 later.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from openapi_schema_validator import OAS30Validator

from scripts.fixtures import Fixture, load_fixtures
from scripts.spec import Operation, coerce_parameter, operations
from scripts.wsgi import Answer, AnswerApp, IncomingRequest, json_body

DEVELOPMENT_TOKEN = "replay-development-token"  # noqa: S105 - a documented, public default
FORM = "application/x-www-form-urlencoded"


# The statuses the app answers from an operation's fixtures rather than from a success fixture.
ERROR_STATUSES = (400, 401)


class IncompleteFixtures(ValueError):
    """A fixture set the replay cannot serve; `needs` are the files it lacks, relative to the set's folder."""

    def __init__(self, needs: Sequence[str], folder: Path | None = None) -> None:
        self.needs = list(needs)
        prefix = f"{folder}/" if folder is not None else ""
        where = f" in {folder}" if folder is not None else ""
        lines = "".join(f"\n  {prefix}{need}" for need in self.needs)
        super().__init__(f"the fixture set{where} cannot be replayed; it needs:{lines}")


def missing_fixtures(fixtures: Iterable[Fixture]) -> list[str]:
    """The files a fixture set lacks to be replayed, each with what it is for; empty when it is complete."""
    by_operation: dict[str, list[Fixture]] = {}
    for fixture in fixtures:
        by_operation.setdefault(fixture.operation_id, []).append(fixture)
    needs = []
    for operation in operations():
        held = by_operation.get(operation.operation_id, [])
        if not any(f.default and 200 <= f.status < 300 for f in held):
            success = next((f"{f.name}.json" for f in held if 200 <= f.status < 300), None)
            success = (
                success or f"{min((c for c in operation.responses if c.startswith('2')), default='200')}-<name>.json"
            )
            needs.append(f'{operation.operation_id}/{success} with "default": true (the answer to a valid request)')
        for status in ERROR_STATUSES:
            if str(status) in operation.responses and not any(f.status == status for f in held):
                needs.append(f"{operation.operation_id}/{status}-<name>.json (its {status} answer)")
    return needs


def _parameter_errors(operation: Operation, request: IncomingRequest, path_values: Mapping[str, str]) -> list[str]:
    errors = []
    for parameter in operation.parameters:
        name, location, schema = parameter["name"], parameter["in"], parameter.get("schema", {})
        values: list[str]
        if location == "query":
            values = request.query.get(name, [])
        elif location == "header":
            values = [request.headers[name.lower()]] if name.lower() in request.headers else []
        elif location == "path":
            values = [path_values[name]]
        else:
            continue
        if not values:
            if parameter.get("required", False):
                errors.append(f"{name} is required")
            continue
        if len(values) > 1 and schema.get("type") != "array":
            errors.append(f"{name} must be given once")
            continue
        if not OAS30Validator(schema).is_valid(coerce_parameter(values[0], schema)):
            errors.append(f"{name} is invalid")
    return errors


def _form_fields(body: bytes, schema: dict[str, Any]) -> dict[str, Any]:
    """A form body as an object. A declared field, unless an array, must be given once and becomes
    the JSON type its property declares; an undeclared one (allowed unless the schema closes
    `additionalProperties`) stays text, a list of it if it is repeated."""
    properties = schema.get("properties", {})
    payload: dict[str, Any] = {}
    for name, values in parse_qs(body.decode("latin-1"), keep_blank_values=True, errors="replace").items():
        declared = properties.get(name)
        if declared is None or declared.get("type") == "array":
            payload[name] = values if len(values) > 1 or declared is not None else values[0]
        elif len(values) > 1:
            raise ValueError(f"{name} is given more than once")
        else:
            payload[name] = coerce_parameter(values[0], declared)
    return payload


def _body_errors(operation: Operation, request: IncomingRequest) -> list[str]:
    if operation.request_body is None:
        return []
    content = operation.request_body.get("content", {})
    if not request.body:
        return ["body is required"] if operation.request_body.get("required", False) else []
    sent = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if sent not in content:
        return [f"body must be {' or '.join(content)}"]
    schema = content[sent].get("schema", {})
    try:
        if sent == "application/json":
            payload = json.loads(request.body)
        elif sent == FORM:
            payload = _form_fields(request.body, schema)
        else:
            return []
    except ValueError as error:
        return [f"body is not {sent}: {error}"]
    return [] if OAS30Validator(schema).is_valid(payload) else ["body is invalid"]


def _recorded_for(fixture: Fixture, request: IncomingRequest) -> bool:
    """Whether the fixture was recorded for this very path and query."""
    recorded = fixture.request
    wanted_query = {name: [str(value)] for name, value in recorded.get("query", {}).items()}
    return request.path == recorded.get("path", request.path) and request.query == wanted_query


class ReplayApp(AnswerApp):
    """The WSGI application. It accepts the bearer `token`, and the access tokens its own token
    endpoint hands out (`access_token` of a success fixture), as the API accepts those it issued."""

    def __init__(self, fixtures: Iterable[Fixture], token: str = DEVELOPMENT_TOKEN) -> None:
        self._operations = operations()
        self._fixtures: dict[str, list[Fixture]] = {}
        for fixture in fixtures:
            self._fixtures.setdefault(fixture.operation_id, []).append(fixture)
        needs = missing_fixtures(fixture for group in self._fixtures.values() for fixture in group)
        if needs:
            raise IncompleteFixtures(needs)
        issued = {
            fixture.body["access_token"]
            for group in self._fixtures.values()
            for fixture in group
            if 200 <= fixture.status < 300
            and isinstance(fixture.body, dict)
            and isinstance(fixture.body.get("access_token"), str)
        }
        self._accepted = {f"Bearer {accepted}" for accepted in (token, *issued)}

    def _default(self, operation_id: str) -> Fixture | None:
        return next((f for f in self._fixtures.get(operation_id, []) if f.default), None)

    def _error_body(self, operation_id: str | None, status: int) -> Any:
        """The operation's own fixture of this status; for an unknown path, or a status the operation does
        not document, any fixture of it (the startup check guarantees one for every documented status)."""
        own = self._fixtures.get(operation_id, []) if operation_id else []
        everyone = [f for group in self._fixtures.values() for f in group]
        fixture = next((f for f in [*own, *everyone] if f.status == status), None)
        if fixture is None:
            raise LookupError(f"no {status} fixture to answer with")
        return fixture.body

    def accepts_token(self, request: IncomingRequest) -> bool:
        return request.headers.get("authorization") in self._accepted

    def answer(self, request: IncomingRequest) -> Answer:
        on_path = [(op, match) for op in self._operations if (match := op.path_pattern.match(request.path))]
        chosen = next(((op, match) for op, match in on_path if op.method == request.method), None)
        operation_id = chosen[0].operation_id if chosen else (on_path[0][0].operation_id if on_path else None)

        # The token is not asked for where the spec says the operation takes none: the chosen
        # operation, or (for a method the path does not have) every operation of the path.
        public = chosen[0].public if chosen else bool(on_path) and all(op.public for op, _ in on_path)
        if not public and not self.accepts_token(request):
            return Answer.of_json(401, self._error_body(operation_id, 401))
        if chosen is not None:
            operation, match = chosen
            path_values = match.groupdict()
            if _parameter_errors(operation, request, path_values) or _body_errors(operation, request):
                return Answer.of_json(400, self._error_body(operation.operation_id, 400))
            return self._replay(operation, request)
        if not on_path:
            return Answer.of_json(
                404, {"statusCode": 404, "message": f"Cannot {request.method} {request.path}", "error": "Not Found"}
            )
        allowed = ", ".join(sorted(op.method for op, _ in on_path))
        return Answer.of_json(
            405, {"statusCode": 405, "message": "Method Not Allowed", "error": "Method Not Allowed"}, ("Allow", allowed)
        )

    def _replay(self, operation: Operation, request: IncomingRequest) -> Answer:
        successes = [f for f in self._fixtures[operation.operation_id] if 200 <= f.status < 300]
        fixture = next((f for f in successes if _recorded_for(f, request)), None)
        fixture = fixture or self._default(operation.operation_id)
        assert fixture is not None  # checked in __init__
        headers = tuple((name, str(value)) for name, value in fixture.response.get("headers", {}).items())
        return Answer(fixture.status, json_body(fixture.body), headers)


def replay_from(folder: Path, token: str = DEVELOPMENT_TOKEN) -> ReplayApp:
    """The replay of the fixture set in a folder; IncompleteFixtures, naming the files under it, if it lacks any."""
    if not folder.is_dir():
        raise IncompleteFixtures(["<operationId>/<status>-<name>.json (no such folder)"], folder)
    try:
        return ReplayApp(load_fixtures(folder), token=token)
    except IncompleteFixtures as error:
        raise IncompleteFixtures(error.needs, folder) from None
