/*
 * The protocol's warnings on an overrun of planned work (P04 and P05, docs/protocol-rules.md), as
 * plugins/douane_status/rules/planned_rules.py judges them, at the moment of saving: `now` is the
 * browser's clock, read as Dutch time. The save goes on, and the operator has seen them while
 * they can still act: announce the overrun, promise the next update in time.
 */
import { field, joined, say, span, when, words } from "./check-messages.js";
import { overrunUpdateDue, workCalendar } from "./work-calendar.js";

function isFinal(update, R) { return R.final_statuses.indexOf(update.status) >= 0; }

function finalUpdate(updates, R) {
  var last = updates[updates.length - 1];
  return last && isFinal(last, R) ? last : null;
}

/* The update that ends planned work: 'completed', or 'cancelled' after the start. */
function workEnd(updates, times, R) {
  var final = finalUpdate(updates, R);
  if (final === null) return null;
  if (final.status === R.completed || (final.status === R.cancelled && final.at > times.start)) return final;
  return null;
}

/* The event's type in words, as the checker's messages say it ("unplanned maintenance"). */
function kindOf(type, R) { return say(R, "kind_" + type, {}); }

/* P04 (an overrun announced no later than 30 minutes before the planned end): a late notice is
   judged when it is published; planned work that ran past its planned end with no notice at all
   when its final update says so, or at `now` (ms) while it is still open. */
export function checkOverrunAnnounced(type, times, lines, updates, now, problems) {
  var R = problems.R;
  if (R.planned_types.indexOf(type) < 0 || times.end === null) return;
  var notice = R.overrun_notice_minutes * 60000;
  var overruns = updates.filter(function (u) { return u.status === R.overrun; });
  if (overruns.length) {
    if (overruns.some(function (u) { return times.end - u.at >= notice; })) return;
    var first = overruns[0];
    var before = times.end - first.at;
    problems.warn("P04", joined(first.label, words(" status")), first.line, "overrun_late", {
      label: first.label,
      at: when(first.at, R),
      relation: say(R, before >= 0 ? "span_before" : "span_after", { span: span(before, R) }),
      end: when(times.end, R),
      notice: span(notice, R),
      due: when(times.end - notice, R),
    });
    return;
  }
  var final = finalUpdate(updates, R);
  var ranPast, line, where;
  if (final !== null) {
    var ended = workEnd(updates, times, R);
    if (ended === null || ended.at <= times.end) return;
    ranPast = say(R, ended.status === R.completed ? "ran_past_completes" : "ran_past_cancels",
      { label: final.label, kind: kindOf(type, R), at: when(final.at, R) });
    line = final.line;
    where = joined(final.label, words(" status"));
  } else {
    if (!(now > times.end)) return;
    ranPast = say(R, "ran_past_open", { kind: kindOf(type, R), now: when(now, R) });
    line = lines.end;
    where = field("end");
  }
  problems.warn("P04", where, line, "overrun_missing", {
    ran_past: ranPast,
    end: when(times.end, R),
    notice: span(notice, R),
    due: when(times.end - notice, R),
  });
}

/* P05 (during an overrun an update every 60 minutes in office hours, every 120 outside): an
   update that closes a gap in the overrun after its due time, and an update whose promised
   next update lies beyond the due time counted from it (from the planned end for an update
   before it), judged when it is made; one finding per gap. Working days come from the build
   (work-calendar.js); where they are not known, the check alone judges. */
export function checkOverrunCadence(type, times, updates, problems) {
  var R = problems.R;
  if (R.planned_types.indexOf(type) < 0 || times.end === null) return;
  if (finalUpdate(updates, R) !== null && workEnd(updates, times, R) === null) return;
  var calendar = workCalendar(R);
  var previous = null;
  var promiseReported = false;
  updates.forEach(function (update) {
    if (update.at > times.end && !promiseReported) lateUpdate(times, previous, update, calendar, problems);
    promiseReported = false;
    if (promiseJudged(times, update, R)) promiseReported = promiseBeyondDue(times, update, calendar, problems);
    previous = update;
  });
}

function promiseJudged(times, update, R) {
  if (update.nextUpdate === null || isFinal(update, R)) return false;
  return update.at >= times.end || update.status === R.overrun;
}

/* Whether the gap starts inside or outside office hours, and, when their begin decides the due
   time, the words that say so. */
function dueWords(gapStart, due, calendar, R) {
  var office = calendar.officeHoursFrom(gapStart);
  if (office === gapStart) return [say(R, "inside_office_hours", {}), words("")];
  if (due === gapStart + R.overrun_update_outside_minutes * 60000) return [say(R, "outside_office_hours", {}), words("")];
  var reason = say(R, "office_hours_decide",
    { span: span(R.overrun_update_office_minutes * 60000, R), office: when(office, R) });
  return [say(R, "outside_office_hours", {}), reason];
}

function cadence(R) {
  return say(R, "overrun_cadence", { office: R.overrun_update_office_minutes, outside: R.overrun_update_outside_minutes });
}

function lateUpdate(times, previous, update, calendar, problems) {
  var R = problems.R;
  var fromUpdate = previous !== null && previous.at > times.end;
  var gapStart = fromUpdate ? previous.at : times.end;
  var due = overrunUpdateDue(gapStart, calendar, R);
  if (due === null || update.at <= due) return;
  var office = dueWords(gapStart, due, calendar, R);
  problems.warn("P05", joined(update.label, words(" at")), update.line, "overrun_update_late", {
    label: update.label,
    span: span(update.at - gapStart, R),
    since: fromUpdate ? say(R, "since_update", { number: previous.number }) : say(R, "since_planned_end", {}),
    start: when(gapStart, R),
    office: office[0],
    due: when(due, R),
    reason: office[1],
    cadence: cadence(R),
  });
}

/* Returns whether the update's promise was reported. */
function promiseBeyondDue(times, update, calendar, problems) {
  var R = problems.R;
  var inOverrun = update.at > times.end;
  var gapStart = inOverrun ? update.at : times.end;
  var due = overrunUpdateDue(gapStart, calendar, R);
  if (due === null || update.nextUpdate <= due) return false;
  var office = dueWords(gapStart, due, calendar, R);
  problems.warn("P05", joined(update.label, words(" next_update")), update.line, "overrun_promise_late", {
    label: update.label,
    next: when(update.nextUpdate, R),
    span: span(update.nextUpdate - due, R),
    since: say(R, inOverrun ? "since_own_time" : "since_planned_end", {}),
    start: when(gapStart, R),
    office: office[0],
    due: when(due, R),
    reason: office[1],
    cadence: cadence(R),
  });
  return true;
}
