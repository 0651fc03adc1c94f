"""Reporters: each turns a Report (diagnostics, files, waivers) into text in one format."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report, Severity
from .style import PLAIN, Style

Reporter = Callable[[Report, Style], str]


class _Reporters(Mapping[str, Reporter]):
    """Format name -> its reporter, each module imported when first asked for (start-up)."""

    MODULES = {
        "text": "text",
        "json": "json_report",
        "github": "github",
        "junit": "junit",
        "sarif": "sarif",
    }

    def __getitem__(self, name: str) -> Reporter:
        module = importlib.import_module(f"{__name__}.{self.MODULES[name]}")
        render: Reporter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(self.MODULES)

    def __len__(self) -> int:
        return len(self.MODULES)


REPORTER_BY_NAME: Mapping[str, Reporter] = _Reporters()


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
    from . import text

    body = REPORTER_BY_NAME[options.format](report, options.style)
    if options.output is not None:
        _write(options.output, body)
        if not options.style.quiet:
            print(text.summary(report, options.style))
    else:
        sys.stdout.write(body)
        sys.stdout.flush()
    if options.format == "github":  # after the annotations: a failure here loses none of them
        from . import github

        github.write_step_summary(report)


def _write(path: Path, body: str) -> None:
    """Write the report to path; a failure names the path (a full disk says nothing else).

    A link inside the project (one a pull request committed as `validate.sarif`) is never
    written through; outside it (/dev/stdout) a link is the user's own choice.
    """
    from ..config import project
    from ..diagnostics import UsageError

    if path.is_symlink() and Path(os.path.abspath(path)).is_relative_to(project().root):
        raise UsageError(
            f"--output {path} is a symbolic link inside the project; the report is not "
            "written through it: remove the link or choose another file"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    except OSError as err:
        if err.filename is None:
            err.filename = str(path)
        raise


__all__ = ["REPORTER_BY_NAME", "Report", "ReportOptions", "Reporter", "Style", "emit"]
