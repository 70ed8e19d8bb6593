"""Load and check all content: the catalog, every outage file, and every rule.

The one entry point the build, the check command and the tests share, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..domain.config import StatusSettings
from ..domain.errors import ConfigError
from ..domain.findings import Finding, error, has_errors, sorted_findings
from ..domain.model import Catalog, Event
from ..domain.notifications import MailList
from ..domain.workdays import WorkCalendar
from ..reading.catalog import read_catalog
from ..reading.notifications import FILE as NOTIFICATIONS_FILE
from ..reading.notifications import read_notifications
from ..reading.reader import read_event
from ..reading.source import display_path, read_source
from .registry import FORMAT_RULES, PROTOCOL_RULES, IdUse, RuleContext, check_unique_ids

T = TypeVar("T")
# Runs every job once and returns their results in any order: ``parallel.run_jobs`` in a build.
RunAll = Callable[[Sequence[Callable[[], T]]], list[T]]


FileReading = tuple[Path, Event | None, list[Finding]]  # a file, its event, the findings


def one_after_another(jobs: Sequence[Callable[[], T]]) -> list[T]:
    return [job() for job in jobs]


OUTAGES_DIR = "outages"
_YEAR = re.compile(r"(19|2\d)\d\d")
_YEAR_PREFIX = re.compile(r"(\d{4})-")


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    events: tuple[Event, ...]  # every readable event, sorted by start then id
    findings: tuple[Finding, ...]
    mail_lists: tuple[MailList, ...] = ()  # content/notifications.yaml's, for the subscribe page

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


@dataclass(frozen=True)
class ReadContent:
    """Content as ``load_content`` read it, and what it read it from (all of it, as the files
    are): a later step that would read the same folder, from the same project, with the same
    settings and "now", takes it instead of reading every file again."""

    content: Content
    content_dir: Path
    root: Path
    settings: StatusSettings
    now: dt.datetime

    def read_from(
        self, content_dir: Path, root: Path, settings: StatusSettings, now: dt.datetime
    ) -> bool:
        return (self.content_dir, self.root, self.settings, self.now) == (
            content_dir,
            root,
            settings,
            now,
        )


def outage_files(paths: Iterable[Path]) -> list[Path]:
    """Every regular ``*.md`` file named directly or found below a named folder, sorted.

    Links are never followed: a link (to a file or a folder) is refused by ``refused_entries``.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_symlink():
            continue
        if path.is_dir():
            found.update(_markdown_files_below(path))
        elif path.is_file():
            found.add(path)
    return sorted(found, key=lambda p: p.parts)  # Path's own order, without its slow __lt__


def _markdown_files_below(folder: Path) -> Iterator[Path]:
    # scandir knows which entries are folders and files without a stat each (as rglob needs)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _markdown_files_below(Path(entry.path))
            elif entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):
                yield Path(entry.path)


def refused_entries(outages: Path) -> list[tuple[Path, str]]:
    """What lies below ``content/outages/`` but is no outage file there, with what to do.

    The folder holds year folders, and they hold regular ``*.md`` files; anything else (a link,
    which is never followed, a stray file or folder) would be left out of the site unseen.
    """
    if outages.is_symlink():
        return [(outages, "content/outages/ is a link: make it a folder in the repository")]
    if not outages.is_dir():
        return []
    refused = []
    with os.scandir(outages) as years:
        for year in years:
            path = Path(year.path)
            if year.is_symlink():
                refused.append((path, "this is a link, which is never followed: remove it"))
            elif year.is_file() and year.name.endswith(".md"):
                continue  # an outage file in the wrong place: read, and told where it belongs
            elif not year.is_dir() or not _YEAR.fullmatch(year.name):
                refused.append((path, "content/outages/ holds only year folders, e.g. 2027/"))
            else:
                refused.extend(_refused_in_year(path))
    return sorted(refused, key=lambda r: r[0].parts)


def _refused_in_year(folder: Path) -> Iterator[tuple[Path, str]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                problem = "this is a link, which is never followed: put the file itself here"
            elif entry.is_dir():
                problem = "a year folder holds outage files only: move them up, remove the folder"
            elif not entry.is_file():
                problem = "this is not a regular file: remove it"
            elif not entry.name.endswith(".md"):
                problem = "an outage file is named <id>.md: rename it, or remove it"
            else:
                continue  # an outage file: no path made for it (a year holds hundreds)
            yield Path(entry.path), problem


def _year_folder_problem(path: Path) -> str | None:
    """OUT009: an outage file lies in the folder of its year, ``content/outages/<year>/``."""
    folder = path.parent.name
    if not _YEAR.fullmatch(folder) or path.parent.parent.name != OUTAGES_DIR:
        return "an outage file lies in content/outages/<year>/: move it there"
    prefix = _YEAR_PREFIX.match(path.stem)
    if prefix and prefix.group(1) != folder:
        return (
            f"the id starts with the year {prefix.group(1)} but the file is in {folder}/: "
            f"move it to content/outages/{prefix.group(1)}/"
        )
    return None


def load_content(
    content_dir: Path,
    settings: StatusSettings,
    now: dt.datetime,
    *,
    root: Path | None = None,
    only: Sequence[Path] | None = None,
    versions: Mapping[str, bytes | None] | None = None,
    run_all: RunAll[FileReading] = one_after_another,
) -> Content:
    """Read and check everything below ``content_dir``.

    ``root`` is the folder paths in findings are relative to (the project); ``only`` limits the
    reported files (the check command's ``--path``). Ids are still checked against every file
    name, and ``follows`` links against the files they name, so checking one file reads little
    more than that file. ``versions`` gives other text for event files, by their path below
    ``content_dir`` (``outages/2026/<id>.md``); None leaves the file out: the held-back build.
    ``run_all`` reads the outage files, each on its own (the build spreads them over its cores);
    everything that compares files is checked here afterwards.
    """
    root = root or content_dir.parent
    versions = versions or {}
    catalog, findings = read_catalog(content_dir, root, settings.tz)
    mail_lists = _mail_lists(content_dir, root, catalog)
    if isinstance(mail_lists, Finding):
        findings.append(mail_lists)
        mail_lists = ()

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

    # with ``only``, the findings of the files asked about; else every file's (whose paths the
    # workers that read them make, not this process before they start)
    reported = None if only is None else {show(path) for path in wanted}

    def is_reported(file: str) -> bool:
        return reported is None or file in reported

    parsed: dict[Path, Event | None] = {}

    def parse(path: Path) -> FileReading:
        text = versions.get(key(path)) if versions else None
        source = read_source(show(path), path.read_bytes() if text is None else text)
        return (path, *read_event(source, path.stem, settings.tz, catalog.system_ids))

    def keep(path: Path, event: Event | None, file_findings: list[Finding]) -> None:
        parsed[path] = event
        if path in wanted:
            findings.extend(file_findings)

    def read(path: Path) -> None:
        if path not in parsed:
            keep(*parse(path))

    for reading in run_all([partial(parse, path) for path in sorted(wanted)]):
        keep(*reading)
    for path in sorted(wanted):
        problem = _year_folder_problem(path)
        if problem is not None:
            findings.append(error(show(path), 1, "OUT009", problem))
    findings.extend(_refused_findings(content_dir / OUTAGES_DIR, root, only))
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
    ids = [
        IdUse(
            path.stem,
            show(path),
            _published_since(parsed[path], now),
            _year_folder_problem(path) is None,
        )
        for path in shared
    ]
    findings.extend(f for f in check_unique_ids(ids) if is_reported(f.file))

    context = RuleContext(settings, now, catalog, {e.id: e for e in events}, WorkCalendar(settings))
    findings.extend(_rule_findings([e for e in events if is_reported(e.path)], context, findings))
    broken = {f.file for f in findings if f.is_error}
    usable = [e for e in events if e.path not in broken]
    usable.sort(key=lambda e: (e.start, e.id))
    return Content(catalog, tuple(usable), tuple(sorted_findings(findings)), mail_lists)


def _mail_lists(content_dir: Path, root: Path, catalog: Catalog) -> tuple[MailList, ...] | Finding:
    """The e-mail lists the subscribe pages offer; a wrong notifications file is an error of
    the reference data, as a wrong systems file is."""
    try:
        return read_notifications(content_dir, [p.id for p in catalog.processes]).lists
    except ConfigError as exc:
        shown = display_path(content_dir / NOTIFICATIONS_FILE, root)
        return error(shown, 1, "OUT004", str(exc))


def _published_since(event: Event | None, now: dt.datetime) -> dt.datetime | None:
    """When the public first saw the event (its first update), or None while it has not."""
    if event is None or not event.updates or event.updates[0].at > now:
        return None
    return event.updates[0].at


def _refused_findings(outages: Path, root: Path, only: Sequence[Path] | None) -> list[Finding]:
    """OUT009 for every entry that is no outage file, within the checked paths."""
    scope = [p.absolute() for p in only] if only is not None else [outages.absolute()]
    return [
        error(f"{display_path(path.parent, root)}/{path.name}", 1, "OUT009", message)
        for path, message in refused_entries(outages)
        if any(path.absolute().is_relative_to(p) for p in scope)
    ]


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
