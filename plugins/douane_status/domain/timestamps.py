"""Timestamps as operators write them: ``YYYY-MM-DD HH:MM`` in Europe/Amsterdam, or with an offset.

Times without an offset that fall in the spring-forward gap or the autumn fall-back hour cannot be
placed on the time line; they are refused (OUT005) instead of guessed.

On the command line every time option (``--now``, ``--start``, ``--end``, ``--expected-end``) is
read by ``parse_time_option``: a full timestamp as in a file, or a time of day alone, which the
option places on a date (today, the last one before now, or the first one after a moment).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal
from zoneinfo import ZoneInfo

from .check_messages import say
from .errors import UsageError

_TIMESTAMP = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})
        [T\x20]+
        (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?
        \s*(?P<offset>Z|z|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE,
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK_ONLY = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?$")
# Which date a time of day alone falls on: the reference's own date, the latest such moment at or
# before the reference (when something began), or the earliest at or after it (an end, planned
# work).
ClockDay = Literal["today", "at-or-before", "at-or-after"]
# The years a timestamp may have: every instant stays clear of datetime's year limits
FIRST_YEAR, LAST_YEAR = 1900, 2999


def years_later(moment: dt.datetime, years: int, tz: ZoneInfo) -> dt.datetime:
    """The instant (UTC) at the same local date and time ``years`` later (earlier if negative).

    29 February becomes 28 February in a year without it. A local time that does not exist that
    day (spring-forward gap) or occurs twice (autumn fall-back) is read as the later instant, so a
    period never comes out shorter than its calendar length.
    """
    local = moment.astimezone(tz)
    year = local.year + years
    day = local.day if local.month != 2 or calendar.isleap(year) else min(local.day, 28)
    wall = local.replace(tzinfo=None, fold=0).replace(year=year, day=day)
    return max(wall.replace(tzinfo=tz, fold=fold).astimezone(dt.UTC) for fold in (0, 1))


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
        raise TimestampError("OUT004", say("date_only", text=text))
    match = _TIMESTAMP.match(text)
    if not match:
        raise TimestampError("OUT004", say("not_timestamp", text=text))
    date_text, hour, minute, second, offset = match.group(
        "date", "hour", "minute", "second", "offset"
    )
    try:
        date = dt.date.fromisoformat(date_text)
        clock = dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise TimestampError("OUT004", say("not_real_time", text=text)) from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise TimestampError("OUT004", say("bad_year", text=text, year=date.year))
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
            hour = dt.timedelta(hours=1)
            before, after = (f"{naive + d:%Y-%m-%d %H:%M}" for d in (-hour, hour))
            raise TimestampError(
                "OUT005", say("time_in_gap", text=shown, zone=tz.key, before=before, after=after)
            )
        first = _format_offset(early.utcoffset())
        second = _format_offset(late.utcoffset())
        wall = f"{naive:%Y-%m-%d %H:%M}"
        raise TimestampError(
            "OUT005",
            say("time_twice", text=shown, zone=tz.key, first=wall + first, second=wall + second),
        )
    return early


def _utc_offset(offset: str) -> dt.timedelta:
    if offset in ("Z", "z"):
        return dt.timedelta(0)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise TimestampError("OUT004", say("bad_offset", offset=offset))
    return dt.timedelta(minutes=sign * (hours * 60 + minutes))


def _format_offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def is_clock_only(text: str) -> bool:
    """``HH:MM`` (or ``HH:MM:SS``) without a date."""
    return _CLOCK_ONLY.match(text.strip()) is not None


def parse_time_option(
    option: str, text: str, tz: ZoneInfo, reference: dt.datetime, day: ClockDay = "today"
) -> dt.datetime:
    """The instant of a time option's value, or ``UsageError`` naming the option and the forms.

    Every time option takes the same forms: ``YYYY-MM-DD HH:MM`` (or with ``T``, seconds, an
    offset such as ``+01:00`` or ``Z``) and ``HH:MM`` alone, placed on a date by ``day`` relative
    to ``reference``. So ``--start 23:50`` at 00:10 is the evening before, never a moment after.
    """
    clock = _CLOCK_ONLY.match(text.strip())
    if clock is None and not _TIMESTAMP.match(text.strip()) and not _DATE_ONLY.match(text.strip()):
        raise UsageError(
            f"{option} '{text}' is not a time: write 'HH:MM' or 'YYYY-MM-DD HH:MM' "
            f"({tz.key}), for example '08:00' or '2026-12-06 08:00'"
        )
    try:
        if clock is None:
            return parse_timestamp(text, tz)
        return _on_date(clock, tz, reference, day)
    except TimestampError as exc:
        raise UsageError(f"{option} {exc.message}") from None


def _on_date(
    clock: re.Match[str], tz: ZoneInfo, reference: dt.datetime, day: ClockDay
) -> dt.datetime:
    try:
        time = dt.time(int(clock["hour"]), int(clock["minute"]), int(clock["second"] or 0))
    except ValueError:
        raise TimestampError(
            "OUT004",
            f"'{clock[0]}' is not a time of day: write 'HH:MM' (00:00-23:59) or 'YYYY-MM-DD HH:MM'",
        ) from None
    date = reference.astimezone(tz).date()

    def instant(on: dt.date) -> dt.datetime:
        naive = dt.datetime.combine(on, time)
        return localize(naive, tz, naive.strftime("%Y-%m-%d ") + clock[0]).astimezone(dt.UTC)

    moment = instant(date)
    if day == "at-or-before" and moment > reference:
        moment = instant(date - dt.timedelta(days=1))
    elif day == "at-or-after" and moment < reference:
        moment = instant(date + dt.timedelta(days=1))
    return moment
