"""Fails when the committed generated/ is not exactly what openapi/ produces.

Regenerates into a temporary folder and compares file by file, naming every file that
differs, is missing or should not be there.
"""

import difflib
import sys
import tempfile
from pathlib import Path

from scripts.codegen.generate import GenerationError, generate
from scripts.paths import GENERATED


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def drift(committed: Path, fresh: Path) -> list[str]:
    """One line (plus a short diff) per file that differs between the two trees."""
    old, new = _files(committed), _files(fresh)
    report: list[str] = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            report.append(f"generated/{name}: not produced by the spec any more (stale file)")
        elif name not in old:
            report.append(f"generated/{name}: missing (the spec produces it)")
        elif old[name] != new[name]:
            diff = difflib.unified_diff(
                old[name].decode(errors="replace").splitlines(),
                new[name].decode(errors="replace").splitlines(),
                f"committed/{name}",
                f"regenerated/{name}",
                lineterm="",
                n=1,
            )
            report.append(f"generated/{name}: differs from what the spec produces\n" + "\n".join(list(diff)[:40]))
    return report


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        try:
            generate(fresh)
        except GenerationError as error:
            print(error, file=sys.stderr)
            return 1
        report = drift(GENERATED, fresh)
    if report:
        print("generated/ is out of date with openapi/ (run `make generate` and commit):", file=sys.stderr)
        for entry in report:
            print(entry, file=sys.stderr)
        return 1
    print("generated/ matches openapi/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
