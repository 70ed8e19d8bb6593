"""The options of the operator's tasks ``new``, ``update`` and ``close``, one class each.

Kept apart from the tasks themselves so that the command line can list every option without
importing what the tasks need (the phrasebook, the checker).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.options import option


@dataclass(frozen=True)
class NewOptions:
    """Create an outage file with its first update, checked; planned work gets P02/P03 advice."""

    type_: str = option(
        "disruption, maintenance, release or unplanned-maintenance", "", required=True
    )
    systems: str = option(
        "system ids from content/systems.yaml, comma-separated: dms,ncts", "", required=True
    )
    start: str | None = option(
        "begin, 'YYYY-MM-DD HH:MM' or 'HH:MM' today (disruption default: now)"
    )
    end: str | None = option("(planned) end, same forms as --start; required for planned work")
    title_nl: str | None = option("Dutch title (default: the phrasebook's, with --title-en)")
    title_en: str | None = option("English title (default: the phrasebook's, with --title-nl)")
    fallback_possible: bool = option(
        "planned work: the fallback procedure may be used during it", False
    )
    follows: str | None = option(
        "unplanned-maintenance: the closed disruption it follows (its id, file name or path)"
    )
    now: str | None = option(
        "the moment of the first update: 'YYYY-MM-DD HH:MM' or 'HH:MM' today (default: now)"
    )


@dataclass(frozen=True)
class UpdateOptions:
    """Append one update to an event; nothing else in the file changes."""

    event: str = option("the event: its id, its file name or its path", positional=True)
    status: str | None = option("the new status, e.g. disruption, in-progress, overrun")
    fallback: str | None = option("allowed, not-needed or ended (noodprocedure)")
    next_: int | None = option(
        "minutes until the next update (default by status; 0: none)", metavar="MINUTES"
    )
    expected_end: str | None = option(
        "new expected end, 'YYYY-MM-DD HH:MM' or the next 'HH:MM' (required with overrun)"
    )
    nl: str | None = option("Dutch message (default: the phrasebook's, with --en)")
    en: str | None = option("English message (default: the phrasebook's, with --nl)")
    buffered: bool = option(
        "add the sentence that submitted messages are held and processed", False
    )
    down: bool = option(
        "the systems are not available at all: both titles get the phrasebook's wording", False
    )
    force: bool = option(
        "publish it even when it says the same as the previous update (refused otherwise)", False
    )
    now: str | None = option(
        "the moment of the update: 'YYYY-MM-DD HH:MM' or 'HH:MM' today (default: now)"
    )


@dataclass(frozen=True)
class CloseOptions:
    """Publish the final update: ends the fallback procedure and adds buffered-message text."""

    event: str = option("the event: its id, its file name or its path", positional=True)
    status: str | None = option(
        "resolved, workaround or no-fault (disruption); completed or cancelled"
    )
    nl: str | None = option("Dutch message (default: the phrasebook's, with --en)")
    en: str | None = option("English message (default: the phrasebook's, with --nl)")
    buffered_nl: str | None = option("Dutch instructions for submitted and buffered messages")
    buffered_en: str | None = option("English instructions for submitted and buffered messages")
    now: str | None = option(
        "the moment of the final update: 'YYYY-MM-DD HH:MM' or 'HH:MM' today (default: now)"
    )
