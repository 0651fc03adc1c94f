"""Build: check everything, render the changed valid sources in workers, write atomically,
keep the manifest, and report what was built, unchanged or skipped."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import SOURCES_DIR, manifest, workers
from .check import check_paths
from .diagnostics import Diagnostic, Severity, has_errors
from .render.documents import DOCUMENTS, preview_html, render_document
from .render.pdf import RenderError, warm_up
from .render.view import Marks
from .report import emit
from .report.text import render as text_report
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
    for leftover in folder.glob(".*.tmp") if folder.is_dir() else ():
        leftover.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return removed


def _sweep_temporary_files(out: Path) -> None:
    """Remove temporary files a killed worker may have left (never a finished PDF)."""
    for leftover in out.glob("*/.*.tmp"):
        leftover.unlink(missing_ok=True)


def source_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def render_source(
    source: Source,
    out: Path,
    *,
    paper: str,
    marks: Marks,
    emit_html: bool = False,
    started: Callable[[str], None] = lambda name: None,
) -> list[Diagnostic]:
    """Render and write the documents of one valid source; problems become diagnostics."""
    folder = out / source.data["id"]
    outputs: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for document in DOCUMENTS:
        started(document.name)
        try:
            html, rendered = render_document(
                document, source.data, paper=paper, marks=marks, epoch=source_epoch()
            )
        except RenderError as err:
            problems.append(_problem(source, "render/failed", f"{document.name}: {err}"))
            continue
        problems += [
            _problem(source, "render/warning", f"{document.name}: {w}", Severity.WARNING)
            for w in rendered.warnings
        ]
        outputs[f"{document.name}.pdf"] = rendered.pdf
        if emit_html:
            outputs[f"{document.name}.html"] = preview_html(html, paper=paper).encode("utf-8")
    if has_errors(problems):
        remove_outputs(folder)  # a source builds whole or not at all
        return problems
    for name, data in outputs.items():
        write_atomically(folder / name, data)
    return problems


def _problem(
    source: Source, rule: str, message: str, severity: Severity = Severity.ERROR
) -> Diagnostic:
    return Diagnostic(source.display, 1, 1, "", rule, severity, message)


class Progress:
    """A progress bar on a terminal; one plain line per source otherwise (pipes, CI)."""

    def __init__(self, total: int) -> None:
        self.fancy = sys.stdout.isatty() and not os.environ.get("CI") and total > 1
        self._bar = None
        if self.fancy:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TimeElapsedColumn,
            )
            from rich.progress import (
                Progress as Bar,
            )

            self._bar = Bar(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self._task = self._bar.add_task("rendering", total=total)
            self._bar.start()

    def done(self, line: str) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
        else:
            print(line, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def build(options: argparse.Namespace) -> int:
    """`python -m pipeline build`: exit 0 if every source built, 1 if any was skipped or failed.

    Every source is checked before any is rendered; a source with errors gets no PDFs.
    """
    out: Path = options.out
    jobs: int = getattr(options, "jobs", None) or os.cpu_count() or 1
    result = check_paths(options.paths or [SOURCES_DIR])
    emit(
        result.diagnostics,
        len(result.files),
        fmt=options.format,
        output=options.output,
        checked=[s.display for s in result.sources],
    )

    state = manifest.load(out)
    failing = {d.file for d in result.diagnostics if d.severity is Severity.ERROR}
    loaded = {s.path: s.display for s in result.sources}
    skipped = [str(p) for p in result.files if loaded.get(p, str(p)) in failing]
    for path in result.files:
        if loaded.get(path, str(path)) in failing:
            stem = path.name.removesuffix(".json")
            remove_outputs(out / stem)
            state.entries.pop(stem, None)
    for key, entry in list(state.entries.items()):  # sources deleted since the last build
        if not Path(entry.source).exists():
            remove_outputs(out / key)
            del state.entries[key]

    inputs = manifest.inputs_hash(options.paper)
    marks = Marks()
    emit_html = getattr(options, "emit_html", False)
    tasks: list[workers.Task] = []
    unchanged = 0
    hashes: dict[str, str] = {}
    for source in result.valid_sources:
        key = source.data["id"]
        hashes[key] = manifest.source_hash(source)
        wanted = [f"{d.name}.pdf" for d in DOCUMENTS] + (
            [f"{d.name}.html" for d in DOCUMENTS] if emit_html else []
        )
        force = getattr(options, "force", False)
        if not force and state.is_current(key, hashes[key], inputs, out / key, wanted):
            unchanged += 1
            continue

        def run(started: Callable[[str], None], source: Source = source) -> list[Diagnostic]:
            return render_source(
                source, out, paper=options.paper, marks=marks, emit_html=emit_html, started=started
            )

        tasks.append(workers.Task(key, source.display, run, str(source.path.resolve())))

    render_problems: list[Diagnostic] = []
    built = 0
    progress = Progress(len(tasks))

    def done(outcome: workers.Outcome) -> None:
        nonlocal built
        render_problems.extend(outcome.diagnostics)
        display = next(t.display for t in tasks if t.key == outcome.key)
        if outcome.ok:
            built += 1
            outputs = sorted(
                p.name for p in (out / outcome.key).iterdir() if not p.name.startswith(".")
            )
            path = next(t.path for t in tasks if t.key == outcome.key)
            state.entries[outcome.key] = manifest.Entry(path, hashes[outcome.key], inputs, outputs)
            progress.done(f"built {out / outcome.key}/ ({', '.join(outputs)})")
        else:
            skipped.append(display)
            state.entries.pop(outcome.key, None)
            remove_outputs(out / outcome.key)
            progress.done(f"failed {display}")

    for task in tasks:  # until it builds again, the manifest claims nothing for a source
        state.entries.pop(task.key, None)
    manifest.save(out, state)
    if tasks:
        warm_up(options.paper)
    try:
        workers.run(
            tasks,
            jobs=jobs,
            timeout=getattr(options, "timeout", workers.DEFAULT_TIMEOUT),
            on_done=done,
        )
    finally:
        progress.close()
        manifest.save(out, state)  # records exactly the sources whose PDFs are complete
        _sweep_temporary_files(out)
    if render_problems:
        sys.stdout.write(text_report(render_problems, len(tasks)))
    summary = f"{built} built, {unchanged} unchanged in {out}/"
    if skipped:
        print(f"{summary}; skipped {len(skipped)} with errors: {', '.join(skipped)}")
        return 1
    print(summary)
    return 0
