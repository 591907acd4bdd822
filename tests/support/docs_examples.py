"""The example bodies of HighLevel's documentation page, parsed from our copy of the page."""

import json
import re
from typing import Any

from scripts.paths import OPENAPI_DIR

DOCS_PAGE = OPENAPI_DIR / "sources" / "get-snapshots.md"
# The page lists its responses as "- 200 / - 400 / - 401" and shows one example block for
# each, in that order.
DOCUMENTED_STATUSES = (200, 400, 401)


def documented_examples() -> dict[int, dict[str, Any]]:
    text = DOCS_PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```codeBlockLines_e6Vv\n(.*?)\n```", text, flags=re.DOTALL)
    # The page was saved with Markdown line continuations ("\" at line ends) inside code.
    bodies = [json.loads(re.sub(r"\\$", "", block, flags=re.MULTILINE)) for block in blocks]
    if len(bodies) != len(DOCUMENTED_STATUSES):
        raise ValueError(f"expected {len(DOCUMENTED_STATUSES)} example bodies in {DOCS_PAGE}, found {len(bodies)}")
    return dict(zip(DOCUMENTED_STATUSES, bodies, strict=True))
