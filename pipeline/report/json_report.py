"""JSON: {"files", "errors", "warnings", "diagnostics": [...], "waived": [...]} (see README)."""

from __future__ import annotations

import json

from ..diagnostics import Report, Severity, count
from .style import PLAIN, Style


def render(report: Report, style: Style = PLAIN) -> str:
    document = {
        "files": report.files,
        "errors": count(report.diagnostics, Severity.ERROR),
        "warnings": count(report.diagnostics, Severity.WARNING),
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "waived": [w.to_dict() for w in report.waived],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
