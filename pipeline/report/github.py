"""GitHub Actions workflow commands: one annotation per diagnostic, then a summary line."""

from __future__ import annotations

import os

from ..diagnostics import Report, Severity, clean
from .style import PLAIN, Style
from .text import summary

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (%, CR, LF), as the Actions runner expects; other controls shown."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(value)


def escape_property(value: str) -> str:
    """Escape a command property: the message escapes plus ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, style: Style = PLAIN) -> str:
    lines = []
    for d in report.diagnostics:
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
    for w in report.waived:
        lines.append(
            f"waived {escape_data(w.diagnostic.rule)} in {escape_data(w.diagnostic.file)}"
            f":{w.diagnostic.line}: {escape_data(w.reason)}"
        )
    lines.append(summary(report, Style(strict=style.strict)))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return clean(text.replace("\n", " ")).replace("|", "\\|")


def step_summary(report: Report) -> str:
    """A Markdown table of the problems for $GITHUB_STEP_SUMMARY."""
    rows = [
        "### Editorial checks",
        "",
        summary(report),
        "",
    ]
    diagnostics = report.diagnostics
    if diagnostics:
        rows += ["| File | Line | Severity | Rule | Message |", "| --- | ---: | --- | --- | --- |"]
        for d in diagnostics:
            message = _cell(d.message)
            name = clean(d.file).replace("`", "'")
            rows.append(
                f"| `{name}` | {d.line}:{d.column} | {d.severity.value} | `{d.rule}` | {message} |"
            )
    if report.waived:
        rows += [
            "",
            f"#### Waived ({len(report.waived)})",
            "",
            "| File | Line | Rule | Reason |",
            "| --- | ---: | --- | --- |",
        ]
        for w in report.waived:
            d = w.diagnostic
            name = clean(d.file).replace("`", "'")
            rows.append(f"| `{name}` | {d.line}:{d.column} | `{d.rule}` | {_cell(w.reason)} |")
    return "\n".join(rows) + "\n"


def write_step_summary(report: Report) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))
