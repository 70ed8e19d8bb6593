"""The rule catalogue (protocol-rules.md): which rules run, one small function per rule.

Every rule takes an ``Event`` and a ``RuleContext`` and yields findings. Rules that only need one
file's fields while it is read (OUT001-OUT005, P01) live in ``source`` and ``reader``; the rules
here judge a whole, well-formed event or the set of events.

The protocol rules (P02-P14) judge the file as written: every update in it counts, also one dated
after "now". The clauses about "now" (P04 still open, P06, P08 overdue, P09 still the latest) apply
when the file has nothing later. All instants are UTC; dates and office hours are judged in the
settings' time zone, and a time shown in a message is local with its zone abbreviation.

The rules live by subject: ``format_rules`` (OUT002 for ``follows``, OUT006-OUT007),
``planned_rules`` (P02-P06), ``disruption_rules`` (P07-P11, P13, P14) and ``recovery_rules``
(P12); ``context`` holds what each is given.
"""

from __future__ import annotations

from .context import EventRule, RuleContext
from .disruption_rules import (
    check_fallback_decision,
    check_fallback_ended_and_buffered,
    check_first_message_in_time,
    check_investigation_followed_up,
    check_next_update_stated,
    check_no_fault_only_after_investigation,
    check_promises_kept,
)
from .format_rules import (
    IdUse,
    check_chronology,
    check_fallback_ended_after_allowed,
    check_follows_only_on_unplanned_maintenance,
    check_status_allowed_for_type,
    check_unique_ids,
)
from .planned_rules import (
    check_end_reported,
    check_notice_period,
    check_overrun_announced,
    check_overrun_update_cadence,
    check_planned_window,
)
from .recovery_rules import check_recovery_follows_disruption

__all__ = [
    "FORMAT_RULES",
    "PROTOCOL_RULES",
    "EventRule",
    "IdUse",
    "RuleContext",
    "check_unique_ids",
]

FORMAT_RULES: tuple[EventRule, ...] = (
    check_status_allowed_for_type,
    check_chronology,
    check_fallback_ended_after_allowed,
    check_follows_only_on_unplanned_maintenance,
)
PROTOCOL_RULES: tuple[EventRule, ...] = (
    check_notice_period,
    check_planned_window,
    check_overrun_announced,
    check_overrun_update_cadence,
    check_end_reported,
    check_next_update_stated,
    check_promises_kept,
    check_investigation_followed_up,
    check_fallback_decision,
    check_fallback_ended_and_buffered,
    check_recovery_follows_disruption,
    check_no_fault_only_after_investigation,
    check_first_message_in_time,
)
