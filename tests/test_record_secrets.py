"""Secret fields (`x-secret: true` in the spec) never reach a fixture: each value becomes a stable
placeholder of the same shape, wherever it appears (issue 12, finding 3)."""

import json
from typing import Any

from scripts.record.concealing import SECRET_MARK, Placeholders, anonymize, conceal_secrets
from scripts.spec import response_schema

LINK = "https://affiliates.gohighlevel.com/?share=capability0001"
SECRET: dict[str, Any] = {"type": "string", SECRET_MARK: True}


def test_the_spec_marks_the_share_link_secret() -> None:
    schema = response_schema("create-snapshot-share-link", 201)
    assert schema is not None
    assert schema["properties"]["shareLink"][SECRET_MARK] is True
    assert SECRET_MARK not in schema["properties"]["id"]


def test_the_share_link_becomes_a_link_of_the_same_shape() -> None:
    body = {"id": "link1", "shareLink": LINK}
    concealed = conceal_secrets(body, response_schema("create-snapshot-share-link", 201), Placeholders())
    assert concealed == {"id": "link1", "shareLink": "https://affiliates.gohighlevel.com/?share=redacted-secret-1"}


def test_placeholders_are_stable_and_distinct() -> None:
    placeholders = Placeholders()
    first, second = placeholders("token-one"), placeholders("https://example.com/path/secret#part")
    assert (first, second) == ("redacted-secret-1", "https://example.com/redacted-secret-2")
    assert placeholders("token-one") == first
    assert placeholders(first) == first, "a placeholder concealed again stays what it is"
    assert placeholders(12345) == "redacted-secret"


def test_marked_fields_are_found_in_nested_objects_arrays_and_combinations() -> None:
    schema = {
        "type": "object",
        "properties": {
            "links": {"type": "array", "items": {"type": "object", "properties": {"url": SECRET}}},
            "both": {"allOf": [{"properties": {"key": SECRET}}, {"properties": {"key": SECRET}}]},
            "whole": {"type": "object", SECRET_MARK: True},
        },
        "additionalProperties": {"properties": {"pin": SECRET}},
    }
    body = {
        "links": [{"url": "s1", "kept": "visible"}, {"url": "s2"}],
        "both": {"key": "s3"},
        "whole": {"a": "s4", "b": ["s5"]},
        "extra": {"pin": "s6"},
        "message": "echoes s1 here",
    }
    placeholders = Placeholders()
    concealed = placeholders.scrub(conceal_secrets(body, schema, placeholders))
    text = json.dumps(concealed)
    assert not any(f"s{n}" in text.replace("redacted-secret", "") for n in range(1, 7)), text
    assert concealed["links"][0]["kept"] == "visible"
    assert concealed["both"]["key"] == "redacted-secret-3"
    assert concealed["message"] == "echoes redacted-secret-1 here"


def test_anonymize_replaces_pinned_ids_everywhere_and_names_consistently() -> None:
    data = {
        "request": {"path": "/snapshots/snapshot-status/Snap1", "query": {"companyId": "Comp1"}},
        "response": {"body": {"snapshots": [{"id": "Snap1", "name": "Mine"}, {"id": "Other", "name": "Mine"}]}},
    }
    anonymous = anonymize(data, {"companyId": "Comp1", "snapshotId": "Snap1", "Version": "2021-07-28"})
    assert anonymous == {
        "request": {
            "path": "/snapshots/snapshot-status/SNAPSHOT_ID_PLACEHOLDER",
            "query": {"companyId": "COMPANY_ID_PLACEHOLDER"},
        },
        "response": {
            "body": {
                "snapshots": [{"id": "SNAPSHOT_ID_PLACEHOLDER", "name": "Name 1"}, {"id": "Other", "name": "Name 1"}]
            }
        },
    }
