"""GitHub Actions workflow commands: one annotation per diagnostic, then a summary line."""

from __future__ import annotations

import os
import re

from ..diagnostics import Report, Severity, UsageError, clean
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


#: Characters Markdown (and the HTML it allows) gives a meaning to inside a table cell.
_MARKUP = re.compile(r"[\\`*_\[\]<>|~&$]")
#: What GitHub turns into a link or a notification by itself: URLs, www., @-mentions.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)")


def markdown(text: str) -> str:
    """Text a contributor wrote, as inert Markdown for a table cell in the step summary.

    No raw HTML, link, image, emphasis, math or @-mention survives: markup characters are
    backslash-escaped, and a zero-width space breaks what GitHub would autolink or notify.
    """
    text = clean(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    return _AUTOLINK.sub("\u200b", _MARKUP.sub(lambda m: "\\" + m.group(), text))


def step_summary(report: Report) -> str:
    """A Markdown table of the problems for $GITHUB_STEP_SUMMARY; every cell escaped."""
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
            rows.append(
                f"| {markdown(d.file)} | {d.line}:{d.column} | {d.severity.value} "
                f"| {markdown(d.rule)} | {markdown(d.message)} |"
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
            rows.append(
                f"| {markdown(d.file)} | {d.line}:{d.column} | {markdown(d.rule)} "
                f"| {markdown(w.reason)} |"
            )
    return "\n".join(rows) + "\n"


def write_step_summary(report: Report) -> None:
    """Append the table to $GITHUB_STEP_SUMMARY; a file that cannot take it is a usage error."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))
    except OSError as err:
        raise UsageError(
            f"cannot append the step summary to $GITHUB_STEP_SUMMARY ({path}): "
            f"{err.strerror or err}; the annotations above are complete. Unset the variable "
            "or point it at a writable file"
        ) from None
