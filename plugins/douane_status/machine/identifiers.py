"""The permanent ids of what subscribers keep: feeds, feed entries and calendar events.

Feed readers recognise an entry they have seen by its id, and calendars an event by its UID.
These are tag URIs (RFC 4151) under the ``tag_base`` setting, not addresses: they stay the same
when the site moves to another address, and a local build mints the same ids as the published
one. Each language has its own ids, because each language's entry or event is another document:
a subscriber to both calendars sees two events, not one that keeps changing its words.
"""

from __future__ import annotations

from ..domain.config import StatusSettings
from ..domain.model import Lang


def feed_id(settings: StatusSettings, lang: Lang, scope: str) -> str:
    """A feed's id; ``scope`` is ``all``, ``processes/<id>`` or ``systems/<id>``."""
    return f"{settings.tag_base}/{lang}/feeds/{scope}"


def entry_id(settings: StatusSettings, lang: Lang, event_id: str, key: str) -> str:
    """The id of an event's update by its key (``domain.update_keys``): one entry, in every
    feed it is in."""
    return f"{settings.tag_base}/{lang}/events/{event_id}/updates/{key}"


def event_uid(settings: StatusSettings, lang: Lang, event_id: str) -> str:
    """The calendar UID of a planned event."""
    return f"{settings.tag_base}/{lang}/calendar/events/{event_id}"


def window_uid(settings: StatusSettings, lang: Lang, window_id: str) -> str:
    """The calendar UID of an agreed window; ``window_id`` is ``Window.uid``, which a moved
    window keeps."""
    return f"{settings.tag_base}/{lang}/calendar/windows/{window_id}"
