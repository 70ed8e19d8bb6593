"""A build rewrites the files of the site it retired last time; the result is still exact."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, build_into
from test_build_command import tree_digest

LATER = FIXTURE_NOW_UTC + dt.timedelta(hours=5)


def _dirs(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def test_rebuilds_keep_the_retired_site_and_reuse_its_files(tmp_path: Path) -> None:
    output = tmp_path / "output"
    previous = tmp_path / ".output.previous"
    build_into(output)
    assert not previous.exists()  # nothing was retired by the first build
    first = tree_digest(output)

    build_into(output, now=LATER)
    assert tree_digest(previous) == first  # the retired site, whole
    probe = previous / "index.html"
    inode = probe.stat().st_ino

    build_into(output)  # writes into the files of the first site again
    assert (output / "index.html").stat().st_ino == inode
    assert tree_digest(output) == first


def test_a_reused_build_equals_a_build_into_an_empty_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    build_into(output, content=content)
    build_into(output, content=content, now=LATER)
    removed = sorted((content / "outages").rglob("*.md"))[-1]
    removed.unlink()
    previous = tmp_path / ".output.previous"
    (previous / "stray.html").write_text("left by hand", encoding="utf-8")
    (previous / "gone" / "deep").mkdir(parents=True)
    (previous / "gone" / "deep" / "index.html").write_text("old", encoding="utf-8")

    build_into(output, content=content)
    fresh = build_into(tmp_path / "fresh" / "output", content=content)

    assert tree_digest(output) == tree_digest(fresh)
    assert _dirs(output) == _dirs(fresh)  # no folder left empty by a removed page
    assert not any(removed.stem in p for p in tree_digest(output))


def test_a_retired_site_with_a_file_where_a_folder_goes_is_set_aside(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_into(output)
    build_into(output, now=LATER)
    previous = tmp_path / ".output.previous"
    shutil.rmtree(previous / "en")
    (previous / "en").write_text("a file where the English site goes", encoding="utf-8")

    build_into(output)
    fresh = build_into(tmp_path / "fresh" / "output")

    assert tree_digest(output) == tree_digest(fresh)
    assert not any(p.name.startswith(".output.building") for p in tmp_path.iterdir())
