"""The web editor's data (``editor.json``'s "format": field order, rules, messages, phrasebook) for
the demo content, on stdout: the JavaScript unit tests (tests/js/) read the editor's real data
rather than a copy of it. ``python -m tools.editor_data``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from douane_status.commands.settings import content_folder, project_settings  # noqa: E402
from douane_status.editor.admin import format_data  # noqa: E402
from douane_status.reading.catalog import read_catalog  # noqa: E402
from douane_status.reading.phrases import load_phrasebook  # noqa: E402


def editor_format(project: Path, now: dt.datetime) -> dict[str, object]:
    settings_file, settings = project_settings(project)
    content = content_folder(settings_file)
    catalog, _ = read_catalog(content, project, settings.tz)
    return format_data(catalog, load_phrasebook(content, project), settings, now)


if __name__ == "__main__":
    json.dump(editor_format(PROJECT, dt.datetime.now(dt.UTC)), sys.stdout, ensure_ascii=False)
