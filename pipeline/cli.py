"""The command line's grammar: every command, its options and its help. Parsing only."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from . import __version__, program
from .report import REPORTER_BY_NAME


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


EXPORT_FORMATS = ("moodle", "qti", "gift", "html")


#: The most numbered copies one build prints of a booklet (a hall of a thousand).
MAX_COPIES = 1000


def copies(text: str) -> int:
    """A number of booklet copies: 1 to MAX_COPIES."""
    value = count(text)
    if value > MAX_COPIES:
        raise argparse.ArgumentTypeError(f"'{text}' is more than {MAX_COPIES} copies")
    return value


def formats(text: str) -> list[str]:
    """Export formats: moodle, qti, gift, html, one or several joined by commas."""
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in EXPORT_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not one of {', '.join(EXPORT_FORMATS)} (or several, joined by commas)"
        )
    return chosen


#: More shards than a CI matrix can hold (GitHub's limit is 256 jobs) is a typo, not a plan.
MAX_SHARDS = 256


def shard(text: str) -> tuple[int, int]:
    """K/N with 1 <= K <= N <= MAX_SHARDS."""
    parts = text.split("/")
    if len(parts) != 2 or not all(part.isdecimal() and len(part) <= 12 for part in parts):
        raise argparse.ArgumentTypeError(f"'{text}' is not K/N, e.g. 2/4")
    k, n = (int(part) for part in parts)
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"'{text}': K must be between 1 and N")
    if n > MAX_SHARDS:
        raise argparse.ArgumentTypeError(
            f"'{text}': at most {MAX_SHARDS} shards (a CI matrix holds at most 256 jobs)"
        )
    return k, n


def _output_options() -> argparse.ArgumentParser:
    """-q, -v and --color: every command accepts them."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_true", help="print problems only: no summary, no progress"
    )
    group.add_argument(
        "-v", "--verbose", action="store_true", help="say more: the configuration, every waiver"
    )
    common.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (default: auto: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it)",
    )
    return common


def _report_options(sub: argparse.ArgumentParser, *, what: str) -> None:
    sub.add_argument("paths", nargs="*", metavar="PATH", help=what)
    sub.add_argument(
        "--format",
        choices=sorted(REPORTER_BY_NAME),
        default="text",
        help="how to report problems (default: text; github: Actions annotations; "
        "sarif: for code scanning)",
    )
    sub.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        help="write the report to FILE; a text summary still goes to the terminal",
    )
    sub.add_argument(
        "--strict", action="store_true", help="warnings fail the run (exit 1) as errors do"
    )


def _copies_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--copies",
        type=copies,
        default=0,
        metavar="N",
        help="print each booklet N times in its PDF, each copy with its own serial number "
        "(000001 to N) on the cover, as the answer sheet asks for it (default: a pack's "
        "`copies`, else one copy, serial left blank)",
    )


def _render_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--lang",
        choices=("en", "hi", "bilingual"),
        default=None,
        help="language of booklets, sheets and keys (default: bilingual where every question "
        "has a Hindi version, else English)",
    )
    sub.add_argument(
        "--out", type=Path, default=Path("build"), help="output folder (default: build/)"
    )
    sub.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)"
    )
    sub.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    sub.add_argument(
        "--emit-html", action="store_true", help="also write each document's HTML beside its PDF"
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog=program(),
        description="Check UPSC editorial sources and render them as print-ready PDFs. "
        "Exit codes: 0 no errors, 1 content errors, 2 usage error or tool failure.",
    )
    main.add_argument("--version", action="version", version=f"upsc-pipeline {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _output_options()

    def command(name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=summary, description=description or summary, parents=[common]
        )

    validate = command(
        "validate",
        "check sources and packs and report every problem",
        "Check sources (schema and every rule) and class packs, and report every problem with "
        "its file, line, column, JSON pointer and rule id. Nothing is written.",
    )
    _report_options(
        validate,
        what="source or pack files, or folders (default: the sources and packs folders); "
        "files in the packs folder are checked as packs",
    )

    build = command(
        "build",
        "validate, then render the PDFs of every valid source",
        "Validate, then render each valid source's article, worksheet, answer sheet and answer "
        "key (and every pack in the packs folder) into --out. Incremental: unchanged sources "
        "are not rendered again.",
    )
    _report_options(build, what="source files or folders (default: the sources folder)")
    _render_options(build)
    build.add_argument(
        "--jobs", type=count, default=None, metavar="N", help="worker processes (default: cores)"
    )
    build.add_argument(
        "--series",
        type=int,
        default=1,
        choices=range(1, 5),
        metavar="N",
        help="print N test booklet series (1-4) with shuffled question orders (default: 1)",
    )
    _copies_option(build)
    build.add_argument(
        "--export",
        type=formats,
        action="extend",
        default=[],
        metavar="FORMAT",
        help="also export every valid source and pack as moodle, qti, gift or html (repeat or "
        "join with commas) into <out>/export/",
    )
    build.add_argument(
        "--shard",
        type=shard,
        metavar="K/N",
        help="build only the K-th of N stable shares of the targets (a CI matrix); "
        "join them with `merge`",
    )
    build.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="time limit per document (default: 60)",
    )

    plan = command(
        "plan",
        "size a CI matrix: how many `build --shard K/N` jobs this build needs",
        "Check the sources as `build` does, ask the manifest in --out (a restored cache) which "
        "targets are not current, and print N: one job per --per-job targets to build, at "
        "least 1, at most --max-jobs and 256 (GitHub's matrix limit). Give it the build's own "
        "--paper, --series and --lang. --format github prints `jobs=N` and `shards=[...]` "
        "lines for $GITHUB_OUTPUT.",
    )
    plan.add_argument("paths", nargs="*", metavar="PATH", help="as for build")
    plan.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or key=value lines for $GITHUB_OUTPUT",
    )
    _render_options(plan)
    plan.add_argument("--series", type=int, default=1, choices=range(1, 5), metavar="N")
    plan.add_argument(
        "--per-job", type=count, default=8, metavar="N", help="targets one job builds (default: 8)"
    )
    plan.add_argument(
        "--max-jobs",
        type=count,
        default=16,
        metavar="N",
        help="at most this many jobs (default: 16; never more than 256)",
    )

    pack = command(
        "pack",
        "check class packs and render a worksheet and key for each",
        "Check class packs and the sources they draw on, and render each pack's worksheet, "
        "answer sheet and key into --out/packs/.",
    )
    _report_options(pack, what="pack files (default: every pack in the packs folder)")
    _render_options(pack)
    _copies_option(pack)
    pack.add_argument(
        "--sources",
        type=Path,
        default=None,
        help="folder of sources the packs draw on (default: the sources folder)",
    )

    export = command(
        "export",
        "export checked sources and packs as online tests (Moodle, QTI, GIFT, HTML)",
        "Check, then export each valid source and pack as an online test: Moodle XML, a QTI "
        "2.1 package, GIFT, or a self-contained HTML test that works offline. A source with "
        "errors is refused (exit 1), as by build.",
    )
    export.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="source or pack files, or folders (default: the sources and packs folders)",
    )
    export.add_argument(
        "--format",
        dest="formats",
        type=formats,
        action="extend",
        metavar="FORMAT",
        help="moodle, qti, gift or html; repeat or join with commas (default: all four)",
    )
    export.add_argument(
        "--series",
        type=int,
        default=1,
        choices=range(1, 5),
        metavar="N",
        help="export N booklet series (1-4), each in its own question order (default: 1)",
    )
    export.add_argument(
        "--lang",
        choices=("en", "hi", "bilingual"),
        default=None,
        help="language (default: bilingual where every question has a Hindi version)",
    )
    export.add_argument(
        "--out",
        type=Path,
        default=Path("build/export"),
        help="output folder (default: build/export/)",
    )
    export.add_argument(
        "--collect-only",
        action="store_true",
        help="HTML: a test that only records answers (no key, no explanations in the page)",
    )
    export.add_argument(
        "--sources",
        type=Path,
        default=None,
        help="folder of sources packs draw on (default: the sources folder)",
    )

    score = command("score", "score students' responses against an answer-key.json")
    score.add_argument(
        "key", type=Path, metavar="KEY.json", help="an answer-key.json written by a build"
    )
    score.add_argument("responses", type=Path, metavar="RESPONSES.csv", help="one row per student")
    score.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for scores.csv, ranks.csv, items.csv and summary.pdf "
        "(default: beside the responses)",
    )
    score.add_argument(
        "--review",
        type=Path,
        default=None,
        metavar="REVIEW.csv",
        help="apply the decisions a teacher wrote in scan's review.csv first",
    )
    score.add_argument(
        "--pending",
        choices=("refuse", "blank"),
        default="refuse",
        help="doubts still pending review (?): refuse to score (default), or score them as "
        "blank and list the students",
    )

    merge = command("merge", "join the build folders of `build --shard K/N` runs into one")
    merge.add_argument("folders", nargs="+", type=Path, metavar="SHARD", help="shard build folders")
    merge.add_argument(
        "--out", type=Path, default=Path("build"), help="output folder (default: build/)"
    )

    scan = command(
        "scan", "read filled answer sheets (PDF, PNG, JPEG) into responses.csv for `score`"
    )
    scan.add_argument(
        "scans", nargs="*", type=Path, metavar="SCAN", help="scanned pages: PDF, PNG or JPEG"
    )
    scan.add_argument(
        "--key",
        type=Path,
        metavar="KEY.json",
        help="the answer-key.json of the test (answer-sheet.json must be beside it)",
    )
    scan.add_argument(
        "--apply",
        type=Path,
        metavar="REVIEW.csv",
        help="apply the decisions filled in review.csv to the responses.csv beside it "
        "(or in --out); no scans are read",
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
        "--pending",
        choices=("refuse", "blank"),
        default="refuse",
        help="with --score, doubts still pending review (?): refuse to score (default), or "
        "score them as blank and list the students",
    )
    scan.add_argument(
        "--jobs", type=count, default=None, metavar="N", help="worker processes (default: cores)"
    )

    rules = command(
        "rules",
        "list every rule, or show one rule's documentation",
        "Without RULE: every rule with its severity and one-line description. With a rule id "
        "(tags/unknown) or a family (tags): its documentation, with passing and failing "
        "examples, how to set its level or waive it, and a link to docs/rules.md.",
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule id or a family")
    command(
        "config",
        "show the configuration in force and where it comes from",
        "Show the configuration in force: the file it was read from ([tool.upsc-pipeline] in "
        "pyproject.toml, or upsc-pipeline.toml, found by walking up from the current "
        "directory), the folders, and every rule setting.",
    )
    schema = command(
        "schema",
        "write the JSON schemas for editors (completion and inline errors)",
        "Write editorial.schema.json, pack.schema.json and vocabulary.schema.json, "
        "self-contained and with stable $ids, for editors; the tag list includes the "
        "project's own vocabulary.",
    )
    schema.add_argument(
        "--out", type=Path, default=None, help="folder (default: the configured schemas folder)"
    )

    docs = command("docs", "regenerate docs/rules.md and docs/vocabulary.md")
    docs.add_argument("--out", type=Path, default=Path("docs"), help="folder (default: docs/)")

    new = command(
        "new",
        "write a new source skeleton to fill in",
        "Write <id>.json: every required section once, each text a TODO that fails "
        "validation until it is replaced (the date included).",
    )
    new.add_argument("id", help="the new source's id (a slug, also its file name)")
    new.add_argument(
        "--dir", type=Path, default=None, help="where to write it (default: the sources folder)"
    )
    new.add_argument(
        "--hindi",
        action="store_true",
        help="also a Hindi version beside the English, to fill in (a bilingual booklet)",
    )
    return main
