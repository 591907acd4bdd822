"""What a recorded interaction must not keep: secret values (always) and, with --anonymize, the
ids and names that identify the account.

A field is secret when its schema in the spec says `x-secret: true` (our extension; the share link
is one: whoever holds it can import the snapshot). Each secret value becomes a placeholder of the
same shape, the same one wherever the value appears: a URL keeps its scheme, host and the names of
its query parameters, the rest is replaced; any other value becomes a plain placeholder string.
"""

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from scripts.fixtures import redact
from scripts.spec import SECRET_MARK as SECRET_MARK  # re-exported: the name of our extension


class Placeholders:
    """Stable placeholders for secret values: the n-th distinct secret string of a recording is always
    `redacted-secret-<n>` (shaped like it); a secret that is no string becomes `redacted-secret`."""

    def __init__(self) -> None:
        self.by_secret: dict[str, str] = {}

    def __call__(self, value: Any) -> str:
        if not isinstance(value, str):
            return "redacted-secret"
        if value in self.by_secret.values():
            return value
        if value not in self.by_secret:
            self.by_secret[value] = _shaped_like(value, f"redacted-secret-{len(self.by_secret) + 1}")
        return self.by_secret[value]

    def scrub(self, data: Any) -> Any:
        """The data with every secret string seen so far replaced wherever it appears (echoed in a message, say)."""
        for secret, placeholder in self.by_secret.items():
            data = redact(data, secret, placeholder)
        return data


def _shaped_like(secret: str, placeholder: str) -> str:
    parts = urlsplit(secret)
    if not (parts.scheme and parts.hostname):
        return placeholder
    query = "&".join(f"{name}={placeholder}" for name, _ in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.scheme}://{parts.hostname}/" + (f"?{query}" if query else placeholder)


def conceal_secrets(value: Any, schema: Mapping[str, Any] | None, placeholders: Placeholders) -> Any:
    """The value with each part its (dereferenced) schema marks secret replaced by a placeholder."""
    if not isinstance(schema, Mapping):
        return value
    if schema.get(SECRET_MARK) is True:
        return _conceal_all(value, placeholders)
    for combined in ("allOf", "anyOf", "oneOf"):
        for alternative in schema.get(combined, []):
            value = conceal_secrets(value, alternative, placeholders)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {key: conceal_secrets(item, properties.get(key, extra), placeholders) for key, item in value.items()}
    if isinstance(value, list):
        return [conceal_secrets(item, schema.get("items"), placeholders) for item in value]
    return value


def _conceal_all(value: Any, placeholders: Placeholders) -> Any:
    if isinstance(value, dict):
        return {key: _conceal_all(item, placeholders) for key, item in value.items()}
    if isinstance(value, list):
        return [_conceal_all(item, placeholders) for item in value]
    return placeholders(value)


def id_placeholder(parameter: str) -> str:
    """companyId -> COMPANY_ID_PLACEHOLDER"""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", parameter).upper() + "_PLACEHOLDER"


def anonymize(data: Any, pinned: Mapping[str, str]) -> Any:
    """The data with every pinned id (companyId, snapshotId, locationId: they identify the account)
    replaced by its placeholder wherever it appears, and every `name` by `Name <n>`."""
    for parameter, value in pinned.items():
        if parameter.endswith("Id"):
            data = redact(data, value, id_placeholder(parameter))
    names: dict[str, str] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: names.setdefault(item, f"Name {len(names) + 1}")
                if key == "name" and isinstance(item, str)
                else walk(item)
                for key, item in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(data)
