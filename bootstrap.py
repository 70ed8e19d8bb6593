#!/usr/bin/env python3
"""Set up everything on a fresh machine with Python 3.11+: ``python3 bootstrap.py``.

Creates ``.venv/``, installs the pinned Python packages (requirements.txt) and the pinned npm
packages (package-lock.json, used by the tests) and, as root on Debian, Chromium for the browser
tests; then builds the demo site into ``output/``.
``--no-build`` stops after installing (CI uses that).

``--publish`` installs only what publishing needs, and builds nothing: the packages the build
imports (requirements-build.txt, every file checked against its hash; wheels only, feedgen's
from wheels/) and the web editor's
bundle, the two npm packages /admin/ copies (their tarballs checked against package-lock.json),
without their dependencies or any test tool. ``--no-editor`` leaves the bundle out (pruning
builds no site).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
VENV = PROJECT / ".venv"
BUILD_REQUIREMENTS = "requirements-build.txt"
# Wheels of the packages PyPI has as source only (feedgen), built once and kept with their hash
# in requirements-build.txt, so that no install runs a build tool (see README, "Publishing").
WHEELS = PROJECT / "wheels"
EDITOR_PACKAGES = ("decap-cms", "yaml")  # what the build copies into /admin/


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


def compile_project() -> None:
    """Compile the project's own modules to bytecode, as pip does for every package it installs:
    where Python may not write ``__pycache__`` itself (PYTHONDONTWRITEBYTECODE, a read-only
    checkout), every command would otherwise compile them again as it starts, about a tenth of
    a second of each build, check and operator command. A module edited later is compiled
    again in memory until the next install: Python checks each file's time and size."""
    run(str(VENV / "bin" / "python"), "-m", "compileall", "-q", "plugins", "tasks.py")


def pip_install(*arguments: str) -> None:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"Creating {VENV.name}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments)


class EditorBundle:
    """The web editor's bundle into node_modules/: each package's tarball from the npm registry
    (``npm pack``: no dependencies, no install scripts), checked against package-lock.json.
    The download runs beside the Python packages' install."""

    def __init__(self, npm: str, folder: Path) -> None:
        locked = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
        self.entries = {
            name: locked["packages"][f"node_modules/{name}"] for name in EDITOR_PACKAGES
        }
        self.folder = folder
        specs = [f"{name}@{entry['version']}" for name, entry in self.entries.items()]
        command = [npm, "pack", "--silent", "--pack-destination", str(folder), *specs]
        print("+", " ".join(command), flush=True)
        self.download = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL)

    def install(self) -> int:
        if self.download.wait() != 0:
            print("npm pack failed: the web editor's bundle was not installed", file=sys.stderr)
            return 1
        for name, entry in self.entries.items():
            tarball = self.folder / f"{name}-{entry['version']}.tgz"
            algorithm, _, expected = entry["integrity"].partition("-")
            found = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest())
            if found.decode() != expected:
                print(f"{tarball.name} does not match package-lock.json", file=sys.stderr)
                return 1
            target = PROJECT / "node_modules" / name
            shutil.rmtree(target, ignore_errors=True)
            with tarfile.open(tarball) as archive:
                members = [m for m in archive.getmembers() if m.name.startswith("package/")]
                for member in members:
                    member.name = member.name.removeprefix("package/")
                archive.extractall(target, members=members, filter="data")
        return 0


def install_for_publishing(editor: bool) -> int:
    """The build's Python packages, with hashes, and (``editor``) the web editor's bundle."""
    with tempfile.TemporaryDirectory() as folder:
        bundle = None
        if editor:
            npm = shutil.which("npm")
            if npm is None:
                print(
                    "npm was not found: the web editor's bundle needs Node.js 20+.", file=sys.stderr
                )
                return 1
            bundle = EditorBundle(npm, Path(folder))
        pip_install(
            "--require-hashes",
            "--no-deps",
            "--only-binary",
            ":all:",  # wheels only: nothing is built, so no unpinned build tool runs
            "--find-links",
            str(WHEELS),
            "-r",
            BUILD_REQUIREMENTS,
        )
        compile_project()
        return bundle.install() if bundle else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="install only; do not build")
    parser.add_argument(
        "--publish", action="store_true", help="install only what publishing needs; no build"
    )
    parser.add_argument(
        "--no-editor", action="store_true", help="with --publish: without the editor's bundle"
    )
    args = parser.parse_args()
    if sys.version_info < (3, 11):  # noqa: UP036  (runs under any python3)
        print("Python 3.11 or newer is needed.", file=sys.stderr)
        return 2
    if args.publish:
        return install_for_publishing(editor=not args.no_editor)
    pip_install("--find-links", str(WHEELS), "-r", "requirements.txt")
    compile_project()
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
