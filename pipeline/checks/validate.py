"""`python -m pipeline validate`: check sources and packs, and say what is wrong with them.

A path inside the project's packs folder is checked as a class pack (against the sources
it draws on); the project's own vocabulary file as a vocabulary; anything else as a
source. With no paths, the sources and packs folders are checked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .. import program
from ..config import project
from ..diagnostics import Report, UsageError
from .check import CheckResult, check_paths
from .sources import find_sources
from .vocabulary import problems as vocabulary_problems


def is_pack(path: Path) -> bool:
    """Whether path is (in) the project's packs folder."""
    packs = Path(os.path.abspath(project().packs))
    return Path(os.path.abspath(path)).is_relative_to(packs)


def _is_vocabulary(path: Path) -> bool:
    own = project().vocabulary
    return own is not None and os.path.abspath(path) == os.path.abspath(own)


def validate(paths: Sequence[str | Path]) -> tuple[Report, CheckResult]:
    """Check the given paths (default: the sources and packs folders) into one report."""
    config = project()
    given = [Path(p) for p in paths]
    if not given:
        if not config.sources.is_dir():
            raise UsageError(
                f"no sources folder: {config.sources} does not exist (name files to check, or "
                f"set `sources` under [tool.upsc-pipeline]; `{program()} config` shows it)"
            )
        given = [config.sources] + ([config.packs] if config.packs.is_dir() else [])
    vocabulary_file = [p for p in given if _is_vocabulary(p)]
    given = [p for p in given if p not in vocabulary_file]
    pack_paths = find_sources([p for p in given if is_pack(p)])
    source_paths = [p for p in given if not is_pack(p)]
    if source_paths:
        result = check_paths(source_paths)
        report = result.report()
        report.files += len(vocabulary_file)  # its problems are in every run's report
    else:  # only packs: the sources are their context, not what is being checked
        result = check_paths([config.sources]) if config.sources.is_dir() else CheckResult()
        report = Report([], 0)
        if vocabulary_file:  # checked with every run; named alone, it is what is reported
            report.diagnostics += vocabulary_problems()
            report.files += 1
    if pack_paths:
        from ..classroom.packs import check_pack  # only when there are packs: start-up
    for path in pack_paths:
        checked = check_pack(path, result)
        report.diagnostics += checked.diagnostics
        report.files += 1
        if checked.pack is not None:
            report.checked.append(checked.pack.display)
    from .schema_export import stale

    report.diagnostics += stale(config.schemas)
    report.diagnostics.sort(key=lambda d: (d.file, d.line, d.column, d.rule))
    return report, result
