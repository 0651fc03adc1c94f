"""`python -m pipeline scan SCANS... --key build/<id>/answer-key.json [--out DIR] [--score]`
and `scan --apply review.csv [--out DIR]`.

Writes responses.csv (what `score` reads: a mark the reader doubts is `?` there until a
teacher decides), review.csv and review.html (every doubt, and every page problem:
unreadable, another test's sheet, a series bubble that disagrees with the QR code, a
duplicate roll number, a page scanned twice) and review/ with a crop of each (outputs.py).
A page that cannot be read never stops the others. With --score it then scores the class;
--apply writes the decisions filled in review.csv into responses.csv (classroom/review.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ...diagnostics import UsageError, clean
from . import outputs, pages, pool, trust
from .pages import PageError, page_of
from .reader import Outcome, read_page

#: One page to read: the file, the page number (1-based), what the run expects.
Task = tuple[str, int, trust.Sheet]


def _work(task: Task) -> Outcome:
    """One page read, whatever it holds: a page that cannot be read is an Outcome saying why."""
    path, number, run = task
    page = page_of(Path(path), number)
    if isinstance(page, PageError):
        return Outcome(pages.name(path, number), path, number, problem=f"unreadable: {page}")
    try:
        return read_page(page, run)
    except MemoryError:
        problem = "unreadable: too large for this machine's memory"
    except Exception as err:  # noqa: BLE001 - one page the reader fails on must not end the batch
        problem = (
            f"unreadable: the reader failed on this page ({type(err).__name__}); please report it"
        )
    return Outcome(page.name, path, number, problem=problem)


def read_all(
    tasks: list[Task],
    workers: int,
    work: Callable[[Task], Outcome] = _work,
    *,
    timeout: float = pool.PAGE_TIMEOUT,
) -> list[Outcome]:
    """Every task's outcome, in order, read in worker processes: a page whose process dies (a
    crash in a native library, the memory killer) or that runs past the time limit is a
    problem; the others are read all the same."""
    if not tasks:
        return []

    def failed(task: Task, why: str) -> Outcome:
        path, number, _ = task
        return Outcome(pages.name(path, number), path, number, problem=f"unreadable: {why}")

    return pool.run(tasks, work, failed, workers=workers, timeout=timeout)


def _tasks(paths: list[Path], run: trust.Sheet) -> tuple[list[Task], list[Outcome]]:
    """A task per page; a file that cannot be read (or that would take the run over
    MAX_PAGES) is one problem, found before any page is rendered."""
    tasks: list[Task] = []
    failed = []
    for path in paths:
        found = pages.count(path)
        if isinstance(found, int) and len(tasks) + found > pages.MAX_PAGES:
            found = PageError(
                f"this file would take the run past {pages.MAX_PAGES:,} pages; "
                "scan it in another run"
            )
        if isinstance(found, PageError):
            failed.append(
                Outcome(pages.name(str(path), 1), str(path), 1, problem=f"unreadable: {found}")
            )
            continue
        tasks += [(str(path), n, run) for n in range(1, found + 1)]
    return tasks, failed


def scan_command(
    paths: list[Path],
    key_path: Path,
    out: Path | None,
    *,
    score: bool,
    jobs: int | None = None,
    pending: str = "refuse",
) -> int:
    from ..score import load_key

    key = load_key(key_path)
    run = trust.expected(key, key_path.parent / "answer-sheet.json")
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{clean(str(path))}: no such file")
    folder = out or paths[0].parent
    outputs.check_folder(folder)
    tasks, outcomes = _tasks(paths, run)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    outcomes += read_all(tasks, workers)
    outcomes.sort(key=lambda o: (o.file, o.number))
    _cross_checks(outcomes)
    found = outputs.write(folder, outcomes, questions=len(key.questions), test=key.id)
    usable = [o for o in outcomes if o.reading is not None]
    failed = [o for o in outcomes if o.problem]
    for o in failed:
        print(f"{clean(o.name)}: {clean(o.problem or '')}", file=sys.stderr)
    doubts = len(found)
    print(
        f"read {len(usable)} of {len(outcomes)} pages: {clean(str(folder / 'responses.csv'))}; "
        f"{doubts} doubt{'s' if doubts != 1 else ''} to review in "
        f"{clean(str(folder / 'review.html'))} (decisions in review.csv)"
    )
    if score and usable:
        from ..score import score_command

        code = score_command(key_path, folder / "responses.csv", folder, pending=pending)
        return code or (1 if failed else 0)
    return 1 if failed else 0


def _cross_checks(outcomes: list[Outcome]) -> None:
    """Pages scanned twice (the same image, or the same roll and answers) and duplicate roll
    numbers, across the whole stack. A second scan of one sheet is left out of the responses."""
    seen_image: dict[str, str] = {}
    seen_sheet: dict[tuple[str, tuple[str, ...]], str] = {}
    seen_roll: dict[str, str] = {}
    for o in outcomes:
        if o.reading is None:
            continue
        r = o.reading
        sheet = (r.roll, tuple(r.answers))
        twin = seen_image.get(o.digest) or (seen_sheet.get(sheet) if r.roll else None)
        if twin:
            o.duplicate = True
            o.notes.append(f"the same sheet as {twin}: scanned twice? (left out of responses.csv)")
            r.review.append(("page", o.notes[-1], (0, 0, 0, 0)))
            continue
        seen_image[o.digest] = o.name
        seen_sheet[sheet] = o.name
        if r.roll and "?" not in r.roll:
            if r.roll in seen_roll:
                o.notes.append(f"roll number {r.roll} is also on {seen_roll[r.roll]}")
                r.review.append(("roll number", o.notes[-1], (0, 0, 0, 0)))
            else:
                seen_roll[r.roll] = o.name


def apply_command(review: Path, out: Path | None) -> int:
    """Write the decisions filled in review.csv into the responses.csv beside it (or in out)."""
    from ...build.outputs import write_atomically
    from .. import responses as table
    from ..review import apply_review
    from ..tables import CsvError, read_text

    folder = out or review.parent
    target = folder / "responses.csv"
    try:
        text = apply_review(
            read_text(target),
            read_text(review),
            responses_name=str(target),
            review_name=str(review),
        )
        parsed = table.parse(text)
        pending = sum(parsed.answers(row).count(table.PENDING) for row in parsed.rows)
    except CsvError as err:
        print(err.report(), file=sys.stderr)
        print("no decision was applied; correct review.csv and run again", file=sys.stderr)
        return 1
    write_atomically(target, text.encode("utf-8"))
    print(
        f"decisions applied to {clean(str(target))}; {pending} doubt{'s' if pending != 1 else ''} "
        "still pending (`score` refuses them until decided)"
    )
    return 0
