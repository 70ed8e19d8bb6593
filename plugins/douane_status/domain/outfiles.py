"""Write the built files: each writer returns the paths it wrote, so the build can name every
file to Pelican (``content_written``), from whichever process wrote it."""

from __future__ import annotations

import os
from pathlib import Path


def write_file(target: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8, newlines as given) to ``target``, creating its folders;
    returns ``target``."""
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
    return target


def copy_file(source: Path, target: Path) -> Path:
    return write_file(target, source.read_bytes())
