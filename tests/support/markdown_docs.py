"""The project's Markdown documentation, README.md and docs/*.md, as the tests read it: its fenced
blocks, each with the marker comment (`<!-- output: NAME -->`, say) on the line before it, and
its prose: the links and the headings' anchors, as GitHub makes them."""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts.paths import ROOT

DOCUMENTS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
_FENCE = re.compile(r"^```(\w*)\s*$")
_MARKER = re.compile(r"^<!-- (.+?) -->$")


@dataclass(frozen=True)
class Block:
    document: Path
    line: int  # of the opening fence, from 1
    language: str
    marker: str  # the comment's text on the line before the fence, or ""
    code: str

    def __str__(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    prose: tuple[tuple[int, str], ...]  # the lines outside fenced blocks, numbered from 1


def read(document: Path) -> Document:
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    opened: tuple[int, str, str] | None = None
    code: list[str] = []
    lines = document.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        fence = _FENCE.match(line)
        if opened is None and fence:
            before = _MARKER.match(lines[number - 2]) if number > 1 else None
            opened, code = (number, fence[1], before[1] if before else ""), []
        elif opened is not None and line == "```":
            blocks.append(Block(document, opened[0], opened[1], opened[2], "".join(code)))
            opened = None
        elif opened is not None:
            code.append(line + "\n")
        else:
            prose.append((number, line))
    if opened is not None:
        raise ValueError(f"{document.relative_to(ROOT)}:{opened[0]}: a fenced block that never closes")
    return Document(tuple(blocks), tuple(prose))


def blocks(language: str | None = None) -> list[Block]:
    """Every fenced block of every document, or those of one language."""
    every = [block for document in DOCUMENTS for block in read(document).blocks]
    return [block for block in every if language is None or block.language == language]


def shown_output(name: str) -> str:
    """The one block marked `<!-- output: NAME -->`."""
    shown = [block for block in blocks() if block.marker == f"output: {name}"]
    assert len(shown) == 1, f"expected one block marked <!-- output: {name} -->, found {len(shown)}"
    return shown[0].code


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped (not `-` or `_`), spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    """The anchors of a document's headings; a repeated one gets -1, -2, ... as on GitHub."""
    seen: Counter[str] = Counter()
    found = set()
    for _, line in read(document).prose:
        heading = re.match(r"^#{1,6} (.+)$", line)
        if heading:
            base = anchor(heading[1])
            found.add(base if not seen[base] else f"{base}-{seen[base]}")
            seen[base] += 1
    return found


def links(document: Path) -> list[tuple[int, str]]:
    """The targets of a document's inline links, `[text](target)`, outside code, with their lines."""
    found = []
    for number, line in read(document).prose:
        outside_code = re.sub(r"`[^`]*`", "", line)
        found += [(number, target) for target in re.findall(r"\]\(([^)\s]+)\)", outside_code)]
    return found
