"""Split an outage file into its YAML front matter and its ``::: nl`` / ``::: en`` body blocks.

Only the shape of the file is judged here (OUT001 and the body's block structure); what the
fields mean is the event reader's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..domain.check_messages import say
from ..domain.findings import Finding, error
from . import yamlsource
from .characters import refused_lines

MAX_FILE_BYTES = 1_000_000
_FENCE = re.compile(r"^---\s*$")
_END = re.compile(r"^(---|\.\.\.)\s*$")
_BLOCK_OPEN = re.compile(r"^:::\s*([A-Za-z-]+)\s*$")
_BLOCK_CLOSE = re.compile(r"^:::\s*$")


@dataclass(frozen=True)
class BodyBlock:
    text: str
    line: int  # line of the ``::: xx`` marker


@dataclass(frozen=True)
class SourceFile:
    path: str
    front: yamlsource.Mapping | None
    front_line: int  # file line of the opening ``---``
    body: dict[str, BodyBlock] = field(default_factory=dict)
    body_line: int = 1
    findings: tuple[Finding, ...] = ()


def decode(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes to text: UTF-8 only, no NUL bytes, within the size limit (OUT001).

    A text with characters no page or feed may hold (``characters``) comes back with findings
    for them, and U+FFFD in their place, so the rest of the file is read and checked as well.
    """
    if len(data) > MAX_FILE_BYTES:
        size = len(data) // 1_000_000 or 1
        return None, [
            error(
                path,
                1,
                "OUT001",
                f"the file is {size} MB or more; an outage file is at most "
                f"{MAX_FILE_BYTES // 1000} kB: shorten the texts or check that this is the "
                "right file",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(path, 1, "OUT001", "the file is saved as UTF-16: save it as UTF-8")]
    if b"\x00" in data:
        return None, [error(path, 1, "OUT001", "this is a binary file, not a Markdown text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(
                path,
                line,
                "OUT001",
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}): save it as UTF-8",
            )
        ]
    return refused_lines(
        path, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    )


def read_source(path: str, data: bytes) -> SourceFile:
    text, refused = decode(path, data)
    if text is None:
        return SourceFile(path, None, 1, findings=tuple(refused))
    source = _read_text(path, text)
    if refused:
        return replace(source, findings=(*refused, *source.findings))
    return source


def _read_text(path: str, text: str) -> SourceFile:
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return _fail(
            path, 1, "the file is empty: it needs a front matter block between '---' lines"
        )
    if not _FENCE.match(lines[start]):
        return _fail(
            path,
            start + 1,
            "the file must start with '---', then the fields, then a line '---'",
        )
    end = next((i for i in range(start + 1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return _fail(path, start + 1, "the front matter is not closed: add a line '---' after it")
    yaml_text = "\n".join(lines[start + 1 : end])
    try:
        front = yamlsource.load(yaml_text, first_line=start + 2)
    except yamlsource.YamlError as exc:
        where = f" (column {exc.column})" if exc.column else ""
        return _fail(path, exc.line, f"{exc.message}{where}")
    if not isinstance(front, yamlsource.Mapping):
        return _fail(path, start + 2, "the front matter must be fields ('name: value'), one a line")
    body, body_findings = _read_body(path, lines, end + 1)
    return SourceFile(path, front, start + 1, body, end + 2, tuple(body_findings))


def _read_body(
    path: str, lines: list[str], first: int
) -> tuple[dict[str, BodyBlock], list[Finding]]:
    blocks: dict[str, BodyBlock] = {}
    findings: list[Finding] = []
    i = first
    while i < len(lines):
        line = lines[i]
        opened = _BLOCK_OPEN.match(line)
        if opened:
            i = _read_block(path, lines, i, opened.group(1).lower(), blocks, findings)
            continue
        if line.strip():
            findings.append(
                error(
                    path,
                    i + 1,
                    "OUT004",
                    say("outside_block"),
                )
            )
            # report one stray paragraph once, not every line of it
            while i < len(lines) and lines[i].strip() and not _BLOCK_OPEN.match(lines[i]):
                i += 1
            continue
        i += 1
    return blocks, findings


def _read_block(
    path: str,
    lines: list[str],
    opening: int,
    lang: str,
    blocks: dict[str, BodyBlock],
    findings: list[Finding],
) -> int:
    """Add the ``::: lang`` block opened on line index ``opening``; return the index after it."""
    close = next((j for j in range(opening + 1, len(lines)) if _BLOCK_CLOSE.match(lines[j])), None)
    if close is None:
        findings.append(error(path, opening + 1, "OUT004", say("block_not_closed", lang=lang)))
        close = len(lines)
    if lang not in ("nl", "en"):
        findings.append(
            error(
                path,
                opening + 1,
                "OUT004",
                say("block_language", lang=lang),
            )
        )
    elif lang in blocks:
        findings.append(
            error(
                path,
                opening + 1,
                "OUT004",
                say("block_twice", lang=lang, line=blocks[lang].line),
            )
        )
    else:
        blocks[lang] = BodyBlock("\n".join(lines[opening + 1 : close]).strip("\n"), opening + 1)
    return close + 1


def _fail(path: str, line: int, message: str) -> SourceFile:
    return SourceFile(path, None, line, findings=(error(path, line, "OUT001", message),))


def display_path(path: Path, root: Path) -> str:
    """A path as findings show it: relative to the project when it lies inside it."""
    try:
        return _resolved(path).relative_to(_resolved_folder(root.absolute())).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved(path: Path) -> Path:
    # a tree holds thousands of files in a few folders: resolve each folder once
    if path.is_symlink():
        return path.resolve()
    return _resolved_folder(path.parent.absolute()) / path.name


@lru_cache(maxsize=256)
def _resolved_folder(folder: Path) -> Path:
    """``folder`` is absolute, so the answer does not depend on the working directory."""
    return folder.resolve()
