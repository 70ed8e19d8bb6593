"""OUT007: an event id is a public address, so every file that shares one is reported, naming the
others, and the file published under it first is never the one asked to rename."""

from __future__ import annotations

from pathlib import Path

from rulekit import SETTINGS, local, outage, update, write_content

from douane_status.rules.content import Content, load_content

ID = "2026-11-30-dms-verstoring"
NOW = "2026-12-01 12:00"


def disruption(first_at: str):
    return outage(
        ID,
        "disruption",
        start=first_at,
        updates=[
            update(first_at, "investigating", next_update=first_at),
            update(first_at, "no-fault"),
        ],
    )


def twins(root: Path, published_at: str, new_at: str) -> tuple[Path, Path]:
    """The published file in the 2027 folder (it sorts last) and a new one in 2026."""
    content = write_content(root, [])
    paths = []
    for year, first_at in (("2027", published_at), ("2026", new_at)):
        folder = content / "outages" / year
        folder.mkdir()
        path = folder / f"{ID}.md"
        path.write_text(disruption(first_at).text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def out007(content: Content) -> dict[str, str]:
    return {f.file: f.message for f in content.findings if f.code == "OUT007"}


PUBLISHED = f"content/outages/2027/{ID}.md"
VALID = (Path(__file__).parent / "corpus" / "valid-disruption.md").read_text("utf-8")
NEW = f"content/outages/2026/{ID}.md"


def test_out007_on_every_file_naming_the_others_and_the_published_one_keeps_its_id(
    tmp_path: Path,
) -> None:
    twins(tmp_path, "2026-11-30 09:00", "2026-12-02 09:00")  # the new one: after now
    content = load_content(tmp_path / "content", SETTINGS, local(NOW), root=tmp_path)
    messages = out007(content)
    assert set(messages) == {PUBLISHED, NEW}
    assert messages[NEW] == (
        f"event id '{ID}' is also used by {PUBLISHED}: {PUBLISHED} is published under it (its "
        "public address): rename this file"
    )
    assert messages[PUBLISHED] == (
        f"event id '{ID}' is also used by {NEW}: this file is published under it (its public "
        "address): keep this name and rename the other file"
    )
    # the new file is refused; the published one only hears of it, and stays published
    assert [(f.file, f.line, f.is_error) for f in content.findings if f.code == "OUT007"] == [
        (NEW, 1, True),
        (PUBLISHED, 1, False),
    ]


def test_check_path_of_a_new_file_that_reuses_a_published_id(tmp_path: Path) -> None:
    _, new = twins(tmp_path, "2026-11-30 09:00", "2026-12-02 09:00")
    content = load_content(tmp_path / "content", SETTINGS, local(NOW), root=tmp_path, only=[new])
    assert list(out007(content)) == [NEW]
    assert out007(content)[NEW].endswith(
        f"{PUBLISHED} is published under it (its public address): rename this file"
    )


def test_the_earlier_published_keeps_the_id_at_the_minute(tmp_path: Path) -> None:
    # both published: the one first seen keeps the id, whichever folder it is in
    for name, published_at, new_at, keeper in (
        ("before", "2026-11-30 08:59", "2026-11-30 09:00", PUBLISHED),
        ("after", "2026-11-30 09:01", "2026-11-30 09:00", NEW),
    ):
        root = tmp_path / name
        twins(root, published_at, new_at)
        content = load_content(root / "content", SETTINGS, local(NOW), root=root)
        assert out007(content)[keeper].endswith("keep this name and rename the other file")


def test_first_update_at_now_is_published_a_minute_later_is_not(tmp_path: Path) -> None:
    # the new file is not yet published; the other one is from its first update on
    for name, published_at, kept in (
        ("minute-before", "2026-12-01 11:59", True),
        ("at-now", NOW, True),
        ("minute-after", "2026-12-01 12:01", False),
    ):
        root = tmp_path / name
        twins(root, published_at, "2026-12-02 09:00")
        content = load_content(root / "content", SETTINGS, local(NOW), root=root)
        message = out007(content)[PUBLISHED]
        if kept:
            assert message.endswith("keep this name and rename the other file"), name
        else:
            assert message.endswith("rename all but one of these files"), name


def test_none_published_asks_to_rename_all_but_one(tmp_path: Path) -> None:
    twins(tmp_path, "2026-12-02 09:00", "2026-12-03 09:00")
    content = load_content(tmp_path / "content", SETTINGS, local(NOW), root=tmp_path)
    messages = out007(content)
    assert set(messages) == {PUBLISHED, NEW}
    assert all(m.endswith("rename all but one of these files") for m in messages.values())


def test_three_files_each_name_the_other_two(tmp_path: Path) -> None:
    twins(tmp_path, "2026-11-30 09:00", "2026-12-02 09:00")
    third = tmp_path / "content" / "outages" / "2025" / f"{ID}.md"
    third.parent.mkdir()
    third.write_text(disruption("2026-12-03 09:00").text, encoding="utf-8")
    content = load_content(tmp_path / "content", SETTINGS, local(NOW), root=tmp_path)
    messages = out007(content)
    older = f"content/outages/2025/{ID}.md"
    assert messages[PUBLISHED] == (
        f"event id '{ID}' is also used by {older}, {NEW}: this file is published under it (its "
        "public address): keep this name and rename the other files"
    )
    assert messages[older].startswith(f"event id '{ID}' is also used by {NEW}, {PUBLISHED}: ")
    assert messages[older].endswith(
        f"{PUBLISHED} is published under it (its public address): rename this file"
    )


def test_a_copy_under_another_year_is_refused_and_the_original_stays(tmp_path: Path) -> None:
    """A copy has the same updates, so both are published at the same minute: the file in the
    folder of its id's year keeps the id, the copy is the error (and OUT009)."""
    content = write_content(tmp_path, [])
    for year in ("2026", "2025"):  # the copy sorts first
        folder = content / "outages" / year
        folder.mkdir()
        (folder / f"{ID}.md").write_text(VALID, encoding="utf-8")
    loaded = load_content(content, SETTINGS, local(NOW), root=tmp_path)
    copy, original = f"content/outages/2025/{ID}.md", f"content/outages/2026/{ID}.md"
    assert sorted((f.file, f.code, f.is_error) for f in loaded.findings) == [
        (copy, "OUT007", True),
        (copy, "OUT009", True),
        (original, "OUT007", False),
    ]
    assert out007(loaded)[copy].endswith(
        f"{original} is published under it (its public address): rename this file"
    )
    assert [e.path for e in loaded.events] == [original]
