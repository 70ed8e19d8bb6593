"""What the operating system refused a build, as one line that names the path and what to do.

A full disk, a folder another program holds (EBUSY), a permission (EACCES, EPERM), a file system
mounted read-only, a folder a build running beside this one removed: none of them is a mistake in
the content, and none of them may end in a traceback. The build turns each ``OSError`` into a
``BuildError`` with this text; the published folder stays as it was.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_ADVICE = {
    errno.ENOSPC: "the disk is full: free space on it, or build elsewhere with --output",
    errno.EDQUOT: "the disk quota is used up: free space, or build elsewhere with --output",
    errno.EACCES: "no permission: check who owns it (ls -ld), or build as that user",
    errno.EPERM: "the system does not allow it: check its owner and attributes (ls -ld, lsattr)",
    errno.EBUSY: (
        "it is in use (a mount point, or held by another program): build into a folder beside "
        "it with --output, or close that program"
    ),
    errno.EROFS: "the file system is read-only: build elsewhere with --output",
    errno.ENOENT: (
        "it disappeared while the build ran (a clean or another build at the same time?): "
        "run the build again"
    ),
    errno.EMFILE: "too many files are open: close other programs and run the build again",
    errno.EIO: "the disk reported an error: check the disk, then run the build again",
}


def explain(exc: OSError, doing: str, root: Path | None = None, where: Path | None = None) -> str:
    """``cannot <doing> <path> (<reason>): <what to do>``, on one line; ``where`` names the
    place when the error names none (a write to a file already open)."""
    names = [os.fsdecode(name) for name in (exc.filename, exc.filename2) if name is not None]
    if not names and where is not None:
        names = [os.fspath(where)]
    paths = " and ".join(_shown(name, root) for name in names)
    reason = exc.strerror or str(exc) or type(exc).__name__
    advice = _ADVICE.get(exc.errno or 0, "check the path and run the build again")
    text = f"cannot {doing}{' ' + paths if paths else ''} ({reason}): {advice}"
    return " ".join(text.split())  # one line, whatever a path or message holds


def _shown(name: str, root: Path | None) -> str:
    path = Path(name)
    if root is not None and path.is_absolute():
        try:
            return path.relative_to(root.absolute()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
