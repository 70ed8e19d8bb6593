"""The thin layer between Pelican and the core: one generator, registered on ``get_generators``.

Pelican hands over its settings; the generator turns them into ``StatusSettings`` once, loads and
checks the content in ``generate_context`` (raising ``ContentError`` so the build stops before
anything is written), and writes the site and the web editor (/admin/) in ``generate_output``.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from ..domain.config import ADMIN_SETTING, AdminSettings, StatusSettings
from ..domain.errors import ContentError
from ..rules.content import Content, load_content
from .site import write_site

logger = logging.getLogger(__name__)

NOW_SETTING = "DOUANE_STATUS_NOW"  # set by the build task: the build's fixed "now"


class StatusGenerator:
    """Loads the outage content and writes every status page, feed and API file."""

    def __init__(
        self,
        context: dict[str, Any],
        settings: dict[str, Any],
        path: str,
        theme: str,
        output_path: str,
        **_: Any,
    ) -> None:
        self.settings = StatusSettings.from_pelican(settings)
        self.admin = AdminSettings.from_mapping(settings.get(ADMIN_SETTING, {}))
        self.content_dir = Path(path)
        self.theme_dir = Path(theme)
        self.output_dir = Path(output_path)
        self.project_dir = Path(settings.get("DOUANE_STATUS_PROJECT", self.content_dir.parent))
        now = settings.get(NOW_SETTING)
        self.now: dt.datetime = now if isinstance(now, dt.datetime) else dt.datetime.now(dt.UTC)
        self.content: Content | None = None

    def generate_context(self) -> None:
        content = load_content(self.content_dir, self.settings, self.now, root=self.project_dir)
        if content.has_errors:
            raise ContentError(content.findings)
        for finding in content.findings:
            logger.warning("%s", finding.as_text())
        self.content = content

    def generate_output(self, writer: object) -> None:
        assert self.content is not None, "generate_context runs first"
        catalog = self.content.catalog

        def write_web_editor() -> None:
            from ..editor.admin import write_editor  # only this step needs the editor's modules

            write_editor(
                self.output_dir,
                self.project_dir,
                self.theme_dir,
                self.content_dir,
                catalog,
                self.settings,
                self.admin,
            )

        write_site(
            self.content,
            self.settings,
            self.now,
            self.theme_dir,
            self.output_dir,
            beside=[write_web_editor],
            compiled_templates=self.project_dir / ".cache",
        )


def get_generators(_pelican: object) -> type[StatusGenerator]:
    return StatusGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
