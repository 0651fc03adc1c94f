"""Reporters: each turns a Report (diagnostics, files, waivers) into text in one format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report, Severity
from . import github, json_report, junit, sarif, text
from .style import PLAIN, Style

Reporter = Callable[[Report, Style], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "junit": junit.render,
    "sarif": sarif.render,
}


@dataclass(frozen=True)
class ReportOptions:
    """How a command reports: the format, where to, and the conventions users expect."""

    format: str = "text"
    output: Path | None = None
    style: Style = PLAIN
    #: Warnings fail the run (exit 1) as errors do.
    strict: bool = False

    def failed(self, report: Report) -> bool:
        """Whether this report fails the run: any error, or any warning under --strict."""
        failing = {Severity.ERROR, Severity.WARNING} if self.strict else {Severity.ERROR}
        return any(d.severity in failing for d in report.diagnostics)


def emit(report: Report, options: ReportOptions) -> None:
    """Print the report in the chosen format, or write it to a file and print the summary."""
    body = REPORTER_BY_NAME[options.format](report, options.style)
    if options.output is not None:
        _write(options.output, body)
        if not options.style.quiet:
            print(text.summary(report, options.style))
    else:
        sys.stdout.write(body)
        sys.stdout.flush()
    if options.format == "github":  # after the annotations: a failure here loses none of them
        github.write_step_summary(report)


def _write(path: Path, body: str) -> None:
    """Write the report to path; a failure names the path (a full disk says nothing else)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    except OSError as err:
        if err.filename is None:
            err.filename = str(path)
        raise


__all__ = ["REPORTER_BY_NAME", "Report", "ReportOptions", "Reporter", "Style", "emit", "text"]
