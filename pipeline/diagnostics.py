"""Diagnostic: the one result type every check produces and every reporter reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is: errors fail a run, warnings and info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file."""

    file: str
    line: int
    column: int
    pointer: str
    rule: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """Number of diagnostics of one severity."""
    return sum(1 for d in diagnostics if d.severity is severity)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
