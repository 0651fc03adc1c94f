"""The command line: parse arguments into options, call one function, map to an exit code."""

from __future__ import annotations

import argparse
import math
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import SOURCES_DIR
from .check import check_and_report
from .options import BuildOptions
from .report import REPORTER_BY_NAME
from .sources import UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def seconds(text: str) -> float:
    """A time limit: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive number of seconds")
    return value


def count(text: str) -> int:
    """A positive whole number."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be at least 1")
    return value


def shard(text: str) -> tuple[int, int]:
    """K/N with 1 <= K <= N."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not K/N, e.g. 2/4") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"'{text}': K must be between 1 and N")
    return k, n


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Check UPSC editorial sources and render them as print-ready PDFs.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_report_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="source files or folders (default: sources/)",
        )
        sub.add_argument(
            "--format",
            choices=sorted(REPORTER_BY_NAME),
            default="text",
            help="how to report diagnostics (default: text)",
        )
        sub.add_argument(
            "--output",
            metavar="FILE",
            type=Path,
            help="write the report to FILE; a text summary still goes to the terminal",
        )

    validate = commands.add_parser("validate", help="check sources and report every problem")
    add_report_options(validate)

    build = commands.add_parser("build", help="validate, then render PDFs of every valid source")
    add_report_options(build)
    build.add_argument(
        "--out", type=Path, default=Path("build"), help="output folder (default: build/)"
    )
    build.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)"
    )
    build.add_argument(
        "--jobs", type=count, default=None, metavar="N", help="worker processes (default: cores)"
    )
    build.add_argument("--force", action="store_true", help="rebuild every source, changed or not")
    build.add_argument(
        "--series",
        type=int,
        default=1,
        choices=range(1, 5),
        metavar="N",
        help="print N test booklet series (1-4) with shuffled question orders (default: 1)",
    )
    build.add_argument(
        "--emit-html", action="store_true", help="also write each document's HTML beside its PDF"
    )
    build.add_argument(
        "--shard",
        type=shard,
        metavar="K/N",
        help="build only the K-th of N stable shares of the targets (a CI matrix); join them with `merge`",
    )
    build.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="time limit per document (default: 60)",
    )

    pack = commands.add_parser(
        "pack", help="check class packs and render a worksheet and key for each"
    )
    add_report_options(pack)
    pack.add_argument(
        "--out", type=Path, default=Path("build"), help="output folder (default: build/)"
    )
    pack.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)"
    )
    pack.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    pack.add_argument(
        "--sources",
        type=Path,
        default=SOURCES_DIR,
        help="folder of sources to draw on (default: sources/)",
    )
    pack.add_argument("--emit-html", action="store_true", help="also write each document's HTML")

    score = commands.add_parser(
        "score", help="score students' responses against an answer-key.json"
    )
    score.add_argument(
        "key", type=Path, metavar="KEY.json", help="an answer-key.json written by a build"
    )
    score.add_argument("responses", type=Path, metavar="RESPONSES.csv", help="one row per student")
    score.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for scores.csv and summary.pdf (default: beside the responses)",
    )

    merge = commands.add_parser(
        "merge", help="join the build folders of `build --shard K/N` runs into one"
    )
    merge.add_argument("folders", nargs="+", type=Path, metavar="SHARD", help="shard build folders")
    merge.add_argument(
        "--out", type=Path, default=Path("build"), help="output folder (default: build/)"
    )

    scan = commands.add_parser(
        "scan", help="read filled answer sheets (PDF, PNG, JPEG) into responses.csv for `score`"
    )
    scan.add_argument(
        "scans", nargs="+", type=Path, metavar="SCAN", help="scanned pages: PDF, PNG or JPEG"
    )
    scan.add_argument(
        "--key",
        type=Path,
        required=True,
        metavar="KEY.json",
        help="the answer-key.json of the test (answer-sheet.json must be beside it)",
    )
    scan.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for responses.csv, review.csv and review/ (default: beside the first scan)",
    )
    scan.add_argument(
        "--score", action="store_true", help="then score the class (scores.csv, summary.pdf)"
    )
    scan.add_argument(
        "--jobs", type=count, default=None, metavar="N", help="worker processes (default: cores)"
    )

    commands.add_parser("rules", help="list every rule with its one-line description")

    docs = commands.add_parser("docs", help="regenerate docs/rules.md and docs/vocabulary.md")
    docs.add_argument("--out", type=Path, default=Path("docs"), help="folder (default: docs/)")

    new = commands.add_parser("new", help="write a new source skeleton to fill in")
    new.add_argument("id", help="the new source's id (a slug, also its file name)")
    new.add_argument(
        "--dir", type=Path, default=SOURCES_DIR, help="where to write it (default: sources/)"
    )
    return main


def run_validate(options: argparse.Namespace) -> int:
    result = check_and_report(
        options.paths or [SOURCES_DIR], fmt=options.format, output=options.output
    )
    return EXIT_OK if result.ok else EXIT_CONTENT


def run_rules(options: argparse.Namespace) -> int:
    from .rules import RULES

    width = max(len(rule_id) for rule_id in RULES)
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        print(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.summary}")
    return EXIT_OK


def build_options(options: argparse.Namespace, **extra: object) -> BuildOptions:
    """The typed options a build or pack runs with, from the parsed command line."""
    given = {
        "paths": tuple(Path(p) for p in options.paths),
        "out": options.out,
        "paper": options.paper,
        "force": options.force,
        "emit_html": options.emit_html,
        "format": options.format,
        "output": options.output,
    }
    for name in ("series", "timeout", "shard"):
        if hasattr(options, name):
            given[name] = getattr(options, name)
    if getattr(options, "jobs", None):
        given["jobs"] = options.jobs
    return BuildOptions(**given, **extra)  # type: ignore[arg-type]


def run_build(options: argparse.Namespace) -> int:
    from .engine import build

    return build(build_options(options))


def run_new(options: argparse.Namespace) -> int:
    from .skeleton import write_skeleton

    return write_skeleton(options.id, options.dir)


def run_pack(options: argparse.Namespace) -> int:
    from .engine import pack

    if not options.paths:
        raise UsageError("name one or more pack files, e.g. packs/week-1.json")
    return pack(build_options(options, include_packs=False, sources_dir=options.sources))


def run_scan(options: argparse.Namespace) -> int:
    from .scan.command import scan_command

    return scan_command(
        options.scans, options.key, options.out, score=options.score, jobs=options.jobs
    )


def run_merge(options: argparse.Namespace) -> int:
    from .merge import merge

    return merge(options.folders, options.out)


def run_score(options: argparse.Namespace) -> int:
    from .score import score_command

    return score_command(options.key, options.responses, options.out)


def run_docs(options: argparse.Namespace) -> int:
    from .docs import write_docs

    return write_docs(options.out)


COMMANDS = {
    "validate": run_validate,
    "build": run_build,
    "rules": run_rules,
    "new": run_new,
    "docs": run_docs,
    "pack": run_pack,
    "score": run_score,
    "merge": run_merge,
    "scan": run_scan,
}


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    options = parser().parse_args(argv)
    # SIGTERM (CI cancelling a job) unwinds like Ctrl-C: workers are stopped, the manifest saved.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return COMMANDS[options.command](options)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # a bug in the tool, not in the content: exit 2, say so plainly
        print(f"internal error: {type(err).__name__}: {err}", file=sys.stderr)
        print(
            "This is a bug in the pipeline, not in your content; please report it.", file=sys.stderr
        )
        return EXIT_USAGE


def entry() -> None:
    """Console-script entry point (`upsc-pipeline`)."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
