"""The command line: parse arguments into options, call one function, map to an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli import parser
from .config import project
from .diagnostics import UsageError, clean
from .failures import explain
from .options import BuildOptions, ExportOptions
from .report import ReportOptions, Style, emit
from .report.style import wants_colour

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
#: A closed pipe (`rules | head`): the shell's code for a command stopped by SIGPIPE.
EXIT_PIPE = 128 + 13


def style_of(options: argparse.Namespace) -> Style:
    colour = {"always": True, "never": False}.get(options.color)
    return Style(
        colour=wants_colour(sys.stdout) if colour is None else colour,
        quiet=options.quiet,
        verbose=options.verbose,
        strict=getattr(options, "strict", False),
    )


def report_options(options: argparse.Namespace) -> ReportOptions:
    return ReportOptions(
        format=options.format,
        output=options.output,
        style=style_of(options),
        strict=options.strict,
    )


def run_validate(options: argparse.Namespace) -> int:
    from .checks.validate import validate

    report, _ = validate(options.paths)
    how = report_options(options)
    emit(report, how)
    return EXIT_CONTENT if how.failed(report) else EXIT_OK


def build_options(options: argparse.Namespace, **extra: object) -> BuildOptions:
    """The typed options a build or pack runs with, from the parsed command line."""
    given = {
        "paths": tuple(Path(p) for p in options.paths),
        "out": options.out,
        "paper": options.paper,
        "force": options.force,
        "emit_html": options.emit_html,
        "lang": options.lang,
        "report": report_options(options),
    }
    for name in ("series", "copies", "timeout", "shard"):
        if hasattr(options, name):
            given[name] = getattr(options, name)
    if getattr(options, "jobs", None):
        given["jobs"] = options.jobs
    return BuildOptions(**given, **extra)  # type: ignore[arg-type]


def run_build(options: argparse.Namespace) -> int:
    from .build.engine import build

    code = build(build_options(options))
    if not options.export:
        return code
    from .exports.command import export

    exported = export(
        ExportOptions(
            formats=tuple(dict.fromkeys(options.export)),
            paths=tuple(Path(p) for p in options.paths),
            out=options.out / "export",
            series=options.series,
            lang=options.lang,
            report=ReportOptions(style=style_of(options)),
            report_problems=False,  # the build has reported every problem already
        )
    )
    return max(code, exported)


def run_plan(options: argparse.Namespace) -> int:
    from .build.matrix import plan_command

    options.strict = False
    options.output = None
    chosen = options.format
    options.format = "text"
    return plan_command(
        build_options(options), per_job=options.per_job, max_jobs=options.max_jobs, format=chosen
    )


def run_pack(options: argparse.Namespace) -> int:
    from .build.engine import pack

    return pack(build_options(options, include_packs=False, sources_dir=options.sources))


def export_options(options: argparse.Namespace, **extra: object) -> ExportOptions:
    """The typed options of an export, from the parsed command line."""
    chosen = tuple(dict.fromkeys(options.formats or ())) or ExportOptions.formats
    given = {
        "formats": chosen,
        "paths": tuple(Path(p) for p in options.paths),
        "series": options.series,
        "lang": options.lang,
        "report": ReportOptions(style=style_of(options)),
    }
    return ExportOptions(**given, **extra)  # type: ignore[arg-type]


def run_export(options: argparse.Namespace) -> int:
    from .exports.command import export

    return export(
        export_options(
            options,
            out=options.out,
            collect_only=options.collect_only,
            sources_dir=options.sources,
        )
    )


def run_rules(options: argparse.Namespace) -> int:
    from .checks.rules import RULES

    if options.rule:
        from .docs import explain

        sys.stdout.write(explain(options.rule))
        return EXIT_OK

    width = max(len(rule_id) for rule_id in RULES)
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        print(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.summary}")
    return EXIT_OK


def run_config(options: argparse.Namespace) -> int:
    from .checks import policy

    config = project()
    policy.verify(config)
    sys.stdout.write(config.describe())
    return EXIT_OK


def run_schema(options: argparse.Namespace) -> int:
    from .checks.schema_export import write_schemas

    return write_schemas(options.out or project().schemas, quiet=options.quiet)


def run_new(options: argparse.Namespace) -> int:
    from .skeleton import write_skeleton

    return write_skeleton(
        options.id, options.dir or project().sources, hindi=options.hindi, quiet=options.quiet
    )


def run_scan(options: argparse.Namespace) -> int:
    from .extras import require_scan

    if options.apply is not None:
        if options.scans or options.score:
            raise UsageError("scan --apply REVIEW.csv reads no scans and scores nothing")
        from .classroom.scan.command import apply_command

        return apply_command(options.apply, options.out)
    if not options.scans or options.key is None:
        raise UsageError(
            "scan needs the scans and --key KEY.json (or --apply REVIEW.csv)",
            hint="python -m pipeline scan class.pdf --key build/<id>/answer-key.json",
        )
    require_scan()
    from .classroom.scan.command import scan_command

    return scan_command(
        options.scans,
        options.key,
        options.out,
        score=options.score,
        jobs=options.jobs,
        pending=options.pending,
    )


def run_merge(options: argparse.Namespace) -> int:
    from .build.merge import merge

    return merge(options.folders, options.out)


def run_score(options: argparse.Namespace) -> int:
    from .classroom.score import score_command

    return score_command(
        options.key, options.responses, options.out, review=options.review, pending=options.pending
    )


def run_docs(options: argparse.Namespace) -> int:
    from .docs import write_docs

    return write_docs(options.out)


COMMANDS = {
    "validate": run_validate,
    "build": run_build,
    "plan": run_plan,
    "pack": run_pack,
    "export": run_export,
    "score": run_score,
    "scan": run_scan,
    "merge": run_merge,
    "rules": run_rules,
    "config": run_config,
    "schema": run_schema,
    "new": run_new,
    "docs": run_docs,
}


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    options = parser().parse_args(argv)
    # SIGTERM (CI cancelling a job) unwinds like Ctrl-C: workers are stopped, the manifest saved.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        if options.command != "docs":
            from .checks import policy

            policy.configure()  # every mistake in the configuration stops every command
        if options.verbose and options.command not in ("config", "rules"):
            print(f"configuration: {project().file or '(none; defaults)'}", file=sys.stderr)
        return COMMANDS[options.command](options)
    except UsageError as err:
        return _usage(err)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (OSError, RecursionError, UnicodeError, MemoryError, RuntimeError) as err:
        if explain(err) is None:  # a RuntimeError that is not about the machine: a bug
            return _internal(err)
        # the machine or a file's format, not the tool: say which file and what to do
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()  # what was already reported (annotations) stays
        print(f"error: {explain(err)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # a bug in the tool, not in the content: exit 2, say so plainly
        if isinstance(err, ImportError) and not (err.name or "pipeline").startswith("pipeline"):
            from .extras import broken_install  # an incomplete install: say how to repair it

            return _usage(broken_install(err))
        return _internal(err)


def _internal(err: Exception) -> int:
    print(f"internal error: {type(err).__name__}: {clean(str(err))}", file=sys.stderr)
    print("This is a bug in the pipeline, not in your content; please report it.", file=sys.stderr)
    return EXIT_USAGE


def _tolerant_streams() -> None:
    """A console that cannot show a character (cp1252 and Hindi) shows an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # else it keeps its own way
                reconfigure(errors="backslashreplace")


def _usage(err: UsageError) -> int:
    """Print a usage error, one line a problem, its hint indented below; exit code 2."""
    for problem in err.args or ("usage error",):
        print(f"error: {clean(str(problem))}", file=sys.stderr)
    for line in err.hint.splitlines():
        print(f"  {clean(line)}", file=sys.stderr)
    return EXIT_USAGE


def _silence_stdout() -> None:
    """After the reader closed the pipe, nothing more may be written (nor flushed at exit)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def entry() -> None:
    """Console-script entry point (`upsc-pipeline`)."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
