"""Malformed and hostile outage files: each gives exactly its findings, fast, never a traceback.

``tests/corpus/*.md`` are the files; ``tests/corpus/expected.yaml`` lists the findings each must
produce (``CODE@line``). Files measured in megabytes, and files that are not UTF-8 text (which
would trip up every text tool in the repository, ruff included), are made here instead.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from rulekit import REPO, SETTINGS, local, write_content

from douane_status.commands.check import CheckOptions, run_check
from douane_status.rules.content import Content, load_content

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
NOW = "2026-12-01 12:00"
BASE = (CORPUS / "valid-disruption.md").read_text("utf-8")
FAST = 5.0  # seconds for any one file: a hang, not a slow machine, must fail (CI runs in parallel)
INSTANT = 1.0  # seconds for bombs, refused before any work is done (an accepted bomb never ends)


BYTES: dict[str, tuple[bytes, list[str]]] = {
    "not-utf8.md": (BASE.replace("Tekst.", "Café – tekst.").encode("cp1252"), ["OUT001@20"]),
    "utf16.md": (BASE.encode("utf-16"), ["OUT001@1"]),
    "binary.md": (bytes(range(256)) * 4, ["OUT001@1"]),
    "png-as-md.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", ["OUT001@1"]),
    "lone-surrogate.md": (
        BASE.encode().replace(b"Verstoring DMS", b"Verstoring \xed\xa0\x80"),
        ["OUT001@4"],
    ),
    "truncated-utf8.md": (BASE.encode().replace(b"Text.", "Tëxt.".encode()[:2]), ["OUT001@24"]),
    "nul-in-text.md": (BASE.encode().replace(b"Tekst.", b"Tek\x00st."), ["OUT001@1"]),
}


def check_bytes(root: Path, name: str, data: bytes) -> tuple[Content, float]:
    content_dir = write_content(root, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir()
    (folder / name).write_bytes(data)
    began = time.perf_counter()
    content = load_content(content_dir, SETTINGS, local(NOW), root=root)
    return content, time.perf_counter() - began


def codes_at(content: Content) -> list[str]:
    return sorted(f"{f.code}@{f.line}" for f in content.findings)


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.glob("*.md")}
    assert files == set(EXPECTED)
    malformed = [name for name, codes in EXPECTED.items() if codes]
    assert len(malformed) + len(BYTES) >= 40


@pytest.mark.parametrize("name", sorted(BYTES))
def test_bytes_that_are_not_utf8_text(tmp_path: Path, name: str) -> None:
    data, expected = BYTES[name]
    content, elapsed = check_bytes(tmp_path, name, data)
    assert codes_at(content) == expected
    assert elapsed < INSTANT


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_exactly_its_findings(tmp_path: Path, name: str) -> None:
    content, elapsed = check_bytes(tmp_path, name, (CORPUS / name).read_bytes())
    assert codes_at(content) == sorted(EXPECTED[name])
    assert elapsed < FAST
    for finding in content.findings:
        assert finding.file == f"content/outages/2026/{name}"
        assert finding.line >= 1 and finding.message.strip()
    # a file with an error never becomes an event; one without errors does
    assert bool(content.events) is not content.has_errors


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param(
            "billion-laughs.md", (CORPUS / "billion-laughs.md").read_bytes(), id="billion-laughs"
        ),
        pytest.param(
            "many-aliases.md",
            ("---\na: &a x\nb: [" + ", ".join(["*a"] * 100_000) + "]\n---\n").encode(),
            id="100000-aliases",
        ),
        pytest.param(
            "deep-nesting.md",
            ("---\ntitle: " + "[" * 450_000 + "]" * 450_000 + "\n---\n").encode(),
            id="450000-levels",
        ),
    ],
)
def test_bombs_are_refused_at_once(tmp_path: Path, name: str, data: bytes) -> None:
    content, elapsed = check_bytes(tmp_path, name, data)
    assert [f.code for f in content.findings] == ["OUT001"]
    assert elapsed < INSTANT


def test_a_huge_file_is_refused_by_size(tmp_path: Path) -> None:
    data = (BASE + "::: nl\n" + "Lange tekst. " * 200_000 + "\n:::\n").encode()
    assert len(data) > 2_000_000
    content, elapsed = check_bytes(tmp_path, "huge.md", data)
    assert codes_at(content) == ["OUT001@1"]
    assert "at most 1000 kB" in content.findings[0].message
    assert elapsed < INSTANT


def test_a_ten_megabyte_string_is_refused_by_size(tmp_path: Path) -> None:
    data = BASE.replace("Verstoring DMS", "A" * 10_000_000).encode()
    content, elapsed = check_bytes(tmp_path, "ten-mb.md", data)
    assert codes_at(content) == ["OUT001@1"]
    assert elapsed < INSTANT


def test_a_large_file_within_the_limit_is_read_quickly(tmp_path: Path) -> None:
    update = "In onderzoek " + "DMS " * 100_000  # one line of 400 kB
    body = "\n".join(["Een regel tekst."] * 25_000)  # 425 kB
    data = BASE.replace("In onderzoek.", update).replace("Tekst.", body).encode()
    assert 800_000 < len(data) < 1_000_000
    content, elapsed = check_bytes(tmp_path, "large.md", data)
    assert codes_at(content) == []
    assert elapsed < FAST


def test_a_title_is_one_short_line(tmp_path: Path) -> None:
    long_title = BASE.replace("Verstoring DMS", "Verstoring " + "DMS " * 100_000)
    content, elapsed = check_bytes(tmp_path / "a", "long-title.md", long_title.encode())
    assert codes_at(content) == ["OUT004@4"]
    assert "at most 200" in content.findings[0].message
    assert elapsed < FAST
    just_right = BASE.replace("Verstoring DMS", "V" * 200)
    content, _ = check_bytes(tmp_path / "b", "title-200.md", just_right.encode())
    assert codes_at(content) == []


def test_thousands_of_updates(tmp_path: Path) -> None:
    head, tail = BASE.split("  - at: 2026-11-30 09:05")
    one = (
        "  - at: 2026-11-30 09:05\n    status: investigating\n"
        "    next_update: 2026-11-30 09:35\n    nl: In onderzoek.\n    en: Under investigation.\n"
    )
    tail = tail.split("  - at: 2026-11-30 09:30", 1)[1]
    allowed = (head + one * 3000 + "  - at: 2026-11-30 09:30" + tail).encode()
    content, elapsed = check_bytes(tmp_path / "a", "many.md", allowed)
    assert content.findings == ()  # equal times are in order; each promise is kept
    assert elapsed < 2 * FAST
    too_many = (head + one * 4000 + "  - at: 2026-11-30 09:30" + tail).encode()
    content, elapsed = check_bytes(tmp_path / "b", "many.md", too_many)
    assert [f.code for f in content.findings] == ["OUT001"]
    assert elapsed < 2 * FAST


def test_the_check_command_reads_the_whole_corpus_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    content_dir = write_content(project, [])
    shutil.copy(REPO / "pelicanconf.py", project / "pelicanconf.py")
    folder = content_dir / "outages" / "2026"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.yaml"))
    for name, (data, _) in BYTES.items():
        (folder / name).write_bytes(data)
    began = time.perf_counter()
    status = run_check(project, CheckOptions(format_="json", now="2026-12-01T12:00"))
    elapsed = time.perf_counter() - began
    out, err = capsys.readouterr()
    assert status == 1 and err == ""
    findings = json.loads(out)
    got = sorted(f"{Path(f['file']).name}:{f['code']}@{f['line']}" for f in findings)
    expected = {**EXPECTED, **{name: codes for name, (_, codes) in BYTES.items()}}
    want = sorted(f"{name}:{code}" for name, codes in expected.items() for code in codes)
    assert got == want
    # alone, p12-follows-no-fault.md names an unknown id; with the corpus it names a no-fault report
    (p12,) = [f for f in findings if Path(f["file"]).name == "p12-follows-no-fault.md"]
    assert "follows 'valid-disruption', but that report ended as 'no-fault'" in p12["message"]
    assert elapsed < 10.0
