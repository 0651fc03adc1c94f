"""Plain text: `file:line:column: severity rule: message`, then a summary line."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity, clean, count


def path(name: str) -> str:
    """A file name that cannot start a CI workflow command or look like an option."""
    name = clean(name)
    return f"./{name}" if name.startswith((":", "-")) else name


def render(diagnostics: list[Diagnostic], files: int) -> str:
    lines = [
        f"{path(d.file)}:{d.line}:{d.column}: {d.severity.value} {d.rule}: {clean(d.message)}"
        for d in diagnostics
    ]
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    infos = count(diagnostics, Severity.INFO)
    parts = [
        f"{files} file{'s' if files != 1 else ''} checked",
        f"{errors} error{'s' if errors != 1 else ''}",
        f"{warnings} warning{'s' if warnings != 1 else ''}",
    ]
    if infos:
        parts.append(f"{infos} info")
    return ", ".join(parts)
