/*
 * Dutch working days and office hours, as plugins/douane_status/domain/workdays.py counts them,
 * for P05's due time in an overrun. No holiday is worked out here: the build exports the weekdays
 * that are not working days (the Algemene termijnenwet's holidays and the closure days, from the
 * `holidays` package) for a span of years around its now, with the office hours (editor.json
 * "rules"). A moment outside that span gets no answer (null), and P05 is left to the check.
 */
import * as time from "./amsterdam-time.js";

var DAY = 86400000;

function two(n) { return (n < 10 ? "0" : "") + n; }

/* A calendar date as 'YYYY-MM-DD'; `days` counts on from it. */
function dayText(y, mo, d, days) {
  var at = new Date(Date.UTC(y, mo - 1, d) + (days || 0) * DAY);
  return at.getUTCFullYear() + "-" + two(at.getUTCMonth() + 1) + "-" + two(at.getUTCDate());
}

function minutesOf(hoursText) {
  var parts = hoursText.split(":");
  return +parts[0] * 60 + +parts[1];
}

export function workCalendar(R) {
  var closed = new Set(R.non_working_weekdays);
  var first = R.calendar_span[0];
  var last = R.calendar_span[1];
  var opens = minutesOf(R.office_hours[0]);
  var closes = minutesOf(R.office_hours[1]);

  function known(day) { return day >= first && day <= last; }

  /* Monday to Friday, not a holiday nor a closure day (the day must be known). */
  function isWorkingDay(day) {
    var weekday = new Date(day + "T00:00:00Z").getUTCDay();
    return weekday >= 1 && weekday <= 5 && !closed.has(day);
  }

  /* The first instant at or after `ms` inside office hours ([opens, closes) on a working day),
     or null when the days it passes are beyond the span the build exported. */
  function officeHoursFrom(ms) {
    var wall = time.wallAt(ms, R.time_zone);
    var day = dayText(wall.y, wall.mo, wall.d);
    if (!known(day)) return null;
    var minute = wall.h * 60 + wall.mi + (wall.s || 0) / 60;
    if (opens <= minute && minute < closes && isWorkingDay(day)) return ms;
    if (minute >= opens || !isWorkingDay(day)) {
      do {
        day = dayText(+day.slice(0, 4), +day.slice(5, 7), +day.slice(8, 10), 1);
        if (!known(day)) return null;
      } while (!isWorkingDay(day));
    }
    return time.instant(day + " " + R.office_hours[0], R.time_zone);
  }

  return { isWorkingDay: isWorkingDay, officeHoursFrom: officeHoursFrom };
}

/* P05: when the next update is due in an overrun, for a gap that starts at `gapStart` (ms): the
   earlier of 120 minutes later and 60 minutes after office hours begin (or `gapStart` itself,
   inside them), as planned_rules.overrun_update_due; null when the calendar cannot tell. */
export function overrunUpdateDue(gapStart, calendar, R) {
  var office = calendar.officeHoursFrom(gapStart);
  if (office === null) return null;
  return Math.min(gapStart + R.overrun_update_outside_minutes * 60000, office + R.overrun_update_office_minutes * 60000);
}
