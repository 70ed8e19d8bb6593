"""The new site on the disk before the swap makes it the published one.

Writes go to the page cache first; a power loss after the swap but before the kernel wrote them
back could publish empty or truncated files under names that are already in place. So the
staging folder's file system is synced (``syncfs``: every file and folder written, in one call,
not one ``fsync`` a file) before the exchange, and the folder holding both names after it, so
the exchange itself is on the disk too.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path


def synced(folder: Path) -> None:
    """Everything written below ``folder`` (and on its file system) is on the disk; OSError if
    the disk says otherwise."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "syncfs"):
            if libc.syncfs(descriptor) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(folder))
        else:
            os.sync()  # elsewhere: every file system, which is more than needed
    finally:
        os.close(descriptor)


def names_synced(folder: Path) -> None:
    """The entries of ``folder`` (a rename or exchange in it) are on the disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
