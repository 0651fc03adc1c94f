"""Build: check everything, render the changed valid sources in workers, write atomically,
keep the manifest, and report what was built, unchanged or skipped."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import PACKS_DIR, SOURCES_DIR, manifest, workers
from .check import check_and_report
from .diagnostics import Diagnostic, Severity, has_errors
from .render import RenderError
from .render.documents import pinned_epoch, plan, preview_html, render_document
from .render.view import Marks
from .report import emit
from .report.text import render as text_report
from .series import answer_table, make_series
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


#: What a build may write in build/<id>/; anything else there is left alone.
OUTPUT_PATTERNS = ("*.pdf", "*.html", "answer-key.json")


def remove_outputs(folder: Path) -> bool:
    """Remove the PDFs, previews and key of a source that no longer builds."""
    if not folder.is_dir():
        return False
    removed = False
    for pattern in (*OUTPUT_PATTERNS, ".*.tmp"):
        for target in folder.glob(pattern):
            target.unlink(missing_ok=True)
            removed = True
    if not any(folder.iterdir()):
        folder.rmdir()
    return removed


def _sweep_temporary_files(out: Path) -> None:
    """Remove temporary files a killed worker may have left (never a finished PDF)."""
    for leftover in out.glob("*/.*.tmp"):
        leftover.unlink(missing_ok=True)


def source_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def key_document(data: dict, *, marks: Marks, series: int) -> bytes:
    """answer-key.json: the key in machine-readable form, per series, for scoring."""
    all_series = make_series(data["questions"], max(series, 1), seed=data["id"])
    table = {
        "id": data["id"],
        "title": data["title"],
        "marks": marks.to_dict(),
        "questions": [q["id"] for q in data["questions"]],
        "series": answer_table(data, all_series),
    }
    return (json.dumps(table, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_source(
    source: Source,
    out: Path,
    *,
    paper: str,
    marks: Marks,
    emit_html: bool = False,
    series: int = 1,
    started: Callable[[str], None] = lambda name: None,
) -> list[Diagnostic]:
    """Render and write the documents of one valid source; problems become diagnostics."""
    data = source.data
    return render_data(
        data,
        out / data["id"],
        display=source.display,
        paper=paper,
        marks=marks,
        emit_html=emit_html,
        series=series,
        started=started,
        article=True,
    )


def render_data(
    data: dict,
    folder: Path,
    *,
    display: str,
    paper: str,
    marks: Marks,
    emit_html: bool,
    series: int,
    started: Callable[[str], None],
    article: bool,
    header: dict[str, str] | None = None,
) -> list[Diagnostic]:
    """Render every planned document of a source or pack into folder, all or nothing."""
    outputs: dict[str, bytes] = {"answer-key.json": key_document(data, marks=marks, series=series)}
    problems: list[Diagnostic] = []
    epoch = pinned_epoch(data, source_epoch())
    documents = plan(
        data, marks=marks, epoch=source_epoch(), series=series, article=article, header=header
    )
    for document in documents:
        started(document.name)
        try:
            html, rendered = render_document(document, paper=paper, key=data["id"], epoch=epoch)
        except RenderError as err:
            problems.append(_problem(display, "render/failed", f"{document.name}: {err}"))
            continue
        problems += [
            _problem(display, "render/warning", f"{document.name}: {w}", Severity.WARNING)
            for w in rendered.warnings
        ]
        outputs[f"{document.name}.pdf"] = rendered.pdf
        if emit_html:
            outputs[f"{document.name}.html"] = preview_html(html, paper=paper).encode("utf-8")
    if has_errors(problems):
        remove_outputs(folder)  # a source builds whole or not at all
        return problems
    stale = {p.name for pattern in OUTPUT_PATTERNS for p in folder.glob(pattern)} - set(outputs)
    for name, payload in outputs.items():
        write_atomically(folder / name, payload)
    for name in stale:  # e.g. worksheet.pdf after switching to series
        (folder / name).unlink(missing_ok=True)
    return problems


def _problem(
    display: str, rule: str, message: str, severity: Severity = Severity.ERROR
) -> Diagnostic:
    return Diagnostic(display, 1, 1, "", rule, severity, message)


def stream_for(options: argparse.Namespace) -> TextIO:
    """Progress and summaries go to stdout, or to stderr when stdout carries a machine report."""
    return sys.stdout if options.format == "text" or options.output is not None else sys.stderr


class Progress:
    """A progress bar on a terminal; one plain line per source otherwise (pipes, CI)."""

    def __init__(self, total: int, stream: TextIO = sys.stdout) -> None:
        self.stream = stream
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
            print(line, flush=True, file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def build(options: argparse.Namespace) -> int:
    """`python -m pipeline build`: exit 0 if every source built, 1 if any was skipped or failed.

    Every source is checked before any is rendered; a source with errors gets no PDFs.
    """
    out: Path = options.out
    jobs: int = getattr(options, "jobs", None) or os.cpu_count() or 1
    result = check_and_report(
        options.paths or [SOURCES_DIR], fmt=options.format, output=options.output
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

    series: int = getattr(options, "series", 1) or 1
    inputs = manifest.inputs_hash(f"{options.paper}/series={series}")
    marks = Marks()
    emit_html = getattr(options, "emit_html", False)
    tasks: list[workers.Task] = []
    unchanged = 0
    hashes: dict[str, str] = {}
    for source in result.valid_sources:
        key = source.data["id"]
        hashes[key] = manifest.source_hash(source)
        names = [d.name for d in plan(source.data, marks=marks, epoch=None, series=series)]
        wanted = ["answer-key.json", *(f"{n}.pdf" for n in names)]
        wanted += [f"{n}.html" for n in names] if emit_html else []
        force = getattr(options, "force", False)
        if not force and state.is_current(key, hashes[key], inputs, out / key, wanted):
            unchanged += 1
            continue

        def run(started: Callable[[str], None], source: Source = source) -> list[Diagnostic]:
            return render_source(
                source,
                out,
                paper=options.paper,
                marks=marks,
                emit_html=emit_html,
                series=series,
                started=started,
            )

        tasks.append(workers.Task(key, source.display, run, str(source.path.resolve())))

    render_problems: list[Diagnostic] = []
    built = 0
    progress = Progress(len(tasks), stream_for(options))

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
        from .render.pdf import warm_up

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
    pack_files = (
        sorted(PACKS_DIR.glob("*.json")) if not options.paths and PACKS_DIR.is_dir() else []
    )
    if pack_files:
        from . import packs

        checked = [packs.check_pack(path, result) for path in pack_files]
        pack_diagnostics = [d for one in checked for d in one.diagnostics]
        if pack_diagnostics:
            emit(pack_diagnostics, len(pack_files), fmt=options.format)
        try:
            pack_built, pack_unchanged, pack_skipped, pack_problems = packs.build_packs(
                checked, out, options=options, state=state, inputs=inputs
            )
        finally:
            manifest.save(out, state)
        built, unchanged = built + pack_built, unchanged + pack_unchanged
        skipped += pack_skipped
        render_problems += pack_problems
    summary = f"{built} built, {unchanged} unchanged in {out}/"
    return finish(options, summary, skipped=skipped, problems=render_problems, count=len(tasks))


def finish(
    options: argparse.Namespace,
    summary: str,
    *,
    skipped: list[str],
    problems: list[Diagnostic],
    count: int,
) -> int:
    """Report render problems and the closing summary; exit 1 if anything was skipped."""
    stream = stream_for(options)
    if problems:
        stream.write(text_report(problems, count))
    if skipped:
        print(f"{summary}; skipped {len(skipped)} with errors: {', '.join(skipped)}", file=stream)
        return 1
    print(summary, file=stream)
    return 0
