"""Built files are written over the old ones in place, with exactly the new bytes."""

from __future__ import annotations

import time
from pathlib import Path

from douane_status.domain.outfiles import copy_file, write_file


def test_a_new_file_gets_its_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "index.html"
    assert write_file(target, "<p>één</p>\r\n") == target
    assert target.read_bytes() == "<p>één</p>\r\n".encode()  # UTF-8, newlines as given


def test_a_shorter_text_leaves_nothing_of_the_longer_one(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_file(target, b"x" * 10_000)
    inode = target.stat().st_ino
    write_file(target, b"short")
    assert target.read_bytes() == b"short"
    assert target.stat().st_ino == inode  # the same file, written over
    write_file(target, b"y" * 20_000)
    assert target.read_bytes() == b"y" * 20_000


def test_writing_nothing_over_nothing_still_marks_the_file_written(tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    write_file(target, b"")
    before = target.stat().st_ctime_ns
    time.sleep(0.05)  # past the file system's clock tick
    write_file(target, b"")
    assert target.read_bytes() == b""
    assert target.stat().st_ctime_ns != before  # the build's pruning relies on this


def test_copy_file_copies_the_bytes(tmp_path: Path) -> None:
    source = tmp_path / "source.js"
    source.write_bytes(b"\x00\xffbundle")
    target = copy_file(source, tmp_path / "out" / "bundle.js")
    assert target.read_bytes() == b"\x00\xffbundle"
