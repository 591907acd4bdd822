"""The endpoint template's replacement of the generator's Raises section, fed docstrings it must refuse."""

import pytest

from scripts.codegen.template_globals import with_raises

OURS = "Raises:\n    ValueError: If an argument is bad.\n"
GENERATORS = (
    "Summary\n\nArgs:\n    x (int):\n\n"
    "Raises:\n    errors.UnexpectedStatus: If...\n    httpx.X: If...\n\n"
    "Returns:\n    int\n"
)


def test_the_generators_raises_section_is_replaced_and_nothing_else() -> None:
    assert with_raises(GENERATORS, OURS) == (
        "Summary\n\nArgs:\n    x (int):\n\nRaises:\n    ValueError: If an argument is bad.\n\nReturns:\n    int\n"
    )


BROKEN = {
    "no Raises section": GENERATORS.replace("Raises:", "Throws:"),
    "no Returns after it": GENERATORS.replace("Returns:", "Yields:"),
    "two Raises sections": GENERATORS + "\nRaises:\n    A: b\n\nReturns:\n    int\n",
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_docstring_without_exactly_one_raises_section_is_refused(case: str) -> None:
    with pytest.raises(ValueError, match="expected one Raises section"):
        with_raises(BROKEN[case], OURS)
