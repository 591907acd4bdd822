"""All or nothing: a folder is replaced by a new version of itself, or stays exactly as it was, even
when the process is killed at any point.

The new version is built in a staging folder beside the target (a copy of it, so files the
recording does not touch stay), inside a holder `.<name>.record-*` that the process keeps locked
while it works, and takes the target's place in one step: on Linux, renameat2(RENAME_EXCHANGE)
swaps the two folders atomically (a folder that did not exist is made by one rename). Where the
system or the file system cannot exchange (macOS, say), it takes two renames, and a process killed
between them leaves the target missing and the earlier version in the holder. The holder goes at the
end; one left by a killed process (its lock went with it) is removed by the next recording, which
first puts back an earlier version the target lacks.

Why an exchange rather than a symlink flipped by one rename: the target stays a plain folder, the
one committed in git or any FIXTURES_DIR a user names. Nothing is forced to disk: this holds for a
process killed, not for a power cut.
"""

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28 and later), where the system has it."""
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    exchange: Callable[..., int] = function
    return exchange


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swaps two folders in one step; False, with nothing done, where the system or the file system
    cannot (Linux before 3.15, a file system without RENAME_EXCHANGE, any other system)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), str(first), None, str(second))


def _holders(target: Path) -> list[Path]:
    prefix = f".{target.name}.record-"
    return [path for path in target.parent.iterdir() if path.name.startswith(prefix) and path.is_dir()]


def _lock(folder: Path) -> int:
    """An open descriptor of the folder, holding its lock until it is closed (or its process ends);
    BlockingIOError if another process holds it."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def recover(target: Path) -> None:
    """Removes what killed recordings left beside `target`, after putting back the earlier version that a
    kill between two renames took away. A holder whose process still works in it stays."""
    for holder in _holders(target):
        try:
            descriptor = _lock(holder)
        except (FileNotFoundError, BlockingIOError):  # removed meanwhile, or its recording goes on
            continue
        try:
            if (holder / "old").is_dir() and not target.exists():
                os.rename(holder / "old", target)
            shutil.rmtree(holder)
        finally:
            os.close(descriptor)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yields a copy of `target` (an empty folder if it does not exist) to change; when the block ends
    without an exception the copy replaces `target`. Whatever happens, nothing else is left beside it
    (after a kill: once the next recording has started)."""
    recover(target)
    holder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.record-"))
    descriptor = _lock(holder)
    try:
        staging = holder / "new"
        if target.exists():
            shutil.copytree(target, staging, symlinks=True)
        else:
            staging.mkdir()
        yield staging
        _swap(staging, target, holder / "old")
    finally:
        shutil.rmtree(holder)
        os.close(descriptor)


def _swap(staging: Path, target: Path, previous: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if exchange(staging, target):
        return
    os.rename(target, previous)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(previous, target)
        raise
