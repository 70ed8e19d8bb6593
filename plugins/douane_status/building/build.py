"""Run a whole Pelican build into a fresh folder and swap it in only when it succeeded.

A failed or interrupted build leaves the published ``output/`` exactly as it was; at every
instant ``output/`` is one whole site, the old or the new.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..domain.errors import BuildError
from ..rules.content import ReadContent
from .durable import names_synced, synced
from .failures import explain
from .leftovers import held, leftovers, previous_site, removed_meanwhile, staging_prefix
from .pelican_adapter import CONTENT_SETTING, NOW_SETTING, PROJECT_SETTING, VERSIONS_SETTING
from .swap import Step, no_step, restore_interrupted, swap_in


def run_pelican(
    project_dir: Path,
    settings_file: Path,
    output_dir: Path,
    now: dt.datetime,
    *,
    site_url: str | None = None,
    content_dir: Path | None = None,
    versions: Mapping[str, bytes | None] | None = None,
    content: ReadContent | None = None,
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
    if versions:
        override[VERSIONS_SETTING] = dict(versions)
    if content is not None:
        override[CONTENT_SETTING] = content
    logging.getLogger("pelican").setLevel(logging.WARNING)
    settings = read_settings(str(settings_file), override=override)
    with _pelican_closing_line_left_out():
        pelican_class(settings)(settings).run()


@contextlib.contextmanager
def _pelican_closing_line_left_out() -> Iterator[None]:
    """Pelican's run closes with "Done: Processed 0 articles, 0 drafts, ..." on its console
    (``pelican.log.console``, pinned by tests/test_pelican_way.py): true of Pelican's articles,
    of which this site has none. The build command leaves it out; the plugin's own line says
    what was built. ``pelican content`` prints both."""
    from pelican.log import console

    was_quiet = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = was_quiet


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
    versions: Mapping[str, bytes | None] | None = None,
    content: ReadContent | None = None,
    step: Step = no_step,
) -> None:
    """Build into a fresh, empty sibling staging folder, then swap it into ``output_dir``'s
    place atomically (``swap``).

    The site the swap retires stays beside it as ``.<output>.previous/`` until the next build,
    which removes it, and whatever killed builds left, while it runs. ``versions``: see
    ``load_content``; ``content``: the content the build command read already, which the
    build takes instead of reading it again if it was read as the build would read it. ``step``
    hears the name of each step as it is reached ("staging", "built", "exchanged", "retired"):
    the tests kill a build there.
    """
    output_dir = output_dir.resolve()
    previous = previous_site(output_dir)
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        restore_interrupted(output_dir, previous)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output_dir), dir=output_dir.parent))
    except OSError as exc:
        raise BuildError(
            f"cannot write beside {output_dir.name}/ in {output_dir.parent} "
            f"({exc.strerror or exc}): the build needs a writable folder there"
        ) from None
    doing = "build the site:"
    try:
        with held(staging), removed_meanwhile(output_dir, leftovers(output_dir)):
            step("staging")
            run_pelican(
                project_dir,
                settings_file,
                staging,
                now,
                site_url=site_url,
                content_dir=content_dir,
                versions=versions,
                content=content,
            )
            doing = "write the new site to the disk in"
            synced(staging)
            step("built")
            doing = f"put the new site in the place of {output_dir.name}/:"
            swap_in(staging, output_dir, previous, step)
        with contextlib.suppress(OSError):  # published already; a failing disk shows next time
            names_synced(output_dir.parent)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)  # the new site, or after the swap the old
        # a worker process's failure comes as a BuildError caused by it
        cause = exc.__cause__ if isinstance(exc, BuildError) else exc
        if isinstance(cause, OSError):
            raise BuildError(explain(cause, doing, project_dir, staging)) from cause
        raise
