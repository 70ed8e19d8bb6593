"""The held-back build: publish everything valid and, for an event file with errors, the last
version of it that had none, from git history.

An error in the reference data (systems, windows, phrases, settings) still stops the build:
there is no safe older half of a catalogue. An event file with errors is replaced by its
version in the newest commit in which it checks clean, judged with today's content and "now";
a file with no such version (new since) is left out. Either way the findings of the content as
it is are reported, and the command says which files were held back.

A system that ``systems.yaml`` had in a committed version and no longer has, while event files
still name it, is a change of the reference data, not a mistake in those files: held back, they
would all be withdrawn from the site. That stops the build, naming the system and the events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.errors import ContentError
from ..domain.findings import Finding, error
from ..reading import yamlsource as y
from ..reading.catalog import read_systems
from ..reading.source import display_path, read_source
from ..rules.content import OUTAGES_DIR, Content, load_content, outage_files
from .history import NoHistory, Version, versions
from .parallel import run_jobs


@dataclass(frozen=True)
class HeldBack:
    """One event file whose text as it is was not published."""

    path: str  # as findings name it
    version: Version | None  # what was published instead; None: the file was left out
    why: str = ""  # when left out: why no older version was found


@dataclass(frozen=True)
class HoldBack:
    findings: tuple[Finding, ...]  # of the content as it is
    held_back: tuple[HeldBack, ...]
    versions: dict[str, bytes | None] = field(default_factory=dict)  # for ``load_content``


def hold_back(
    project: Path, content_dir: Path, settings: StatusSettings, now: dt.datetime, content: Content
) -> HoldBack:
    """What to publish in place of each event file with errors, given the ``content`` as it is
    (``load_content`` of ``content_dir`` at ``now``); ContentError when any other file has an
    error."""
    events = {display_path(p, project): p for p in outage_files([content_dir / OUTAGES_DIR])}
    broken = {f.file for f in content.findings if f.is_error}
    if broken - set(events):
        raise ContentError(content.findings)
    removed = removed_systems(project, content_dir, content.catalog.system_ids, broken, events)
    if removed:
        raise ContentError([*removed, *content.findings])
    chosen: dict[str, bytes | None] = {}
    held: dict[str, HeldBack] = {}
    for shown in sorted(broken):
        path = events[shown]
        key = path.relative_to(content_dir).as_posix()
        try:
            version = _last_clean(project, content_dir, settings, now, path, chosen)
        except NoHistory as exc:
            version, why = None, f"no git history to take a version from ({exc})"
        else:
            why = "" if version else "no committed version of it checks clean"
        chosen[key] = version.text if version else None
        held[shown] = HeldBack(shown, version, why)
    # An older version, or a file left out, can make another file fail (a `follows` link to a
    # file left out): leave out whatever has errors then, until nothing has.
    while chosen:
        result = load_content(
            content_dir, settings, now, root=project, versions=chosen, run_all=run_jobs
        )
        clashing = {f.file for f in result.findings if f.is_error}
        if not clashing:
            break
        if clashing - set(events):
            raise ContentError(result.findings)
        for shown in clashing:
            chosen[events[shown].relative_to(content_dir).as_posix()] = None
            held[shown] = HeldBack(shown, None, "it fails beside the held-back files")
    return HoldBack(content.findings, tuple(held[name] for name in sorted(held)), chosen)


def _last_clean(
    project: Path,
    content_dir: Path,
    settings: StatusSettings,
    now: dt.datetime,
    path: Path,
    chosen: dict[str, bytes | None],
) -> Version | None:
    key = path.relative_to(content_dir).as_posix()
    for version in versions(path):
        trial = {**chosen, key: version.text}
        checked = load_content(
            content_dir, settings, now, root=project, only=[path], versions=trial
        )
        if not checked.has_errors:
            return version
    return None


def removed_systems(
    project: Path,
    content_dir: Path,
    known: frozenset[str],
    broken: set[str],
    events: dict[str, Path],
) -> list[Finding]:
    """OUT004 on ``systems.yaml`` for each system a committed version of it had, that it has no
    more, and that event files with errors still name."""
    naming: dict[str, list[str]] = {}
    for shown in sorted(broken):
        for system_id in sorted(named_systems(events[shown]) - known):
            naming.setdefault(system_id, []).append(shown)
    if not naming:
        return []
    systems_path = content_dir / "systems.yaml"
    removed: dict[str, Version] = {}
    try:
        for version in versions(systems_path):
            _, systems, _ = read_systems("systems.yaml", version.text)
            for system in systems:
                if system.id in naming:
                    removed.setdefault(system.id, version)
            if len(removed) == len(naming):
                break
    except NoHistory:
        return []
    shown_path = display_path(systems_path, project)
    return [
        error(
            shown_path,
            1,
            "OUT004",
            f"system '{system_id}' is no longer in this file (it was in commit {version.short} of "
            f"{version.date}) while {len(naming[system_id])} event file(s) still name it: "
            f"{', '.join(naming[system_id])}; put the system back, or change those files in "
            "the same commit (publishing without them would withdraw their messages)",
        )
        for system_id, version in sorted(removed.items())
    ]


def named_systems(path: Path) -> set[str]:
    """The system ids an event file names, as the reader reads them (a list or 'a, b')."""
    try:
        front = read_source(path.name, path.read_bytes()).front
    except OSError:
        return set()
    node = front.items.get("systems") if front is not None else None
    entries = node.items if isinstance(node, y.Sequence) else [node] if node else []
    return {
        part.strip()
        for entry in entries
        if isinstance(entry, y.Scalar)
        for part in entry.text.split(",")
        if part.strip()
    }
