"""Write the site: render every page with the theme's Jinja templates into the output folder."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import i18n
from .channels import feed_links
from .compact import compact_html
from .compliance_file import write_compliance_file
from .config import StatusSettings
from .content import Content
from .errors import BuildError
from .model import Lang
from .report_files import write_report_files
from .subscriptions import write_subscriptions
from .urls import other_language, output_file, page_path
from .views import Page, build_pages

NAVIGATION = ("status", "archive", "maintenance", "systems", "report")


def template_environment(theme_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_dir / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _translator(lang: Lang) -> Callable[..., str]:
    def translate(key: str, **values: Any) -> str:
        return i18n.word(key, lang, **values)

    return translate


def _state_badge(lang: Lang) -> Callable[[str, str], Markup]:
    """A state in words, marked for the CSS shape; the hidden prefix names it for screen readers."""
    prefix = escape(i18n.word("status_icon_label", lang))

    @lru_cache(maxsize=256)
    def state(key: str, label: str) -> Markup:
        return Markup(
            f'<span class="state state--{escape(key)}"><span class="visually-hidden">{prefix} '
            f"</span>{escape(label)}</span>"
        )

    return state


def _url_maker(site_url: str, lang: Lang) -> Callable[..., str]:
    def url_for(kind: str, item_id: str = "", *, in_lang: Lang | None = None) -> str:
        return site_url + page_path(kind, in_lang or lang, item_id)

    return url_for


def write_site(
    content: Content, settings: StatusSettings, now: dt.datetime, theme_dir: Path, output_dir: Path
) -> None:
    """Render every page and write every file of the site into ``output_dir``."""
    env = template_environment(theme_dir)
    pages = build_pages(content, settings, now)
    shared = {
        "site_url": settings.site_url,
        "helpdesk_phone": settings.helpdesk_phone,
        "helpdesk_email": settings.helpdesk_email,
    }
    per_language = {
        lang: {
            **shared,
            "lang": lang,
            "other_lang": other_language(lang),
            "t": _translator(lang),
            "state": _state_badge(lang),
            "url_for": _url_maker(settings.site_url, lang),
            "built": {
                "iso": now.astimezone(settings.tz).isoformat(timespec="minutes"),
                "text": i18n.format_moment(now, lang, settings.tz),
            },
            "zone": now.astimezone(settings.tz).tzname(),
            "feeds": feed_links(lang, settings.site_url),
        }
        for lang in ("nl", "en")
    }
    # The files for machines do not depend on the pages: on a machine with two or more cores
    # they are written by a forked worker while this process renders the pages.
    machines = _MachineFiles(content, settings, now, output_dir)
    try:
        for page in pages:
            _write_page(env, page, per_language[page.lang], output_dir)
    except BaseException:
        machines.abandon()
        raise
    machines.finish()


class _MachineFiles:
    """Feeds, calendars, API, badges and report files; in a forked worker when it helps."""

    def __init__(
        self, content: Content, settings: StatusSettings, now: dt.datetime, output_dir: Path
    ) -> None:
        self.args = (content, settings, now, output_dir)
        self.worker: multiprocessing.process.BaseProcess | None = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.worker = multiprocessing.get_context("fork").Process(
                target=self.write, name="douane-status-machine-files", daemon=True
            )
            self.worker.start()

    def write(self) -> None:
        content, settings, now, output_dir = self.args
        write_report_files(content, settings, now, output_dir)
        write_subscriptions(content, settings, now, output_dir)
        write_compliance_file(content, settings, now, output_dir)

    def finish(self) -> None:
        if self.worker is None:
            self.write()
            return
        self.worker.join()
        if self.worker.exitcode != 0:
            raise BuildError(
                f"writing the feeds, calendars and API failed (exit {self.worker.exitcode}); "
                "the message above says why"
            )

    def abandon(self) -> None:
        """Stop the worker before the caller removes the folder it writes into."""
        if self.worker is not None and self.worker.is_alive():
            self.worker.terminate()
        if self.worker is not None:
            self.worker.join()


def _write_page(
    env: jinja2.Environment, page: Page, common: dict[str, Any], output_dir: Path
) -> Path:
    target = output_dir / output_file(page.path)
    site_url = common["site_url"]
    html = env.get_template(page.template).render(
        **common,
        page=page,
        canonical_url=site_url + page.path,
        alternate_url=site_url + page.alternate_path,
        navigation=NAVIGATION,
        **page.data,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(compact_html(html), encoding="utf-8")
    return target
