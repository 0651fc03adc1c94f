"""`python -m pipeline score KEY.json RESPONSES.csv [--review REVIEW.csv] [--pending blank]`.

Marks the class (`marking.py`) after applying the teacher's review decisions (`review.py`),
and writes, beside the responses or in --out:

- scores.csv: each student's right, wrong, multiple, blank and score;
- ranks.csv: the rank list with percentiles, accuracy and the share right per topic;
- items.csv: the item analysis per master question (`analysis.py`);
- summary.pdf: what to check first (possible wrong keys, pending doubts), the scores, the item
  analysis, topics and the rank list.

A `?` (a doubt pending review) stops the run, naming each student and question, unless
`--pending blank` scores them as blank; then the students are listed on the terminal and in
the summary. Every CSV written is formula-safe; every text printed is made printable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build import workers
from ..diagnostics import Diagnostic, clean
from ..extras import require_numpy
from ..options import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from . import responses
from .keyfile import load_key
from .marking import (
    ScoreError,
    Student,
    pending_problems,
    roll_warnings,
    score_rows,
    score_table,
    scores_csv,
)
from .review import apply_decisions
from .tables import CsvError, read_text

__all__ = ["ScoreError", "Student", "load_key", "score_command", "score_rows"]

PENDING_CHOICES = ("refuse", "blank")


def score_command(
    key_path: Path,
    responses_path: Path,
    out: Path | None,
    *,
    review: Path | None = None,
    pending: str = "refuse",
) -> int:
    require_numpy()
    from ..build.outputs import write_atomically
    from .analysis import RELIABLE_CLASS, analyse, items_csv
    from .ranks import rank, ranks_csv

    key = load_key(key_path)
    try:
        table = responses.parse(read_text(responses_path), name=str(responses_path))
        if review is not None:
            apply_decisions(table, read_text(review), review_name=str(review))
        students = score_table(key, table)
    except CsvError as err:
        print(err.report(), file=sys.stderr)
        return 1
    waiting = pending_problems(table, students)
    if waiting and pending != "blank":
        print(ScoreError(waiting).report(), file=sys.stderr)
        doubts = sum(len(s.pending) for s in students)
        print(
            f"{doubts} doubt{'s' if doubts != 1 else ''} of {_students(len(waiting))} "
            "still pending review: nothing was "
            "scored.\n  Decide them in review.csv (the decision column) and run "
            "`score KEY.json RESPONSES.csv --review review.csv`,\n  or score them as blank "
            "with --pending blank (the summary then lists these students).",
            file=sys.stderr,
        )
        return 1
    analysis = analyse(key, students)
    ranked = rank(key, students)
    folder = out or responses_path.parent
    write_atomically(folder / "scores.csv", scores_csv(key, students).encode("utf-8"))
    write_atomically(folder / "ranks.csv", ranks_csv(key, ranked).encode("utf-8"))
    write_atomically(folder / "items.csv", items_csv(analysis).encode("utf-8"))

    def summary(started: object) -> list[Diagnostic]:
        from ..build.render.environment import render_html
        from ..build.render.pdf import render_pdf
        from .summary import summary_view

        view = summary_view(key, students, analysis, ranked, pending_as_blank=bool(waiting))
        html = render_html("score-summary.html", view, paper="a4")
        pdf = render_pdf(html, paper="a4", identifier=b"s" * 32, epoch=0).pdf
        write_atomically(folder / "summary.pdf", pdf)
        return []

    # The summary renders in a worker with the build's time and memory limits.
    task = workers.Task("summary", str(responses_path), summary)
    outcome = workers.run([task], jobs=1, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB)
    if not outcome[0].ok:
        for d in outcome[0].diagnostics:
            print(f"{clean(d.file)}: {d.rule}: {clean(d.message)}", file=sys.stderr)
        return 1
    for problem in waiting:
        print(f"{problem} (scored as blank)", file=sys.stderr)
    for problem in roll_warnings(table, students):
        print(f"{problem} (warning)", file=sys.stderr)
    if students and not analysis.reliable:  # a small class: its flags are chance, not a finding
        flagged = len(analysis.suspects)
        print(
            f"only {_students(analysis.students)}: the item analysis is unreliable below "
            f"{RELIABLE_CLASS}"
            + (
                f"; {flagged} question{'s' if flagged != 1 else ''} it would flag as a possible "
                "wrong key are in items.csv and summary.pdf, to read with that in mind"
                if flagged
                else " (see summary.pdf)"
            )
        )
    else:
        for item in analysis.suspects:
            print(
                clean(f"question {item.number} ({item.question}): possible wrong key: ")
                + clean("; ".join(item.flags))
            )
    files = ", ".join(
        str(folder / n) for n in ("scores.csv", "ranks.csv", "items.csv", "summary.pdf")
    )
    print(f"scored {_students(len(students))}: {clean(files)}")
    return 0


def _students(count: int) -> str:
    return f"{count} student{'s' if count != 1 else ''}"
