/*
 * The protocol's warnings on communication that one file shows at the moment of saving
 * (docs/protocol-rules.md): the checker reports them, the save goes on, and the operator has seen
 * them. The overrun's (P04, P05) are in check-overrun.js.
 */
import { joined, say, words } from "./check-messages.js";

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
