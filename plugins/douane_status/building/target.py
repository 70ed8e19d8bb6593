"""Where a build may put its site: a new folder, or one a build of this project made.

A build swaps its site in whole and the next build deletes what the swap retired, so the folder
``--output`` names is, in effect, deleted. It must never be the project, a folder that holds the
project, or one of the project's own folders (``--output content`` would take the content with
it, and everything not yet committed), nor any other folder that holds something else. Every
build writes ``SITE_MARKER`` into its site, by which a later build knows the folder as its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UsageError

SITE_MARKER = ".douane-status-site"
MARKER_TEXT = (
    "This folder is a site built by this project's 'invoke build'. Every build replaces the\n"
    "whole folder: keep nothing else in it.\n"
)
DEFAULT_OUTPUT = "output"  # the project's own output folder, ignored by git


def is_built_site(folder: Path) -> bool:
    return (folder / SITE_MARKER).is_file()


def check_output_target(project: Path, target: Path, shown: str) -> None:
    """UsageError, saying what to do, unless a build may replace ``target`` with its site.

    ``shown`` is the folder as the operator wrote it. Nothing is moved or written here.
    """
    if target.is_symlink():
        _refuse(shown, "is a link; the site is built into a real folder: name the folder itself")
    resolved, real_project = target.resolve(), project.resolve()
    if resolved == real_project or real_project.is_relative_to(resolved):
        what = "is the project itself" if resolved == real_project else "holds the project"
        _refuse(shown, f"{what}, and the build replaces its output folder whole")
    # as written and as resolved: a folder of the project may be a link to elsewhere
    for inside, root in (
        (Path(os.path.abspath(target)), project.absolute()),
        (resolved, real_project),
    ):
        if inside.is_relative_to(root):
            top = root / inside.relative_to(root).parts[0]
            if top != inside and os.path.lexists(top) and not is_built_site(top):
                _refuse(shown, f"lies in the project's own folder {top.name}/")
    if not target.exists() or resolved == real_project / DEFAULT_OUTPUT:
        return
    if not target.is_dir():
        _refuse(shown, "is a file, not a folder")
    if not is_built_site(target) and any(target.iterdir()):
        _refuse(
            shown,
            f"holds files, and is not a site this project built (it has no {SITE_MARKER}); "
            "everything in it would be deleted",
        )


def _refuse(shown: str, why: str) -> None:
    raise UsageError(
        f"--output {shown}: {why}. Nothing was moved. Build into a new folder (the default is "
        f"'{DEFAULT_OUTPUT}'), or an empty one"
    )
