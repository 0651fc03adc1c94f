"""`python -m pipeline export PATH... --format moodle|qti|gift|html`: checked content, online.

Like `build`: every source (and pack) is checked first; one with errors is refused with its
diagnostics and the command exits 1, the others are exported. Each target's model is built
once, each series applied to it (model.series), and each format writes one file per series
into <out>/<id>/ (packs: <out>/packs/<name>/): moodle.xml, qti.zip, gift.txt, test.html
(collect.html with --collect-only), named -B, -C ... per series and -<lang> when a language
is asked for.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .. import model
from ..build.outputs import make_folder, make_out, write_atomically
from ..build.render import RenderError
from ..build.render.bilingual import resolve
from ..checks.check import check_paths
from ..checks.sources import Source as LoadedSource
from ..checks.sources import find_sources
from ..checks.validate import is_pack
from ..config import project
from ..diagnostics import Report, Severity, clean
from ..model.series import apply, make_series
from ..options import ExportOptions
from ..report import emit
from . import FORMATS
from .online import ExportError, OnlineTest


@dataclass(frozen=True)
class Exportable:
    """A checked source or pack, as the model holds it, and where its files go."""

    key: str  # "<id>" or "packs/<name>"
    display: str
    source: model.Source
    marks: model.Marks = model.Marks()
    series: int = 1


def export(options: ExportOptions) -> int:
    """Check, then export every valid source and pack; exit 1 if any was refused."""
    config = project()
    given = list(options.paths) or [config.sources]
    if not options.paths and options.include_packs and config.packs.is_dir():
        given.append(config.packs)
    pack_paths = find_sources([p for p in given if is_pack(p)])
    source_paths = [p for p in given if not is_pack(p)]
    result = check_paths(source_paths) if source_paths else None
    report = result.report() if result else Report([], 0)
    targets: list[Exportable] = []
    refused: list[str] = []
    if result is not None:
        failing = {d.file for d in result.diagnostics if d.severity is Severity.ERROR}
        loaded = {s.path: s for s in result.sources}
        for path in result.files:
            source = loaded.get(path)
            if source is None or source.display in failing:
                refused.append(source.display if source else str(path))
                continue
            targets.append(Exportable(*_source_target(source), series=options.series))
    if pack_paths:
        targets += _packs(pack_paths, options, report, refused)
    if options.report_problems:
        emit(report, options.report)
    written, failed = _write_all(targets, options)
    refused += failed
    stream = sys.stdout if options.report.format == "text" else sys.stderr
    if not options.report.style.quiet:
        print(f"exported {written} files to {options.out}/", file=stream)
    if refused:
        names = ", ".join(clean(name) for name in refused)
        print(f"refused {len(refused)} with errors: {names}", file=stream)
        return 1
    return 0


def _source_target(loaded: LoadedSource) -> tuple[str, str, model.Source]:
    source = model.load(loaded.data)
    return source.id, loaded.display, source


def _packs(
    paths: list[Path], options: ExportOptions, report: Report, refused: list[str]
) -> list[Exportable]:
    from ..classroom.packs import check_pack, pack_model, pack_name

    context = check_paths([options.sources_dir or project().sources])
    targets = []
    for path in paths:
        checked = check_pack(path, context)
        report.diagnostics += checked.diagnostics
        report.files += 1
        if not checked.ok or checked.pack is None:
            refused.append(checked.pack.display if checked.pack else str(path))
            continue
        name = pack_name(path)
        pack = pack_model(name, checked.pack.data, checked.chosen)
        series = max(options.series, pack.series)
        targets.append(
            Exportable(f"packs/{name}", checked.pack.display, pack.source, pack.marks, series)
        )
    return targets


def tests_of(target: Exportable, options: ExportOptions) -> list[OnlineTest]:
    """One test per series (in its order), in the language asked for (or the source's own)."""
    lang = resolve(target.source, options.lang)
    all_series = make_series(target.source.questions, target.series, seed=target.source.id)
    return [
        OnlineTest(
            apply(target.source, one),
            lang,
            target.marks,
            series=one.letter if target.series > 1 else None,
            collect_only=options.collect_only,
        )
        for one in all_series
    ]


def file_name(fmt: str, test: OnlineTest, options: ExportOptions) -> str:
    spec = FORMATS[fmt]
    stem = "collect" if fmt == "html" and test.collect_only else spec.stem
    series = f"-{test.series}" if test.series else ""
    lang = f"-{test.lang}" if options.lang is not None else ""
    return f"{stem}{series}{lang}.{spec.extension}"


def _write_all(targets: list[Exportable], options: ExportOptions) -> tuple[int, list[str]]:
    written = 0
    failed: list[str] = []
    for target in targets:
        try:
            files = {
                file_name(fmt, test, options): FORMATS[fmt].exporter()(test)
                for test in tests_of(target, options)
                for fmt in options.formats
            }
        except (ExportError, RenderError) as err:
            print(f"{clean(target.display)}: error: {err}", file=sys.stderr)
            failed.append(target.display)
            continue
        make_out(options.out)
        folder = make_folder(options.out, target.key)
        for name, data in files.items():
            write_atomically(folder / name, data)
            written += 1
    return written, failed
