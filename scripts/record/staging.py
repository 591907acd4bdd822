"""All or nothing: a folder is replaced by a new version of itself, or stays exactly as it was.

The new version is built in a staging folder beside the target (a copy of it, so files the
recording does not touch stay), and takes the target's place by two renames at the end; if
anything fails before or between them, the target is put back, and the staging is removed.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yields a copy of `target` (an empty folder if it does not exist) to change; when the block ends
    without an exception the copy replaces `target`. Whatever happens, nothing else is left beside it."""
    holder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.record-"))
    try:
        staging, previous = holder / "new", holder / "old"
        if target.exists():
            shutil.copytree(target, staging, symlinks=True)
        else:
            staging.mkdir()
        yield staging
        _swap(staging, target, previous)
    finally:
        shutil.rmtree(holder)


def _swap(staging: Path, target: Path, previous: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    os.rename(target, previous)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(previous, target)
        raise
