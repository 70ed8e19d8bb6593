"""Screenshots of the web editor for the operators' guide (docs/handleiding.md), made by
``invoke screenshots`` with the other screenshots.

A throwaway copy of the project (the real code, theme and node_modules, a copy of content/) is
built, Decap's local backend (decap-server) writes into that copy only, and headless Chromium
shows the editor in Dutch at the demo's moment: the list of messages, a new disruption, an opened
disruption with a new update, a save that is refused and a save with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from douane_status.building.build import build_site
from tools.browser import chromium, serve_directory
from tools.editor_driver import choose, field, set_value, textareas
from tools.ports import free_port, wait_for_port

SIZE = (1280, 1000)
LINKED = ("plugins", "theme", "node_modules")
COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py")
OPENED = "2026/2026-11-29-ncts-verstoring"  # the demo's NCTS disruption
DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"


@contextmanager
def _local_backend(project: Path, port: int) -> Iterator[None]:
    """decap-server on 127.0.0.1:``port``, writing into ``project`` (a throwaway copy)."""
    environment = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(project),
    }
    server = subprocess.Popen(
        ["node", str(project / DECAP_SERVER)],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 30)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def _copy(project: Path, root: Path, port: int) -> Path:
    for name in LINKED:
        (root / name).symlink_to(project / name)
    for name in COPIED:
        shutil.copy2(project / name, root / name)
    shutil.copytree(project / "content", root / "content")
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f'\nDOUANE_ADMIN = {{"local_backend_port": {port}}}\n')
    return root


def editor_screenshots(project: Path, now: dt.datetime, out_dir: Path) -> list[Path]:
    """Write ``editor-*.png`` into ``out_dir``; returns them."""
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="douane-editor-") as tmp:
        port = free_port()
        (Path(tmp) / "project").mkdir()
        copy = _copy(project, Path(tmp) / "project", port)
        site = Path(tmp) / "output"
        build_site(copy, copy / "pelicanconf.py", site, now, content_dir=copy / "content")
        with (
            _local_backend(copy, port),
            serve_directory(site) as origin,
            chromium(SIZE) as driver,
        ):
            url = origin + "/admin/"
            driver.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": "nl-NL"})
            clock = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

            def shot(name: str) -> None:
                time.sleep(0.5)  # fonts and the last render
                target = out_dir / f"editor-{name}.png"
                target.write_bytes(driver.get_screenshot_as_png())
                written.append(target)

            _log_in(driver, url)
            shot("berichten")
            driver.get("about:blank")
            _open(driver, url + "#/collections/outages/new", clock)
            choose(field(driver, "Systemen"), "DMS")
            set_value(driver, field(driver, "Begin"), now.strftime("%Y-%m-%dT%H:%M"))
            _now(driver, "Gepubliceerd")
            shot("nieuwe-storing")
            set_value(driver, textareas(driver, "Engels / English")[-1], "Only English.")
            _publish(driver)
            _notice(driver)
            shot("geweigerd")
            _open(driver, url + f"#/collections/outages/entries/{OPENED}", clock)
            _add_update(driver)
            shot("update")
    return written


# -- the editor, as an operator uses it ----------------------------------------------------------


def _wait(driver: Any, seconds: float = 45) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds)


def _log_in(driver: Any, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    driver.get(url)
    login = "//button[normalize-space()='Login' or normalize-space()='Inloggen']"
    listed = "//a[contains(@href, 'outages')]"
    _wait(driver).until(lambda d: d.find_elements(By.XPATH, login + " | " + listed))
    for button in driver.find_elements(By.XPATH, login):  # not yet signed in to the backend
        button.click()
    _wait(driver).until(
        ready.presence_of_element_located((By.XPATH, "//a[contains(@href, 'outages')]"))
    )


def _open(driver: Any, address: str, clock: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    driver.get("about:blank")
    with contextlib.suppress(NoAlertPresentException):  # leaving an unsaved form: yes
        driver.switch_to.alert.accept()
    _log_in(driver, address.split("#")[0])
    driver.get(address)
    _wait(driver).until(
        ready.presence_of_element_located((By.XPATH, "//label[starts-with(., 'Systemen')]"))
    )
    driver.execute_script(
        "const t = Date.parse(arguments[0]); window.DouaneOutage.clock = () => t;", clock
    )


def _now(driver: Any, label: str) -> None:
    from selenium.webdriver.common.by import By

    field(driver, label).find_element(By.XPATH, "following-sibling::button").click()


def _publish(driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    button = "//span[normalize-space()='Publish' or normalize-space()='Publiceren']"
    _wait(driver).until(ready.element_to_be_clickable((By.XPATH, button))).click()
    now = "//*[normalize-space()='Publish now' or normalize-space()='Nu publiceren']"
    _wait(driver).until(ready.element_to_be_clickable((By.XPATH, now))).click()


def _notice(driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    _wait(driver).until(ready.visibility_of_element_located((By.ID, "douane-problems")))


def _add_update(driver: Any) -> None:
    from selenium.webdriver.common.by import By

    count = len(driver.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]"))
    driver.find_elements(By.XPATH, "//button[contains(., 'bericht / update')]")[-1].click()
    _wait(driver).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")) > count
    )
    last = driver.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")[count]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", last)
