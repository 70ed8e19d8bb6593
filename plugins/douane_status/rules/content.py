"""Load and check all content: the catalog, every outage file, and every rule.

The one entry point the build, the check command and the tests share, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.findings import Finding, has_errors, sorted_findings
from ..domain.model import Catalog, Event
from ..domain.workdays import WorkCalendar
from ..reading.catalog import read_catalog
from ..reading.reader import read_event
from ..reading.source import display_path, read_source
from .registry import FORMAT_RULES, PROTOCOL_RULES, IdUse, RuleContext, check_unique_ids

OUTAGES_DIR = "outages"


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    events: tuple[Event, ...]  # every readable event, sorted by start then id
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def outage_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.md`` file named directly or found below a named folder, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(_markdown_files_below(path))
        elif path.is_file():
            found.add(path)
    return sorted(found, key=lambda p: p.parts)  # Path's own order, without its slow __lt__


def _markdown_files_below(folder: Path) -> Iterator[Path]:
    # scandir knows which entries are folders and files without a stat each (as rglob needs);
    # folders that are links are not followed
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _markdown_files_below(Path(entry.path))
            elif entry.name.endswith(".md") and entry.is_file():
                yield Path(entry.path)


def load_content(
    content_dir: Path,
    settings: StatusSettings,
    now: dt.datetime,
    *,
    root: Path | None = None,
    only: Sequence[Path] | None = None,
    versions: Mapping[str, bytes | None] | None = None,
) -> Content:
    """Read and check everything below ``content_dir``.

    ``root`` is the folder paths in findings are relative to (the project); ``only`` limits the
    reported files (the check command's ``--path``). Ids are still checked against every file
    name, and ``follows`` links against the files they name, so checking one file reads little
    more than that file. ``versions`` gives other text for event files, by their path below
    ``content_dir`` (``outages/2026/<id>.md``); None leaves the file out: the held-back build.
    """
    root = root or content_dir.parent
    versions = versions or {}
    catalog, findings = read_catalog(content_dir, root, settings.tz)

    def key(path: Path) -> str:
        return path.relative_to(content_dir).as_posix()

    all_files = outage_files([content_dir / OUTAGES_DIR])
    if versions:
        all_files = [path for path in all_files if versions.get(key(path), b"") is not None]
    wanted = set(outage_files(only)) if only is not None else set(all_files)
    files = sorted(set(all_files) | wanted, key=lambda p: p.parts)
    shown: dict[Path, str] = {}

    def show(path: Path) -> str:  # only for the files a finding can name: few, with --path
        if path not in shown:
            shown[path] = display_path(path, root)
        return shown[path]

    reported = {show(path) for path in wanted}
    parsed: dict[Path, Event | None] = {}

    def read(path: Path) -> None:
        if path in parsed:
            return
        text = versions.get(key(path)) if versions else None
        source = read_source(show(path), path.read_bytes() if text is None else text)
        event, file_findings = read_event(source, path.stem, settings.tz, catalog.system_ids)
        parsed[path] = event
        if path in wanted:
            findings.extend(file_findings)

    for path in sorted(wanted):
        read(path)
    if only is not None:
        by_stem = {path.stem: path for path in reversed(files)}
        targets = {e.follows for e in parsed.values() if e is not None and e.follows}
        # A missing target is answered with the nearest disruption ids: that needs them all.
        for path in files if targets - set(by_stem) else (by_stem[t] for t in sorted(targets)):
            read(path)
    stems = Counter(path.stem for path in files)
    shared = [path for path in files if stems[path.stem] > 1]
    for path in shared:  # which of them is published decides who keeps the id
        read(path)
    events = [e for path in files if (e := parsed.get(path)) is not None]
    ids = [IdUse(path.stem, show(path), _published_since(parsed[path], now)) for path in shared]
    findings.extend(f for f in check_unique_ids(ids) if f.file in reported)

    context = RuleContext(settings, now, catalog, {e.id: e for e in events}, WorkCalendar(settings))
    findings.extend(_rule_findings([e for e in events if e.path in reported], context, findings))
    broken = {f.file for f in findings if f.is_error}
    usable = [e for e in events if e.path not in broken]
    usable.sort(key=lambda e: (e.start, e.id))
    return Content(catalog, tuple(usable), tuple(sorted_findings(findings)))


def _published_since(event: Event | None, now: dt.datetime) -> dt.datetime | None:
    """When the public first saw the event (its first update), or None while it has not."""
    if event is None or not event.updates or event.updates[0].at > now:
        return None
    return event.updates[0].at


def _rule_findings(
    events: Sequence[Event], context: RuleContext, so_far: Sequence[Finding]
) -> list[Finding]:
    """The format rules on every event, then the protocol rules on each without an error.

    A file with any error (while read, or from a format rule) reports its errors alone: its
    timeline cannot be trusted.
    """
    found = [f for event in events for rule in FORMAT_RULES for f in rule(event, context)]
    with_errors = {f.file for f in (*so_far, *found) if f.is_error}
    for event in events:
        if event.path not in with_errors:
            for rule in PROTOCOL_RULES:
                found.extend(rule(event, context))
    return found
