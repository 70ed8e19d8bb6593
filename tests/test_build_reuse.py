"""Each build starts from an empty folder: a rebuild gives the same tree, nothing left over."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, build_into
from test_build_command import tree_digest

LATER = FIXTURE_NOW_UTC + dt.timedelta(hours=5)


def _dirs(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def test_rebuilding_gives_the_same_tree_and_keeps_only_the_last_site_beside_it(
    tmp_path: Path,
) -> None:
    output = build_into(tmp_path / "output")
    first = tree_digest(output)
    build_into(output, now=LATER)
    later = tree_digest(output)
    assert later != first
    (output / "stray.html").write_text("left by hand", encoding="utf-8")

    build_into(output)

    assert tree_digest(output) == first  # the stray file went with the site it was put in
    previous = tmp_path / ".output.previous"
    assert tree_digest(previous) == {**later, "stray.html": tree_digest(previous)["stray.html"]}
    # no staging folder, and the site retired before that one is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.previous", "output"]


def test_a_rebuild_after_an_event_is_removed_equals_a_build_into_an_empty_folder(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = build_into(tmp_path / "output", content=content)
    removed = sorted((content / "outages").rglob("*.md"))[-1]
    removed.unlink()

    build_into(output, content=content)
    fresh = build_into(tmp_path / "fresh" / "output", content=content)

    assert tree_digest(output) == tree_digest(fresh)
    assert _dirs(output) == _dirs(fresh)  # no folder left from the removed event's pages
    assert not any(removed.stem in p for p in tree_digest(output))
