"""The build engine, one for sources and packs alike.

check everything -> plan targets -> lock <out> -> drop what no longer builds -> skip what the
manifest says is current -> render the rest in workers (time and memory limits) -> write
atomically -> save the manifest -> report. Nothing is written before everything is checked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..checks.check import CheckResult, check_paths
from ..checks.sources import find_sources
from ..classroom.packs import PackCheck, check_pack, pack_name, pack_target
from ..config import project
from ..diagnostics import Diagnostic, Report, Severity, UsageError, clean
from ..options import BuildOptions
from ..report import emit
from ..report.text import render as text_report
from . import manifest, workers
from .outputs import (
    check_out,
    file_hash,
    folder_of,
    locked,
    make_folder,
    remove_written,
    sweep_temporary_files,
)
from .targets import Target, render_target, source_target

SLOW_PATH = (
    "note: libharfbuzz-subset is not installed, so fonts are subset with fontTools, several "
    "times slower (Debian/Ubuntu: apt-get install libharfbuzz-subset0)"
)


@dataclass
class Plan:
    """What one run will build, and what it must drop."""

    targets: list[Target] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files with errors: reported as skipped
    dropped: list[str] = field(default_factory=list)  # target keys whose outputs go
    #: `--shard`: the keys of this shard's share; its manifest vouches for nothing else.
    share: set[str] | None = None


def build(options: BuildOptions) -> int:
    """`python -m pipeline build`: exit 0 if every target built, 1 if any was skipped or failed."""
    plan, inputs, strict_failure = collect(options)
    summary = "{built} built, {unchanged} unchanged in {out}/"
    if options.shard is not None:
        summary += f" (shard {options.shard[0]} of {options.shard[1]})"
    code = _run(options, plan, inputs, summary, prune_deleted=options.shard is None)
    return max(code, int(strict_failure))


def collect(options: BuildOptions, *, report: bool = True) -> tuple[Plan, str, bool]:
    """Check everything (reporting it), then plan the targets of this build (its shard only).

    Returns the plan, the hash of the build's settings, and whether --strict fails the run.
    """
    result = check_paths(list(options.paths) or [project().sources])
    packs = _check_packs(options, result) if options.include_packs and not options.paths else []
    checked = result.report()
    checked.diagnostics = result.diagnostics + [d for one in packs for d in one.diagnostics]
    checked.files += len(packs)
    if report:
        emit(checked, options.report)
    strict_failure = options.report.strict and options.report.failed(checked)
    inputs = manifest.inputs_hash(
        f"{options.paper}/series={options.series}/lang={options.lang or 'auto'}"
        + (f"/copies={options.copies}" if options.copies else "")
    )
    plan = Plan()
    failing = {d.file for d in result.diagnostics if d.severity is Severity.ERROR}
    loaded = {s.path: s for s in result.sources}
    for path in result.files:
        source = loaded.get(path)
        display = source.display if source else None
        if source is None or display in failing:
            plan.failed.append(display or str(path))
            plan.dropped.append(path.name.removesuffix(".json"))
            continue
        plan.targets.append(
            source_target(
                source,
                manifest.source_hash(source),
                series=options.series,
                lang=options.lang,
                copies=options.copies,
            )
        )
    _plan_packs(plan, packs, inputs, options.lang, options.copies)
    if options.shard is not None:
        plan.targets = shard(plan.targets, *options.shard)
        plan.share = {t.key for t in plan.targets}
    return plan, inputs, strict_failure


def stale(options: BuildOptions, plan: Plan, inputs: str) -> list[Target]:
    """The planned targets a build into options.out would render (reads, never writes)."""
    if options.force:
        return list(plan.targets)
    state = manifest.load(options.out) if options.out.is_dir() else manifest.Manifest()
    return [
        t
        for t in plan.targets
        if not state.is_current(
            t.key, t.digest, inputs, options.out, t.wanted(emit_html=options.emit_html)
        )
    ]


def shard(targets: list[Target], k: int, n: int) -> list[Target]:
    """A stable 1/n of the targets, balanced by size: the biggest first, each to the lightest shard.

    Every shard of one commit computes the same assignment, so n runners share a rebuild.
    """
    loads = [0] * min(n, max(len(targets), 1))  # shards beyond the targets get nothing
    mine: list[Target] = []
    for target in sorted(targets, key=lambda t: (-_size(t), t.key)):
        lightest = loads.index(min(loads))
        loads[lightest] += _size(target)
        if lightest == k - 1:
            mine.append(target)
    return sorted(mine, key=lambda t: t.key)


def _size(target: Target) -> int:
    """Rendering work, roughly: questions times series, plus an article."""
    return len(target.source.questions) * max(target.series, 1) + (10 if target.article else 0)


def pack(options: BuildOptions) -> int:
    """`python -m pipeline pack PACK.json...`: check the packs and their sources, then build them."""
    folder = project().packs
    if not options.paths and not folder.is_dir():
        raise UsageError(
            f"no packs to build: {folder} does not exist; name pack files, e.g. packs/week-1.json"
        )
    paths = find_sources(options.paths or [folder])
    sources = check_paths([options.sources_dir or project().sources])
    packs = [check_pack(path, sources) for path in paths]
    drawn = {s.display for one in packs for s, _ in one.chosen}
    relevant = [d for d in sources.diagnostics if d.file in drawn or d.severity is Severity.ERROR]
    report = Report(
        relevant + [d for one in packs for d in one.diagnostics],
        len(paths),
        checked=[one.pack.display for one in packs if one.pack is not None],
        waived=[w for w in sources.waived if w.diagnostic.file in drawn],
    )
    emit(report, options.report)
    inputs = manifest.inputs_hash(
        f"{options.paper}/packs/lang={options.lang or 'auto'}"
        + (f"/copies={options.copies}" if options.copies else "")
    )
    plan = Plan()
    _plan_packs(plan, packs, inputs, options.lang, options.copies)
    code = _run(options, plan, inputs, "{built} packs built, {unchanged} unchanged in {out}/packs/")
    return max(code, int(options.report.strict and options.report.failed(report)))


def _check_packs(options: BuildOptions, result: CheckResult) -> list[PackCheck]:
    packs = project().packs
    if not packs.is_dir():
        return []
    return [check_pack(path, result) for path in find_sources([packs])]


def _plan_packs(
    plan: Plan, packs: list[PackCheck], inputs: str, lang: str | None, copies: int = 0
) -> None:
    for one in packs:
        if one.ok:
            plan.targets.append(pack_target(one, inputs, lang, copies))
        else:
            plan.failed.append(one.pack.display if one.pack else str(one.path))
            plan.dropped.append(f"packs/{pack_name(one.path)}")


def _run(
    options: BuildOptions, plan: Plan, inputs: str, summary: str, *, prune_deleted: bool = False
) -> int:
    """Lock <out>, drop stale outputs, render what changed, keep the manifest honest, report."""
    out = options.out
    stream = stream_for(options)
    check_out(out)
    with locked(out):
        state = manifest.load(out)  # empty unless this tool wrote it (sealed)
        todo: list[Target] = []
        unchanged = 0
        for target in plan.targets:
            wanted = target.wanted(emit_html=options.emit_html)
            if not options.force and state.is_current(
                target.key, target.digest, inputs, out, wanted
            ):
                unchanged += 1
            else:
                todo.append(target)
        for target in todo:  # before anything is deleted: a link in the way stops the build
            make_folder(out, target.key)
        for key in plan.dropped:
            _drop(out, state, key)
        if prune_deleted:  # sources deleted since the last build
            for key, entry in list(state.entries.items()):
                if not Path(entry.source).exists():
                    _drop(out, state, key)
        written = {t.key: state.entries[t.key].outputs for t in todo if t.key in state.entries}
        for target in todo:  # until it builds again, the manifest claims nothing for it
            state.entries.pop(target.key, None)
        if plan.share is not None:  # a shard's folder vouches for its own share, for `merge`
            for key in set(state.entries) - plan.share:
                state.entries.pop(key)
        manifest.save(out, state)
        built, problems, failed = _render(options, todo, state, inputs, stream, written)
    skipped = [*plan.failed, *failed]
    if problems:
        stream.write(text_report(Report(problems, len(todo)), options.report.style))
    line = summary.format(built=built, unchanged=unchanged, out=out)
    quiet = options.report.style.quiet  # -q: the problems above, no summary
    if skipped:
        names = ", ".join(clean(name) for name in skipped)
        if not quiet:
            print(f"{line}; skipped {len(skipped)} with errors: {names}", file=stream)
        return 1
    if not quiet:
        print(line, file=stream)
    return 0


def _render(
    options: BuildOptions,
    todo: list[Target],
    state: manifest.Manifest,
    inputs: str,
    stream: TextIO,
    written: dict[str, dict[str, str]],
) -> tuple[int, list[Diagnostic], list[str]]:
    """Render targets in workers; returns how many built, their problems, and those that failed.

    written: what the last sealed build wrote for each target, the only files it may delete.
    """
    out = options.out
    by_key = {target.key: target for target in todo}
    problems: list[Diagnostic] = []
    failed: list[str] = []
    built = 0
    progress = Progress(len(todo), stream, quiet=options.report.style.quiet)
    epoch = source_epoch()

    def done(outcome: workers.Outcome) -> None:
        nonlocal built
        target = by_key[outcome.key]
        problems.extend(outcome.diagnostics)
        folder = folder_of(out, target.key)
        before = written.get(target.key, {})
        outputs = {
            name: file_hash(folder / name) for name in target.wanted(emit_html=options.emit_html)
        }
        if outcome.ok and all(outputs.values()):
            built += 1
            hashes = {name: digest for name, digest in sorted(outputs.items()) if digest}
            state.entries[target.key] = manifest.Entry(target.path, target.digest, inputs, hashes)
            # e.g. worksheet.pdf after switching to series: gone, if still what the tool wrote
            remove_written(out, target.key, {n: h for n, h in before.items() if n not in hashes})
            progress.done(f"built {folder}/ ({', '.join(sorted(hashes))})")
        else:
            failed.append(target.display)
            state.entries.pop(target.key, None)
            remove_written(out, target.key, before)
            progress.done(f"failed {clean(target.display)}")

    tasks = [
        workers.Task(target.key, target.display, _task(target, options, epoch), target.path)
        for target in todo
    ]
    if tasks:
        from .render.fonts import subsetter
        from .render.pdf import warm_up

        if subsetter() != "harfbuzz" and not options.report.style.quiet:
            print(SLOW_PATH, file=stream)
        warm_up(options.paper)
    try:
        workers.run(
            tasks,
            jobs=options.jobs,
            timeout=options.timeout,
            memory_mb=options.memory_mb,
            on_done=done,
        )
    finally:
        progress.close()
        manifest.save(out, state)  # records exactly the targets whose files are complete
        sweep_temporary_files(out, list(by_key))
    return built, problems, failed


def _task(
    target: Target, options: BuildOptions, epoch: int | None
) -> Callable[[Callable[[str], None]], list[Diagnostic]]:
    def run(started: Callable[[str], None]) -> list[Diagnostic]:
        return render_target(target, options.out, options, epoch=epoch, started=started)

    return run


def _drop(out: Path, state: manifest.Manifest, key: str) -> None:
    """Forget key and remove the files the tool wrote for it (nothing else)."""
    entry = state.entries.pop(key, None)
    if entry is not None:
        remove_written(out, key, entry.outputs)


def source_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def stream_for(options: BuildOptions) -> TextIO:
    """Progress and summaries go to stdout, or to stderr when stdout carries a machine report."""
    report = options.report
    return sys.stdout if report.format == "text" or report.output is not None else sys.stderr


class Progress:
    """A progress bar on a terminal; one plain line per target otherwise (pipes, CI)."""

    def __init__(self, total: int, stream: TextIO = sys.stdout, *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.fancy = stream.isatty() and not os.environ.get("CI") and total > 1 and not quiet
        self._bar = None
        if self.fancy:
            from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

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
        elif not self.quiet:
            print(line, flush=True, file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
