"""Reporters: each takes the diagnostics (and the number of files) and returns text."""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Diagnostic
from . import github, json_report, junit, text

Reporter = Callable[[list[Diagnostic], int], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "junit": junit.render,
}

__all__ = ["REPORTER_BY_NAME", "Reporter", "text"]
