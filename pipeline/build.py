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
    """`python -m pipeline build`: exit 0 if every source built, 1 if any was skipped or failed.

    Every source is checked before any is rendered; a source with errors gets no PDFs.
    """
    out: Path = options.out
    result = check_paths(options.paths or [SOURCES_DIR])
    failing = {d.file for d in result.diagnostics if d.severity is Severity.ERROR}
    loaded = {s.path: s.display for s in result.sources}
    skipped = [str(path) for path in result.files if loaded.get(path, str(path)) in failing]
    for path in result.files:
        if loaded.get(path, str(path)) in failing:
            remove_outputs(out / path.name.removesuffix(".json"))
    _report(result.diagnostics, len(result.files), options)

    marks = Marks()
    render_problems: list[Diagnostic] = []
    built = 0
    for source in result.valid_sources:
        problems = render_source(
            source,
            out,
            paper=options.paper,
            marks=marks,
            emit_html=getattr(options, "emit_html", False),
        )
        render_problems.extend(problems)
        if has_errors(problems):
            skipped.append(source.display)
        else:
            built += 1
            print(f"built {out / source.data['id']}/ (article.pdf, worksheet.pdf, answer-key.pdf)")
    if render_problems:
        sys.stdout.write(REPORTER_BY_NAME["text"](render_problems, len(result.valid_sources)))
    summary = f"{built} source{'s' if built != 1 else ''} built into {out}/"
    if skipped:
        print(f"{summary}; skipped {len(skipped)} with errors: {', '.join(skipped)}")
        return 1
    print(summary)
    return 0


def _report(diagnostics: list[Diagnostic], files: int, options: argparse.Namespace) -> None:
    """The validation report, in the chosen format, before anything is rendered."""
    fmt = options.format
    report = REPORTER_BY_NAME[fmt](diagnostics, files)
    if options.output is not None:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        options.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
