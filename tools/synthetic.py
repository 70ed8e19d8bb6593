"""A realistic synthetic outage history, for the benchmark and for load tests.

Deterministic for a seed: every type and status, 3-8 updates per event with Dutch and English
texts of realistic length, 1-3 systems each, spread over the year before "now". Every file is
valid (the build must succeed), so timing rules may warn but nothing errors.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

SYSTEMS = ("dms", "deco", "ncts", "ics2", "aes", "emcs", "dmf", "cdms", "htg")
_NL = (
    "De beschikbaarheid van {system} is in onderzoek. Wij melden ons uiterlijk om {next} "
    "opnieuw met meer informatie.",
    "Er is sprake van een verstoring bij {system}. Ingediende berichten worden gebufferd en "
    "na herstel alsnog verwerkt. U hoeft ze niet opnieuw in te dienen.",
    "De oorzaak is gevonden in de berichtenverwerking. De leverancier werkt aan herstel; "
    "de volgende update volgt om {next}.",
    "Het onderhoud aan {system} verloopt volgens plan. Aangiften kunnen in deze periode niet "
    "worden ingediend.",
)
_EN = (
    "The availability of {system} is under investigation. We will report again with more "
    "information no later than {next}.",
    "There is a disruption of {system}. Submitted messages are buffered and processed after "
    "recovery. Do not resubmit them.",
    "The cause has been found in message processing. The supplier is working on a fix; the "
    "next update follows at {next}.",
    "The maintenance of {system} is going to plan. Declarations cannot be submitted during "
    "this period.",
)


def _stamp(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M%z")


def _text(rng: random.Random, system: str, next_at: str) -> tuple[str, str]:
    i = rng.randrange(len(_NL))
    return _NL[i].format(system=system.upper(), next=next_at), _EN[i].format(
        system=system.upper(), next=next_at
    )


def _update(at: str, status: str, nl: str, en: str, **extra: str) -> str:
    lines = [f"  - at: {at}", f"    status: {status}"]
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    lines += [f"    nl: {nl}", f"    en: {en}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class _Closed:
    """A disruption as a later recovery (unplanned maintenance) may follow it."""

    id: str
    ended: dt.datetime  # its final update
    found_fault: bool  # False: it ended as no fault, and nothing follows it


def _disruption(
    rng: random.Random, start: dt.datetime, systems: list[str], tz: ZoneInfo
) -> tuple[str, list[str], dt.datetime, bool]:
    """The header and updates of a disruption from ``start``, when its final update came and
    whether a fault was found."""
    count = rng.randint(3, 8)
    no_fault = rng.random() < 0.1  # investigated, then no fault found (P13)
    at = start + dt.timedelta(minutes=5)
    updates = []
    ended = at
    for number in range(count):
        final = number == count - 1
        ended = at
        # an investigation is followed up within 30 minutes (P09); later gaps may be longer
        investigating = number == 0 or no_fault
        gap = rng.choice((20, 25, 30)) if investigating else rng.choice((20, 30, 45))
        next_at = at + dt.timedelta(minutes=gap)
        nl, en = _text(rng, systems[0], f"{next_at.astimezone(tz):%H:%M}")
        if final and no_fault:
            updates.append(_update(_stamp(at, tz), "no-fault", nl, en))
        elif final:
            status = rng.choice(("resolved", "workaround"))
            updates.append(_update(_stamp(at, tz), status, nl, en, fallback="ended"))
        elif investigating:
            updates.append(
                _update(_stamp(at, tz), "investigating", nl, en, next_update=_stamp(next_at, tz))
            )
        else:
            updates.append(
                _update(
                    _stamp(at, tz),
                    "disruption",
                    nl,
                    en,
                    fallback="allowed",
                    next_update=_stamp(next_at, tz),
                )
            )
        at = next_at - dt.timedelta(minutes=rng.randint(0, 5))
    header = [
        "type: disruption",
        "buffered_messages:",
        "  nl: Berichten die tijdens de verstoring zijn ingediend, worden alsnog verwerkt.",
        "  en: Messages submitted during the disruption are processed after all.",
        "cause:",
        "  nl: Een fout in de berichtenverwerking bij de leverancier.",
        "  en: A fault in the supplier's message processing.",
    ]
    return "\n".join(header), updates, ended, not no_fault


def _planned(
    rng: random.Random,
    start: dt.datetime,
    systems: list[str],
    tz: ZoneInfo,
    kind: str,
    follows: str | None,
) -> tuple[str, list[str]]:
    hours = rng.choice((2, 4, 6, 8))
    end = start + dt.timedelta(hours=hours)
    announced = start - dt.timedelta(days=21)
    updates = []
    nl, en = _text(rng, systems[0], f"{end.astimezone(tz):%H:%M}")
    updates.append(_update(_stamp(announced, tz), "scheduled", nl, en))
    extra = rng.randint(1, 6)
    moments = [start + dt.timedelta(minutes=(hours * 60 - 40) * i // extra) for i in range(extra)]
    for i, moment in enumerate(moments):
        status = "in-progress"
        nl, en = _text(rng, systems[0], f"{end.astimezone(tz):%H:%M}")
        updates.append(_update(_stamp(moment + dt.timedelta(minutes=i), tz), status, nl, en))
    final = rng.choice(("completed", "completed", "completed", "cancelled"))
    nl, en = _text(rng, systems[0], f"{end.astimezone(tz):%H:%M}")
    if final == "completed" and rng.random() < 0.2:
        # an overrun announced 40 minutes ahead (P04), completed within the promise (P05, P08)
        notice = end - dt.timedelta(minutes=40)
        updates.append(
            _update(
                _stamp(notice, tz),
                "overrun",
                nl,
                en,
                expected_end=_stamp(end + dt.timedelta(hours=1), tz),
                next_update=_stamp(end + dt.timedelta(minutes=55), tz),
            )
        )
        updates.append(_update(_stamp(end + dt.timedelta(minutes=50), tz), final, nl, en))
    else:
        updates.append(_update(_stamp(end - dt.timedelta(minutes=10), tz), final, nl, en))
    header = [
        f"type: {kind}",
        f"announced: {_stamp(announced, tz)}",
        f"end: {_stamp(end, tz)}",
        f"fallback_possible: {rng.choice(('true', 'false'))}",
    ]
    if kind == "unplanned-maintenance":
        header[1] = f"announced: {_stamp(start - dt.timedelta(days=2), tz)}"
        header.append(f"follows: {follows}")
        updates[0] = updates[0].replace(
            _stamp(announced, tz), _stamp(start - dt.timedelta(days=2), tz)
        )
    return "\n".join(header), updates


def write_windows(content_dir: Path, years: range) -> list[Path]:
    """Agreed windows for ``years``: every Sunday for maintenance, every Saturday for releases.

    A busy history plans work on many weekends; these windows keep it inside the agreement, so
    the benchmark builds a history that warns as little as a well-run year would.
    """
    written = []
    folder = content_dir / "windows"
    folder.mkdir(parents=True, exist_ok=True)
    for year in years:
        lines = [f"# Synthetic windows for {year}: every weekend, 08:00-16:00."]
        for kind, weekday in (("maintenance", 6), ("release", 5)):
            lines.append(f"{kind}:")
            day = dt.date(year, 1, 1)
            day += dt.timedelta(days=(weekday - day.weekday()) % 7)
            while day.year == year:
                lines += [f"  - date: {day}", '    start: "08:00"', '    end: "16:00"']
                day += dt.timedelta(days=7)
        path = folder / f"{year}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def write_history(
    content_dir: Path, count: int, now: dt.datetime, *, seed: int = 2026, days: int = 360
) -> list[Path]:
    """Write ``count`` event files below ``content_dir/outages`` ending before ``now``; none
    of them warns (with ``write_windows``' windows)."""
    tz = ZoneInfo("Europe/Amsterdam")
    rng = random.Random(seed)
    written = []
    disruptions: list[_Closed] = []  # so far, oldest first
    for number in reversed(range(count)):  # oldest first, so a recovery can follow a disruption
        offset = dt.timedelta(days=days * (number + 1) / (count + 1), minutes=rng.randrange(600))
        base = (now - offset).astimezone(tz).replace(second=0, microsecond=0)
        kind = rng.choice(
            ("disruption", "disruption", "maintenance", "release", "unplanned-maintenance")
        )
        systems = rng.sample(SYSTEMS, rng.randint(1, 3))
        if kind == "disruption":
            start = base.replace(hour=rng.randint(7, 20), minute=rng.randrange(60))
            header, updates, ended, found_fault = _disruption(rng, start, systems, tz)
        else:
            weekday = 6 if kind == "maintenance" else 5
            day = base.date() - dt.timedelta(days=(base.weekday() - weekday) % 7)
            start = dt.datetime.combine(day, dt.time(8, 0), tz)
            # a recovery follows the latest fault that was over before it starts (P12); with
            # none, the Saturday's work is a release, as a well-run year would have it
            follows = next(
                (d.id for d in reversed(disruptions) if d.found_fault and d.ended < start), None
            )
            if kind == "unplanned-maintenance" and follows is None:
                kind = "release"
            header, updates = _planned(rng, start, systems, tz, kind, follows)
        event_id = f"{start:%Y-%m-%d}-synthetic-{number:05d}"
        if kind == "disruption":
            disruptions.append(_Closed(event_id, ended, found_fault))
        title_nl = f"{', '.join(s.upper() for s in systems)} is beperkt beschikbaar"
        title_en = f"{', '.join(s.upper() for s in systems)} availability is limited"
        text = "\n".join(
            [
                "---",
                header,
                "title:",
                f"  nl: {title_nl}",
                f"  en: {title_en}",
                f"systems: [{', '.join(systems)}]",
                f"start: {_stamp(start, tz)}",
                "updates:",
                *updates,
                "---",
                "::: nl",
                "Aangiften konden in deze periode niet of vertraagd worden verwerkt. Raadpleeg de "
                "noodprocedure voor uw proces.\n\n- Invoer\n- Uitvoer",
                ":::",
                "",
                "::: en",
                "Declarations could not be processed, or only with a delay, during this period. "
                "See the fallback procedure for your process.\n\n- Import\n- Export",
                ":::",
                "",
            ]
        )
        folder = content_dir / "outages" / f"{start.year}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{event_id}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
