"""Plain text: `file:line:column: severity rule: message`, then waivers and a summary line.

A JSON syntax error also shows its line with a caret under the column, as compilers do.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Report, Severity, clean, count
from .style import PLAIN, Style


def path(name: str) -> str:
    """A file name that cannot start a CI workflow command or look like an option."""
    name = clean(name)
    return f"./{name}" if name.startswith((":", "-")) else name


def render(report: Report, style: Style = PLAIN) -> str:
    lines: list[str] = []
    for d in report.diagnostics:
        if style.quiet and d.severity is Severity.INFO:
            continue
        where = style.paint(f"{path(d.file)}:{d.line}:{d.column}:", "bold")
        label = style.paint(f"{d.severity.value} {d.rule}:", d.severity)
        lines.append(f"{where} {label} {clean(d.message)}")
        if d.excerpt:
            lines += caret(d.excerpt, d.column)
    if not style.quiet:
        lines += waived_lines(report, style)
        lines.append(summary(report, style))
    return "\n".join(lines) + "\n" if lines else ""


def caret(excerpt: str, column: int, width: int = 100) -> list[str]:
    """The line, cut to width around column, and a caret under the column."""
    line = clean(excerpt.expandtabs(1))
    start = max(0, column - 1 - width // 2) if len(line) > width else 0
    shown = line[start : start + width]
    prefix = "…" if start else ""
    return [f"    {prefix}{shown}", f"    {' ' * (len(prefix) + column - 1 - start)}^"]


def waived_lines(report: Report, style: Style) -> list[str]:
    """Every waived diagnostic, so a reviewer sees what the content set aside and why."""
    lines = []
    for w in report.waived:
        d = w.diagnostic
        where = f"{path(d.file)}:{d.line}:{d.column}:"
        lines.append(
            style.paint(f"{where} waived {d.rule}: {clean(w.reason)}", "dim")
            + (f"\n    ({clean(d.message)})" if style.verbose else "")
        )
    return lines


def summary(report: Report, style: Style = PLAIN) -> str:
    diagnostics = report.diagnostics
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    infos = count(diagnostics, Severity.INFO)
    files = report.files
    parts = [
        f"{files} file{'s' if files != 1 else ''} checked",
        style.paint(f"{errors} error{'s' if errors != 1 else ''}", Severity.ERROR)
        if errors
        else "0 errors",
        style.paint(f"{warnings} warning{'s' if warnings != 1 else ''}", Severity.WARNING)
        if warnings
        else "0 warnings",
    ]
    if infos:
        parts.append(f"{infos} info")
    if report.waived:
        parts.append(f"{len(report.waived)} waived")
    line = ", ".join(parts)
    if style.strict and warnings:
        line += f" (--strict: {'the warning fails' if warnings == 1 else 'warnings fail'} the run)"
    return line


def plain_summary(diagnostics: list[Diagnostic], files: int) -> str:
    """The summary line without colour or waivers (score and scan print their own)."""
    return summary(Report(diagnostics, files))
