"""Write the built files, and note each one written so the build can name them to Pelican.

Every file of the site is written through ``write_file``; inside ``recording()`` the paths are
collected. Part of a build runs in a forked process, whose Pelican signals would never reach
this process's receivers: it hands its list back instead, and this process sends the signals.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

_recorders: list[list[str]] = []  # the innermost ``recording()`` gets each path


def write_file(target: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8, newlines as given) to ``target``, creating its folders."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        descriptor = os.open(target, flags, 0o666)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, flags, 0o666)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
    if _recorders:
        _recorders[-1].append(os.fspath(target))
    return target


def copy_file(source: Path, target: Path) -> Path:
    return write_file(target, source.read_bytes())


@contextlib.contextmanager
def recording() -> Iterator[list[str]]:
    """Collect the path of every file written inside the block, in the order written."""
    written: list[str] = []
    _recorders.append(written)
    try:
        yield written
    finally:
        _recorders.pop()
