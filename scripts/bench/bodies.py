"""Response bodies of GET /snapshots/ with any number of snapshots, as the API would send them."""

import hashlib
import json
import string
from typing import Any

_ALPHABET = string.ascii_letters + string.digits


def _snapshot_id(index: int) -> str:
    """A 21-character id like the documented ones (`1eM2UgkfaECOYyUdCo9Pa`), stable per index."""
    digits = []
    value = int.from_bytes(hashlib.blake2b(index.to_bytes(8, "big"), digest_size=16).digest(), "big")
    for _ in range(21):
        value, digit = divmod(value, len(_ALPHABET))
        digits.append(_ALPHABET[digit])
    return "".join(reversed(digits))


def snapshots_document(count: int) -> dict[str, Any]:
    return {
        "snapshots": [
            {"id": _snapshot_id(i), "name": f"Snapshot {i:06d} (Martial Arts)", "type": "own" if i % 3 else "imported"}
            for i in range(count)
        ]
    }


def snapshots_body(count: int) -> bytes:
    """The body as bytes, compact and UTF-8 like the API's."""
    return json.dumps(snapshots_document(count), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
