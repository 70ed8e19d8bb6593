"""What several commands share: the project's settings read through Pelican, findings printed."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..domain.config import StatusSettings
from ..domain.findings import Finding


def project_settings(project: Path, publish: bool = False) -> tuple[Path, StatusSettings]:
    """The settings file and the typed settings it holds (read without starting Pelican)."""
    from pelican.settings import read_settings

    settings_file = project / ("publishconf.py" if publish else "pelicanconf.py")
    values = read_settings(str(settings_file))
    return settings_file, StatusSettings.from_pelican(values)


def print_findings(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding.as_text(), file=stream or sys.stderr)
