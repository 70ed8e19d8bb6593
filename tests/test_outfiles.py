"""Built files get exactly the bytes given, and a recording names every file written."""

from __future__ import annotations

from pathlib import Path

from douane_status.domain.outfiles import copy_file, recording, write_file


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


def test_a_recording_names_the_files_written_inside_it_in_order(tmp_path: Path) -> None:
    write_file(tmp_path / "before.txt", "not recorded")
    with recording() as outer:
        write_file(tmp_path / "one.txt", "1")
        with recording() as inner:  # the innermost recording gets them
            copy_file(tmp_path / "one.txt", tmp_path / "sub" / "two.txt")
        write_file(tmp_path / "three.txt", "3")
    write_file(tmp_path / "after.txt", "not recorded")
    assert outer == [str(tmp_path / "one.txt"), str(tmp_path / "three.txt")]
    assert inner == [str(tmp_path / "sub" / "two.txt")]
