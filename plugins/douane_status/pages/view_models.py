"""The shapes the templates read: a moment, a system, an event and its updates, a page.

Shared by every page's views; built by ``language_views``, never by a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..domain.model import Lang


@dataclass(frozen=True)
class Moment:
    iso: str  # for <time datetime>
    text: str  # "zondag 6 december 2026 08:00 CET"
    element: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # made once: a moment is printed on several pages
        element = f'<time datetime="{self.iso}">{escape(self.text)}</time>'
        object.__setattr__(self, "element", element)

    def __html__(self) -> str:
        """Templates print a moment as its <time> element (faster than a macro per moment)."""
        return self.element

    __str__ = __html__  # so a moment placed in a translated sentence is its <time> element too


@dataclass(frozen=True)
class Link:
    """A link as the templates print it. To a page in another language than the reader's it
    names that language (hreflang, and "(in Dutch)" in words), so no one lands on it unwarned."""

    href: str
    text: str
    hreflang: Lang | None = None  # None: a page of this site, in the reader's language
    note: str = ""  # "(in Dutch)" where the page is in another language than the reader's

    def __html__(self) -> str:
        hreflang = f' hreflang="{self.hreflang}"' if self.hreflang else ""
        note = f" {escape(self.note)}" if self.note else ""
        return f'<a href="{escape(self.href)}"{hreflang}>{escape(self.text)}{note}</a>'

    __str__ = __html__


@dataclass(frozen=True)
class Promised:
    """A time promised to the public (the next message, the end of the work, the decision on
    the fallback procedure): the moment in full, its short form for the status rows ("10:35"),
    and whether it has passed unkept at the build's "now"."""

    moment: Moment
    short: str
    late: bool


@dataclass(frozen=True)
class SystemRef:
    id: str
    short: str
    name: str
    url: str
    fallback: Link  # its own fallback procedure, or this site's page about them all
    processes: tuple[str, ...]
    has_own_procedure: bool = False

    @property
    def link(self) -> Markup:
        """The short name as a link to the system's page."""
        return Markup(f'<a href="{escape(self.url)}">{escape(self.short)}</a>')


@dataclass(frozen=True)
class UpdateView:
    number: int
    anchor: str
    at: Moment
    status_key: str
    status_label: str
    html: Markup
    next_update: Moment | None
    expected_end: Moment | None
    fallback_key: str | None
    fallback_label: str | None


@dataclass(frozen=True)
class EventView:
    id: str
    url: str
    title: str
    type_key: str
    type_label: str
    phase_key: str
    phase_label: str
    state_key: str
    state_label: str
    status_key: str
    status_label: str
    systems: tuple[SystemRef, ...]
    processes: tuple[str, ...]
    start: Moment
    end: Moment | None
    end_label: str
    duration: str | None
    fallback_key: str | None
    fallback_label: str
    fallback_possible: bool | None
    fallback_due: Promised | None  # while no decision on the fallback procedure is published
    next_update: Promised | None
    end_promised: Promised | None  # the end planned work still promises while under way
    cause: Markup | None
    process_changes: Markup | None
    buffered_messages: Markup | None
    body: Markup
    updates: tuple[UpdateView, ...]  # newest first
    systems_html: Markup  # the systems' short names, each a link to its page
    latest: UpdateView
    sort_key: tuple[Any, ...] = field(compare=False, default=())

    @property
    def late(self) -> bool:
        """Whether a time the event promises has passed unkept (the pages then say whom to call)."""
        promises = (self.fallback_due, self.next_update, self.end_promised)
        return any(p is not None and p.late for p in promises)


@dataclass(frozen=True)
class SystemRow:
    system: SystemRef
    state_key: str
    state_label: str
    events: tuple[EventView, ...]
    short: str = ""  # when not available: "EMCS: onderhoud tot 16:00"
    message: EventView | None = None  # when not available: the event that sets its state


@dataclass(frozen=True)
class Page:
    """One HTML page: its template, where it lives, and what it shows."""

    kind: str
    template: str
    lang: Lang
    path: str
    alternate_path: str
    title: str
    data: dict[str, Any]
    noindex: bool = False
