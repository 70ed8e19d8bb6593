"""Run a whole Pelican build into a fresh folder and swap it in only when it succeeded.

A failed or interrupted build leaves the published ``output/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .cssmin import minify_folder
from .pelican_adapter import NOW_SETTING


def _run_pelican(
    project_dir: Path,
    settings_file: Path,
    output_dir: Path,
    now: dt.datetime,
    *,
    site_url: str | None = None,
    content_dir: Path | None = None,
) -> None:
    """Build into ``output_dir`` directly (callers use ``build_site`` for the safe swap)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override: dict[str, object] = {
        "OUTPUT_PATH": str(output_dir),
        NOW_SETTING: now,
        "DOUANE_STATUS_PROJECT": str(project_dir),
        # build_site hands over an empty folder or the previous site, whose files it rewrites
        # and then prunes: emptying it here would throw those files away
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    if site_url is not None:
        override["SITEURL"] = site_url.rstrip("/")
    if content_dir is not None:
        override["PATH"] = str(content_dir)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    settings = read_settings(str(settings_file), override=override)
    Pelican(settings).run()
    minify_folder(output_dir / "theme")


def build_site(
    project_dir: Path,
    settings_file: Path,
    output_dir: Path,
    now: dt.datetime,
    *,
    site_url: str | None = None,
    content_dir: Path | None = None,
) -> None:
    """Build into a sibling staging folder, then replace ``output_dir`` with it.

    The site the swap retires is kept beside it as ``.<output>.previous/``, and the next build
    writes over its files instead of creating new ones: on many disks creating a file costs far
    more than rewriting one. Whatever that build does not write again is removed before
    the swap, so the result is the same, byte for byte, as a build into an empty folder.
    """
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    previous = previous_site(output_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.building-", dir=output_dir.parent))

    def build_into_staging() -> None:
        with _cyclic_collector_paused():
            _run_pelican(
                project_dir, settings_file, staging, now, site_url=site_url, content_dir=content_dir
            )

    try:
        before = _adopt(previous, staging)
        try:
            build_into_staging()
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            if before is None:
                raise
            # the previous site has a file where this build needs a folder (or the reverse)
            shutil.rmtree(staging)
            staging.mkdir()
            before = None
            build_into_staging()
        if before is not None:
            _remove_unwritten(staging, before)
        _swap_in(staging, output_dir, previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextlib.contextmanager
def _cyclic_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a build runs.

    A build allocates a few objects per character of content and keeps most of them until it
    ends; every full collection walks all of them again, a fifth of the time of a large build.
    What it leaves behind is freed by reference counting or by the next collection. (Rendering,
    which leaves garbage in cycles, collects its own: see ``site._collecting_new_garbage_only``.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def previous_site(output_dir: Path) -> Path:
    return output_dir.with_name(f".{output_dir.name}.previous")


_Identity = tuple[int, int]  # inode and change time: both change when a build writes the file


def _adopt(previous: Path, staging: Path) -> dict[str, _Identity] | None:
    """Move the previous site into the (empty) staging folder and note each file's identity;
    None when there is no previous site."""
    try:
        previous.rename(staging)
    except OSError:  # none yet, or another build took it
        return None
    identities = {}
    folders = [str(staging)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    info = entry.stat(follow_symlinks=False)
                    identities[entry.path] = (info.st_ino, info.st_ctime_ns)
    return identities


def _remove_unwritten(staging: Path, before: dict[str, _Identity]) -> None:
    """Delete what this build did not write (same inode, same change time), then the folders
    that leaves empty."""
    emptied = set()
    for path, identity in before.items():
        try:
            info = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            continue
        if (info.st_ino, info.st_ctime_ns) == identity:
            os.unlink(path)
            emptied.add(os.path.dirname(path))
    for folder in sorted(emptied, key=len, reverse=True):  # the deepest first
        while folder != str(staging):
            try:
                os.rmdir(folder)  # only when empty
            except OSError:
                break
            folder = os.path.dirname(folder)


def _swap_in(staging: Path, output_dir: Path, previous: Path) -> None:
    """Two renames on one file system: the old site is whole until the new one is in place."""
    os.chmod(staging, 0o755)
    retired = None
    if output_dir.exists():
        shutil.rmtree(previous, ignore_errors=True)
        output_dir.rename(previous)
        retired = previous
    try:
        staging.rename(output_dir)
    except BaseException:
        if retired is not None:
            retired.rename(output_dir)
        raise
