"""Findings: what a check says about one place in one file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# Every way a text can start a new line in a log; CI runners read a line that starts with "::"
# (or the older "##[") as a workflow command, and a field name or value can carry one.
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_COMMAND_STARTS = ("::", "##[")


def one_line(text: str) -> str:
    """``text`` on one line: each line break shown as ``\\n``, so that nothing it holds (a
    key with a newline and ``::error …`` after it, say) starts a line of its own in a log; a
    text that would itself start with a workflow command is marked as quoted."""
    joined = _LINE_BREAKS.sub(r"\\n", text)
    return f"> {joined}" if joined.lstrip().startswith(_COMMAND_STARTS) else joined


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: file, line, rule code, severity and a message that says what to do."""

    file: str
    line: int
    code: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_text(self) -> str:
        """One line, whatever the file name or message holds (``one_line``)."""
        return one_line(f"{self.file}:{self.line}: {self.code} {self.severity}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }


def error(file: str, line: int, code: str, message: str) -> Finding:
    return Finding(file, line, code, Severity.ERROR, message)


def warning(file: str, line: int, code: str, message: str) -> Finding:
    return Finding(file, line, code, Severity.WARNING, message)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable order for output: by file, then line, then code."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.code, f.message))
