"""Write the site: render every page with the theme's Jinja templates into the output folder."""

from __future__ import annotations

import datetime as dt
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
) -> list[Path]:
    """Render all pages; returns the files written, in order."""
    env = template_environment(theme_dir)
    pages = build_pages(content, settings, now)
    written = []
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
    for page in pages:
        written.append(_write_page(env, page, per_language[page.lang], output_dir))
    written.extend(write_report_files(content, settings, now, output_dir))
    written.extend(write_subscriptions(content, settings, now, output_dir))
    written.extend(write_compliance_file(content, settings, now, output_dir))
    return written


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
