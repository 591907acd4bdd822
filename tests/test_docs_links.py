"""No link of README.md or docs/*.md leads nowhere: a relative link names a file or folder of the
repository, and a `#fragment` a heading of its Markdown file, by GitHub's anchor rules."""

from pathlib import Path

import pytest

from scripts.paths import ROOT
from tests.support.markdown_docs import DOCUMENTS, anchor, anchors, links


def _broken(document: Path, root: Path = ROOT) -> list[str]:
    broken = []
    for line, target in links(document):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, fragment = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        where = f"{document.relative_to(root)}:{line}: {target}"
        if not linked.exists():
            broken.append(f"{where}: no such file")
        elif fragment and (linked.suffix != ".md" or fragment not in anchors(linked)):
            broken.append(f"{where}: no such heading")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: str(document.relative_to(ROOT)))
def test_every_link_leads_somewhere(document: Path) -> None:
    assert _broken(document) == []


def test_anchors_follow_githubs_rules() -> None:
    assert anchor("The main job: `make conformance`") == "the-main-job-make-conformance"
    assert anchor("When the API drifted: `reports/spec.patch`") == "when-the-api-drifted-reportsspecpatch"
    assert anchor("Sharing a snapshot, and its push history page by page") == (
        "sharing-a-snapshot-and-its-push-history-page-by-page"
    )
    assert anchor("x-live_never and 3.13") == "x-live_never-and-313"


def test_a_link_to_a_missing_file_or_heading_is_found(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Here\n\n## Here\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[a](other.md#here-1) [b](other.md#there) [c](gone.md) [d](#own)\n\n## Own\n\n`[e](gone.md)`\n",
        encoding="utf-8",
    )
    assert _broken(page, root=tmp_path) == [
        "page.md:1: other.md#there: no such heading",
        "page.md:1: gone.md: no such file",
    ]
