"""Reporters: each takes the diagnostics (and the number of files) and returns text."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Diagnostic
from . import github, json_report, junit, text

Reporter = Callable[[list[Diagnostic], int], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "junit": junit.render,
}


def emit(
    diagnostics: list[Diagnostic],
    files: int,
    *,
    fmt: str,
    output: Path | None = None,
    checked: list[str] | None = None,
) -> None:
    """Print the report in the chosen format, or write it to output and print the summary."""
    if fmt == "junit":
        report = junit.render(diagnostics, files, checked=checked)
    else:
        report = REPORTER_BY_NAME[fmt](diagnostics, files)
    if fmt == "github":
        github.write_step_summary(diagnostics, files)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
        print(text.summary(diagnostics, files))
    else:
        sys.stdout.write(report)


__all__ = ["REPORTER_BY_NAME", "Reporter", "emit", "text"]
