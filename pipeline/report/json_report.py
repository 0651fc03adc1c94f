"""JSON: {"files", "errors", "warnings", "diagnostics": [...]}, documented in the README."""

from __future__ import annotations

import json

from ..diagnostics import Diagnostic, Severity, count


def render(diagnostics: list[Diagnostic], files: int) -> str:
    document = {
        "files": files,
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
