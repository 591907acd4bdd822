"""The floor of a typed call: the least a client whose models are attrs classes must do.

After `httpx` gets the body and `json.loads` parses it, such a client must build one Python object
per item. These are plain attrs classes, like the generated ones (slotted, `attrs.define`), built
with their own `__init__` from positional arguments, the fastest way attrs offers, and without a
check of any kind: no type test, no `additional_properties`. A typed call cannot go under it; what
it costs above it is the checks and the split of undeclared fields.
"""

from typing import Any

from attrs import define


@define
class FloorSnapshot:
    id: str
    name: str
    type: str


@define
class FloorSnapshots:
    snapshots: list[FloorSnapshot]


def build_floor(document: Any) -> FloorSnapshots:
    """The objects of a parsed GET /snapshots/ body, unchecked."""
    return FloorSnapshots([FloorSnapshot(item["id"], item["name"], item["type"]) for item in document["snapshots"]])


def as_rows(snapshots: FloorSnapshots) -> list[tuple[str, str, str]]:
    """What the objects hold, to compare with the typed call's models."""
    return [(snapshot.id, snapshot.name, snapshot.type) for snapshot in snapshots.snapshots]
