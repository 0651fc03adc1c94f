"""GitHub Actions workflow commands: one annotation per diagnostic, then a summary line."""

from __future__ import annotations

import os

from ..diagnostics import Diagnostic, Severity, clean
from .text import summary

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (%, CR, LF), as the Actions runner expects; other controls shown."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(value)


def escape_property(value: str) -> str:
    """Escape a command property: the message escapes plus ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        props = ",".join(
            f"{name}={escape_property(str(value))}"
            for name, value in (
                ("file", d.file),
                ("line", d.line),
                ("col", d.column),
                ("title", d.rule),
            )
        )
        lines.append(f"::{_COMMAND[d.severity]} {props}::{escape_data(d.message)}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def step_summary(diagnostics: list[Diagnostic], files: int) -> str:
    """A Markdown table of the problems for $GITHUB_STEP_SUMMARY."""
    rows = [
        "### Editorial checks",
        "",
        summary(diagnostics, files),
        "",
    ]
    if diagnostics:
        rows += ["| File | Line | Severity | Rule | Message |", "| --- | ---: | --- | --- | --- |"]
        for d in diagnostics:
            message = clean(d.message.replace("\n", " ")).replace("|", "\\|")
            name = clean(d.file).replace("`", "'")
            rows.append(
                f"| `{name}` | {d.line}:{d.column} | {d.severity.value} | `{d.rule}` | {message} |"
            )
    return "\n".join(rows) + "\n"


def write_step_summary(diagnostics: list[Diagnostic], files: int) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(diagnostics, files))
