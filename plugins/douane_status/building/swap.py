"""Put a freshly built site in the published site's place in one atomic step.

The published folder stays a plain folder (never a link): GitHub Pages' upload, ``invoke serve``
and anyone copying it see a directory as before. The swap is the kernel's atomic exchange of two
names, ``renameat2(RENAME_EXCHANGE)`` on Linux (ext4, xfs, btrfs, tmpfs, ...), ``renamex_np``
with ``RENAME_SWAP`` on macOS: at every instant the name ``output`` is the old site or the new
one, whole. A symbolic link renamed over ``output`` would be atomic too, but it turns the folder
into a link for every tool that reads it, and the first swap from today's plain folder could not
be atomic. Where the kernel or file system cannot exchange, two renames do, and the next build
puts the old site back should a build die between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

Step = Callable[[str], None]  # told the name of each step reached, as the swap goes

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


class ExchangeUnsupported(OSError):
    """This system or file system cannot exchange two names atomically."""


def no_step(name: str) -> None:
    """Nobody is watching the steps."""


def exchange(first: Path, second: Path) -> None:
    """Swap the names of two existing entries in one atomic step, or raise OSError."""
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(a, b, _RENAME_SWAP)
    else:
        raise ExchangeUnsupported(errno.ENOSYS, "no atomic exchange of names on this system")
    if result != 0:
        code = ctypes.get_errno()
        kind = ExchangeUnsupported if code in _UNSUPPORTED else OSError
        raise kind(code, os.strerror(code), str(first), None, str(second))


def swap_in(staging: Path, output: Path, previous: Path, step: Step = no_step) -> None:
    """Make ``staging`` the site at ``output``; the retired site goes to ``previous``.

    ``step`` hears "exchanged" once ``output`` is the new site (the old one still at the
    staging name) and "retired" once the old one is at ``previous``. A build killed anywhere
    here leaves ``output`` whole; what it leaves beside it, the next build removes.
    """
    os.chmod(staging, 0o755)  # mkdtemp made it private; the published folder is readable
    if not os.path.lexists(output):
        staging.rename(output)  # nothing to replace: one rename
        step("exchanged")
        return
    try:
        exchange(staging, output)
    except ExchangeUnsupported:
        _two_renames(staging, output, previous, step)
        return
    step("exchanged")
    if not os.path.lexists(previous):
        # otherwise (a build running beside this one left it, or the rename fails: the new
        # site is published already) the old site stays at the staging name, a leftover like
        # any other, which the next build removes
        with contextlib.suppress(OSError):
            staging.rename(previous)
    step("retired")


def _two_renames(staging: Path, output: Path, previous: Path, step: Step) -> None:
    """The swap without an exchange: for an instant there is no ``output``, which
    ``restore_interrupted`` repairs should the build die in it."""
    if os.path.lexists(previous):
        raise FileExistsError(errno.EEXIST, "a previous site is still in the way", str(previous))
    output.rename(previous)
    step("retired")
    try:
        staging.rename(output)
    except BaseException:
        previous.rename(output)
        raise
    step("exchanged")


def restore_interrupted(output: Path, previous: Path) -> None:
    """Put the previous site back when a build died between two renames (no ``output``)."""
    if not os.path.lexists(output) and previous.is_dir():
        previous.rename(output)
