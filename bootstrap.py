#!/usr/bin/env python3
"""Set up everything on a fresh machine with Python 3.11+: ``python3 bootstrap.py``.

Creates ``.venv/``, installs the pinned Python packages (requirements.txt) and the pinned npm
packages (package-lock.json, used by the tests) and, as root on Debian, Chromium for the browser
tests; then builds the demo site into ``output/``.
``--no-build`` stops after installing (CI uses that).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
VENV = PROJECT / ".venv"


def run(*command: str) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=PROJECT, check=True)


def ensure_browser() -> None:
    """The browser tests drive Debian's Chromium; install it when we may (root with apt-get)."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print("+ apt-get install chromium chromium-driver", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        return
    print(
        "Chromium and chromedriver were not found: the browser tests need them "
        "(Debian: sudo apt-get install chromium chromium-driver).",
        file=sys.stderr,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="install only; do not build")
    args = parser.parse_args()
    if sys.version_info < (3, 11):  # noqa: UP036  (runs under any python3)
        print("Python 3.11 or newer is needed.", file=sys.stderr)
        return 2
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"Creating {VENV.name}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-r",
        "requirements.txt",
    )
    if (PROJECT / "package-lock.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            print(
                "npm was not found: the workflow and browser tests need Node.js 20+ and npm.",
                file=sys.stderr,
            )
            return 1
        run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
    ensure_browser()
    if args.no_build:
        print("Installed. Run the tests with: .venv/bin/invoke test")
        return 0
    run(str(VENV / "bin" / "invoke"), "build")
    print("\nThe demo site is in output/. Look at it with: .venv/bin/invoke serve")
    print("(then open http://localhost:8000/ for Dutch, http://localhost:8000/en/ for English)")
    print("The demo content is written around Sunday 29 November 2026 10:00; to see it at that")
    print("moment: .venv/bin/invoke build --now 2026-11-29T10:00")
    return 0


if __name__ == "__main__":
    sys.exit(main())
