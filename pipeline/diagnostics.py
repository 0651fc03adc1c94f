"""Diagnostic: the one result type every check produces and every reporter reads."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum

_SURROGATE = re.compile(r"[\ud800-\udfff]")
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
        for name in ("file", "pointer", "message"):  # JSON escapes controls; not lone surrogates
            data[name] = _SURROGATE.sub("\ufffd", data[name])
        return data


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """Number of diagnostics of one severity."""
    return sum(1 for d in diagnostics if d.severity is severity)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
