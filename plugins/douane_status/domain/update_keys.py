"""The permanent key of an update: its event and its own time, never its place in the timeline.

Every channel names an update by it (the API's ``incident_updates[].id``, feed entry ids, the
anchors on the event page, the calendar's link, notifications), so it must not change when
another update is withdrawn before it or a backdated one is inserted. The key is the update's
time in UTC (``20261129T082000Z``: unambiguous also in the autumn's repeated hour); a second or
third update at the same instant of the same event gets ``-2``, ``-3`` in file order. Editing an
update's text keeps its key; an update replaced by one at another time gets another key.
"""

from __future__ import annotations

from .model import Event, Update


def update_keys(event: Event) -> tuple[str, ...]:
    """The key of each of the event's updates, in the order of ``event.updates``; worked out
    once per event (``Event.update_keys``), as every channel asks for them."""
    return event.update_keys


def update_key(event: Event, update: Update) -> str:
    """The key of one of the event's updates."""
    return update_keys(event)[update.number - 1]


def update_id(event_id: str, key: str) -> str:
    """The update's id in the API, in notifications and in the notification ledger."""
    return f"{event_id}-update-{key}"


def update_anchor(key: str) -> str:
    """The update's ``id`` on its event's page: ``<event page>#update-<key>``."""
    return f"update-{key}"
