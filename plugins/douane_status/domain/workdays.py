"""Dutch working days and office hours, as the protocol counts them.

A working day is Monday to Friday that is neither a generally recognised holiday of the Algemene
termijnenwet (art. 3: New Year's Day, Easter Monday, Ascension Day, Whit Monday, both Christmas
days, King's Day and 5 May every year) nor a closure day from the settings. Good Friday is not such
a holiday: an organisation that closes on it lists it as a closure day. Office hours are half-open:
08:00 is inside, 17:00 is outside.

King's Day follows the ``holidays`` package: 27 April, or Saturday 26 April when the 27th is a
Sunday (it is then never moved to a Monday). Days are calendar dates in the settings' time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

from dateutil.easter import easter

from .config import StatusSettings

_DAY = dt.timedelta(days=1)


# The ``holidays`` package's days for the Netherlands by year, in this process: looked up on first
# use, or given by ``remember_listed`` (``kept_holidays``, which keeps them between runs).
_LISTED: dict[int, frozenset[dt.date]] = {}
LISTED_CATEGORIES = ("public", "optional")
# The years around "now" whose holidays a run looks up, and keeps (``kept_holidays``): last
# year's (the archive) to two years ahead (planned work); the web editor's checker knows the
# working days of the same span (P05), beyond it the check alone judges.
YEARS_BEFORE, YEARS_AFTER = 1, 2


def years_around(year: int) -> range:
    """The years of ``YEARS_BEFORE`` and ``YEARS_AFTER`` around ``year``, both ends included."""
    return range(year - YEARS_BEFORE, year + YEARS_AFTER + 1)


def listed_holidays(year: int) -> frozenset[dt.date]:
    """The days the ``holidays`` package lists for the Netherlands in ``year`` (public and
    optional), before the law's corrections (``_dutch_holidays``)."""
    listed = _LISTED.get(year)
    if listed is None:
        # imported here: the package loads the data of every country (a tenth of a second),
        # which a build spends while its workers read, or not at all (``kept_holidays``)
        import holidays

        days = holidays.country_holidays("NL", years=year, categories=LISTED_CATEGORIES)
        listed = _LISTED[year] = frozenset(days)
    return listed


def is_listed(year: int) -> bool:
    """Whether this process knows ``year``'s listing already."""
    return year in _LISTED


def remember_listed(listing: Mapping[int, frozenset[dt.date]]) -> None:
    """Take ``listing`` (year: days) as what ``listed_holidays`` would look up for those years."""
    _LISTED.update(listing)


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[dt.date]:
    """The Algemene termijnenwet's holidays of one year.

    ``holidays`` (NL) lists Good Friday as public, and 5 May as optional except in lustrum years;
    the law counts 5 May every year and Good Friday never.
    """
    days = set(listed_holidays(year))
    days.discard(easter(year) - 2 * _DAY)  # Good Friday
    days.add(dt.date(year, 5, 5))
    return frozenset(days)


class WorkCalendar:
    """Answers working-day and office-hour questions for one settings object."""

    def __init__(self, settings: StatusSettings) -> None:
        self.settings = settings
        self.tz = settings.tz
        self.closure_days = frozenset(settings.closure_days)

    def is_holiday(self, day: dt.date) -> bool:
        return day in _dutch_holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.closure_days and not self.is_holiday(day)

    def working_days_between(
        self, first: dt.date, last: dt.date, *, limit: int | None = None
    ) -> int:
        """Working days strictly between two dates (0 when ``last`` is not after ``first``).

        With ``limit`` the count stops once it reaches ``limit``: enough to answer "at least N?"
        for dates years apart without walking every day in between.
        """
        count = 0
        day = first + _DAY
        while day < last:
            if self.is_working_day(day):
                count += 1
                if limit is not None and count >= limit:
                    break
            day += _DAY
        return count

    def latest_notice_date(self, start: dt.date, working_days: int) -> dt.date:
        """The last date from which at least ``working_days`` working days lie before ``start``.

        Announcing on this date (or earlier) leaves enough working days strictly in between.
        """
        day = start
        found = 0
        while found < working_days:
            day -= _DAY
            found += self.is_working_day(day)
        return day - _DAY

    def in_office_hours(self, moment: dt.datetime) -> bool:
        """Whether an instant lies in office hours: a working day, [start, end) local time."""
        local = moment.astimezone(self.tz)
        return (
            self.settings.office_hours_start <= local.time() < self.settings.office_hours_end
            and self.is_working_day(local.date())
        )

    def office_hours_from(self, moment: dt.datetime) -> dt.datetime:
        """The first instant at or after ``moment`` inside office hours (UTC)."""
        if self.in_office_hours(moment):
            return moment
        local = moment.astimezone(self.tz)
        day = local.date()
        if local.time() >= self.settings.office_hours_start or not self.is_working_day(day):
            day += _DAY
            while not self.is_working_day(day):
                day += _DAY
        begin = dt.datetime.combine(day, self.settings.office_hours_start, tzinfo=self.tz)
        return begin.astimezone(dt.UTC)

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.tz).date()
