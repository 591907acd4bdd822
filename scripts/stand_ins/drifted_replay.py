"""The replay server as the API might answer after it changed without telling anyone, as NestJS
services do: fields added to list items and to the list, a `total` count, validation errors whose
`message` is an array of strings with an `error` field, and a 403 for a cursor it refuses."""

import dataclasses
from typing import Any

from scripts.spec import operations
from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import Answer, IncomingRequest

CREATED_AT = "2024-03-01T10:00:00.000Z"
VALIDATION_MESSAGES = ["companyId should not be empty", "companyId must be a string"]
VALIDATION_ERROR = {"statusCode": 400, "message": VALIDATION_MESSAGES, "error": "Bad Request"}
FORBIDDEN_MESSAGE = "Forbidden resource"
FORBIDDEN = {"statusCode": 403, "message": FORBIDDEN_MESSAGE, "error": "Forbidden"}


def _item(item: dict[str, Any], index: int) -> dict[str, Any]:
    extra: dict[str, Any] = {"createdAt": CREATED_AT}
    if "type" in item:  # a snapshot: own ones sit in a folder, imported ones in none
        extra["folder"] = {"id": f"folder{index}", "name": "Sports"} if item["type"] == "own" else None
    return {**item, **extra}


def drifted_body(body: dict[str, Any]) -> dict[str, Any]:
    """A success body with extra fields on the items of its lists and a `total` count beside them."""
    drifted = dict(body)
    for key, value in body.items():
        if isinstance(value, list):
            drifted[key] = [_item(item, index) for index, item in enumerate(value)]
            drifted["total"] = len(value)
    return drifted


class DriftedReplay(ReplayApp):
    """Remembers every drifted answer it gave, as (operationId, status, body)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.served: list[tuple[str, int, Any]] = []

    def answer(self, request: IncomingRequest) -> Answer:
        original = super().answer(request)
        answer = _drifted(request, original)
        if answer is not original:  # only routed requests drift, so the operation is found
            operation = next(
                op for op in operations() if op.method == request.method and op.path_pattern.match(request.path)
            )
            self.served.append((operation.operation_id, answer.status, answer.json()))
        return answer


def _drifted(request: IncomingRequest, answer: Answer) -> Answer:
    if answer.status == 400:
        return answer.with_json(VALIDATION_ERROR)
    if not 200 <= answer.status < 300:
        return answer
    if "lastDoc" in request.query:
        return dataclasses.replace(answer, status=403).with_json(FORBIDDEN)
    return answer.with_json(drifted_body(answer.json()))
