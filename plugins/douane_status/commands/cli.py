"""The command line: one subcommand per task, ``main(project, argv)`` returns the exit status.

The invoke tasks in tasks.py call ``main``; ``python tasks.py COMMAND ...`` reaches it directly.
Each command's options are a dataclass (``domain/options.py``) from which the parser is built.
Exit status (``ExitStatus``): 0 all well, 1 content errors (or warnings with --strict), 2 wrong
usage, 3 published with held-back files (``build --hold-back``). Nothing an operator writes
produces a traceback here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..building.collector import young_garbage_collected_only
from ..building.parallel import run_jobs
from ..domain.config import CACHE_FOLDER, StatusSettings
from ..domain.errors import BuildError, ConfigError, ContentError, ExitStatus, UsageError
from ..domain.options import option
from ..notify.options import NotifyOptions
from ..operators.options import CloseOptions, NewOptions, UpdateOptions
from ..rules.content import Content, ReadContent, load_content
from . import operate
from .check import CheckOptions, read_settings, run_check
from .notify import notify
from .options import add_options, options_from, parse_now
from .settings import print_findings, print_held_back, project_settings

if TYPE_CHECKING:
    from ..building.holdback import HoldBack


@dataclass(frozen=True)
class BuildOptions:
    """Check the content and build the site; a failed build leaves the old output untouched."""

    now: str | None = option("the build's 'now', e.g. 2026-11-29T10:00 (default: the current time)")
    output: str = option("folder to write the site into (default: output)", "output")
    publish: bool = option(
        "use publishconf.py (absolute URLs from the SITEURL environment variable)", False
    )
    hold_back: bool = option(
        "publish despite errors in event files: each such file as in the newest commit in which "
        "it checks clean, or left out (exit 3); errors elsewhere still stop the build",
        False,
    )


@dataclass(frozen=True)
class ServeOptions:
    """Preview the site at http://localhost:PORT/, rebuilding when content or theme changes."""

    port: int = option("port to serve on (default 8000)", 8000)
    now: str | None = option("fixed 'now' for each rebuild")


@dataclass(frozen=True)
class PruneOptions:
    """Delete the files of events past the one-year retention (git history keeps them)."""

    now: str | None = option("judge retention at this moment (default: now)")
    dry_run: bool = option("only list what would be removed", False)


@dataclass(frozen=True)
class CleanOptions:
    """Remove the built site and caches."""


@dataclass(frozen=True)
class SchemaOptions:
    """Write schema/outage.schema.json, the front matter's JSON Schema for code editors."""

    check: bool = option(
        "only check that the committed schema is up to date (exit 1 if not)", False
    )


@dataclass(frozen=True)
class EditorOptions:
    """The web editor at http://localhost:PORT/admin/, saving into this repository."""

    port: int = option("port of the site and editor (default 8000)", 8000)
    now: str | None = option("fixed 'now' for builds")


def build(project: Path, options: BuildOptions, *, serving: bool = False) -> ExitStatus:
    """``invoke build``; ``serving``: a rebuild of ``invoke serve`` or ``invoke editor``, which
    print their own addresses.

    The content is read and checked first, on every core, while this process loads Pelican and
    the modules that write the site (``read_first``): the cores that would wait while Pelican
    starts read instead. The build takes what was read if Pelican's settings are the same
    (``ReadContent``); with ``--hold-back`` the files held back are read again, as published.
    """
    from ..building.failures import explain
    from ..building.target import check_output_target

    output = options.output
    held: HoldBack | None = None
    steps: list[str] = []  # the build's steps reached: "exchanged" once the new site is in place
    try:
        settings_name = "publishconf.py" if options.publish else "pelicanconf.py"
        settings, content_dir = read_settings(project, settings_name)
        moment = parse_now(options.now, settings)
        target = project / output if not Path(output).is_absolute() else Path(output)
        check_output_target(project, target, output)
        with young_garbage_collected_only():  # from the first file read to the swap
            content = read_first(project, content_dir, settings, moment)
            from ..building.build import build_site  # loaded already, while the content was read
            from ..building.holdback import hold_back

            read: ReadContent | None = ReadContent(content, content_dir, project, settings, moment)
            if options.hold_back:
                held = hold_back(project, content_dir, settings, moment, content)
                print_findings([f for f in held.findings if f.is_error])  # the build shows warnings
                read = None if held.versions else read
            elif content.has_errors:
                raise ContentError(content.findings)
            build_site(
                project,
                project / settings_name,
                target,
                moment,
                versions=held.versions if held else None,
                content=read,
                step=steps.append,
            )
    except ContentError as exc:
        print_findings(exc.findings)
        errors = sum(1 for f in exc.findings if f.is_error)
        print(
            f"Build failed: {errors} error(s). Nothing was published; {output}/ is unchanged.",
            file=sys.stderr,
        )
        return ExitStatus.FINDINGS
    except (BuildError, OSError) as exc:
        why = explain(exc, "build the site:", project) if isinstance(exc, OSError) else str(exc)
        print(
            f"Build failed: {why}. Nothing was published; {output}/ is unchanged.", file=sys.stderr
        )
        return ExitStatus.FINDINGS
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except SystemExit as exc:  # publishconf.py refuses to run without SITEURL
        print(exc, file=sys.stderr)
        return ExitStatus.USAGE
    except KeyboardInterrupt:  # Ctrl+C, or a CI run cancelled: what the build left is whole
        if "exchanged" in steps:
            print(f"Build interrupted after the new site was put in {output}/.", file=sys.stderr)
        else:
            print(
                f"Build interrupted. Nothing was published; {output}/ is unchanged.",
                file=sys.stderr,
            )
        if serving:
            raise  # a rebuild of the preview or the editor: they stop, as Ctrl+C asks
        return ExitStatus.INTERRUPTED
    shown = target.relative_to(project) if target.is_relative_to(project) else target
    print(
        f"Built the site into {shown}/ (now = {moment.astimezone(settings.tz):%Y-%m-%d %H:%M %Z})."
    )
    if not serving:
        print("Preview it with: .venv/bin/invoke serve   (then open http://localhost:8000/)")
    if held and held.held_back:
        print_held_back(held.held_back)
        return ExitStatus.HELD_BACK
    return ExitStatus.OK


def read_first(
    project: Path, content_dir: Path, settings: StatusSettings, now: dt.datetime
) -> Content:
    """The content, read and checked on every core while this process loads the build."""
    return load_content(
        content_dir,
        settings,
        now,
        root=project,
        run_all=partial(run_jobs, meanwhile=partial(load_the_build, now, settings, project)),
    )


def load_the_build(now: dt.datetime, settings: StatusSettings, project: Path) -> None:
    """What a build loads while the content is read: Pelican and the build's modules, the
    holidays the rules look up next and the modules that write the site."""
    importlib.import_module("..building.build", __package__)  # Pelican, Jinja, the adapter
    from ..building.pelican_adapter import load_rules_and_writers

    load_rules_and_writers(now, settings, project)


def serve(project: Path, options: ServeOptions) -> ExitStatus:
    """The preview; a taken port is refused before the first build, naming what holds it.
    Ctrl+C, SIGTERM and SIGHUP stop it, however it was started (``stopped_by_signals``)."""
    from ..editor.editor import require_free_port, stopped_by_signals
    from .preview import serve_with_rebuild

    with stopped_by_signals():
        try:
            require_free_port(options.port, "the preview", "--port")
            serve_with_rebuild(project, options.port, _rebuild(project, options.now))
        except UsageError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return ExitStatus.USAGE
        except KeyboardInterrupt:
            pass
    return ExitStatus.OK


def _rebuild(project: Path, now: str | None) -> Callable[[], ExitStatus]:
    """The preview's rebuild: into output/, at a fixed ``now`` if one was given."""
    return lambda: build(project, BuildOptions(now=now), serving=True)


def prune(project: Path, options: PruneOptions) -> ExitStatus:
    from ..operators.prune import expired_events, remove

    try:
        _, settings = project_settings(project)
        moment = parse_now(options.now, settings)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    content_dir = project / "content"
    expired = expired_events(content_dir, settings, moment, project)
    verb = "Would remove" if options.dry_run else "Removed"
    for item in expired:
        until = item.kept_until.astimezone(settings.tz)
        print(f"{verb} {item.path.relative_to(project)} (kept until {until:%Y-%m-%d %H:%M %Z})")
    if not options.dry_run:
        remove(expired, content_dir)
    if not expired:
        print("No events past retention.")
    return ExitStatus.OK


def clean(project: Path, options: CleanOptions) -> ExitStatus:
    for name in ("output", CACHE_FOLDER, ".pytest_cache", ".ruff_cache", ".hypothesis"):
        shutil.rmtree(project / name, ignore_errors=True)
    for leftover in project.glob(".output.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    print("Removed output/, the previous site and caches.")
    return ExitStatus.OK


def schema(project: Path, options: SchemaOptions) -> ExitStatus:
    """Write schema/outage.schema.json, or with ``--check`` only say whether it is up to date."""
    from ..editor.schema import SCHEMA_FILE, schema_text, write_schema

    if options.check:
        path = project / SCHEMA_FILE
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != schema_text():
            print(f"{SCHEMA_FILE} is out of date: run 'invoke schema'", file=sys.stderr)
            return ExitStatus.FINDINGS
        print(f"{SCHEMA_FILE} is up to date.")
        return ExitStatus.OK
    path, changed = write_schema(project)
    print(f"{'Wrote' if changed else 'Unchanged:'} {path.relative_to(project)}")
    return ExitStatus.OK


def editor(project: Path, options: EditorOptions) -> ExitStatus:
    """The web editor at http://localhost:PORT/admin/, saving into this project's content/."""
    from ..editor.editor import (
        admin_settings,
        require_free_port,
        start_local_backend,
        stop,
        stopped_by_signals,
    )
    from .preview import serve_with_rebuild

    port = options.port
    with stopped_by_signals():
        try:
            admin = admin_settings(project)
            require_free_port(port, "the site and editor", "--port")
            backend = start_local_backend(project, admin)
        except (UsageError, ConfigError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return ExitStatus.USAGE
        except KeyboardInterrupt:
            return ExitStatus.OK
        print(
            f"Web editor: http://localhost:{port}/admin/ (or http://127.0.0.1:{port}/admin/; "
            f"saves into {project / 'content'}"
        )
        print(
            f"through Decap's local backend on 127.0.0.1:{admin.local_backend_port}; "
            "commit the files with git yourself)."
        )
        try:
            serve_with_rebuild(project, port, _rebuild(project, options.now))
        except UsageError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return ExitStatus.USAGE
        except KeyboardInterrupt:
            pass
        finally:
            stop(backend)
    return ExitStatus.OK


@dataclass(frozen=True)
class Command:
    name: str
    options: type[Any]  # the command's options dataclass
    run: Callable[[Path, Any], ExitStatus]


COMMANDS = (
    Command("build", BuildOptions, build),
    Command("serve", ServeOptions, serve),
    Command("check", CheckOptions, run_check),
    Command("new", NewOptions, operate.new),
    Command("update", UpdateOptions, operate.update),
    Command("close", CloseOptions, operate.close),
    Command("prune", PruneOptions, prune),
    Command("clean", CleanOptions, clean),
    Command("schema", SchemaOptions, schema),
    Command("editor", EditorOptions, editor),
    Command("notify", NotifyOptions, notify),
)


def main(project: Path, argv: Sequence[str]) -> ExitStatus:
    """Run the command ``argv`` names (e.g. ``["check", "--strict"]``) in ``project``."""
    try:
        command, options = parse(argv)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except SystemExit as exc:  # --help was asked for and printed
        return ExitStatus.OK if exc.code in (0, None) else ExitStatus.USAGE
    return command.run(project, options)


def run_as_script(project: Path, argv: Sequence[str]) -> NoReturn:
    """``python tasks.py ARGS``: run the command and end the process with its status.

    After ``build`` the process ends without the interpreter's teardown (``os._exit``, once
    the output and the log are flushed). Everything a build does is done by then: the site is
    written, synced and swapped in, its workers joined. What the teardown would add is
    freeing, one by one, every object of the content and the pages that the kernel frees at
    once: 0.03 s of a 1.7 s build of 500 events (README, "Build speed"). Other commands end
    as usual: a server may leave threads whose end is worth waiting for.
    """
    status = main(project, argv)
    if argv[:1] != ["build"]:
        sys.exit(status)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def parse(argv: Sequence[str]) -> tuple[Command, Any]:
    """The command and its options, or UsageError saying what is wrong with ``argv``."""
    parser = _Parser(prog="invoke", description="The status site's tasks.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # the options of the command named, if one is (each command's take a millisecond to add)
    named = argv[0] if argv and argv[0] in {c.name for c in COMMANDS} else None
    for command in COMMANDS:
        doc = command.options.__doc__
        sub = commands.add_parser(command.name, help=doc, description=doc)
        if named in (None, command.name):
            add_options(sub, command.options)
    namespace, unknown = parser.parse_known_args(list(argv))
    if unknown:
        words = ", ".join(f"'{word}'" for word in unknown)
        raise UsageError(f"{namespace.command}: unknown option or argument {words}")
    command = next(c for c in COMMANDS if c.name == namespace.command)
    return command, options_from(command.options, namespace)


class _Parser(argparse.ArgumentParser):
    """Usage errors are raised, not printed with an exit, so ``main`` reports them like others."""

    def error(self, message: str) -> NoReturn:
        help_command = f"{self.prog} --help" if " " in self.prog else f"{self.prog} --list"
        raise UsageError(f"{message} (see: {help_command})")
