"""The words of the checks one file gets before it is saved (OUT002-OUT006, P01, and the warnings
P04, P05, P07, P11, P13): one catalogue for the checker (``invoke check``) and the web editor,
which judges the same file in the browser.

English is the msgid, as everywhere (README, "Translations"); the Dutch is in the gettext catalogue.
The editor's data (``editor.json`` "messages") carries both, and the browser's checker
(theme/admin/outage-check.js and its modules) fills in the same placeholders, so that both say the
same words; tests/test_admin_check.py compares them finding by finding. A placeholder that is itself
words (a label such as "update 2 (line 14)", a kind such as "list") comes from this catalogue too.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a msgid for ``pybabel extract``; the text is the English."""
    return text


MESSAGES: dict[str, str] = {
    # labels and words that go into the messages below
    "label_update": N_("update %(number)s (line %(line)s)"),
    "label_in": N_(" in %(label)s"),
    "label_systems_entry": N_("systems entry"),
    "kind_list": N_("list"),
    "kind_mapping": N_("mapping"),
    "kind_value": N_("value"),
    "lang_nl": N_("Dutch"),
    "lang_en": N_("English"),
    "for_type": N_(" for a %(type)s"),
    "did_you_mean": N_(" (did you mean '%(name)s'?)"),
    # OUT002
    "unknown_field": N_("unknown field '%(name)s'%(where)s%(hint)s; known fields: %(known)s"),
    "follows_not_here": N_(
        "'follows' is not a field of a %(type)s: only unplanned maintenance (a permanent fix) "
        "follows a disruption; remove it, or change the type"
    ),
    # OUT003
    "empty": N_("%(label)s is empty: give it a value"),
    "missing_field": N_("field '%(name)s' is missing%(what)s: add '%(name)s:'"),
    "systems_empty": N_("systems is empty: name at least one system id"),
    "updates_empty": N_("updates is empty: add at least one update"),
    "update_lacks": N_("%(label)s has no '%(name)s': add '%(name)s:'"),
    "overrun_without_end": N_(
        "%(label)s is an overrun without 'expected_end': add the new expected end time"
    ),
    # OUT004
    "not_single": N_("%(label)s must be a single value, not a %(kind)s"),
    "not_known": N_("%(label)s '%(value)s' is not known%(hint)s; use one of: %(allowed)s"),
    "not_boolean": N_("%(label)s must be true or false, not '%(value)s'"),
    "bad_file_name": N_(
        "the file name '%(id)s' cannot be an event id: use lowercase letters, digits and "
        "hyphens, e.g. '2026-11-28-dms-verstoring.md'"
    ),
    "title_lines": N_("title %(lang)s has more than one line: make it one line"),
    "title_length": N_(
        "title %(lang)s has %(count)s characters: shorten it to at most %(most)s (the details "
        "go in the body)"
    ),
    "unknown_system": N_(
        "unknown system '%(id)s'%(hint)s; known systems (content/systems.yaml): %(known)s"
    ),
    "system_twice": N_("system '%(id)s' is listed twice"),
    "updates_not_list": N_("updates must be a list: start each update with '- at: …'"),
    "update_not_fields": N_("%(label)s must be fields ('at:', 'status:', 'nl:', 'en:')"),
    "texts_not_list": N_("%(label)s must have 'nl:' and 'en:' texts, not a list"),
    "text_not_text": N_("%(label)s '%(lang)s' must be text, not a %(kind)s"),
    "outside_block": N_(
        "text outside a language block: put it between '::: nl' (or '::: en') and ':::'"
    ),
    "block_not_closed": N_("the '::: %(lang)s' block is not closed: add ':::'"),
    "block_language": N_("unknown language block '::: %(lang)s': use '::: nl' and '::: en'"),
    "block_twice": N_(
        "a second '::: %(lang)s' block (the first is on line %(line)s): merge them into one"
    ),
    # OUT004 and OUT005: times ("%(label)s: " before each)
    "time": N_("%(label)s: %(problem)s"),
    "date_only": N_("'%(text)s' is a date without a time: write it as '%(text)s HH:MM'"),
    "not_timestamp": N_(
        "'%(text)s' is not a timestamp: write 'YYYY-MM-DD HH:MM' (Europe/Amsterdam), for "
        "example '2026-12-06 08:00'"
    ),
    "not_real_time": N_(
        "'%(text)s' is not a real date and time (check day, month, hour and minute)"
    ),
    "bad_year": N_("'%(text)s' has the year %(year)s: check the date"),
    "bad_offset": N_("'%(offset)s' is not a valid UTC offset"),
    "time_in_gap": N_(
        "'%(text)s' does not exist in %(zone)s: clocks skip that hour when summer time "
        "starts; write the hour before or after: '%(before)s' or '%(after)s'"
    ),
    "time_twice": N_(
        "'%(text)s' happens twice in %(zone)s when summer time ends; add the offset: "
        "'%(first)s' (first time) or '%(second)s' (second time)"
    ),
    # OUT006
    "end_before_start": N_("end is not after start: check both times (and the dates)"),
    "start_after_first_update": N_(
        "start is after update 1 (line %(line)s): a disruption begins before it is first "
        "reported; check the date and time of start"
    ),
    "next_update_early": N_(
        "%(label)s promises its next update (next_update) at or before its own time: check "
        "the date and the time"
    ),
    "update_out_of_order": N_(
        "%(label)s is earlier than update %(previous)s: updates go oldest first; fix its 'at' "
        "or move it up"
    ),
    "update_after_final": N_(
        "%(label)s comes after the final update %(previous)s ('%(status)s'): a closed event "
        "gets no more updates; remove it or change the earlier status"
    ),
    "ended_never_allowed": N_(
        "%(label)s says 'fallback: ended', but no earlier update says 'fallback: allowed': a "
        "fallback procedure that was never allowed cannot end. Remove 'fallback: ended' from "
        "this update, or, if the procedure was allowed, add 'fallback: allowed' to the update "
        "that allowed it"
    ),
    "status_not_for_type": N_(
        "%(label)s has status '%(status)s', which a %(type)s does not use; use one of: %(allowed)s"
    ),
    # P04, P07, P11, P13: warnings the editor gives too, judged from the one file
    "minute": N_("%(count)s minute"),
    "minutes": N_("%(count)s minutes"),
    "seconds": N_(" %(count)s s"),
    "span_before": N_("%(span)s before"),
    "span_after": N_("%(span)s after"),
    "overrun_late": N_(
        "%(label)s announces the overrun at %(at)s, %(relation)s the planned end %(end)s; the "
        "protocol asks for it no later than %(notice)s before the planned end (%(due)s). "
        "Announce an overrun as soon as it is foreseen (the late notice is recorded)"
    ),
    # P04 with no notice at all, and P05: judged at the moment of saving, with working days
    "overrun_missing": N_(
        "%(ran_past)s, after its planned end %(end)s, but no update with status 'overrun' was "
        "published; it is due no later than %(notice)s before the planned end (%(due)s): add an "
        "'overrun' update with 'expected_end' and 'next_update' (the late notice is recorded)"
    ),
    # the planned types, as these messages name them ("the unplanned maintenance")
    "kind_maintenance": N_("maintenance"),
    "kind_release": N_("release"),
    "kind_unplanned-maintenance": N_("unplanned maintenance"),
    "ran_past_completes": N_("%(label)s completes the %(kind)s at %(at)s"),
    "ran_past_cancels": N_("%(label)s cancels the %(kind)s at %(at)s"),
    "ran_past_open": N_("the %(kind)s is still open at now, %(now)s"),
    "since_update": N_("update %(number)s"),
    "since_planned_end": N_("the planned end"),
    "since_own_time": N_("its own time"),
    "inside_office_hours": N_("inside office hours"),
    "outside_office_hours": N_("outside office hours"),
    "office_hours_decide": N_(", %(span)s after office hours begin at %(office)s"),
    "overrun_cadence": N_(
        "During an overrun an update follows at least every %(office)s minutes in office hours "
        "and every %(outside)s minutes outside"
    ),
    "overrun_update_late": N_(
        "%(label)s comes %(span)s after %(since)s (%(start)s, %(office)s); it was due by "
        "%(due)s%(reason)s. %(cadence)s: publish updates more often (state 'next_update' to "
        "plan them)"
    ),
    "overrun_promise_late": N_(
        "%(label)s promises the next update at %(next)s (next_update), %(span)s after it is "
        "due: counted from %(since)s (%(start)s, %(office)s), it is due by %(due)s%(reason)s. "
        "%(cadence)s: promise the next update by %(due)s at the latest, and publish it then"
    ),
    "next_update_missing": N_(
        "%(label)s ('%(status)s') does not say when the next update follows: add "
        "'next_update: YYYY-MM-DD HH:MM' (the next communication moment)"
    ),
    "fallback_not_closed": N_(
        "%(label)s ends the disruption ('%(status)s') after the fallback procedure was "
        "allowed; add %(missing)s"
    ),
    "fallback_ended_missing": N_(
        "'fallback: ended' to %(label)s (or to an update after %(last)s, the last that allowed it)"
    ),
    "buffered_missing": N_(
        "'buffered_messages' (nl and en) to the event: how submitted and buffered messages, "
        "inbound and outbound, are handled"
    ),
    "and": N_(" and "),
    "no_fault_after_confirmed": N_(
        "%(label)s ends with 'no-fault', but %(confirmed)s already reported '%(status)s': a "
        "confirmed disruption cannot end as no fault; end it with another final status"
    ),
    # P01
    "one_text_only": N_(
        "%(label)s has one text only; every message is in Dutch and English: write it as two "
        "lines '  nl: …' and '  en: …' under '%(label)s:'"
    ),
    "texts_empty": N_("%(label)s is empty: add 'nl:' and 'en:' texts"),
    "no_text_in": N_("%(label)s has no %(language)s text%(invisible)s: add '%(lang)s:'"),
    "body_lacks": N_(
        "the body has no %(language)s text%(invisible)s: add a block '::: %(lang)s', the text, "
        "then ':::'"
    ),
    "invisible_only": N_(" (only invisible direction characters, which the site removes)"),
    "null_word": N_(" ('%(word)s' is YAML's empty value; put it in quotes to mean the word)"),
}


def say(key: str, **values: object) -> str:
    """The English of message ``key`` with its placeholders filled in."""
    return MESSAGES[key] % values if values else MESSAGES[key]
