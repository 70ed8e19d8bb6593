"""The availability report and the 90-day rows of the nine-system fixture, against minutes worked
out by hand from its event files (tests/fixtures/report/content, built at 2026-11-29 10:00 CET).

The events, in Amsterdam time:
  DMS   disruption 24 Oct 22:30 -> 25 Oct 01:15 CEST           24 Oct 90, 25 Oct 75 (midnight)
  DMS   maintenance 25 Oct 00:00 CEST -> 06:00 CET, completed   7 h = 420, of which 00:00-01:15
        overlaps the disruption: 345 planned (the night the clocks go back: a 25-hour day)
  DMS   unplanned maintenance 10 Nov 20:00, completed 22:30     150
  DMS + ICS2 disruption 26 Nov 14:00 -> 14:45                   45 each
  NCTS  two reports 3 Nov 09:00-11:00 and 10:00-12:30           union 09:00-12:30 = 210, 2 events
  NCTS  open disruption since 29 Nov 08:40                      80 until now
  AES   maintenance 22 Nov 08:00, overrun, completed 13:20      320 planned
  HTG   maintenance 29 Nov 06:00-08:00, still open, no overrun  120 (until the announced end)
  EMCS  cancelled maintenance 15 Nov; ICS2 no-fault 20 Nov      nothing
  CDMS  disruption 30 Sep 22:00 -> 1 Oct 03:00                  Sep 120, Oct 180 (month boundary)
  DECO  disruption 28 Mar 23:00 CET -> 29 Mar 04:00 CEST        240 (spring switch; March 44,580)
  DMF   disruption 30 Nov 2025 10:00 -> 11:00                   60, in the report's first month
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

# system, month, planned, unplanned maintenance, disruption, availability, events
MONTHS = [
    ("dms", "2026-10", 345, 0, 165, "98.85", 2),  # (44,700 - 510) / 44,700
    ("dms", "2026-11", 0, 150, 45, "99.52", 2),  # (40,920 - 195) / 40,920, until now
    ("ncts", "2026-11", 0, 0, 290, "99.29", 3),
    ("ics2", "2026-11", 0, 0, 45, "99.89", 1),
    ("aes", "2026-11", 320, 0, 0, "99.21", 1),
    ("htg", "2026-11", 120, 0, 0, "99.70", 1),
    ("emcs", "2026-11", 0, 0, 0, "100.00", 0),
    ("cdms", "2026-09", 0, 0, 120, "99.72", 1),  # (43,200 - 120) / 43,200
    ("cdms", "2026-10", 0, 0, 180, "99.59", 1),  # (44,700 - 180) / 44,700
    ("deco", "2026-03", 0, 0, 240, "99.46", 1),  # (44,580 - 240) / 44,580
    ("dmf", "2025-11", 0, 0, 60, "97.36", 1),  # 29 Nov 10:00 - 1 Dec: 2,280 minutes measured
    ("dms", "2026-03", 0, 0, 0, "100.00", 0),
]


def page(site: Path, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / relative).read_bytes())


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def report_row(site: Path, relative: str, system: str, month: str) -> list[str]:
    row = page(site, relative).get_element_by_id(f"{system}-{month}")
    return [text_of(cell) for cell in row.cssselect("td")]


@pytest.mark.parametrize(
    ("system", "month", "planned", "unplanned", "disruption", "pct", "n"), MONTHS
)
def test_report_page_minutes_agree_with_the_events(
    report_site: Path,
    system: str,
    month: str,
    planned: int,
    unplanned: int,
    disruption: int,
    pct: str,
    n: int,
) -> None:
    english = report_row(report_site, "en/report/index.html", system, month)
    assert english == [f"{planned:,}", f"{unplanned:,}", f"{disruption:,}", f"{pct}%", str(n)]
    dutch = report_row(report_site, "rapportage/index.html", system, month)
    assert dutch[3] == pct.replace(".", ",") + " %"
    # the number and its sign never part: a no-break space between them
    cell = page(report_site, "rapportage/index.html").get_element_by_id(f"{system}-{month}")
    assert cell.cssselect("td")[3].text_content() == pct.replace(".", ",") + "\N{NO-BREAK SPACE}%"


def test_csv_and_json_hold_the_same_figures(report_site: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO((report_site / "en/report/availability.csv").read_text()))
    )
    by_key = {(r["system"], r["month"]): r for r in rows}
    data = json.loads((report_site / "en/report/availability.json").read_text())
    months = {(s["id"], m["month"]): m for s in data["systems"] for m in s["months"]}
    for system, month, planned, unplanned, disruption, pct, n in MONTHS:
        expected = {
            "planned_minutes": planned,
            "unplanned_maintenance_minutes": unplanned,
            "disruption_minutes": disruption,
            "unavailable_minutes": planned + unplanned + disruption,
            "availability_percent": pct,
            "events": n,
        }
        assert {k: str(v) for k, v in expected.items()} == {
            k: by_key[system, month][k] for k in expected
        }
        assert {k: months[system, month][k] for k in expected} == expected
    assert months["ncts", "2026-11"]["event_ids"] == [
        "2026-11-03-ncts-verstoring-a",
        "2026-11-03-ncts-verstoring-b",
        "2026-11-29-ncts-verstoring",
    ]
    dutch = (report_site / "rapportage/beschikbaarheid.csv").read_text().splitlines()[0]
    assert dutch.startswith("systeem,systeemnaam,maand,")
    same = (report_site / "rapportage/beschikbaarheid.json").read_text()
    assert json.loads(same) == data


def test_the_report_covers_exactly_the_retention_year(report_site: Path) -> None:
    data = json.loads((report_site / "en/report/availability.json").read_text())
    assert (data["period_start"], data["period_end"]) == (
        "2025-11-29T10:00+01:00",
        "2026-11-29T10:00+01:00",
    )
    for system in data["systems"]:
        months = system["months"]
        assert [m["month"] for m in months][0::12] == ["2025-11", "2026-11"]
        assert len(months) == 13
        # Both daylight-saving switches lie inside: 365 days of 1,440 minutes.
        assert sum(m["measured_minutes"] for m in months) == 365 * 1440
        assert [m["complete"] for m in months] == [False] + [True] * 11 + [False]
    october = next(m for s in data["systems"] for m in s["months"] if m["month"] == "2026-10")
    assert october["measured_minutes"] == 31 * 1440 + 60


def test_partial_months_say_what_was_measured(report_site: Path) -> None:
    doc = page(report_site, "en/report/index.html")
    first = text_of(doc.get_element_by_id("dmf-2025-11").cssselect("th")[0])
    assert first == (
        "November 2025 measured from Saturday 29 November 2025 10:00 CET to "
        "Monday 1 December 2025 00:00 CET"
    )
    complete = text_of(doc.get_element_by_id("dmf-2026-10").cssselect("th")[0])
    assert complete == "October 2026"


def history_item(site: Path, relative: str, short: str) -> lxml.html.HtmlElement:
    for item in page(site, relative).cssselect(".history > li"):
        if text_of(item.cssselect("a")[0]) == short:
            return item
    raise AssertionError(short)


def cells(item: lxml.html.HtmlElement, kind: str) -> list[tuple[int, str]]:
    """(day index, 'full' or 'half') of each drawn cell of one kind ('p' or 'u')."""
    paths = item.cssselect(f"svg.days path.{kind}")
    data = paths[0].get("d") if paths else ""
    found = []
    for x, top in re.findall(r"M(\d+)\.15 (\d)", data):
        found.append((int(x), "full" if top == "0" else "half"))
    return found


def test_status_page_day_rows_with_their_text(report_site: Path) -> None:
    # Day 0 is 1 September; 24 Oct = 53, 25 Oct = 54, 10 Nov = 70, 22 Nov = 82, 26 Nov = 86.
    dms = history_item(report_site, "en/index.html", "DMS")
    assert cells(dms, "u") == [(53, "full"), (54, "full"), (70, "full"), (86, "full")]
    assert cells(dms, "p") == []
    assert text_of(dms.cssselect("summary")[0]) == "4 days not fully available"
    assert [text_of(li) for li in dms.cssselect("details li")] == [
        "24 October: 90 minutes unplanned",
        "25 October: 345 minutes planned, 75 minutes unplanned",
        "10 November: 150 minutes unplanned",
        "26 November: 45 minutes unplanned",
        "Other days: fully available",
    ]
    assert [t.get("datetime") for t in dms.cssselect("time")] == [
        "2026-10-24",
        "2026-10-25",
        "2026-11-10",
        "2026-11-26",
    ]
    aes = history_item(report_site, "en/index.html", "AES")
    assert cells(aes, "p") == [(82, "half")]
    deco = history_item(report_site, "index.html", "DECO")
    assert not deco.cssselect("path")
    assert text_of(deco.cssselect("p")[0]) == "Volledig beschikbaar"
    assert dms.cssselect("svg")[0].get("aria-hidden") == "true"


def test_system_page_gives_every_one_of_the_90_days_a_text(report_site: Path) -> None:
    doc = page(report_site, "en/systems/dms/index.html")
    rows = doc.cssselect("table.days-table tbody tr")
    covered = 0
    texts = []
    for row in rows:
        dates = [dt.date.fromisoformat(t.get("datetime")) for t in row.cssselect("th time")]
        covered += (dates[-1] - dates[0]).days + 1
        texts.append([text_of(c) for c in row.cssselect("th, td")])
    assert covered == 90
    assert texts[1] == [
        "24 October 2026",
        "0",
        "90",
        "Import (DMS) was unavailable (past midnight)",
    ]
    assert texts[2] == [
        "25 October 2026",
        "345",
        "75",
        "Import (DMS) was unavailable (past midnight), "
        "Maintenance of DMS (the night summer time ends)",
    ]
    assert texts[0] == ["1 September 2026 to 23 October 2026", "0", "0", "–"]
    links = rows[2].cssselect("a")
    assert [a.get("href") for a in links] == [
        "/en/status-messages/2026-10-24-dms-verstoring/",
        "/en/status-messages/2026-10-25-dms-onderhoud/",
    ]


# The retention year, 29 Nov 2025 10:00 to 29 Nov 2026 10:00 CET: 365 days of 1,440 minutes
# (the spring and autumn switches cancel out) = 525,600 minutes.
SUMMARY = {
    "DMS": ("99.86%", "99.93%"),  # 345 planned + 360 unplanned; without planned: 360
    "AES": ("99.93%", "100.00%"),  # 320 planned only
    "NCTS": ("99.94%", "99.94%"),  # 290 of disruption
    "EMCS": ("100.00%", "100.00%"),  # cancelled maintenance counts nothing
}


def test_report_opens_with_one_table_of_the_year_with_and_without_planned_work(
    report_site: Path,
) -> None:
    doc = lxml.html.fromstring((report_site / "en" / "report" / "index.html").read_bytes())
    first = doc.cssselect("main table")[0]
    assert "report--summary" in first.get("class")
    header = [" ".join(th.itertext()).strip() for th in first.cssselect("thead th")]
    assert header == ["System", "All minutes counted", "Without planned work"]
    rows = {
        " ".join(tr.cssselect("th")[0].itertext()).strip(): tuple(
            td.text_content().strip() for td in tr.cssselect("td")
        )
        for tr in first.cssselect("tbody tr")
    }
    assert len(rows) == 9
    assert {name: rows[name] for name in SUMMARY} == SUMMARY
    intro = " ".join(first.getparent().getparent().cssselect("p")[0].text_content().split())
    assert first.getparent().get("role") == "region"  # scrolls in its own labelled region
    assert "leaves out planned maintenance and releases" in intro
    assert "Disruptions and unplanned maintenance always count." in intro
