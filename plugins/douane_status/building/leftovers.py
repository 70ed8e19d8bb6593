"""What builds leave beside the published folder, and which of it is safe to remove.

Beside ``output`` a build makes ``.output.building-*`` (the site being built, then for an
instant the retired one), ``.output.previous`` (the site its swap retired) and
``.output.removing-*`` (leftovers being removed). A build holds a lock on its own staging folder
while it runs, so another build can tell a staging folder in use from one a killed build left:
the kernel drops the lock of a process that dies, however it dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from .processes import may_fork, start_forked


def staging_prefix(output: Path) -> str:
    return f".{output.name}.building-"


def previous_site(output: Path) -> Path:
    return output.with_name(f".{output.name}.previous")


@contextlib.contextmanager
def held(folder: Path) -> Iterator[None]:
    """Hold the lock that marks ``folder`` as in use for as long as the block runs."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _in_use(folder: Path) -> bool:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return False  # gone, or not a folder
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def leftovers(output: Path) -> list[Path]:
    """Everything earlier builds left beside ``output`` that no running build uses."""
    name = output.name
    found = []
    with os.scandir(output.parent) as entries:
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(staging_prefix(output)):
                if not _in_use(path):
                    found.append(path)
            elif entry.name == f".{name}.previous" or entry.name.startswith(f".{name}.removing-"):
                found.append(path)
    return sorted(found)


@contextlib.contextmanager
def removed_meanwhile(output: Path, doomed: list[Path]) -> Iterator[None]:
    """Remove the ``doomed`` folders in a forked process while the block runs.

    Removing a site means removing a folder per page, and for each the disk's journal is
    written: a few seconds' waiting on a busy disk, which a build need not wait for. They are
    first moved into one ``.output.removing-*`` folder, so a build killed meanwhile leaves one
    name for the next to remove. A process rather than a thread, so that the build forks its
    workers from a process with no other thread (``processes``); where this process may not
    fork, the folders are removed here, first.
    """
    if not doomed:
        yield
        return
    bin_ = Path(tempfile.mkdtemp(prefix=f".{output.name}.removing-", dir=output.parent))
    for path in doomed:
        with contextlib.suppress(OSError):  # another build took it meanwhile
            path.rename(bin_ / path.name)
    if not may_fork():
        shutil.rmtree(bin_, ignore_errors=True)
        yield
        return
    remover = start_forked(partial(shutil.rmtree, bin_, ignore_errors=True))
    try:
        yield
    finally:
        remover.join()
