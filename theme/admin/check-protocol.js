/*
 * The protocol's warnings that one file shows at the moment of saving (docs/protocol-rules.md):
 * the checker reports them, the save goes on, and the operator has seen them.
 */
import { joined, say, span, when, words } from "./check-messages.js";

/* P04 (an overrun announced no later than 30 minutes before the planned end): a late notice is
   judged when it is published, as the checker judges it. (That planned work ran past its end
   without any notice is the check's to say: it needs the clock.) */
export function checkOverrunAnnounced(type, times, updates, problems) {
  var R = problems.R;
  if (R.planned_types.indexOf(type) < 0 || times.end === null) return;
  var notice = R.overrun_notice_minutes * 60000;
  var overruns = updates.filter(function (u) { return u.status === R.overrun; });
  if (!overruns.length || overruns.some(function (u) { return times.end - u.at >= notice; })) return;
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
}

/* P07 (the next communication moment stated), P11 (the fallback procedure ended, and the
   buffered messages explained, when a disruption ends) and P13 ('no-fault' only after an
   investigation): warnings, judged from the file alone as the checker judges them. */
export function checkCommunication(type, items, updates, problems) {
  var R = problems.R;
  var isFinal = function (update) { return R.final_statuses.indexOf(update.status) >= 0; };
  updates.forEach(function (update) {
    if (update.nextUpdate === null && ((type === R.disruption && !isFinal(update)) || update.status === R.overrun)) {
      problems.warn("P07", joined(update.label, words(" next_update")), update.line, "next_update_missing",
        { label: update.label, status: update.status });
    }
  });
  var final = updates.length && isFinal(updates[updates.length - 1]) ? updates[updates.length - 1] : null;
  if (type !== R.disruption || final === null) return;
  var allowed = updates.map(function (u) { return u.fallback === R.fallback_allowed; }).lastIndexOf(true);
  if (allowed >= 0) {
    var missing = [];
    if (!updates.slice(allowed + 1).some(function (u) { return u.fallback === R.fallback_ended; })) {
      missing.push(say(R, "fallback_ended_missing", { label: final.label, last: updates[allowed].label }));
    }
    if (!("buffered_messages" in items)) missing.push(say(R, "buffered_missing", {}));
    if (missing.length) {
      var and = say(R, "and", {});
      var list = {
        nl: missing.map(function (m) { return m.nl; }).join(and.nl),
        en: missing.map(function (m) { return m.en; }).join(and.en),
      };
      problems.warn("P11", joined(final.label, words(" fallback")), final.line, "fallback_not_closed",
        { label: final.label, status: final.status, missing: list });
    }
  }
  if (final.status === R.no_fault) {
    var confirmed = updates.slice(0, -1).find(function (u) { return u.status !== R.investigating; });
    if (confirmed) {
      problems.warn("P13", joined(final.label, words(" status")), final.line, "no_fault_after_confirmed",
        { label: final.label, confirmed: confirmed.label, status: confirmed.status });
    }
  }
}
