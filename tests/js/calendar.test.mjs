// Working days and office hours in the browser (work-calendar.js): from the days the build
// exports (tools/editor_data.py, as domain/workdays.py counts them), never from the browser's zone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overrunUpdateDue, workCalendar } from "../../theme/admin/work-calendar.js";
import { instant, fileTime } from "../../theme/admin/amsterdam-time.js";
import { D } from "./editor-data.mjs";

const R = D.rules;
const calendar = workCalendar(R);
const at = (text) => instant(text, R.time_zone);
const shown = (ms) => (ms === null ? null : fileTime(ms, R.time_zone));

test("holidays and weekends are no working days; ordinary weekdays are", () => {
  assert.equal(calendar.isWorkingDay("2026-04-27"), false); // King's Day, a Monday
  assert.equal(calendar.isWorkingDay("2026-05-05"), false); // 5 May, every year
  assert.equal(calendar.isWorkingDay("2026-12-25"), false);
  assert.equal(calendar.isWorkingDay("2026-04-03"), true); // Good Friday is no holiday
  assert.equal(calendar.isWorkingDay("2026-04-28"), true);
  assert.equal(calendar.isWorkingDay("2026-04-25"), false); // a Saturday
});

test("office hours begin at the next working day's 08:00, 17:00 is outside", () => {
  assert.equal(shown(calendar.officeHoursFrom(at("2026-04-20 07:59"))), "2026-04-20 08:00");
  assert.equal(shown(calendar.officeHoursFrom(at("2026-04-20 08:00"))), "2026-04-20 08:00");
  assert.equal(shown(calendar.officeHoursFrom(at("2026-04-20 16:59"))), "2026-04-20 16:59");
  assert.equal(shown(calendar.officeHoursFrom(at("2026-04-24 17:00"))), "2026-04-28 08:00");
  assert.equal(shown(calendar.officeHoursFrom(at("2026-12-24 17:00"))), "2026-12-28 08:00");
});

test("P05's due time: 120 minutes, or 60 after office hours begin, whichever is first", () => {
  assert.equal(shown(overrunUpdateDue(at("2026-04-20 07:30"), calendar, R)), "2026-04-20 09:00");
  assert.equal(shown(overrunUpdateDue(at("2026-04-27 07:30"), calendar, R)), "2026-04-27 09:30");
  assert.equal(shown(overrunUpdateDue(at("2026-04-20 10:00"), calendar, R)), "2026-04-20 11:00");
  // the night summer time starts: 01:30 CET plus 120 minutes is 04:30 CEST
  assert.equal(shown(overrunUpdateDue(at("2026-03-29 01:30"), calendar, R)), "2026-03-29 04:30");
});

test("beyond the years the build exported, the calendar does not answer", () => {
  assert.deepEqual(R.calendar_span, ["2025-01-01", "2028-12-31"]);
  assert.equal(calendar.officeHoursFrom(at("2040-04-20 07:30")), null);
  assert.equal(overrunUpdateDue(at("2028-12-29 18:00"), calendar, R), null); // a Friday: the next working day is in 2029
});
