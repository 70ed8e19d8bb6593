"""Findings: what a check says about one place in one file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


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
        return f"{self.file}:{self.line}: {self.code} {self.severity}: {self.message}"

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
