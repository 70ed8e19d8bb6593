"""What several commands share: the project's settings read through Pelican, findings printed."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.config import StatusSettings
from ..domain.findings import Finding, one_line

if TYPE_CHECKING:
    from ..building.holdback import HeldBack


def project_settings(project: Path, publish: bool = False) -> tuple[Path, StatusSettings]:
    """The settings file and the typed settings it holds (read without starting Pelican)."""
    from pelican.settings import read_settings

    settings_file = project / ("publishconf.py" if publish else "pelicanconf.py")
    values = read_settings(str(settings_file))
    return settings_file, StatusSettings.from_pelican(values)


def content_folder(settings_file: Path) -> Path:
    """The content folder the settings name (Pelican's ``PATH``, made absolute)."""
    from pelican.settings import read_settings

    return Path(read_settings(str(settings_file))["PATH"])


def print_findings(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding.as_text(), file=stream or sys.stderr)


def print_held_back(held_back: Sequence[HeldBack], stream: TextIO | None = None) -> None:
    """Which event files were not published as they are, and what was published instead."""
    out = stream or sys.stderr
    print(f"Published with held-back files ({len(held_back)}), fix the errors above:", file=out)
    for item in held_back:
        if item.version is None:
            print(one_line(f"  {item.path}: left out ({item.why})"), file=out)
        else:
            v = item.version
            line = f"  {item.path}: published as in commit {v.short} of {v.date} ({v.subject})"
            print(one_line(line), file=out)
