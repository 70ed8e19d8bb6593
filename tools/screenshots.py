"""``invoke screenshots``: the status page, an event page and the report, in Dutch and English,
light and dark, desktop and phone, rendered by headless Chromium into PNG files for the README;
the status page's 90-day rows on their own (desktop), since they lie below the fold; and the
status page's first screen 50 minutes later (``status-later-*``), when promised times have passed.

The site is built from the given content at a fixed "now" into a temporary folder and served on
127.0.0.1; the event shown is the first one the status page lists. The phone is the one the
first screen is measured on (375 x 740, tests/test_phone_browser.py).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from douane_status.building.build import build_site
from douane_status.commands.options import parse_now
from douane_status.commands.settings import print_findings, project_settings
from douane_status.domain.errors import ConfigError, ContentError, ExitStatus, UsageError
from douane_status.domain.model import LANGUAGES, Lang
from douane_status.presentation.urls import page_path
from tools.browser import (
    BrowserMissing,
    Scheme,
    chromium,
    serve_directory,
    set_color_scheme,
    set_viewport,
)
from tools.editor_screenshots import editor_screenshots

DEVICES = {"desktop": (1024, 768), "phone": (375, 740)}  # small enough to keep the PNG files small
LATER = dt.timedelta(minutes=50)  # the demo's promises of 10:15 to 10:35 have passed by 10:50
SCHEMES: tuple[Scheme, ...] = ("light", "dark")


def screenshots_command(project: Path, *, now: str, output: str) -> ExitStatus:
    """``invoke screenshots``: print what was written, or what stood in the way."""
    try:
        settings_file, settings = project_settings(project)
        moment = parse_now(now, settings)
        target = project / output
        written = take_screenshots(project, settings_file, project / "content", moment, target)
        written += editor_screenshots(project, moment, target)
    except ContentError as exc:
        print_findings(exc.findings)
        return ExitStatus.FINDINGS
    except (UsageError, ConfigError, BrowserMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    size = sum(p.stat().st_size for p in written)
    print(f"Wrote {len(written)} screenshots ({size // 1024} KB) into {output}/.")
    return ExitStatus.OK


def _first_event_path(driver: Any, origin: str, lang: Lang) -> str:
    from selenium.webdriver.common.by import By

    driver.get(origin + page_path("status", lang))
    links = driver.find_elements(By.CSS_SELECTOR, "main .event__title a, main .event-row > a")
    if not links:
        raise RuntimeError("the status page lists no event to show")
    return urlsplit(str(links[0].get_attribute("href"))).path


def take_screenshots(
    project: Path, settings_file: Path, content_dir: Path, now: dt.datetime, out_dir: Path
) -> list[Path]:
    """Write ``<page>-<lang>-<scheme>-<device>.png`` files into ``out_dir``; returns them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="douane-screenshots-") as tmp:
        site = Path(tmp) / "output"
        build_site(project, settings_file, site, now, content_dir=content_dir)
        with serve_directory(site) as origin, chromium() as driver:
            for lang in LANGUAGES:
                pages = {
                    "status": page_path("status", lang),
                    "event": _first_event_path(driver, origin, lang),
                    "report": page_path("report", lang),
                }
                for device, size in DEVICES.items():
                    set_viewport(driver, size)
                    for scheme in SCHEMES:
                        set_color_scheme(driver, scheme)
                        for name, path in pages.items():
                            driver.get(origin + path)
                            target = out_dir / f"{name}-{lang}-{scheme}-{device}.png"
                            target.write_bytes(driver.get_screenshot_as_png())
                            written.append(target)
                        if device == "desktop":  # the 90-day rows lie below the fold
                            written.append(_history(driver, origin, lang, scheme, out_dir))
        later = Path(tmp) / "later"
        build_site(project, settings_file, later, now + LATER, content_dir=content_dir)
        with serve_directory(later) as origin, chromium() as driver:
            set_color_scheme(driver, "light")
            for lang in LANGUAGES:
                for device, size in DEVICES.items():
                    set_viewport(driver, size)
                    driver.get(origin + page_path("status", lang))
                    target = out_dir / f"status-later-{lang}-light-{device}.png"
                    target.write_bytes(driver.get_screenshot_as_png())
                    written.append(target)
    return written


def _history(driver: Any, origin: str, lang: Lang, scheme: Scheme, out_dir: Path) -> Path:
    """The status page's 90-day rows alone (the viewport made tall enough to hold them)."""
    from selenium.webdriver.common.by import By

    driver.get(origin + page_path("status", lang))
    section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=history-heading]")
    width, height = DEVICES["desktop"]
    set_viewport(driver, (width, max(height, section.rect["height"] + 40)))
    driver.execute_script("arguments[0].scrollIntoView()", section)
    target = out_dir / f"history-{lang}-{scheme}-desktop.png"
    target.write_bytes(section.screenshot_as_png)
    set_viewport(driver, DEVICES["desktop"])
    return target
