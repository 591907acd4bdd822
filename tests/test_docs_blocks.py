"""Every fenced block of README.md and docs/*.md is accounted for: a ```python block is run
(tests/test_docs_examples.py), a ```sh block is a command to type, and a ```text block is an output
that a test produces and compares, marked `<!-- output: NAME -->` with a NAME some test compares,
or one marked `<!-- not compared: WHY -->`."""

from tests.support.markdown_docs import Block, blocks
from tests.test_docs_conformance_output import RUNS
from tests.test_record import SHOWN_STOP

COMPARED = {*RUNS, SHOWN_STOP}


def _unaccounted(every: list[Block]) -> list[str]:
    wrong = []
    for block in every:
        if block.language not in {"python", "sh", "text"}:
            wrong.append(f"{block}: a ```{block.language} block, neither run, typed nor compared")
        elif block.language == "text" and not block.marker.startswith("not compared: "):
            name = block.marker.removeprefix("output: ")
            if not block.marker.startswith("output: ") or name not in COMPARED:
                wrong.append(f"{block}: an output no test compares (marker {block.marker!r})")
    return wrong


def test_every_block_of_the_docs_is_run_typed_or_compared() -> None:
    assert _unaccounted(blocks()) == []


def test_every_output_a_test_compares_is_shown() -> None:
    shown = {block.marker.removeprefix("output: ") for block in blocks("text")}
    assert COMPARED <= shown
