"""From a command's options dataclass to argparse and back; the ``--now`` every command takes."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any, TypeVar

from ..domain.config import StatusSettings
from ..domain.errors import UsageError
from ..domain.options import OptionSpec, option_specs
from ..domain.timestamps import parse_time_option
from ..reading.characters import first_refused

Options = TypeVar("Options")


def add_options(parser: argparse.ArgumentParser, options_type: type[Any]) -> None:
    """One argument for each field of ``options_type``."""
    for spec in option_specs(options_type):
        parser.add_argument(*_names(spec), **_settings(spec))


def _names(spec: OptionSpec) -> tuple[str, ...]:
    return (spec.name,) if spec.positional else (spec.flag,)


def _settings(spec: OptionSpec) -> dict[str, Any]:
    settings: dict[str, Any] = {"help": spec.help}
    if not spec.positional:
        settings.update(dest=spec.name, required=spec.required)
    if spec.kind == "switch":
        return settings | {"action": "store_true"}
    settings["metavar"] = spec.metavar or spec.flag.removeprefix("--").upper()
    if spec.choices:
        settings.update(
            choices=spec.choices, metavar=spec.metavar or "{" + ",".join(spec.choices) + "}"
        )
    if spec.kind == "list":
        return settings | {"action": "append", "default": []}
    if spec.kind == "int":
        settings["type"] = int
    return settings | ({} if spec.positional else {"default": spec.default})


def options_from(options_type: type[Options], namespace: argparse.Namespace) -> Options:
    """The dataclass filled from what argparse read; a text holding a character no content
    may hold (OUT001, ``reading.characters``) is refused here, naming its option."""
    values = {}
    for spec in option_specs(options_type):
        value = getattr(namespace, spec.name)
        values[spec.name] = tuple(value) if spec.kind == "list" else value
        for text in (value or ()) if spec.kind == "list" else [value]:
            problem = first_refused(text) if isinstance(text, str) else None
            if problem is not None:
                shown = spec.name if spec.positional else spec.flag
                raise UsageError(f"{shown}: {problem}")
    return options_type(**values)


def parse_now(value: str | None, settings: StatusSettings) -> dt.datetime:
    """``--now`` as given (the forms of every time option; ``HH:MM`` is today), or the current
    time."""
    current = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return current if value is None else parse_time_option("--now", value, settings.tz, current)
