"""Build: check everything, render the valid sources, write atomically, report what was skipped."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import SOURCES_DIR
from .check import check_paths
from .diagnostics import Diagnostic, Severity, has_errors
from .render.documents import DOCUMENTS, render_document
from .render.pdf import RenderError
from .render.view import Marks
from .report import REPORTER_BY_NAME
from .sources import Source


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_outputs(folder: Path) -> bool:
    """Remove the PDFs (and previews) of a source that no longer builds."""
    removed = False
    for document in DOCUMENTS:
        for suffix in (".pdf", ".html"):
            target = folder / f"{document.name}{suffix}"
            if target.exists():
                target.unlink()
                removed = True
    return removed


def source_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def render_source(
    source: Source, out: Path, *, paper: str, marks: Marks, emit_html: bool = False
) -> list[Diagnostic]:
    """Render and write the three PDFs of one valid source; problems become diagnostics."""
    folder = out / source.data["id"]
    outputs: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for document in DOCUMENTS:
        try:
            html, rendered = render_document(
                document, source.data, paper=paper, marks=marks, epoch=source_epoch()
            )
        except RenderError as err:
            problems.append(
                Diagnostic(
                    source.display,
                    1,
                    1,
                    "",
                    "render/failed",
                    Severity.ERROR,
                    f"{document.name}: {err}",
                )
            )
            continue
        for warning in rendered.warnings:
            problems.append(
                Diagnostic(
                    source.display,
                    1,
                    1,
                    "",
                    "render/warning",
                    Severity.WARNING,
                    f"{document.name}: {warning}",
                )
            )
        outputs[f"{document.name}.pdf"] = rendered.pdf
        if emit_html:
            outputs[f"{document.name}.html"] = html.encode("utf-8")
    if has_errors(problems):
        remove_outputs(folder)  # a source builds whole or not at all
        return problems
    for name, data in outputs.items():
        write_atomically(folder / name, data)
    return problems


def build(options: argparse.Namespace) -> int:
    """`python -m pipeline build`: exit 0 if every source built, 1 if any was skipped or failed."""
    out: Path = options.out
    result = check_paths(options.paths or [SOURCES_DIR])
    diagnostics = list(result.diagnostics)
    marks = Marks()
    skipped: list[str] = []
    built: list[str] = []
    failing_files = {d.file for d in diagnostics if d.severity is Severity.ERROR}
    for path in result.files:
        display = next((s.display for s in result.sources if s.path == path), None)
        if display is None or display in failing_files:
            stem = path.name.removesuffix(".json")
            remove_outputs(out / stem)
            skipped.append(str(path))
    for source in result.valid_sources:
        problems = render_source(
            source,
            out,
            paper=options.paper,
            marks=marks,
            emit_html=getattr(options, "emit_html", False),
        )
        diagnostics.extend(problems)
        if has_errors(problems):
            skipped.append(source.display)
        else:
            built.append(source.data["id"])
            print(f"built {out / source.data['id']}/ (article.pdf, worksheet.pdf, answer-key.pdf)")
    report = REPORTER_BY_NAME[options.format if options.format != "junit" else "text"](
        diagnostics, len(result.files)
    )
    problems_only = [line for line in report.splitlines() if line]
    if options.output is not None:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        options.output.write_text(report, encoding="utf-8")
    elif len(problems_only) > 1 or options.format != "text":
        sys.stdout.write(report)
    print(f"{len(built)} source{'s' if len(built) != 1 else ''} built into {out}/", end="")
    if skipped:
        print(f"; skipped {len(skipped)} with errors: {', '.join(skipped)}")
        return 1
    print()
    return 0
