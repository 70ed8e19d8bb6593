"""Headless Chromium for the browser tests and the screenshots: a local server and a driver.

Debian's ``chromium`` and ``chromedriver`` (or the paths in $CHROMIUM and $CHROMEDRIVER); nothing
is downloaded. Each driver gets a fresh profile, and the flags keep Chromium from calling home, so
every request a test sees comes from the page.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
DESKTOP = (1280, 900)
PHONE = (375, 800)
Scheme = Literal["light", "dark"]


class BrowserMissing(RuntimeError):
    pass


def chromium_paths() -> tuple[str, str]:
    """The Chromium binary and its driver, or BrowserMissing saying what to install."""
    binary = os.environ.get("CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not binary or not driver:
        raise BrowserMissing(
            "Chromium and its driver are needed: apt-get install chromium chromium-driver "
            "(or set CHROMIUM and CHROMEDRIVER)"
        )
    return binary, driver


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        """Keep test and task output quiet."""


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` over http on 127.0.0.1 (a free port) while the block runs; yields its
    origin, e.g. ``http://127.0.0.1:40123``."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def chromium(size: tuple[int, int] = DESKTOP, *, network_log: bool = False) -> Iterator[Any]:
    """A headless Chromium WebDriver with a fresh profile; with ``network_log`` the DevTools
    performance log records every request (read it with ``requested_urls``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium_paths()
    profile = tempfile.mkdtemp(prefix="douane-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={size[0]},{size[1]}")
    logging = {"browser": "ALL"}
    if network_log:
        logging["performance"] = "ALL"
    options.set_capability("goog:loggingPrefs", logging)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        set_viewport(driver, size)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: Any, size: tuple[int, int]) -> None:
    """The viewport (not the window) at ``size``, at a device pixel ratio of 1."""
    width, height = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def set_color_scheme(driver: Any, scheme: Scheme, media: str = "") -> None:
    """Emulate prefers-color-scheme (and optionally a media type such as ``print``)."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def requested_urls(driver: Any, origin: str) -> list[str]:
    """Every URL requested by pages of ``origin`` since the log was last read, in order."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        params = message["params"]
        if params.get("documentURL", "").startswith(origin):
            urls.append(params["request"]["url"])
    return urls
