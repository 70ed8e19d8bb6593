"""Timestamps with an offset are the instant Python's own fixed-offset zone gives, in UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from douane_status.domain.timestamps import TimestampError, parse_timestamp

TZ = ZoneInfo("Europe/Amsterdam")


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2999, 12, 31, 23, 59)),
    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59),
    st.booleans(),
)
def test_an_offset_gives_the_same_instant_as_a_fixed_zone(
    wall: dt.datetime, minutes: int, colon: bool
) -> None:
    wall = wall.replace(second=0, microsecond=0)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    text = f"{wall:%Y-%m-%d %H:%M}{sign}{hours:02d}{':' if colon else ''}{rest:02d}"
    zone = dt.timezone(dt.timedelta(minutes=minutes))
    instant = parse_timestamp(text, TZ)
    assert instant == wall.replace(tzinfo=zone).astimezone(dt.UTC)
    assert instant.tzinfo is dt.UTC


@pytest.mark.parametrize("text", ["2026-12-06 08:00Z", "2026-12-06 08:00z", "2026-12-06T08:00+00"])
def test_utc_itself(text: str) -> None:
    assert parse_timestamp(text, TZ) == dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("offset", ["+24:00", "-24", "+01:60", "+2400"])
def test_an_offset_out_of_range_is_refused(offset: str) -> None:
    with pytest.raises(TimestampError) as raised:
        parse_timestamp(f"2026-12-06 08:00{offset}", TZ)
    assert raised.value.code == "OUT004"
    assert raised.value.message == f"'{offset}' is not a valid UTC offset"
