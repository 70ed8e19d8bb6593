"""The web editor in headless Chromium, against Decap's local backend: a disruption created
through the form is saved in the documented format, passes the checker and builds; times are Dutch
time whatever the browser's zone (Chromium runs with TZ=UTC and TZ=America/New_York), also on the
night summer time ends; a save the checker would refuse is refused with the reasons in Dutch and
English; an opened file changes only where the operator changed it; closing ends the fallback
procedure and adds the buffered-messages text.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, invoke
from test_operator import checked, operator_project

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.model import Fallback, Status
from tools.editor_driver import choose, field, set_value, textareas
from tools.ports import free_port, wait_for_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
NOW = "2026-11-29T09:30"
SAVED = "content/outages/2026/2026-11-29-dms-ncts-verstoring.md"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A built project, decap-server on its folder and the site on loopback: (project, url)."""
    for needed in (CHROMIUM, CHROMEDRIVER, DECAP_SERVER):
        if not needed.exists():
            pytest.fail(f"{needed} is missing: install chromium and chromium-driver, run npm ci")
    project = operator_project(tmp_path / "project")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    backend_port = free_port()
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(
            f'\nDOUANE_ADMIN = {{"repo": "example/douane-status", '
            f'"local_backend_port": {backend_port}}}\n'
        )
    built = invoke(project, "build", "--now", NOW)
    assert built.returncode == 0, built.stderr
    assert (project / "output" / "admin" / "decap-cms" / "decap-cms.js").is_file()

    log = (tmp_path / "decap-server.log").open("w")
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=project,
        env={
            **os.environ,
            "PORT": str(backend_port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(project),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    handler = functools.partial(QuietHandler, directory=str(project / "output"))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        wait_for_port(backend_port, 20)
        yield project, f"http://127.0.0.1:{site.server_address[1]}/admin/"
    finally:
        site.shutdown()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


ZONES = ["UTC", "America/New_York"]  # never Amsterdam: the editor must not lean on the browser


@pytest.fixture
def browser(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """Chromium with the time zone ``TZ`` of the indirect parameter (UTC without one)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    zone = getattr(request, "param", "UTC")

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(str(CHROMEDRIVER), env={**os.environ, "TZ": zone})
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        driver.get("about:blank")
        shown = driver.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone")
        assert shown == zone, f"Chromium runs in {shown}, not {zone}"
        yield driver
    finally:
        driver.quit()


def wait_for(driver, seconds: float = 45):  # selenium objects: untyped
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds)  # generous: CI machines can be busy


def log_in(driver, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    driver.get(url)
    login = "//button[normalize-space()='Login' or normalize-space()='Inloggen']"
    wait_for(driver).until(ready.element_to_be_clickable((By.XPATH, login))).click()
    wait_for(driver).until(
        ready.presence_of_element_located((By.XPATH, "//a[contains(@href, 'outages')]"))
    )


def open_form(driver, url: str, entry: str = "new") -> None:
    """The form of a new entry, or of ``entry`` (``2026/<id>``)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    log_in(driver, url)
    driver.get(
        url
        + (
            "#/collections/outages/new"
            if entry == "new"
            else f"#/collections/outages/entries/{entry}"
        )
    )
    wait_for(driver).until(
        ready.presence_of_element_located((By.XPATH, "//label[starts-with(., 'Systemen')]"))
    )


def set_clock(driver, utc: str) -> None:
    """The moment the editor's "Now" button takes (an ISO time in UTC)."""
    driver.execute_script(
        "const t = Date.parse(arguments[0]); window.DouaneOutage.clock = () => t;", utc
    )


def now_button(element):  # selenium objects: untyped
    from selenium.webdriver.common.by import By

    return element.find_element(By.XPATH, "following-sibling::button")


def publish(driver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    button = "//span[normalize-space()='Publish' or normalize-space()='Publiceren']"
    wait_for(driver).until(ready.element_to_be_clickable((By.XPATH, button))).click()
    now = "//*[normalize-space()='Publish now' or normalize-space()='Nu publiceren']"
    wait_for(driver).until(ready.element_to_be_clickable((By.XPATH, now))).click()


def saved_text(driver, path: Path, before: str | None = None) -> str:
    """The file's text once the editor has written it (changed from ``before``)."""
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8") != before:
            time.sleep(0.3)  # the write is complete
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    messages = [entry["message"] for entry in driver.get_log("browser")]
    form = driver.execute_script("return document.body.innerText")
    messages.append(form[form.find("BERICHTEN (OUDSTE") :][:3000])
    problems = driver.execute_script(
        "const box = document.getElementById('douane-problems'); return box && box.innerText;"
    )
    raise AssertionError(f"not saved: {problems}\n" + "\n".join(messages))


@pytest.mark.parametrize("browser", ZONES, indirect=True)
def test_a_disruption_created_in_the_web_editor_passes_the_checker_and_builds(
    editor: tuple[Path, str], browser
) -> None:
    from selenium.webdriver.common.by import By

    project, url = editor
    driver = browser
    open_form(driver, url)

    choose(field(driver, "Systemen"), "DMS", "NCTS")
    set_value(driver, field(driver, "Begin"), "2026-11-29T09:12")
    set_clock(driver, "2026-11-29T08:20:00Z")  # 09:20 in Amsterdam
    now_button(field(driver, "Gepubliceerd")).click()
    # the first update is 'investigating' by default; its texts, the title and the body are left
    # empty: the phrasebook fills them in on saving. The cause is typed in.
    cause = driver.find_elements(By.XPATH, "//label[starts-with(., 'Oorzaak')]/following::textarea")
    set_value(driver, cause[0], "Storing in de berichtenverwerking: wachtrij vol.")
    set_value(driver, cause[1], "Fault in message processing: queue full.")

    publish(driver)
    saved = project / SAVED
    text = saved_text(driver, saved)
    assert text.startswith("---\ntype: disruption\n"), text
    assert "\nstart: 2026-11-29 09:12\n" in text and "  - at: 2026-11-29 09:20\n" in text
    assert "\n::: nl\n" in text and "\n::: en\n" in text
    event, findings = checked(project, SAVED, NOW)
    assert findings == [], text
    assert event.systems == ("dms", "ncts")
    assert event.title.nl == "Invoer (DMS) en Douanevervoer (NCTS): beperkt beschikbaar"
    assert event.cause is not None and event.cause.en == "Fault in message processing: queue full."
    (update,) = event.updates
    assert update.status is Status.INVESTIGATING and update.fallback is not Fallback.ALLOWED
    assert update.text.nl == (
        "De beschikbaarheid van DMS en NCTS is in onderzoek. Het volgende bericht komt "
        "uiterlijk 09:50."
    )
    assert "Invoer (DMS)" in event.body.nl and "Import (DMS)" in event.body.en

    build = invoke(project, "build", "--now", NOW)
    assert build.returncode == 0, build.stderr
    page = project / "output" / "status-berichten" / saved.stem / "index.html"
    assert "Fault" not in page.read_text(encoding="utf-8")  # the Dutch page has the Dutch cause
    assert "Storing in de berichtenverwerking" in page.read_text(encoding="utf-8")
    shutil.rmtree(project / "output")


def add_update(driver) -> None:
    """Add an update; returns once its time and status are filled in."""
    from selenium.webdriver.common.by import By

    button = "//button[contains(., 'bericht / update')]"
    count = len(driver.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]"))
    driver.find_elements(By.XPATH, button)[-1].click()

    def filled(driver) -> bool:
        times = driver.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")
        statuses = driver.find_elements(By.CSS_SELECTOR, "select[id]")
        return len(times) > count and all(
            e.get_attribute("value") for e in (times[count], statuses[-1])
        )

    wait_for(driver).until(filled)


@pytest.mark.parametrize("browser", ZONES, indirect=True)
def test_times_written_on_the_night_summer_time_ends(editor: tuple[Path, str], browser) -> None:
    """02:30 happens twice on 25 October 2026: "Now" writes the offset that says which."""
    from selenium.webdriver.support.ui import Select

    project, url = editor
    driver = browser
    open_form(driver, url)
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-10-25T01:50")
    set_clock(driver, "2026-10-25T00:30:00Z")  # 02:30 summer time, the first 02:30
    now_button(field(driver, "Gepubliceerd")).click()
    set_clock(driver, "2026-10-25T01:30:00Z")  # 02:30 winter time, the second
    add_update(driver)  # starts at now, with the status after 'investigating'
    statuses = [Select(s) for s in driver.find_elements("css selector", "select[id]")]
    chosen = [s.first_selected_option.get_attribute("value") for s in statuses]
    assert [c for c in chosen if c][-2:] == ["investigating", "disruption"], chosen
    offered = {o.get_attribute("value") for o in statuses[-1].options} - {""}
    assert offered == {"investigating", "disruption", "resolved", "workaround", "no-fault"}
    publish(driver)

    saved = project / "content/outages/2026/2026-10-25-dms-verstoring.md"
    text = saved_text(driver, saved)
    assert "\nstart: 2026-10-25 01:50\n" in text
    assert "  - at: 2026-10-25 02:30+02:00\n    status: investigating\n" in text, text
    # the promised next moment, 30 minutes on, is 02:00 winter time: the hour after, again
    assert "    next_update: 2026-10-25 02:00+01:00\n" in text, text
    assert "  - at: 2026-10-25 02:30+01:00\n    status: disruption\n" in text, text
    assert "    next_update: 2026-10-25 03:30\n" in text, text
    event, _ = checked(project, str(saved.relative_to(project)), "2026-10-25T04:00")
    assert [u.at.isoformat() for u in event.updates] == [
        "2026-10-25T00:30:00+00:00",
        "2026-10-25T01:30:00+00:00",
    ]


def test_a_save_the_checker_would_refuse_is_refused_with_the_reasons(
    editor: tuple[Path, str], browser
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    project, url = editor
    driver = browser
    open_form(driver, url)
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-11-29T09:12")
    set_clock(driver, "2026-11-29T08:20:00Z")
    now_button(field(driver, "Gepubliceerd")).click()
    set_value(driver, textareas(driver, "Engels / English")[-1], "Only English.")  # no Dutch
    set_value(driver, field(driver, "Volgend bericht"), "2026-11-29T09:00")  # before the update
    publish(driver)

    def notice() -> tuple[str, str]:
        box = wait_for(driver).until(
            ready.visibility_of_element_located((By.ID, "douane-problems"))
        )
        return (
            box.find_element(By.CSS_SELECTOR, "[lang=nl]").text,
            box.find_element(By.CSS_SELECTOR, "[lang=en]").text,
        )

    dutch, english = notice()  # what the checker says first, on its line, naming the field
    assert "fout P01 (regel 12), bericht 1 (regel 9) heeft geen Nederlandse tekst" in dutch
    assert "error P01 (line 12), update 1 (line 9) has no Dutch text: add 'nl:'" in english
    time.sleep(2)
    assert not list((project / "content" / "outages").rglob("2026-11-29-dms-verstoring*.md"))

    set_value(driver, textareas(driver, "Nederlands / Dutch")[-1], "Alleen Engels was er.")
    publish(driver)  # the next update is still promised before this one
    wait_for(driver).until(lambda d: "OUT006" in notice()[1])
    dutch, english = notice()
    assert "fout OUT006 (regel 9), bericht 1 (regel 9) belooft het volgende bericht" in dutch
    assert "error OUT006 (line 9), update 1 (line 9) promises its next update" in english
    assert not list((project / "content" / "outages").rglob("2026-11-29-dms-verstoring*.md"))

    set_value(driver, field(driver, "Volgend bericht"), "2026-11-29T09:50")
    publish(driver)
    saved = project / "content/outages/2026/2026-11-29-dms-verstoring.md"
    text = saved_text(driver, saved)
    assert "    nl: Alleen Engels was er.\n    en: Only English.\n" in text
    assert not driver.find_element(By.ID, "douane-problems").is_displayed()
    checked(project, str(saved.relative_to(project)), "2026-11-29T09:30")


OPEN = "content/outages/2026/2026-11-29-ncts-verstoring.md"


def test_an_opened_file_changes_only_where_the_operator_changed_it(
    editor: tuple[Path, str], browser
) -> None:
    project, url = editor
    driver = browser
    path = project / OPEN
    before = path.read_text(encoding="utf-8")
    open_form(driver, url, "2026/2026-11-29-ncts-verstoring")
    last = textareas(driver, "Nederlands / Dutch")[-1]
    set_value(driver, last, "Dit bericht is bijgewerkt.")
    publish(driver)
    after = saved_text(driver, path, before)
    old = "    nl: Dit bericht is op het moment van de test nog niet gepubliceerd.\n"
    assert after == before.replace(old, "    nl: Dit bericht is bijgewerkt.\n")


def test_closing_in_the_editor_ends_the_fallback_procedure_as_invoke_close_does(
    editor: tuple[Path, str], browser
) -> None:
    from selenium.webdriver.support.ui import Select

    project, url = editor
    driver = browser
    path = project / OPEN
    before = path.read_text(encoding="utf-8")
    open_form(driver, url, "2026/2026-11-29-ncts-verstoring")
    set_clock(driver, "2026-11-29T10:00:00Z")  # 11:00 in Amsterdam
    add_update(driver)
    status = Select(driver.find_elements("css selector", "select[id]")[-1])
    assert status.first_selected_option.get_attribute("value") == "disruption"
    status.select_by_value("resolved")
    publish(driver)
    after = saved_text(driver, path, before)

    event, findings = checked(project, OPEN, "2026-11-29T11:30")
    assert not [f for f in findings if "P11" in f], findings
    final = event.updates[-1]
    assert final.status is Status.RESOLVED and final.fallback is Fallback.ENDED
    assert final.at.isoformat() == "2026-11-29T10:00:00+00:00"
    assert final.text.nl.endswith("De noodprocedure is beëindigd.")
    assert event.buffered_messages is not None
    assert "tussen zondag 29 november 2026 08:40 CET en" in event.buffered_messages.nl
    # nothing else changed: the old lines are all there, in their order
    kept = [line for line in after.splitlines() if line in before.splitlines()]
    assert kept == before.splitlines()


def test_the_published_editor_signs_in_with_github_and_saves_for_review(
    editor: tuple[Path, str], browser
) -> None:
    """Opened from another host than this machine, the editor is the GitHub one, with review."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    project, _ = editor
    handler = functools.partial(QuietHandler, directory=str(project / "output"))
    site = http.server.ThreadingHTTPServer(("127.0.0.2", 0), handler)  # not "localhost"
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        driver = browser
        driver.get(f"http://127.0.0.2:{site.server_address[1]}/admin/")
        login = "//button[contains(., 'GitHub')]"
        wait_for(driver).until(ready.presence_of_element_located((By.XPATH, login)))
        config = driver.execute_script(
            "return fetch('editor.json').then((r) => r.json()).then((e) => e.config);"
        )
    finally:
        site.shutdown()
    assert config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow"


def textarea_holding(driver, start: str):  # selenium objects: untyped
    """The text area whose text starts with ``start``."""
    from selenium.webdriver.common.by import By

    for element in driver.find_elements(By.TAG_NAME, "textarea"):
        if (element.get_attribute("value") or "").startswith(start):
            return element
    values = [e.get_attribute("value")[:40] for e in driver.find_elements(By.TAG_NAME, "textarea")]
    raise AssertionError(f"no text area starts with {start!r}: {values}")


def test_a_word_changed_in_the_first_a_middle_and_the_last_line_of_a_folded_text(
    editor: tuple[Path, str], browser
) -> None:
    """The demo NCTS disruption's changed processes (Dutch) are a folded block of three lines:
    each change saves exactly the typed text, and only the line that holds the changed words."""
    project, url = editor
    driver = browser
    folded = "content/outages/2026/2026-11-29-ncts-database.md"  # the demo's NCTS disruption
    path = project / folded
    shutil.copy(REPO / "content/outages/2026/2026-11-29-ncts-verstoring.md", path)
    open_form(driver, url, "2026/2026-11-29-ncts-database")
    edits = [
        ("noodprocedure geldt", "noodprocedure van kracht is"),  # first line
        ("Europese continuïteitsregels", "Europese regels voor continuïteit"),  # middle line
        ("noodprocedures.", "noodprocedures van de Douane."),  # last line
    ]
    for old, new in edits:
        before = path.read_text(encoding="utf-8")
        area = textarea_holding(driver, "Zolang de noodprocedure")
        typed = " ".join(area.get_attribute("value").split()).replace(old, new)
        set_value(driver, area, typed)
        publish(driver)
        after = saved_text(driver, path, before)
        removed = [line for line in before.splitlines() if line not in after.splitlines()]
        added = [line for line in after.splitlines() if line not in before.splitlines()]
        assert len(removed) == 1 and len(added) == 1, (removed, added)
        assert old in removed[0] and new in added[0]
        assert after.replace(added[0], removed[0]) == before
        event, _ = checked(project, folded, "2026-11-29T10:00")
        assert event.process_changes is not None and event.process_changes.nl == typed


def test_a_planned_maintenance_saves_in_the_natural_flow(editor: tuple[Path, str], browser) -> None:
    """Choosing the type first resets update 1 to that type's statuses and first status."""
    from selenium.webdriver.support.ui import Select

    project, url = editor
    driver = browser
    open_form(driver, url)
    status = Select(field(driver, "Status"))
    assert status.first_selected_option.get_attribute("value") == "investigating"
    Select(field(driver, "Soort")).select_by_value("onderhoud")
    wait_for(driver).until(
        lambda d: (
            Select(field(d, "Status")).first_selected_option.get_attribute("value") == "scheduled"
        )
    )
    offered = {o.get_attribute("value") for o in Select(field(driver, "Status")).options} - {""}
    assert offered == {"scheduled", "in-progress", "completed", "overrun", "cancelled"}
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-12-20T08:00")
    set_value(driver, field(driver, "Einde"), "2026-12-20T14:30")
    choose(field(driver, "Noodprocedure mogelijk"), "Nee")
    set_clock(driver, "2026-11-29T08:20:00Z")
    now_button(field(driver, "Gepubliceerd")).click()
    publish(driver)
    saved = project / "content/outages/2026/2026-12-20-dms-onderhoud.md"
    text = saved_text(driver, saved)
    assert "type: maintenance\n" in text and "    status: scheduled\n" in text, text
    assert "\nannounced: 2026-11-29 09:20\n" in text
    checked(project, str(saved.relative_to(project)), "2026-11-29T09:30")


def test_an_empty_form_is_refused_by_the_editors_check_naming_each_field(
    editor: tuple[Path, str], browser
) -> None:
    """Not Decap's one-language pop-up about "a required field": the check's own reasons."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    project, url = editor
    driver = browser
    files = sorted((project / "content").rglob("*.md"))
    open_form(driver, url)
    publish(driver)
    box = wait_for(driver).until(ready.visibility_of_element_located((By.ID, "douane-problems")))
    dutch = box.find_element(By.CSS_SELECTOR, "[lang=nl]").text
    english = box.find_element(By.CSS_SELECTOR, "[lang=en]").text
    assert "het veld 'systems' ontbreekt: vul 'systems:' in" in dutch
    assert "field 'systems' is missing: add 'systems:'" in english
    assert "het veld 'start' ontbreekt" in dutch and "field 'start' is missing" in english
    page = driver.execute_script("return document.body.innerText")
    assert "Oops" not in page and "Oeps" not in page
    assert sorted((project / "content").rglob("*.md")) == files  # nothing saved


def test_a_warning_is_shown_and_the_save_goes_on(editor: tuple[Path, str], browser) -> None:
    """An update with its own text and no next communication moment: P07, as the check says."""
    from selenium.webdriver.common.by import By

    project, url = editor
    driver = browser
    open_form(driver, url)
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-11-29T09:12")
    set_clock(driver, "2026-11-29T08:20:00Z")
    now_button(field(driver, "Gepubliceerd")).click()
    set_value(driver, textareas(driver, "Nederlands / Dutch")[-1], "We kijken ernaar.")
    set_value(driver, textareas(driver, "Engels / English")[-1], "We are looking into it.")
    publish(driver)
    saved = project / "content/outages/2026/2026-11-29-dms-verstoring.md"
    text = saved_text(driver, saved)
    assert "next_update" not in text
    box = driver.find_element(By.ID, "douane-problems")
    assert box.is_displayed()
    dutch = box.find_element(By.CSS_SELECTOR, "[lang=nl]").text
    english = box.find_element(By.CSS_SELECTOR, "[lang=en]").text
    assert dutch.startswith("Opgeslagen, met waarschuwingen")
    assert "waarschuwing P07 (regel 9), bericht 1 (regel 9) ('investigating') zegt niet" in dutch
    assert "warning P07 (line 9), update 1 (line 9) ('investigating') does not say" in english
    _, findings = checked(project, str(saved.relative_to(project)), "2026-11-29T09:30")
    assert [f for f in findings if "P07" in f], findings


@pytest.mark.parametrize("browser", ["America/New_York"], indirect=True)
def test_the_file_name_has_the_starts_date_in_dutch_time(editor: tuple[Path, str], browser) -> None:
    """22:30 in Amsterdam is the next day in UTC: the file is named after the Dutch date."""
    project, url = editor
    driver = browser
    open_form(driver, url)
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-11-29T22:30")
    set_clock(driver, "2026-11-29T21:40:00Z")  # 22:40 in Amsterdam
    now_button(field(driver, "Gepubliceerd")).click()
    publish(driver)
    text = saved_text(driver, project / "content/outages/2026/2026-11-29-dms-verstoring.md")
    assert "\nstart: 2026-11-29 22:30\n" in text
    assert not list((project / "content" / "outages").rglob("2026-11-30-*.md"))


def test_no_label_says_optional(editor: tuple[Path, str], browser) -> None:
    """No field is "required" for Decap (the check names what is missing), and Decap's locale
    strings leave its "(optional)" / "(optioneel)" off every label, in both languages."""
    from selenium.webdriver.common.by import By

    _, url = editor
    driver = browser
    open_form(driver, url)
    add_update(driver)
    labels = [e.text for e in driver.find_elements(By.TAG_NAME, "label") if e.text.strip()]
    assert len(labels) >= 15, labels
    shown = {t.upper() for t in labels}  # Decap's style may write labels in capitals
    assert "SYSTEMEN / SYSTEMS" in shown and "NEDERLANDS / DUTCH" in shown, labels
    said = [t for t in labels if any(w in t.lower() for w in ("optional", "optioneel", "()"))]
    assert said == [], said
    phrases = driver.execute_script(
        "return ['nl', 'en'].map(l => [CMS.getLocale(l).editor.editorControl.field.optional,"
        " CMS.getLocale(l).editor.editorControlPane.widget.required])"
    )
    assert phrases == [
        ["", "%{fieldLabel} is vereist."],  # Decap's other Dutch words stay
        ["", "%{fieldLabel} is required."],
    ]


def test_planned_work_past_its_end_without_notice_is_a_warning_at_saving(
    editor: tuple[Path, str], browser
) -> None:
    """P04 at the moment of saving: a maintenance still open one minute after its planned end,
    with no overrun notice, is a warning in both languages (now: the editor's clock, in Dutch
    time whatever the browser's zone), and the save goes on."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    project, url = editor
    driver = browser
    open_form(driver, url)
    Select(field(driver, "Soort")).select_by_value("onderhoud")
    wait_for(driver).until(
        lambda d: (
            Select(field(d, "Status")).first_selected_option.get_attribute("value") == "scheduled"
        )
    )
    choose(field(driver, "Systemen"), "DMS")
    set_value(driver, field(driver, "Begin"), "2026-12-20T08:00")
    set_value(driver, field(driver, "Einde"), "2026-12-20T14:30")
    choose(field(driver, "Noodprocedure mogelijk"), "Nee")
    set_clock(driver, "2026-11-29T08:20:00Z")
    now_button(field(driver, "Gepubliceerd")).click()
    set_clock(driver, "2026-12-20T13:31:00Z")  # 14:31 in Amsterdam: one minute past the end
    publish(driver)
    saved = project / "content/outages/2026/2026-12-20-dms-onderhoud.md"
    saved_text(driver, saved)
    box = driver.find_element(By.ID, "douane-problems")
    assert box.is_displayed()
    dutch = box.find_element(By.CSS_SELECTOR, "[lang=nl]").text
    english = box.find_element(By.CSS_SELECTOR, "[lang=en]").text
    assert dutch.startswith("Opgeslagen, met waarschuwingen")
    assert "waarschuwing P04" in dutch and "is nu, 2026-12-20 14:31 CET, nog niet" in dutch
    assert "warning P04" in english
    assert "the maintenance is still open at now, 2026-12-20 14:31 CET" in english
    _, findings = checked(project, str(saved.relative_to(project)), "2026-12-20T14:31")
    assert [f for f in findings if "P04" in f and "still open at now" in f], findings
