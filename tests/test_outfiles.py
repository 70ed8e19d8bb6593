"""Built files get exactly the bytes given; the writer returns the path it wrote."""

from __future__ import annotations

from pathlib import Path

from douane_status.domain.outfiles import copy_file, write_file


def test_a_new_file_gets_its_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "index.html"
    assert write_file(target, "<p>één</p>\r\n") == target
    assert target.read_bytes() == "<p>één</p>\r\n".encode()  # UTF-8, newlines as given


def test_a_shorter_text_leaves_nothing_of_the_longer_one(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_file(target, b"x" * 10_000)
    write_file(target, b"short")
    assert target.read_bytes() == b"short"
    write_file(target, b"")
    assert target.read_bytes() == b""


def test_copy_file_copies_the_bytes(tmp_path: Path) -> None:
    source = tmp_path / "source.js"
    source.write_bytes(b"\x00\xffbundle")
    target = copy_file(source, tmp_path / "out" / "bundle.js")
    assert target.read_bytes() == b"\x00\xffbundle"
