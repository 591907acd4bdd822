"""The drift check and the generator's strictness, fed broken inputs."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.codegen.check import drift
from scripts.codegen.generate import GenerationError, generate
from scripts.paths import GENERATED
from scripts.spec import spec_document


def _write_spec(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def test_a_spec_edit_without_regeneration_is_named_as_drift(tmp_path: Path) -> None:
    edited = copy.deepcopy(spec_document())
    edited["components"]["schemas"]["SnapshotsSchema"]["properties"]["createdAt"] = {"type": "string"}
    generate(tmp_path / "generated", spec=_write_spec(tmp_path, edited))
    report = drift(GENERATED, tmp_path / "generated")
    assert [entry.splitlines()[0] for entry in report] == [
        "generated/models/snapshots_schema.py: differs from what the spec produces"
    ]
    assert "created_at" in report[0]


def test_stale_and_missing_files_are_named(tmp_path: Path) -> None:
    fresh = tmp_path / "generated"
    generate(fresh)
    (fresh / "models" / "snapshots_schema.py").unlink()
    (fresh / "extra.py").write_text("", encoding="utf-8")
    assert sorted(entry.split(":")[0] for entry in drift(GENERATED, fresh)) == [
        "generated/extra.py",
        "generated/models/snapshots_schema.py",
    ]


def test_a_generator_warning_is_fatal(tmp_path: Path) -> None:
    # A dangling $ref only makes the generator warn and drop the operation's parsing.
    document = copy.deepcopy(spec_document())
    content = document["paths"]["/snapshots/"]["get"]["responses"]["200"]["content"]["application/json"]
    content["schema"] = {"$ref": "#/components/schemas/Missing"}
    with pytest.raises(GenerationError, match="WARNING parsing GET /snapshots/"):
        generate(tmp_path / "generated", spec=_write_spec(tmp_path, document))
