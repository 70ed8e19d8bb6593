"""The one exception hierarchy of the package.

Anything an operator can write into a content file ends up as a ``Finding``, never as one of these;
these exceptions are for the build as a whole: the content had errors, a setting is wrong, or a
command was called the wrong way. ``ExitStatus`` is what a command returns for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding


class ExitStatus(IntEnum):
    """How a command ends, for scripts and CI to tell apart."""

    OK = 0
    FINDINGS = 1  # the content has errors (with --strict: warnings too); nothing was published
    USAGE = 2  # the command was called the wrong way, or a setting is wrong
    HELD_BACK = 3  # build --hold-back: published, with event files held back for their errors
    INTERRUPTED = 130  # build: stopped by Ctrl+C (SIGINT), as a shell counts it


class StatusError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigError(StatusError):
    """A setting in pelicanconf.py / publishconf.py has an unknown name or a wrong value."""


class UsageError(StatusError):
    """A command was given arguments it cannot use (exit status 2)."""


class BuildError(StatusError):
    """A step of the build failed for a reason other than the content; nothing was published."""


class ContentError(StatusError):
    """The content has errors; the build stops and the published site stays as it was."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        errors = sum(1 for f in self.findings if f.is_error)
        super().__init__(f"{errors} error(s) in the content; nothing was published")


class PhrasebookError(UsageError):
    """content/phrases.yaml cannot be used: a missing phrase, one language, a bad placeholder."""
