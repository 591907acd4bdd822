"""The drift check and the generator's strictness, fed broken inputs."""

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.codegen.check import drift
from scripts.codegen.generate import GenerationError, generate
from scripts.paths import GENERATED, RUNTIME
from scripts.spec import spec_document


def _write_spec(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _copy_of_generated(tmp_path: Path) -> Path:
    target = tmp_path / "generated"
    shutil.copytree(GENERATED, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _assert_untouched(tmp_path: Path, target: Path) -> None:
    """The failed generation left the target as it was, and no scratch folder next to it."""
    assert drift(GENERATED, target) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["generated", "spec.yaml"]


def test_a_spec_edit_without_regeneration_is_named_as_drift(tmp_path: Path) -> None:
    edited = copy.deepcopy(spec_document())
    edited["components"]["schemas"]["SnapshotsSchema"]["properties"]["createdAt"] = {"type": "string"}
    generate(tmp_path / "generated", spec=_write_spec(tmp_path, edited))
    report = drift(GENERATED, tmp_path / "generated")
    # The response model builds its list of snapshots itself (a flat model), so it changes too.
    assert [entry.splitlines()[0] for entry in report] == [
        "generated/models/get_snapshots_successful_response_dto.py: differs from what the spec produces",
        "generated/models/snapshots_schema.py: differs from what the spec produces",
    ]
    assert all("created_at" in entry for entry in report)


def test_the_runtime_is_copied_into_the_package_unchanged() -> None:
    modules = sorted(RUNTIME.glob("*.py"))
    assert modules
    assert [module.name for module in modules if (GENERATED / module.name).read_bytes() != module.read_bytes()] == []


def test_stale_and_missing_files_are_named(tmp_path: Path) -> None:
    fresh = _copy_of_generated(tmp_path)
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
    target = _copy_of_generated(tmp_path)
    with pytest.raises(GenerationError, match="WARNING parsing GET /snapshots/"):
        generate(target, spec=_write_spec(tmp_path, document))
    _assert_untouched(tmp_path, target)


def _paginated(document: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """The path, method and operation of the spec's one operation with x-pagination."""
    [found] = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "x-pagination" in operation
    ]
    return found


def _misname(key: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        _paginated(document)[2]["x-pagination"][key] = "noSuchName"

    return edit


def _leave_out_the_cursor(document: dict[str, Any]) -> None:
    del _paginated(document)[2]["x-pagination"]["cursor"]


def _make_the_items_strings(document: dict[str, Any]) -> None:
    page = document["components"]["schemas"]["GetSnapshotPushStatusResponseDTO"]
    page["properties"]["data"]["items"] = {"type": "string"}


def _make_the_page_an_array(document: dict[str, Any]) -> None:
    content = _paginated(document)[2]["responses"]["200"]["content"]["application/json"]
    content["schema"] = {"type": "array", "items": {"type": "string"}}


BROKEN_PAGINATION: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "items names no field": (
        _misname("items"),
        "items 'noSuchName' names no required field of GetSnapshotPushStatusResponseDTO (its required fields: data)",
    ),
    "next-cursor names no field": (
        _misname("next-cursor"),
        "next-cursor 'noSuchName' names no required field of SnapshotStatusSchema (its required fields: id, ",
    ),
    "cursor names no parameter": (_misname("cursor"), "cursor 'noSuchName' names no query parameter (its "),
    "no cursor": (_leave_out_the_cursor, "'cursor' must be the name of a field (a string)"),
    "items that are no objects": (_make_the_items_strings, "items 'data' is not an array of objects"),
    "a page that is no object": (_make_the_page_an_array, "the operation has no 200 (or 2XX) response whose body"),
}


@pytest.mark.parametrize("case", BROKEN_PAGINATION)
def test_a_bad_x_pagination_is_refused_by_name(tmp_path: Path, case: str) -> None:
    document = copy.deepcopy(spec_document())
    path, method, operation = _paginated(document)
    break_it, problem = BROKEN_PAGINATION[case]
    break_it(document)
    target = _copy_of_generated(tmp_path)
    with pytest.raises(GenerationError) as raised:
        generate(target, spec=_write_spec(tmp_path, document))
    assert str(raised.value).startswith(
        f"x-pagination of {method.upper()} {path} ({operation['operationId']}): {problem}"
    )
    _assert_untouched(tmp_path, target)


def test_the_order_of_the_schemas_changes_nothing(tmp_path: Path) -> None:
    # The generator can hand the templates a nested model whose fields it has not read yet,
    # depending on this order: the x-pagination names must still be found.
    document = copy.deepcopy(spec_document())
    document["components"]["schemas"] = dict(reversed(document["components"]["schemas"].items()))
    generate(tmp_path / "generated", spec=_write_spec(tmp_path, document))
    assert drift(GENERATED, tmp_path / "generated") == []
