"""The held-back build: publish everything valid and, for an event file with errors, the last
version of it that had none, from git history.

An error in the reference data (systems, windows, phrases, settings) still stops the build:
there is no safe older half of a catalogue. An event file with errors is replaced by its
version in the newest commit in which it checks clean, judged with today's content and "now";
a file with no such version (new since) is left out. Either way the findings of the content as
it is are reported, and the command says which files were held back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.errors import ContentError
from ..domain.findings import Finding
from ..reading.source import display_path
from ..rules.content import OUTAGES_DIR, load_content, outage_files
from .history import NoHistory, Version, versions


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
    project: Path, content_dir: Path, settings: StatusSettings, now: dt.datetime
) -> HoldBack:
    """What to publish in place of each event file with errors; ContentError when any other
    file has an error."""
    content = load_content(content_dir, settings, now, root=project)
    events = {display_path(p, project): p for p in outage_files([content_dir / OUTAGES_DIR])}
    broken = {f.file for f in content.findings if f.is_error}
    if broken - set(events):
        raise ContentError(content.findings)
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
        result = load_content(content_dir, settings, now, root=project, versions=chosen)
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
