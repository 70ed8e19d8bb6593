"""The check command: every format and protocol rule over the outage files, for people and CI.

``invoke check [--format text|json|github] [--now ISO] [--strict] [--path PATH]...``

- ``text``: one finding a line, ``path:line: CODE severity: message``, then a one-line summary;
  a line break in a name or message is written ``\\n``, so no line it prints starts with ``::``
  (a workflow command, in a CI log) but where ``github`` means one.
- ``json``: a JSON array of ``{file, line, code, severity, message}`` objects (``[]`` when all is
  well) and nothing else on stdout.
- ``github``: workflow commands (``::error file=…,line=…,title=CODE::message``) that GitHub
  Actions shows as annotations, then the summary.

Exit status (``ExitStatus``): 0 all well, 1 an error (with ``--strict`` also a warning), 2 wrong
usage.

The check runs on every commit and in editors, so it stays quick: it loads the content with the
same ``content.load_content`` as the build but never imports Pelican. The settings come from
``pelicanconf.py`` run as the plain Python file it is (``runpy``, as Pelican itself executes it),
taking only ``DOUANE_STATUS``, ``SITEURL`` and ``PATH``; Pelican's own defaults play no part in
the checks. That saves Pelican's import (about 0.1 s, a third of a check of a few dozen files).
"""

from __future__ import annotations

import ast
import json
import re
import runpy
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..building.parallel import run_jobs
from ..domain.config import ADMIN_SETTING, AdminSettings, StatusSettings
from ..domain.errors import BuildError, ConfigError, ExitStatus, UsageError
from ..domain.findings import Finding, Severity, one_line
from ..domain.options import option
from ..rules.content import OUTAGES_DIR, load_content, one_after_another, outage_files
from .options import parse_now

FORMATS = ("text", "json", "github")
SETTINGS_FILE = "pelicanconf.py"


@dataclass(frozen=True)
class CheckOptions:
    """Check outage files against the format and the protocol rules."""

    format_: str = option("text (default), json or github", "text", choices=FORMATS)
    now: str | None = option("judge time-dependent rules at this moment (default: now)")
    strict: bool = option("exit 1 on warnings too", False)
    path: tuple[str, ...] = option(
        "file or folder to check (repeatable; default content/outages/)", ()
    )


def read_settings(project: Path, name: str = SETTINGS_FILE) -> tuple[StatusSettings, Path]:
    """The typed settings and the content folder, from ``pelicanconf.py`` (or the settings file
    ``name``) without Pelican."""
    settings_file = project / name
    if not settings_file.is_file():
        raise ConfigError(f"{settings_file} is missing: run the command in the project folder")
    try:
        values: dict[str, Any] = runpy.run_path(str(settings_file))
    except Exception as exc:  # the settings file is Python; report what broke, no traceback
        line = _error_line(exc, settings_file)
        raise ConfigError(f"{name}:{line}: cannot be read: {type(exc).__name__}: {exc}") from None
    douane = values.get("DOUANE_STATUS", {})
    admin = values.get(ADMIN_SETTING, {})
    site_url = values.get("SITEURL", "")
    content = values.get("PATH", "content")
    where = _setting_lines(settings_file)
    for setting, value in (("DOUANE_STATUS", douane), (ADMIN_SETTING, admin)):
        if not isinstance(value, dict):
            raise ConfigError(f"{name}:{where.get(setting, 1)}: {setting} must be a dict")
    if not isinstance(site_url, str):
        raise ConfigError(f"{name}:{where.get('SITEURL', 1)}: SITEURL must be a text")
    if not isinstance(content, str):
        raise ConfigError(f"{name}:{where.get('PATH', 1)}: PATH must be a folder name")
    content_dir = Path(content) if Path(content).is_absolute() else project / content
    try:
        AdminSettings.from_mapping(admin)  # the build reads it: a mistake must show here first
        return StatusSettings.from_mapping(douane, site_url=site_url), content_dir
    except ConfigError as exc:
        message = str(exc)
        about = message.split("; known")[0]  # the setting at fault, not the list of known ones
        named = [line for key, line in where.items() if re.search(rf"\b{re.escape(key)}\b", about)]
        raise ConfigError(f"{name}:{named[-1] if named else 1}: {message}") from None


def _error_line(exc: Exception, settings_file: Path) -> int:
    """The line of pelicanconf.py an exception was raised on (1 when it cannot be told)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f.lineno for f in frames if f.filename == str(settings_file) and f.lineno]
    return lines[-1] if lines else 1


def _setting_lines(settings_file: Path) -> dict[str, int]:
    """The line of each top-level setting and of each key in a settings dict, by name.

    The settings' values are checked after the file ran, so their line is looked up in its
    source: a finding names the line to change.
    """
    lines: dict[str, int] = {}
    tree = ast.parse(settings_file.read_text("utf-8"))
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                lines[target.id] = node.lineno
        if isinstance(node.value, ast.Dict):
            for key in node.value.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    lines[key.value] = key.lineno
    return lines


def resolve_paths(project: Path, paths: Sequence[str]) -> list[Path]:
    """Each ``--path`` relative to the current folder, else to the project; missing is wrong."""
    resolved = []
    for text in paths:
        path = Path(text).expanduser()
        candidates = [path] if path.is_absolute() else [Path.cwd() / path, project / path]
        found = next((p for p in candidates if p.exists()), None)
        if found is None:
            raise UsageError(f"--path {text}: no such file or folder")
        resolved.append(found)
    return resolved


FILES_TO_SHARE = 50  # fewer outage files are read sooner than workers are started


def run_check(project: Path, options: CheckOptions) -> ExitStatus:
    """Check the outage files and print the findings; returns the exit status."""
    try:
        if options.format_ not in FORMATS:
            raise UsageError(f"unknown --format '{options.format_}': use {', '.join(FORMATS)}")
        settings, content_dir = read_settings(project)
        moment = parse_now(options.now, settings)
        only = resolve_paths(project, options.path) if options.path else None
        checked = outage_files(only if only is not None else [content_dir / OUTAGES_DIR])
        # the whole tree is read on every core; a file or two is read at once here
        run_all = run_jobs if len(checked) > FILES_TO_SHARE else one_after_another
        content = load_content(
            content_dir, settings, moment, root=project, only=only, run_all=run_all
        )
    except (UsageError, ConfigError) as exc:
        print(one_line(f"error: {exc}"), file=sys.stderr)
        return ExitStatus.USAGE
    except (OSError, BuildError) as exc:  # a file that vanished or cannot be read
        unread = exc.__cause__ if isinstance(exc, BuildError) else exc  # in a worker process
        if not isinstance(unread, OSError):
            raise
        message = f"error: cannot read {unread.filename or 'a file'}: {unread.strerror}"
        print(one_line(message), file=sys.stderr)
        return ExitStatus.USAGE

    findings = content.findings
    write_findings(findings, options.format_, len(checked), sys.stdout)
    errors = sum(f.is_error for f in findings)
    if errors or (options.strict and findings):
        return ExitStatus.FINDINGS
    return ExitStatus.OK


def write_findings(
    findings: Sequence[Finding], output_format: str, files: int, out: TextIO
) -> None:
    if output_format == "json":
        out.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        out.write("\n")
        return
    for finding in findings:
        out.write(github_line(finding) if output_format == "github" else finding.as_text())
        out.write("\n")
    out.write(summary(findings, files) + "\n")


def summary(findings: Sequence[Finding], files: int) -> str:
    """E.g. ``2 errors, 1 warning in 23 files``."""
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command that shows the finding as an annotation."""
    command = "error" if finding.severity is Severity.ERROR else "warning"
    return (
        f"::{command} file={_escape_property(finding.file)},line={finding.line},"
        f"title={_escape_property(finding.code)}::{_escape_data(finding.message)}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
