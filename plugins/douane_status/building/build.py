"""Run a whole Pelican build into a fresh folder and swap it in only when it succeeded.

A failed or interrupted build leaves the published ``output/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .pelican_adapter import NOW_SETTING, PROJECT_SETTING


def run_pelican(
    project_dir: Path,
    settings_file: Path,
    output_dir: Path,
    now: dt.datetime,
    *,
    site_url: str | None = None,
    content_dir: Path | None = None,
) -> None:
    """Build into ``output_dir`` directly, as ``pelican content -s SETTINGS_FILE`` does with
    these settings given by ``-e`` (callers use ``build_site`` for the safe swap)."""
    from pelican.settings import read_settings

    override: dict[str, Any] = {
        "OUTPUT_PATH": str(output_dir),
        NOW_SETTING: now,
        PROJECT_SETTING: str(project_dir),
    }
    if site_url is not None:
        override["SITEURL"] = site_url.rstrip("/")
    if content_dir is not None:
        override["PATH"] = str(content_dir)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    settings = read_settings(str(settings_file), override=override)
    pelican_class(settings)(settings).run()


def pelican_class(settings: dict[str, Any]) -> Any:
    """``PELICAN_CLASS``, looked up as ``pelican content`` does: a class, or "module.Class"."""
    chosen = settings["PELICAN_CLASS"]
    if isinstance(chosen, str):
        module, name = chosen.rsplit(".", 1)
        chosen = getattr(importlib.import_module(module), name)
    return chosen


def build_site(
    project_dir: Path,
    settings_file: Path,
    output_dir: Path,
    now: dt.datetime,
    *,
    site_url: str | None = None,
    content_dir: Path | None = None,
) -> None:
    """Build into a fresh, empty sibling staging folder, then put it in ``output_dir``'s place.

    The site the swap retires stays beside it as ``.<output>.previous/`` until the next build,
    which removes it while it runs.
    """
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    previous = previous_site(output_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.building-", dir=output_dir.parent))
    try:
        with _removed_meanwhile(previous):
            run_pelican(
                project_dir, settings_file, staging, now, site_url=site_url, content_dir=content_dir
            )
        _swap_in(staging, output_dir, previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def previous_site(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.previous")


@contextlib.contextmanager
def _removed_meanwhile(folder: Path) -> Iterator[None]:
    """Remove ``folder`` in a thread while the block runs.

    Removing a site means removing a folder per page, and for each the disk's journal is
    written: a few seconds' waiting on a busy disk, which a build need not wait for.
    """
    doomed = Path(tempfile.mkdtemp(prefix=f"{folder.name}.removing-", dir=folder.parent))
    with contextlib.suppress(OSError):  # there is none (or another build took it)
        folder.rename(doomed)  # over the empty folder just made
    remover = threading.Thread(target=shutil.rmtree, args=(doomed,), kwargs={"ignore_errors": True})
    remover.start()
    try:
        yield
    finally:
        remover.join()


def _swap_in(staging: Path, output_dir: Path, previous: Path) -> None:
    """Two renames on one file system: the old site is whole until the new one is in place."""
    os.chmod(staging, 0o755)
    retired = None
    if output_dir.exists():
        shutil.rmtree(previous, ignore_errors=True)  # only when another build left one
        output_dir.rename(previous)
        retired = previous
    try:
        staging.rename(output_dir)
    except BaseException:
        if retired is not None:
            retired.rename(output_dir)
        raise
