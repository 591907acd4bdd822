"""The edits that make a spec document describe what a run observed, each with its evidence.

Three kinds, and nothing else (never a removal, a new `required` or a narrower type):
- an undeclared field becomes an optional property of the schema that lacks it (the component
  schema a `$ref` leads to, else the inline one), typed from every value seen;
- a declared schema that a value does not fit becomes `anyOf` of itself and the inferred shape
  (or gains `nullable: true`, when null was all that did not fit a typed schema);
- an undocumented 4xx status becomes a response of the operation: a shared component response
  `<Phrase>` with a named schema `<Phrase>DTO` (named by `status_names`), as the spec does for
  400 and 401, so that the generated client has one model for it whatever the operation (inline
  schemas would give a model per operation, named after it). 429 (the rate limiter) and 5xx
  (server errors) are left to the client's retry policy and to `not_a_server_error`.
"""

import textwrap
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from scripts.conformance.drift import (
    Kind,
    Location,
    SpecWalker,
    body_schema_location,
    documents_status,
    node_at,
    operation_location,
)
from scripts.conformance.spec_patch.infer import infer_schema
from scripts.conformance.spec_patch.observations import Observations, Seen
from scripts.conformance.spec_patch.status_names import response_name, status_phrase

# Where added descriptions wrap: with the indentation of a nested property, lines stay near the
# file's own (about 100 columns).
WRAP = 88
Key = tuple[str, int]  # (operationId, status)


@dataclass
class Change:
    values: list[Any] = field(default_factory=list)
    shown: Counter[Key] = field(default_factory=Counter)  # responses that showed it


def apply_observations(document: CommentedMap, observations: Observations) -> None:
    seen = {(operation_id, status): what for operation_id, status, what in observations.drifted()}
    _add_statuses(document, seen)
    added, widened = _collect(document, seen)
    # Properties first: a widening wraps a node, which would move the locations inside it.
    for location, fields in added.items():
        properties = node_at(document, location)["properties"]
        for name, change in fields.items():
            properties[name] = _described(infer_schema(change.values), _evidence("Added", change, seen))
    for location in sorted(widened, key=len, reverse=True):
        _widen(document, location, widened[location], seen)


def _collect(
    document: CommentedMap, seen: Mapping[Key, Seen]
) -> tuple[dict[Location, dict[str, Change]], dict[Location, Change]]:
    walker = SpecWalker(document)
    added: dict[Location, dict[str, Change]] = {}
    widened: dict[Location, Change] = {}
    for key, what in seen.items():
        location = body_schema_location(document, *key)
        if location is None:
            continue
        for sample in what.samples.values():
            changes: dict[int, Change] = {}
            for finding in walker.findings(sample.body, location):
                if finding.kind is Kind.UNDECLARED:
                    assert finding.field is not None
                    change = added.setdefault(finding.location, {}).setdefault(finding.field, Change())
                else:
                    change = widened.setdefault(finding.location, Change())
                change.values.append(finding.value)
                changes[id(change)] = change
            for change in changes.values():
                change.shown[key] += sample.times
    return added, widened


def _add_statuses(document: CommentedMap, seen: Mapping[Key, Seen]) -> None:
    undocumented: dict[int, dict[Location, Key]] = {}
    for key in seen:
        operation_id, status = key
        operation = operation_location(document, operation_id)
        if 400 <= status < 500 and status != 429 and operation and not documents_status(document, operation, status):
            undocumented.setdefault(status, {})[operation] = key
    for status, operations in sorted(undocumented.items()):
        change = Change()
        for key in operations.values():
            change.values += [sample.body for sample in seen[key].samples.values()]
            change.shown[key] = seen[key].drifted
        reference = _status_response(document, status, change, seen)
        for operation in operations:
            responses = node_at(document, operation)["responses"]
            responses.insert(_position(responses, status), DoubleQuotedScalarString(str(status)), _reference(reference))


def _position(responses: CommentedMap, status: int) -> int:
    """Where a status goes among the documented ones: in numeric order."""
    codes = [(index, int(code)) for index, code in enumerate(responses) if str(code).isdigit()]
    return next((index for index, code in codes if code > status), codes[-1][0] + 1 if codes else len(responses))


def _status_response(document: CommentedMap, status: int, change: Change, seen: Mapping[Key, Seen]) -> str:
    """The `$ref` of the shared response for this status, made (with its schema) if the spec lacks it."""
    phrase, name = status_phrase(status), response_name(status)
    components = document.setdefault("components", CommentedMap())
    responses = components.setdefault("responses", CommentedMap())
    schemas = components.setdefault("schemas", CommentedMap())
    evidence = _evidence("Added", change, seen, answered=True)
    if name in responses:
        _add_description(responses[name], evidence)
    else:
        if f"{name}DTO" not in schemas:
            schemas[f"{name}DTO"] = _described(infer_schema(change.values), evidence)
        media = CommentedMap([("schema", _reference(f"#/components/schemas/{name}DTO"))])
        content = CommentedMap([("application/json", media)])
        responses[name] = CommentedMap([("description", _literal(f"{phrase}. {evidence}")), ("content", content)])
    return f"#/components/responses/{name}"


def _widen(document: CommentedMap, location: Location, change: Change, seen: Mapping[Key, Seen]) -> None:
    parent, key = node_at(document, location[:-1]), location[-1]
    old = parent[key]
    evidence = _evidence("Widened", change, seen)
    new = infer_schema(change.values)
    branches = new.get("anyOf", [new])
    if new == {"nullable": True} and "type" in old:
        old.insert(list(old).index("type") + 1, "nullable", True)
        _add_description(old, evidence)
    elif "anyOf" in old and "$ref" not in old:
        old["anyOf"] += [_commented(branch) for branch in branches]
        _add_description(old, evidence)
    else:
        widened = CommentedMap([("anyOf", CommentedSeq([old, *(_commented(branch) for branch in branches)]))])
        _add_description(widened, evidence + " The first branch is the schema declared before.")
        parent[key] = widened


def _evidence(verb: str, change: Change, seen: Mapping[Key, Seen], *, answered: bool = False) -> str:
    days = [day for key in change.shown if (span := seen[key].days) for day in span]
    when = f"on {min(days)}" if min(days) == max(days) else f"from {min(days)} to {max(days)}"
    if answered:
        where = "; ".join(
            f"{op} answered {status} in {_responses(count)}" for (op, status), count in change.shown.items()
        )
    else:
        where = "; ".join(
            f"{count} of {_responses(seen[(op, status)].responses)} of {op} {status}"
            for (op, status), count in change.shown.items()
        )
    shape = "Schema inferred from the bodies seen" if answered else "Type inferred from every value seen"
    return f"{verb} from drift observed by `make conformance` {when} (UTC): {where}. {shape}."


def _responses(count: int) -> str:
    return f"{count} response" if count == 1 else f"{count} responses"


def _fill(text: str) -> str:
    # Operation ids have hyphens: never break a line inside one.
    return textwrap.fill(text, WRAP, break_on_hyphens=False)


def _commented(value: Any) -> Any:
    """Plain data as round-trip nodes, written in block style like the rest of the file."""
    if isinstance(value, Mapping):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _literal(text: str) -> LiteralScalarString:
    block: LiteralScalarString = LiteralScalarString(_fill(text) + "\n")
    return block


def _described(schema: dict[str, Any], evidence: str) -> CommentedMap:
    node = _commented(schema)
    _add_description(node, evidence)
    assert isinstance(node, CommentedMap)
    return node


def _add_description(node: CommentedMap, evidence: str) -> None:
    """Puts the evidence in the node's description, after what it already said, in the file's place for it."""
    if "description" in node:
        node["description"] = LiteralScalarString(f"{str(node['description']).rstrip()}\n\n{_fill(evidence)}\n")
        return
    position = sum(1 for key in ("type", "nullable") if key in node)
    node.insert(position, "description", _literal(evidence))


def _reference(target: str) -> CommentedMap:
    return CommentedMap([("$ref", DoubleQuotedScalarString(target))])
