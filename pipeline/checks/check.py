"""Check sources: load, schema, then every semantic rule; the result is a list of diagnostics."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import project
from ..diagnostics import Diagnostic, Report, Severity, Waived, has_errors
from . import budget, policy, rules, schema
from .budget import OverBudget, time_limit
from .rules.base import Context, usable
from .sources import Source, find_sources, load_all
from .vocabulary import problems as vocabulary_problems
from .vocabulary import vocabulary


@dataclass
class CheckResult:
    """Everything one run found: the files checked, their diagnostics, the sources that loaded."""

    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    #: Diagnostics set aside by a waiver in the content, with its reason.
    waived: list[Waived] = field(default_factory=list)

    def errors_in(self, source: Source) -> bool:
        return any(
            d.file == source.display and d.severity is Severity.ERROR for d in self.diagnostics
        )

    @property
    def valid_sources(self) -> list[Source]:
        return [s for s in self.sources if not self.errors_in(s)]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def report(self) -> Report:
        return Report(
            self.diagnostics,
            len(self.files),
            checked=[s.display for s in self.sources],
            waived=self.waived,
        )


def check_paths(paths: Iterable[str | Path]) -> CheckResult:
    """Check every source under paths (files or folders); never raises for bad content.

    Cross-file rules (unique source ids) also see the other sources in the folders of the
    files given, so checking only the changed files (a pre-commit hook) misses nothing.
    """
    files = find_sources(paths)
    result = CheckResult(files=files)
    for loaded in load_all(files):
        result.diagnostics.extend(loaded.diagnostics)
        if loaded.source is None:
            continue
        result.sources.append(loaded.source)
        try:
            with time_limit(budget.CHECK_SECONDS):
                result.diagnostics.extend(schema.check(loaded.source))
        except OverBudget:
            loaded.source.broken = frozenset({""})  # nothing of it is read further
            result.diagnostics.append(_over_budget(loaded.source))
    neighbours = _neighbours(files)
    result.diagnostics.extend(check_rules(result.sources, neighbours=neighbours))
    result.diagnostics.extend(vocabulary_problems())
    config = project()
    policy.verify(config)
    result.diagnostics, result.waived = policy.apply(result.diagnostics, result.sources, config)
    result.diagnostics = _placeholders_first(result.diagnostics)
    result.diagnostics.sort(key=lambda d: (d.file, d.line, d.column, d.rule))
    return result


def _neighbours(files: list[Path]) -> list[Source]:
    """Loadable sources beside the given files that were not given themselves (context only)."""
    named = {os.path.abspath(path) for path in files}
    folders = {path.parent for path in files}
    found = [
        p for folder in folders for p in folder.glob("*.json") if os.path.abspath(p) not in named
    ]
    given = {os.path.realpath(path) for path in files} if found else set()  # a link loop: load says
    others = sorted(p for p in found if os.path.realpath(p) not in given)
    return [
        loaded.source
        for loaded in load_all(others)
        if loaded.source is not None and isinstance(loaded.source.data, dict)
    ]


#: Below this many sources the rules run in this process: forking costs more than it saves.
PLACEHOLDER = "content/placeholder"


def _placeholders_first(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One error for a placeholder ("TODO: YYYY-MM-DD", a tag "todo"), not two at one place.

    Where the schema refuses the text too, its message (which quotes the text and says the
    expected form) stands alone; otherwise the placeholder error does, and what follows from
    it (an unknown tag 'todo') is left out. Runs after waivers, so only an error still
    reported can stand for another: the run fails either way.
    """
    errors = [d for d in diagnostics if d.severity is Severity.ERROR and d.pointer]
    marked = {(d.file, d.pointer) for d in errors if d.rule == PLACEHOLDER}
    if not marked:
        return diagnostics
    by_schema = {(d.file, d.pointer) for d in errors if d.rule.startswith("schema/")}

    def kept(d: Diagnostic) -> bool:
        place = (d.file, d.pointer)
        if d.severity is not Severity.ERROR or place not in marked:
            return True
        if place in by_schema:
            return d.rule != PLACEHOLDER
        return d.rule == PLACEHOLDER

    return [d for d in diagnostics if kept(d)]


PARALLEL_FROM = 200


def check_rules(sources: list[Source], *, neighbours: Sequence[Source] = ()) -> list[Diagnostic]:
    """Run every rule over the parts of each source whose shape is valid; neighbours are context.

    A rule module runs when the top-level fields it `NEEDS` passed the schema; question rules
    read only the questions that did, so a misspelt property never hides a wrong answer.
    Many sources are split across forked processes, one per core: each inherits the loaded
    sources and returns only its diagnostics.
    """
    context = Context(vocabulary=vocabulary(), sources=[*sources, *neighbours])
    context.sources_by_id  # noqa: B018 - computed once, before any fork
    jobs = min(os.cpu_count() or 1, 8)
    if len(sources) < PARALLEL_FROM or jobs < 2 or sys.platform != "linux" or _busy(jobs):
        return _check_slice(sources, context)
    global _SHARED
    _SHARED = (sources, context)
    step = -(-len(sources) // jobs)
    slices = [(start, min(start + step, len(sources))) for start in range(0, len(sources), step)]
    # The loaded sources are left out of garbage collection while the children run: a
    # collection in a child would touch (and so copy) every page of them (10% of the CPU).
    gc.freeze()
    try:
        import multiprocessing  # only for a big run: start-up
        from concurrent.futures import ProcessPoolExecutor

        # This process checks the first slice itself while the children check the rest.
        with ProcessPoolExecutor(
            max(1, len(slices) - 1), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            rest = pool.map(_check_range, slices[1:])
            first = _check_range(slices[0])
            return [*first, *(d for part in rest for d in part)]
    finally:
        _SHARED = None
        gc.unfreeze()


_SHARED: tuple[list[Source], Context] | None = None


def _busy(cores: int) -> bool:
    """Whether other work already keeps every core busy (the last minute's load average).

    Then a forked child only competes with this process and copies the pages both touch:
    1,000 seed copies at load 14 on 2 cores took 0.93 s CPU and 2.5-3.0 s in one process,
    1.06 s and 2.8-3.5 s forked. With a core free, forking halves the rules' time.
    """
    try:
        return os.getloadavg()[0] >= cores
    except OSError:  # no load average on this system: assume a free core
        return False


def _check_range(bounds: tuple[int, int]) -> list[Diagnostic]:
    assert _SHARED is not None
    sources, context = _SHARED
    return _check_slice(sources[bounds[0] : bounds[1]], context)


def _check_slice(sources: Sequence[Source], context: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for source in sources:
        try:
            with time_limit(budget.CHECK_SECONDS):
                found.extend(_check_one(source, context))
        except OverBudget:
            found.append(_over_budget(source))
    return found


def _check_one(source: Source, context: Context) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in rules.MODULES:
        if not usable(source, module.NEEDS):
            continue
        for problem in module.check(source, context):
            rule = rules.RULES[problem.rule]
            found.append(
                source.diagnostic(
                    problem.pointer, rule.id, rule.severity, problem.message, key=problem.key
                )
            )
    return found


def _over_budget(source: Source) -> Diagnostic:
    message = (
        f"checking this file took longer than {budget.CHECK_SECONDS:g} s and was stopped; "
        "it is too large or too complex to check: split it into smaller sources"
    )
    return Diagnostic(source.display, 1, 1, "", "check/timeout", Severity.ERROR, message)
