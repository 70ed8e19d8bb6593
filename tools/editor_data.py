"""The web editor's data (``editor.json``'s "format": field order, rules, messages, phrasebook) for
the demo content, on stdout: the JavaScript unit tests (tests/js/) read the editor's real data
rather than a copy of it. ``python -m tools.editor_data [--now ISO]``: the working days it carries
are those around ``now`` (default: the current time), as a build's.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from douane_status.commands.settings import content_folder, project_settings  # noqa: E402
from douane_status.domain.timestamps import parse_timestamp  # noqa: E402
from douane_status.editor.admin import format_data  # noqa: E402
from douane_status.reading.catalog import read_catalog  # noqa: E402
from douane_status.reading.phrases import load_phrasebook  # noqa: E402


def editor_format(project: Path, now: dt.datetime) -> dict[str, object]:
    settings_file, settings = project_settings(project)
    content = content_folder(settings_file)
    catalog, _ = read_catalog(content, project, settings.tz)
    return format_data(catalog, load_phrasebook(content, project), settings, now)


if __name__ == "__main__":
    _, settings = project_settings(PROJECT)
    fixed = sys.argv[2] if sys.argv[1:2] == ["--now"] and len(sys.argv) > 2 else None
    now = parse_timestamp(fixed, settings.tz) if fixed else dt.datetime.now(dt.UTC)
    json.dump(editor_format(PROJECT, now), sys.stdout, ensure_ascii=False)
