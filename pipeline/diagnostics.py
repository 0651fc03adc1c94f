"""Diagnostic: the one result type every check produces and every reporter reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

SURROGATES = re.compile(r"[\ud800-\udfff]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str) -> str:
    """Text a contributor wrote, safe to print anywhere: a CI log, a terminal, XML, JSON.

    Control characters (a newline could start a GitHub workflow command; an escape sequence
    could rewrite a terminal), bidirectional overrides and lone surrogates become visible
    escapes such as \\n or \\x1b.
    """
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if m.group() == "\n":
        return "\\n"
    if m.group() == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class UsageError(Exception):
    """The command line or the configuration is wrong, not the content (exit code 2).

    Each argument is one problem (a line of its own); hint says what to do, on lines below.
    """

    def __init__(self, *problems: str, hint: str = "") -> None:
        super().__init__(*problems)
        self.hint = hint


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
    #: The line of the file the diagnostic is on, for a caret under the column (JSON syntax).
    excerpt: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            name: getattr(self, name)
            for name in ("file", "line", "column", "pointer", "rule", "message")
        }
        data["severity"] = self.severity.value
        for name in ("file", "pointer", "message"):  # JSON escapes controls; not lone surrogates
            data[name] = SURROGATES.sub("\ufffd", str(data[name]))
        return {key: data[key] for key in FIELDS}


FIELDS = ("file", "line", "column", "pointer", "rule", "severity", "message")


@dataclass(frozen=True)
class Waived:
    """A diagnostic a waiver in the content set aside, with the reason the waiver gives."""

    diagnostic: Diagnostic
    reason: str
    #: Where the waiver is: the pointer of its entry in the source.
    waiver: str

    def to_dict(self) -> dict[str, object]:
        return {**self.diagnostic.to_dict(), "reason": self.reason, "waiver": self.waiver}


@dataclass
class Report:
    """What a run reports: its diagnostics, how many files it read, what was waived."""

    diagnostics: list[Diagnostic]
    files: int
    #: The files that loaded (JUnit lists the clean ones as passing cases).
    checked: list[str] = field(default_factory=list)
    waived: list[Waived] = field(default_factory=list)


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """Number of diagnostics of one severity."""
    return sum(1 for d in diagnostics if d.severity is severity)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
