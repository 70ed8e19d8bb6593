"""Dutch working days and office hours, as the protocol counts them.

A working day is Monday to Friday that is neither a Dutch public holiday (``holidays``, NL,
categories public and optional: Good Friday and 5 May count every year) nor a closure day from the
settings. Office hours are half-open: 08:00 is inside, 17:00 is outside.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from .config import StatusSettings


@lru_cache(maxsize=8)
def _dutch_holidays(years: tuple[int, ...]) -> frozenset[dt.date]:
    days = holidays.country_holidays("NL", years=years, categories=("public", "optional"))
    return frozenset(days)


class WorkCalendar:
    """Answers working-day and office-hour questions for one settings object."""

    def __init__(self, settings: StatusSettings) -> None:
        self.settings = settings
        self.tz = settings.tz
        self.closure_days = frozenset(settings.closure_days)

    def is_holiday(self, day: dt.date) -> bool:
        return day in _dutch_holidays((day.year,))

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day) and day not in self.closure_days

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days strictly between two dates (0 when ``last`` is not after ``first``)."""
        count = 0
        day = first + dt.timedelta(days=1)
        while day < last:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count

    def in_office_hours(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(self.tz)
        return (
            self.is_working_day(local.date())
            and self.settings.office_hours_start <= local.time() < self.settings.office_hours_end
        )

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.tz).date()
