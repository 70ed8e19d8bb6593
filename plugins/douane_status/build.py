"""Run a whole Pelican build into a fresh folder and swap it in only when it succeeded.

A failed or interrupted build leaves the published ``output/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .cssmin import minify_folder
from .pelican_adapter import NOW_SETTING


def run_pelican(
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
    """Build into a sibling temporary folder, then replace ``output_dir`` with it."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.building-", dir=output_dir.parent))
    try:
        run_pelican(
            project_dir, settings_file, staging, now, site_url=site_url, content_dir=content_dir
        )
        _swap_in(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, output_dir: Path) -> None:
    """Two renames on one file system: the old site is whole until the new one is in place."""
    os.chmod(staging, 0o755)
    retired = None
    if output_dir.exists():
        retired = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
        shutil.rmtree(retired, ignore_errors=True)
        output_dir.rename(retired)
    try:
        staging.rename(output_dir)
    except BaseException:
        if retired is not None:
            retired.rename(output_dir)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
