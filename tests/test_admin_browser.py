"""The web editor in headless Chromium: a disruption created through the form, against Decap's
local backend, is saved as a file in the documented format that passes the checker and builds.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
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

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
NOW = "2026-11-29T09:30"
SAVED = "content/outages/2026/2026-11-29-dms-ncts-verstoring.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


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


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

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
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def field(driver, label: str):  # selenium objects: untyped
    """The input of the form field whose label starts with ``label`` (first match)."""
    from selenium.webdriver.common.by import By

    for element in driver.find_elements(By.TAG_NAME, "label"):
        if element.text.upper().startswith(label.upper()):
            return driver.find_element(By.ID, element.get_attribute("for"))
    raise AssertionError(f"no field labelled {label!r}")


def set_value(driver, element, value: str) -> None:
    """Set an input's value the way React notices (a date-time input takes no typing)."""
    driver.execute_script(
        "const [el, value] = arguments;"
        "const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement : HTMLInputElement;"
        "Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(el, value);"
        "el.dispatchEvent(new Event('input', {bubbles: true}));",
        element,
        value,
    )


def choose(element, *texts: str) -> None:
    from selenium.webdriver.common.keys import Keys

    for text in texts:
        element.send_keys(text)
        element.send_keys(Keys.ENTER)


def test_a_disruption_created_in_the_web_editor_passes_the_checker_and_builds(
    editor: tuple[Path, str], browser
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    project, url = editor
    driver = browser
    wait = WebDriverWait(driver, 45)  # generous: CI machines can be busy
    driver.get(url)
    login = "//button[normalize-space()='Login' or normalize-space()='Inloggen']"
    wait.until(ready.element_to_be_clickable((By.XPATH, login))).click()
    wait.until(ready.presence_of_element_located((By.XPATH, "//a[contains(@href, 'outages')]")))
    driver.get(url + "#/collections/outages/new")
    wait.until(ready.presence_of_element_located((By.XPATH, "//label[starts-with(., 'Systemen')]")))

    choose(field(driver, "Systemen"), "DMS", "NCTS")
    set_value(driver, field(driver, "Begin"), "2026-11-29T09:12")
    set_value(driver, field(driver, "Gepubliceerd"), "2026-11-29T09:20")
    # the first update is 'investigating' by default; its texts, the title and the body are left
    # empty: the phrasebook fills them in on saving. The cause is typed in.
    cause = driver.find_elements(By.XPATH, "//label[starts-with(., 'Oorzaak')]/following::textarea")
    set_value(driver, cause[0], "Storing in de berichtenverwerking: wachtrij vol.")
    set_value(driver, cause[1], "Fault in message processing: queue full.")

    publish = "//span[normalize-space()='Publish' or normalize-space()='Publiceren']"
    wait.until(ready.element_to_be_clickable((By.XPATH, publish))).click()
    now = "//*[normalize-space()='Publish now' or normalize-space()='Nu publiceren']"
    wait.until(ready.element_to_be_clickable((By.XPATH, now))).click()

    saved = project / SAVED
    deadline = time.monotonic() + 45
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    messages = [entry["message"] for entry in driver.get_log("browser")]
    assert saved.exists(), "\n".join(messages + sorted(map(str, project.rglob("*.md"))))

    text = saved.read_text(encoding="utf-8")
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
        "De beschikbaarheid van DMS en NCTS is in onderzoek. Het volgende bericht volgt "
        "uiterlijk 09:50."
    )
    assert "Invoer (DMS)" in event.body.nl and "Import (DMS)" in event.body.en

    build = invoke(project, "build", "--now", NOW)
    assert build.returncode == 0, build.stderr
    page = project / "output" / "status-berichten" / saved.stem / "index.html"
    assert "Fault" not in page.read_text(encoding="utf-8")  # the Dutch page has the Dutch cause
    assert "Storing in de berichtenverwerking" in page.read_text(encoding="utf-8")
    shutil.rmtree(project / "output")
