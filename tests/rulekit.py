"""Helpers for rule tests: write real content files into a folder and check them.

Events go through the public entry point, ``content.load_content``, exactly as the build and the
check command read them. An outage file is written from keyword arguments in the order the format
document uses, so a test can name lines by what is on them (``file.line("announced:")``,
``file.update_line(3)``) instead of counting.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "plugins") not in sys.path:
    sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.config import StatusSettings  # noqa: E402
from douane_status.domain.timestamps import parse_timestamp  # noqa: E402
from douane_status.reading.reader import TOP_FIELDS, UPDATE_FIELDS  # noqa: E402
from douane_status.rules.content import Content, load_content  # noqa: E402

AMS = ZoneInfo("Europe/Amsterdam")
SETTINGS = StatusSettings()

SYSTEMS_YAML = """\
processes:
  - id: import
    name: {nl: Invoer, en: Import}
  - id: transit
    name: {nl: Douanevervoer, en: Transit}
systems:
  - id: dms
    short: DMS
    name: {nl: Douaneaangiften Management Systeem, en: Customs Declarations Management System}
    processes: [import]
    fallback_procedure: https://example.org/noodprocedure/dms
  - id: ncts
    short: NCTS
    name: {nl: Douanevervoer (NCTS), en: Transit (NCTS)}
    processes: [transit]
    fallback_procedure: https://example.org/noodprocedure/ncts
"""

BODY = """\
::: nl
Toelichting.
:::

::: en
Explanation.
:::
"""

TOP_ORDER = tuple(name for name in TOP_FIELDS if name != "updates")  # the format's own order
UPDATE_ORDER = tuple(name for name in UPDATE_FIELDS if name not in ("nl", "en"))
TEXTS = {"nl": "Tekst.", "en": "Text."}


def update(at: str, status: str, **fields: str) -> dict[str, str]:
    """One update: ``update("2026-11-29 09:20", "investigating", next_update="…")``."""
    return {"at": at, "status": status, **fields}


@dataclass(frozen=True)
class Outage:
    """One outage file: its id (file name without .md) and its full text."""

    id: str
    text: str

    @property
    def path(self) -> str:
        return f"content/outages/{self.id[:4]}/{self.id}.md"

    def line(self, needle: str, nth: int = 1) -> int:
        """The 1-based line of the ``nth`` line containing ``needle``."""
        seen = 0
        for number, line in enumerate(self.text.split("\n"), start=1):
            if needle in line:
                seen += 1
                if seen == nth:
                    return number
        raise AssertionError(f"{needle!r} (#{nth}) not in {self.id}")

    def update_line(self, number: int) -> int:
        return self.line("  - at:", number)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def outage_text(fields: Mapping[str, Any], body: str = BODY) -> str:
    lines = ["---"]
    for name in TOP_ORDER:
        if name not in fields or fields[name] is None:
            continue
        value = fields[name]
        if isinstance(value, Mapping):
            lines.append(f"{name}:")
            lines.extend(f"  {lang}: {text}" for lang, text in value.items())
        else:
            lines.append(f"{name}: {_scalar(value)}")
    lines.append("updates:")
    for item in fields.get("updates", ()):
        first = True
        for name in UPDATE_ORDER:
            if name in item:
                lines.append(f"  {'- ' if first else '  '}{name}: {item[name]}")
                first = False
        for lang in ("nl", "en"):
            lines.append(f"    {lang}: {item.get(lang, TEXTS[lang])}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def outage(id: str, type: str, *, updates: Iterable[Mapping[str, str]], **fields: Any) -> Outage:
    """An outage file with sensible defaults for title, systems and (planned) fallback."""
    values: dict[str, Any] = {
        "type": type,
        "title": {"nl": "Titel", "en": "Title"},
        "systems": ["dms"],
    }
    if type != "disruption":
        values["fallback_possible"] = False
    values.update(fields)
    values["updates"] = list(updates)
    return Outage(id, outage_text(values))


def write_content(
    root: Path,
    outages: Iterable[Outage],
    windows: Mapping[int, str] | None = None,
    systems: str = SYSTEMS_YAML,
) -> Path:
    """A content folder below ``root``: systems.yaml, windows/<year>.yaml, the outages and the
    project's own phrasebook."""
    content = root / "content"
    (content / "outages").mkdir(parents=True, exist_ok=True)
    (content / "systems.yaml").write_text(systems, encoding="utf-8")
    (content / "phrases.yaml").write_bytes((REPO / "content" / "phrases.yaml").read_bytes())
    if windows:
        (content / "windows").mkdir(exist_ok=True)
        for year, text in windows.items():
            (content / "windows" / f"{year}.yaml").write_text(text, encoding="utf-8")
    for item in outages:
        folder = content / "outages" / item.id[:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{item.id}.md").write_text(item.text, encoding="utf-8")
    return content


def local(text: str) -> dt.datetime:
    """An Amsterdam timestamp text as an instant, the way files are read."""
    return parse_timestamp(text, AMS)


def check(
    root: Path,
    outages: Iterable[Outage],
    *,
    now: str,
    windows: Mapping[int, str] | None = None,
    settings: StatusSettings = SETTINGS,
) -> Content:
    content_dir = write_content(root, outages, windows)
    return load_content(content_dir, settings, local(now), root=root)


def found(content: Content, outage: Outage | None = None) -> list[tuple[str, int]]:
    """Sorted (code, line) of every finding, or of one file's findings."""
    return sorted(
        (f.code, f.line) for f in content.findings if outage is None or f.file == outage.path
    )


def messages(content: Content, code: str) -> list[str]:
    return [f.message for f in content.findings if f.code == code]
