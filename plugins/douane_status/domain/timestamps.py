"""Timestamps as operators write them: ``YYYY-MM-DD HH:MM`` in Europe/Amsterdam, or with an offset.

Times without an offset that fall in the spring-forward gap or the autumn fall-back hour cannot be
placed on the time line; they are refused (OUT005) instead of guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

_TIMESTAMP = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})
        [T\x20]+
        (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?
        \s*(?P<offset>Z|z|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE,
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TimestampError(ValueError):
    """A timestamp text that cannot be used; ``code`` is OUT004 (malformed) or OUT005 (DST)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_timestamp(text: str, tz: ZoneInfo) -> dt.datetime:
    """Return the instant (an aware datetime in UTC) of an operator's timestamp text.

    Instants are kept in UTC so that comparison and subtraction are exact across a
    daylight-saving switch (Python ignores the offset between two datetimes of one zone).
    """
    text = text.strip()
    if _DATE_ONLY.match(text):
        raise TimestampError(
            "OUT004", f"'{text}' is a date without a time: write it as '{text} HH:MM'"
        )
    match = _TIMESTAMP.match(text)
    if not match:
        raise TimestampError(
            "OUT004",
            f"'{text}' is not a timestamp: write 'YYYY-MM-DD HH:MM' (Europe/Amsterdam), "
            "for example '2026-12-06 08:00'",
        )
    date_text, hour, minute, second, offset = match.group(
        "date", "hour", "minute", "second", "offset"
    )
    try:
        date = dt.date.fromisoformat(date_text)
        clock = dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise TimestampError(
            "OUT004", f"'{text}' is not a real date and time (check day, month, hour and minute)"
        ) from None
    if not 1900 <= date.year <= 2999:  # keeps every instant clear of datetime's year limits
        raise TimestampError("OUT004", f"'{text}' has the year {date.year}: check the date")
    if offset:
        # the instant is the wall-clock time less its offset from UTC
        return dt.datetime.combine(date, clock, dt.UTC) - _utc_offset(offset)
    return localize(dt.datetime.combine(date, clock), tz, text).astimezone(dt.UTC)


def localize(naive: dt.datetime, tz: ZoneInfo, text: str | None = None) -> dt.datetime:
    """Attach ``tz`` to a wall-clock time, refusing a non-existent or ambiguous one (OUT005)."""
    early = naive.replace(tzinfo=tz, fold=0)
    late = naive.replace(tzinfo=tz, fold=1)
    if early.utcoffset() != late.utcoffset():
        shown = text or naive.strftime("%Y-%m-%d %H:%M")
        round_trip = early.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
        if round_trip != naive:
            raise TimestampError(
                "OUT005",
                f"'{shown}' does not exist in {tz.key}: clocks skip that hour when summer time "
                f"starts; write it with an offset, e.g. '{naive:%Y-%m-%d %H:%M}+01:00'",
            )
        first = _format_offset(early.utcoffset())
        second = _format_offset(late.utcoffset())
        raise TimestampError(
            "OUT005",
            f"'{shown}' happens twice in {tz.key} when summer time ends; add the offset: "
            f"'{naive:%Y-%m-%d %H:%M}{first}' (first time) or "
            f"'{naive:%Y-%m-%d %H:%M}{second}' (second time)",
        )
    return early


def _utc_offset(offset: str) -> dt.timedelta:
    if offset in ("Z", "z"):
        return dt.timedelta(0)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise TimestampError("OUT004", f"'{offset}' is not a valid UTC offset")
    return dt.timedelta(minutes=sign * (hours * 60 + minutes))


def _format_offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def format_iso(moment: dt.datetime) -> str:
    """ISO 8601 with offset, seconds included: the form machines read."""
    return moment.isoformat(timespec="seconds")
