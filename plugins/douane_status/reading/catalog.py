"""Read the reference data: ``content/systems.yaml`` and ``content/windows/<year>.yaml``.

Mistakes here are reported like mistakes in outage files, with the same codes (OUT001 parse,
OUT002 unknown field, OUT003 missing field, OUT004 bad value, OUT005 daylight-saving hour,
OUT007 duplicate id), because the same people edit them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.findings import Finding, error
from ..domain.model import Catalog, ProcedureLink, Process, System, Text, Window, WindowKind
from ..domain.timestamps import TimestampError, localize
from . import yamlsource as y
from .phrases import read_phrasebook
from .source import decode, display_path
from .texts import check_bilingual_text, check_no_unknown_fields

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
PROCESS_FIELDS = ("id", "name")
SYSTEM_FIELDS = ("id", "short", "name", "description", "processes", "fallback_procedure")
WINDOW_FIELDS = ("date", "start", "end", "cancelled", "moved_from")
# Without a windows file a year's planned work is judged by its weekday (P03); an empty one would
# silently judge every planned event as outside a window.
_NO_WINDOWS = (
    "this windows file lists no windows: list them under 'maintenance:' and 'release:', or "
    "delete the file"
)


class _DataReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def fail(self, line: int, code: str, message: str) -> None:
        self.findings.append(error(self.path, line, code, message))

    def load(self, data: bytes) -> y.Node | None:
        text, findings = decode(self.path, data)
        self.findings.extend(findings)
        if text is None:
            return None
        try:
            return y.load(text)
        except y.YamlError as exc:
            self.fail(exc.line, "OUT001", exc.message)
            return None

    def entries(self, root: y.Mapping, name: str) -> list[y.Mapping]:
        node = root.items.get(name)
        if node is None:
            return []
        if not isinstance(node, y.Sequence):
            self.fail(node.line, "OUT004", f"'{name}' must be a list of entries starting with '- '")
            return []
        result = []
        for entry in node.items:
            if isinstance(entry, y.Mapping):
                result.append(entry)
            else:
                self.fail(entry.line, "OUT004", f"each entry of '{name}' must be fields")
        return result

    def word(self, entry: y.Mapping, name: str, *, required: bool = True) -> str | None:
        node = entry.items.get(name)
        if node is None:
            if required:
                self.fail(entry.line, "OUT003", f"field '{name}' is missing: add '{name}:'")
            return None
        if not isinstance(node, y.Scalar) or node.is_null or not node.text.strip():
            self.fail(node.line, "OUT004", f"'{name}' must be a single non-empty value")
            return None
        return node.text.strip()

    def identifier(self, entry: y.Mapping, seen: dict[str, int], what: str) -> str | None:
        value = self.word(entry, "id")
        if value is None:
            return None
        line = entry.key_lines["id"]
        if not _ID.match(value):
            self.fail(line, "OUT004", f"{what} id '{value}' must be lowercase letters, digits, '-'")
            return None
        if value in seen:
            self.fail(line, "OUT007", f"{what} id '{value}' is also used on line {seen[value]}")
            return None
        seen[value] = line
        return value

    def text(self, entry: y.Mapping, name: str, *, required: bool = True) -> Text | None:
        if name not in entry.items:
            if required:
                self.fail(entry.line, "OUT003", f"field '{name}' is missing: add '{name}:'")
            return None
        text, findings = check_bilingual_text(
            self.path, name, entry.items[name], entry.key_lines[name]
        )
        self.findings.extend(findings)
        return text


def read_systems(
    path: str, data: bytes
) -> tuple[tuple[Process, ...], tuple[System, ...], list[Finding]]:
    reader = _DataReader(path)
    root = reader.load(data)
    if root is None:
        if not reader.findings:
            reader.fail(1, "OUT003", "systems.yaml is empty: it lists 'processes:' and 'systems:'")
        return (), (), reader.findings
    if not isinstance(root, y.Mapping):
        reader.fail(root.line, "OUT004", "systems.yaml must have 'processes:' and 'systems:'")
        return (), (), reader.findings
    reader.findings.extend(check_no_unknown_fields(path, root, ("processes", "systems"), ""))
    for section in ("processes", "systems"):
        if section not in root.items:
            reader.fail(1, "OUT003", f"'{section}:' is missing")
    processes: list[Process] = []
    seen: dict[str, int] = {}
    for entry in reader.entries(root, "processes"):
        reader.findings.extend(check_no_unknown_fields(path, entry, PROCESS_FIELDS, " in process"))
        process_id = reader.identifier(entry, seen, "process")
        name = reader.text(entry, "name")
        if process_id and name:
            processes.append(Process(process_id, name))
    process_ids = {p.id for p in processes}
    systems: list[System] = []
    seen = {}
    for entry in reader.entries(root, "systems"):
        reader.findings.extend(check_no_unknown_fields(path, entry, SYSTEM_FIELDS, " in system"))
        system_id = reader.identifier(entry, seen, "system")
        short = reader.word(entry, "short")
        name = reader.text(entry, "name")
        description = reader.text(entry, "description", required=False)
        link, link_ok = _procedure_link(reader, entry)
        linked = _process_list(reader, entry, process_ids)
        if system_id and short and name and link_ok and linked:
            systems.append(System(system_id, short, name, linked, link, description))
    return tuple(processes), tuple(systems), reader.findings


def _web_address(reader: _DataReader, node: y.Node, label: str) -> str | None:
    if not isinstance(node, y.Scalar) or node.is_null or not node.text.strip():
        reader.fail(node.line, "OUT004", f"{label} must be one web address (https://…)")
        return None
    value = node.text.strip()
    if not value.startswith("https://") or any(c.isspace() for c in value):
        reader.fail(
            node.line, "OUT004", f"{label} must be a web address starting with https://, no spaces"
        )
        return None
    return value


def _procedure_link(reader: _DataReader, entry: y.Mapping) -> tuple[ProcedureLink | None, bool]:
    """The system's own fallback procedure (optional): one address, a page in Dutch, or its
    Dutch page and its English page, ``{nl: …, en: …}``. Returns the link and whether the
    field, when given, was usable."""
    node = entry.items.get("fallback_procedure")
    if node is None:
        return None, True
    if isinstance(node, y.Mapping):
        reader.findings.extend(
            check_no_unknown_fields(reader.path, node, ("nl", "en"), " in fallback_procedure")
        )
        if "nl" not in node.items:
            reader.fail(
                node.line,
                "OUT003",
                "fallback_procedure needs 'nl:', the address of its Dutch page ('en:' is optional)",
            )
            return None, False
        dutch = _web_address(reader, node.items["nl"], "fallback_procedure nl")
        english = (
            _web_address(reader, node.items["en"], "fallback_procedure en")
            if "en" in node.items
            else None
        )
        if dutch is None or ("en" in node.items and english is None):
            return None, False
        return ProcedureLink(dutch, english), True
    dutch = _web_address(reader, node, "fallback_procedure")
    return (ProcedureLink(dutch), True) if dutch else (None, False)


def _process_list(reader: _DataReader, entry: y.Mapping, known: set[str]) -> tuple[str, ...]:
    node = entry.items.get("processes")
    if node is None:
        reader.fail(entry.line, "OUT003", "field 'processes' is missing: add 'processes: [id]'")
        return ()
    items = node.items if isinstance(node, y.Sequence) else [node]
    result: list[str] = []
    for item in items:
        if not isinstance(item, y.Scalar) or item.text not in known:
            text = item.text if isinstance(item, y.Scalar) else "?"
            reader.fail(
                item.line, "OUT004", f"unknown process '{text}'; known: {', '.join(sorted(known))}"
            )
        else:
            result.append(item.text)
    return tuple(result)


def read_windows(
    path: str, data: bytes, year: int, tz: ZoneInfo
) -> tuple[tuple[Window, ...], list[Finding]]:
    reader = _DataReader(path)
    root = reader.load(data)
    if root is None:
        if not reader.findings:
            reader.fail(1, "OUT003", _NO_WINDOWS)
        return (), reader.findings
    if not isinstance(root, y.Mapping):
        reader.fail(root.line, "OUT004", "a windows file has 'maintenance:' and 'release:' lists")
        return (), reader.findings
    reader.findings.extend(check_no_unknown_fields(path, root, tuple(WindowKind), ""))
    windows: list[Window] = []
    for kind in WindowKind:
        weekday = 6 if kind is WindowKind.MAINTENANCE else 5
        day_name = "Sunday" if weekday == 6 else "Saturday"
        for entry in reader.entries(root, kind):
            reader.findings.extend(
                check_no_unknown_fields(path, entry, WINDOW_FIELDS, " in window")
            )
            window = _window(reader, entry, kind, year, tz)
            if window is None:
                continue
            if window.date.weekday() != weekday:
                reader.fail(
                    entry.line,
                    "OUT004",
                    f"{window.date} is not a {day_name}: {kind} windows are on {day_name}s",
                )
                continue
            windows.append(window)
    listed = [root.items.get(kind) for kind in WindowKind]
    if not any(isinstance(node, y.Sequence) and node.items for node in listed):
        reader.fail(root.line, "OUT003", _NO_WINDOWS)
    return tuple(sorted(windows, key=lambda w: w.start)), reader.findings


def _window(
    reader: _DataReader, entry: y.Mapping, kind: WindowKind, year: int, tz: ZoneInfo
) -> Window | None:
    date_text = reader.word(entry, "date")
    start_text = reader.word(entry, "start")
    end_text = reader.word(entry, "end")
    cancelled = False
    if "cancelled" in entry.items:
        node = entry.items["cancelled"]
        value = y.is_bool_text(node) if isinstance(node, y.Scalar) else None
        if value is None:
            reader.fail(node.line, "OUT004", "cancelled must be true or false")
        cancelled = bool(value)
    if not (date_text and start_text and end_text):
        return None
    line = entry.key_lines["date"]
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        reader.fail(line, "OUT004", f"date '{date_text}' must be YYYY-MM-DD")
        return None
    if date.year != year:
        reader.fail(line, "OUT004", f"{date} is not in {year}: move it to windows/{date.year}.yaml")
        return None
    moments = []
    for name, text in (("start", start_text), ("end", end_text)):
        match = _CLOCK.match(text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            reader.fail(
                entry.key_lines[name],
                "OUT004",
                f"{name} '{text}' must be a time of day 'HH:MM' (quote it: \"08:00\")",
            )
            return None
        naive = dt.datetime.combine(date, dt.time(int(match[1]), int(match[2])))
        try:
            moments.append(localize(naive, tz).astimezone(dt.UTC))
        except TimestampError as exc:
            reader.fail(entry.key_lines[name], exc.code, exc.message)
            return None
    if moments[1] <= moments[0]:
        reader.fail(entry.key_lines["end"], "OUT006", "the window's end must be after its start")
        return None
    moved_from = _moved_from(reader, entry, date)
    return Window(kind, date, moments[0], moments[1], cancelled, reader.path, line, moved_from)


def _moved_from(reader: _DataReader, entry: y.Mapping, date: dt.date) -> dt.date | None:
    """The date a moved window was first agreed on: it keeps that identity in calendars."""
    text = reader.word(entry, "moved_from", required=False)
    if text is None:
        return None
    line = entry.key_lines["moved_from"]
    try:
        original = dt.date.fromisoformat(text)
    except ValueError:
        reader.fail(line, "OUT004", f"moved_from '{text}' must be the original date YYYY-MM-DD")
        return None
    if original == date:
        reader.fail(line, "OUT004", f"moved_from {original} is the window's own date: remove it")
        return None
    return original


def read_catalog(
    content_dir: Path, display_root: Path, tz: ZoneInfo
) -> tuple[Catalog, list[Finding]]:
    """Read systems.yaml, every windows/<year>.yaml and the phrasebook below ``content_dir``.

    The phrasebook is only checked here (the public pages do not use it; the web editor and the
    operators' commands read it themselves), so a mistake in it fails the check and the build.
    """
    findings: list[Finding] = []
    systems_path = content_dir / "systems.yaml"
    shown = display_path(systems_path, display_root)
    if not systems_path.is_file():
        return Catalog((), ()), [error(shown, 1, "OUT003", "content/systems.yaml is missing")]
    processes, systems, found = read_systems(shown, systems_path.read_bytes())
    findings.extend(found)
    windows: list[Window] = []
    windows_dir = content_dir / "windows"
    for path in sorted(windows_dir.glob("*.yaml")) if windows_dir.is_dir() else []:
        shown = display_path(path, display_root)
        if not re.fullmatch(r"(19|2\d)\d\d", path.stem):
            findings.append(
                error(shown, 1, "OUT004", "name a windows file after its year: 2027.yaml")
            )
            continue
        found_windows, found = read_windows(shown, path.read_bytes(), int(path.stem), tz)
        windows.extend(found_windows)
        findings.extend(found)
    findings.extend(_duplicate_windows(windows))
    findings.extend(read_phrasebook(content_dir, display_root)[1])
    return Catalog(processes, systems, tuple(windows)), findings


def _duplicate_windows(windows: list[Window]) -> list[Finding]:
    """Two windows with one identity (a move onto a date that has its own window) would merge."""
    seen: dict[str, Window] = {}
    findings = []
    for window in windows:
        first = seen.setdefault(window.uid, window)
        if first is not window:
            findings.append(
                error(
                    window.path,
                    window.line,
                    "OUT007",
                    f"this {window.kind} window has the identity of the one on "
                    f"{first.path}:{first.line} ({window.uid}); correct date or moved_from",
                )
            )
    return findings
