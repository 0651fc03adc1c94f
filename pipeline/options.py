"""The options of a build, typed: the CLI fills one, tests construct one directly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .report import ReportOptions

DEFAULT_TIMEOUT = 60.0
#: Memory a worker may add to what it inherits before its document fails.
DEFAULT_MEMORY_MB = 1536


@dataclass(frozen=True)
class BuildOptions:
    """What `build` and `pack` are asked to do."""

    paths: tuple[Path, ...] = ()
    out: Path = Path("build")
    paper: str = "a4"
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    series: int = 1
    #: `--copies N`: each booklet printed N times in its PDF, numbered 000001 to N (0: once, blank).
    copies: int = 0
    emit_html: bool = False
    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    report: ReportOptions = ReportOptions()
    #: Build the packs in packs/ as well (a plain `build` does; `build FILE` and `pack` do not).
    include_packs: bool = True
    #: `pack`: the folder of sources the packs draw on.
    sources_dir: Path | None = None
    #: `--lang`: en, hi or bilingual; None prints bilingual where every question has Hindi.
    lang: str | None = None
    #: `build --shard K/N`: build only the K-th of N stable, size-balanced shares.
    shard: tuple[int, int] | None = None


@dataclass(frozen=True)
class ExportOptions:
    """What `export` (and `build --export`) is asked to do."""

    formats: tuple[str, ...] = ("moodle", "qti", "gift", "html")
    paths: tuple[Path, ...] = ()
    out: Path = Path("build/export")
    #: Booklet series: each series is exported as its own file (questions in its order).
    series: int = 1
    lang: str | None = None
    #: HTML: record answers only; the page holds no key and no explanations.
    collect_only: bool = False
    report: ReportOptions = ReportOptions()
    #: The folder of sources packs draw on (default: the configured sources folder).
    sources_dir: Path | None = None
    #: Export the packs in the packs folder too when no paths are given (as `build` does).
    include_packs: bool = True
    #: Print the checks' diagnostics (`build --export` has printed them already).
    report_problems: bool = True
