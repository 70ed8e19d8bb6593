"""Command options, declared once: a frozen dataclass per command, one field per option.

The field's name gives the option's name (``title_nl`` is ``--title-nl``; a trailing underscore,
as in ``type_``, is dropped), its type how the value is read (``bool``: a switch;
``tuple[str, ...]``: repeatable; ``int``: a whole number; ``str``: text) and ``option(...)`` its
help. The command line (``commands/``) and the invoke tasks (``tasks.py``) are both derived from
these classes, and the operation behind a command takes its class as its argument, so the three
cannot drift apart. The class's docstring is the command's description.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["switch", "list", "int", "text"]


def option(
    help: str,
    default: object = None,
    *,
    positional: bool = False,
    required: bool = False,
    metavar: str | None = None,
    choices: tuple[str, ...] = (),
) -> Any:  # a dataclass field, typed as its default like dataclasses.field
    """One option: its help text and how it is given (a positional argument has no default)."""
    metadata = {
        "help": help,
        "positional": positional,
        "required": required,
        "metavar": metavar,
        "choices": choices,
    }
    if positional:
        return dataclasses.field(metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class OptionSpec:
    """One option as a command line shows it."""

    name: str  # the field's name
    flag: str  # e.g. --title-nl
    kind: Kind
    help: str
    default: object
    positional: bool
    required: bool
    metavar: str | None
    choices: tuple[str, ...]


def option_specs(options_type: type[Any]) -> tuple[OptionSpec, ...]:
    """The options of a command's dataclass, in the order they are declared."""
    hints = typing.get_type_hints(options_type)
    specs = []
    for item in dataclasses.fields(options_type):
        meta = item.metadata
        specs.append(
            OptionSpec(
                name=item.name,
                flag="--" + item.name.rstrip("_").replace("_", "-"),
                kind=_kind(hints[item.name]),
                help=meta["help"],
                default=None if item.default is dataclasses.MISSING else item.default,
                positional=meta["positional"],
                required=meta["required"],
                metavar=meta["metavar"],
                choices=meta["choices"],
            )
        )
    return tuple(specs)


def _kind(hint: object) -> Kind:
    if hint is bool:
        return "switch"
    if hint == tuple[str, ...]:
        return "list"
    if hint in (int, int | None):
        return "int"
    if hint in (str, str | None):
        return "text"
    raise TypeError(f"an option cannot be of type {hint}")
