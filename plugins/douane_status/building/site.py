"""Write the site: render every page with the theme's Jinja templates into the output folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..domain.config import StatusSettings
from ..domain.model import Lang
from ..domain.outfiles import write_file
from ..machine.subscriptions import write_subscriptions
from ..pages.compact import compact_html
from ..pages.view_models import EventView, Link
from ..pages.views import Page, SitePages
from ..presentation import i18n
from ..presentation.channels import feed_links
from ..presentation.urls import other_language, output_file, page_path
from ..reports.compliance_file import write_compliance_file
from ..reports.report_files import write_report_files
from ..rules.content import Content
from .durable import synced
from .parallel import run_jobs, worker_count
from .target import MARKER_TEXT, SITE_MARKER

DOUANE_URL = "https://www.douane.nl/"
NAVIGATION = ("status", "systems", "maintenance", "subscribe", "archive", "report")
PAGE_KINDS = (*NAVIGATION, "event", "system", "accessibility", "fallback", "compliance")


def _state_badge(lang: Lang) -> Callable[[str, str, bool], Markup]:
    """A state in words, marked for the CSS shape; the hidden prefix names it for screen readers."""
    prefix = escape(i18n.word("status_icon_label", lang))

    @lru_cache(maxsize=256)
    def state(key: str, label: str, named: bool = True) -> Markup:
        # ``named=False`` where the row or heading before it already says whose state it is
        hidden = f'<span class="visually-hidden">{prefix} </span>' if named else ""
        return Markup(f'<span class="state state--{escape(key)}">{hidden}{escape(label)}</span>')

    return state


def _helpdesk_link(settings: StatusSettings, lang: Lang) -> Markup:
    """The helpdesk's number as a link a phone dials, never broken over two lines."""
    number = escape(settings.helpdesk_phone_in(lang))
    return Markup(f'<a class="phone" href="{escape(settings.helpdesk_tel)}">{number}</a>')


def _douane_link(lang: Lang) -> Link:
    """Dutch Customs' own site, a Dutch one: named as such on pages in other languages."""
    note = "" if lang == "nl" else i18n.word("in_language_nl", lang)
    return Link(DOUANE_URL, i18n.word("douane_site", lang), "nl", note)


def _url_maker(site_url: str, lang: Lang) -> Callable[..., str]:
    def url_for(kind: str, item_id: str = "", *, in_lang: Lang | None = None) -> str:
        return site_url + page_path(kind, in_lang or lang, item_id)

    return url_for


def write_site(
    content: Content,
    settings: StatusSettings,
    now: dt.datetime,
    env: jinja2.Environment,
    output_dir: Path,
    *,
    beside: Sequence[Callable[[], list[Path]]] = (),
    meanwhile: Callable[[], object] | None = None,
) -> list[Path]:
    """Render every page with the theme's templates (``env``) and write every file of the site
    into ``output_dir``; returns the paths written, in no set order.

    The workers first write the calendars, feeds, API and badges, the largest jobs, then the
    ``beside`` writers (the web editor), and start the disk on what they wrote; meanwhile this
    process takes the jobs of one queue (``parallel``): the report files, then every page. The
    workers then join in on the queue, so no process waits long for another. Each job returns
    the files it wrote. ``meanwhile`` is work for this process before it takes from the queue
    (compiling the templates), done while the workers start.
    """
    # What the pages share is made on first use, in the process that renders them: the workers
    # fork at once and start on their own jobs, which need none of it.
    pages = SitePages(content, settings, now)
    makers = pages.page_makers()

    @cache
    def layout(lang: Lang) -> dict[str, Any]:
        return _layout(env, lang, settings, now)

    def write_page(make: Callable[[], Page]) -> list[Path]:
        page = make()
        return [_write_page(env, page, layout(page.lang), output_dir)]

    # The few larger jobs first and the many small pages last: each process takes the queue's
    # jobs a few at a time, and a large job in the last few would leave the others waiting.
    jobs: list[Callable[[], list[Path]]] = [
        # the pages' shared data, made where the job runs (SitePages derives it on first use)
        lambda: write_report_files(content.catalog, pages.by_month, settings, now, output_dir),
        lambda: write_compliance_file(pages.compliance, settings, output_dir),
        partial(_write_marker, output_dir),
    ]
    jobs += [partial(write_page, make) for make in makers]
    # The workers' own jobs need nothing the pages share: the feeds, calendars and API, then
    # the ``beside`` writers.
    first: list[Callable[[], list[Path]]] = [
        partial(write_machine_files, content, settings, now, output_dir, kinds)
        for kinds in MACHINE_JOBS
    ]
    first += beside
    # alone, this process would only wait for the disk twice
    waiting = [partial(_written_back, output_dir)] if worker_count() else []
    written = run_jobs(jobs, first=first, waiting=waiting, meanwhile=meanwhile)
    return [path for paths in written for path in paths]


def _layout(
    env: jinja2.Environment, lang: Lang, settings: StatusSettings, now: dt.datetime
) -> dict[str, Any]:
    """What every page of one language shows around its content, and the macros of its
    templates; the navigation (for each kind of page) and the footer are rendered here, once,
    not again for every page."""
    layout: dict[str, Any] = {
        "site_url": settings.site_url,
        "helpdesk_phone": settings.helpdesk_phone_in(lang),
        "helpdesk_link": _helpdesk_link(settings, lang),
        "helpdesk_email": settings.helpdesk_email,
        "douane_link": _douane_link(lang),
        "lang": lang,
        "other_lang": other_language(lang),
        "language_names": i18n.LANGUAGE_NAMES,
        "state": _state_badge(lang),
        "url_for": _url_maker(settings.site_url, lang),
        "built": {
            "iso": now.astimezone(settings.tz).isoformat(timespec="minutes"),
            "text": i18n.format_moment(now, lang, settings.tz),
            "short": i18n.format_day_and_clock(now, lang, settings.tz),
        },
        "feeds": feed_links(lang, settings.site_url),
        "navigation": NAVIGATION,
    }
    chrome: Any = env.get_template("chrome.html").make_module(layout)  # its macros, by name
    # The templates' macros, as ``m``: made once per language from the layout, which holds all
    # they read besides their arguments (an ``{% import ... with context %}`` in base.html ran
    # macros.html again for every page).
    layout["m"] = env.get_template("macros.html").make_module(layout)
    layout["event_row"] = _once_per_event(layout["m"].event_row)
    layout["chrome"] = {
        "nav": {kind: chrome.nav(kind) for kind in PAGE_KINDS},
        "helpline": chrome.helpline(),
        "footer": chrome.footer(),
        "site_name": chrome.site_name(),
        "description": chrome.description(),
        "head_links": {kind: chrome.head_links(kind) for kind in PAGE_KINDS},
        "header_start": chrome.header_start(),
    }
    return layout


def _once_per_event(macro: Callable[[EventView], Markup]) -> Callable[[EventView], Markup]:
    """``macro`` of an event's view, rendered once per event: an event's row
    is the same on the archive, the status page and each of its systems' pages."""
    rendered: dict[str, Markup] = {}

    def once(event: EventView) -> Markup:
        html = rendered.get(event.url)  # an event's address in the page's language
        if html is None:
            html = rendered[event.url] = macro(event)
        return html

    return once


# What machines subscribe to, in three jobs, largest first (at 500 events the calendars are a
# fifth of a build's work, the feeds an eighth): the workers start with them, one each on four
# cores, so no worker is still writing them when the pages are done.
MACHINE_JOBS = (("calendars",), ("feeds",), ("api", "badges"))


def write_machine_files(
    content: Content,
    settings: StatusSettings,
    now: dt.datetime,
    output_dir: Path,
    kinds: Sequence[str],
) -> list[Path]:
    """Feeds, calendars, API or badges (``machine.subscriptions.WRITERS``)."""
    return write_subscriptions(content, settings, now, output_dir, kinds)


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
        **page.data,
    )
    return write_file(target, compact_html(html))


def _written_back(output_dir: Path) -> list[Path]:
    """The files written so far, on the disk: started in a thread of a worker once it has
    written the feeds, calendars and API (nearly half the site's bytes). Syncing is mostly
    waiting for the disk, which that worker fills by rendering pages beside it; the sync before
    the swap (``durable.synced``, which stays) then has only the pages written after it to
    wait for."""
    synced(output_dir)
    return []


def _write_marker(output_dir: Path) -> list[Path]:
    """The file by which a later build knows this folder as a site it may replace."""
    return [write_file(output_dir / SITE_MARKER, MARKER_TEXT)]
