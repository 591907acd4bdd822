"""Calls the generated client for any operation of the spec, by operationId, with the values
of a recorded or generated request, and answers it with a given response.

This is how the contract tests and the conformance check feed real responses through the
client users import, without any code per operation.
"""

import importlib
import inspect
import json
import pkgutil
import re
import typing
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import httpx

import generated.api
from generated import AuthenticatedClient
from scripts.spec import coerce_parameter, find_operation


def _normalized(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("field_"))


def operation_module(operation_id: str) -> ModuleType:
    """The generated module of an operation: generated.api.<tag>.<operation_id in snake case>."""
    wanted = _normalized(operation_id)
    for info in pkgutil.walk_packages(generated.api.__path__, prefix="generated.api."):
        if _normalized(info.name.rsplit(".", 1)[-1]) == wanted:
            return importlib.import_module(info.name)
    raise LookupError(f"the generated client has no module for operation {operation_id!r}")


def call_arguments(operation_id: str, request: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for the operation's generated function, taken from a request's
    path values, query, headers and body; a required value the request lacks gets the
    spec's default or example (the response is given, so what is sent does not matter)."""
    operation = find_operation(operation_id)
    function = operation_module(operation_id).sync_detailed
    python_names = {_normalized(name): name for name in inspect.signature(function).parameters}
    headers = {name.lower(): value for name, value in request.get("headers", {}).items()}
    sources = {
        "query": request.get("query", {}),
        "path": operation.path_values(request.get("path", "")),
        "header": {p["name"]: headers[p["name"].lower()] for p in operation.parameters if p["name"].lower() in headers},
    }
    arguments: dict[str, Any] = {}
    for parameter in operation.parameters:
        schema = parameter.get("schema", {})
        value = sources.get(parameter["in"], {}).get(parameter["name"])
        if value is None and parameter.get("required", False):
            value = schema.get("default", parameter.get("example", schema.get("example", "example")))
        if value is not None:
            arguments[python_names[_normalized(parameter["name"])]] = coerce_parameter(str(value), schema)
    if "body" in python_names:
        media = (operation.request_body or {}).get("content", {}).get(operation.body_media_type, {})
        body_type = typing.get_type_hints(function)["body"]
        arguments["body"] = body_type.from_dict(request.get("body", media.get("example", {})))
    return arguments


def client_answering(response: httpx.Response, token: str = "bridge-token") -> AuthenticatedClient:  # noqa: S107
    """A client whose every request, sync or async, is answered with the given response."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(response.status_code, headers=response.headers, content=response.content, request=request)

    return AuthenticatedClient(
        base_url="https://replay.invalid", token=token, httpx_args={"transport": httpx.MockTransport(answer)}
    )


def recorded_response(status: int, headers: Mapping[str, str], body: Any) -> httpx.Response:
    return httpx.Response(status, headers=dict(headers), content=json.dumps(body, ensure_ascii=False).encode())


def parse_with_client(operation_id: str, request: Mapping[str, Any], response: httpx.Response) -> Any:
    """What the generated client's sync function returns when the API answers `response`."""
    module = operation_module(operation_id)
    arguments = call_arguments(operation_id, request)
    return module.sync_detailed(client=client_answering(response), **arguments).parsed


async def parse_with_async_client(operation_id: str, request: Mapping[str, Any], response: httpx.Response) -> Any:
    """What the generated client's async function returns when the API answers `response`."""
    module = operation_module(operation_id)
    arguments = call_arguments(operation_id, request)
    detailed = await module.asyncio_detailed(client=client_answering(response), **arguments)
    return detailed.parsed
