"""`python -m pipeline scan SCANS... --key build/<id>/answer-key.json [--out DIR] [--score]`.

Writes responses.csv (what `score` reads: a mark the reader doubts is left blank there),
review.csv (every doubt, and every page problem: unreadable, another test's sheet, a series
bubble that disagrees with the QR code, a duplicate roll number, a page scanned twice) and
review/ with a crop of each doubtful mark. With --score it then scores the class.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ...build.render.sheet import geometry as sheet_geometry
from ...build.render.sheet import payload
from ...diagnostics import UsageError, clean
from .pages import PageError, page_of
from .reader import Outcome, Sheet, read_page


def _work(task: tuple[str, int, Sheet]) -> Outcome:
    path, number, sheet = task
    page = page_of(Path(path), number)
    if isinstance(page, PageError):
        return Outcome(f"{path} page {number}", path, number, problem=str(page))
    return read_page(page, sheet)


def _tasks(paths: list[Path], sheet: Sheet) -> tuple[list[tuple[str, int, Sheet]], list[Outcome]]:
    tasks, failed = [], []
    for path in paths:
        if path.suffix.lower() == ".pdf":
            try:
                import pypdfium2 as pdfium

                count = len(pdfium.PdfDocument(str(path)))
            except Exception as err:  # noqa: BLE001 - any unreadable PDF is one diagnostic
                failed.append(
                    Outcome(str(path), str(path), 1, problem=f"not a readable PDF ({err})")
                )
                continue
            tasks += [(str(path), n, sheet) for n in range(1, count + 1)]
        else:
            tasks.append((str(path), 1, sheet))
    return tasks, failed


def scan_command(
    paths: list[Path], key_path: Path, out: Path | None, *, score: bool, jobs: int | None = None
) -> int:
    from ..score import load_key

    key = load_key(key_path)
    sheet = key_path.parent / "answer-sheet.json"
    try:
        table = json.loads(sheet.read_text(encoding="utf-8"))
        written = table["geometry"]
        # The geometry is rebuilt here, never read: the file only says which sheet it was.
        geometry = sheet_geometry(len(key.questions), paper=str(written["paper"])).to_dict()
        if written["layout"] != geometry["layout"]:
            raise ValueError("its layout is not the one this version prints for the key")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise UsageError(
            f"{sheet}: the answer-sheet.json written beside the key is needed ({err})"
        ) from err
    expected = Sheet(
        key.id,
        geometry,
        {
            letter: payload(
                key.id, letter, sheet_geometry(len(key.questions), paper=geometry["paper"])
            )
            for letter in key.series
        },
    )
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    folder = out or paths[0].parent
    tasks, outcomes = _tasks(paths, expected)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes += list(pool.map(_work, tasks))
    else:
        outcomes += [_work(task) for task in tasks]
    outcomes.sort(key=lambda o: (o.file, o.number))
    _cross_checks(outcomes)
    _write(folder, outcomes, geometry["questions"])
    usable = [o for o in outcomes if o.reading is not None]
    doubts = sum(len(o.reading.review) for o in usable if o.reading)
    failed = [o for o in outcomes if o.problem]
    for o in failed:
        print(f"{clean(o.name)}: {o.problem}", file=sys.stderr)
    print(
        f"read {len(usable)} of {len(outcomes)} pages: {folder / 'responses.csv'}; "
        f"{doubts} mark{'s' if doubts != 1 else ''} to review in {folder / 'review.csv'}"
    )
    if score and usable:
        from ..score import score_command

        code = score_command(key_path, folder / "responses.csv", folder)
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


def _write(folder: Path, outcomes: list[Outcome], questions: int) -> None:
    from ...build.outputs import write_atomically

    responses = io.StringIO()
    writer = csv.writer(responses, lineterminator="\n")
    writer.writerow(["name", "roll", "series", *range(1, questions + 1)])
    review = io.StringIO()
    notes = csv.writer(review, lineterminator="\n")
    notes.writerow(["file", "page", "roll", "what", "why", "crop"])
    crops_dir = folder / "review"
    for o in outcomes:
        if o.reading is None:
            notes.writerow([o.file, o.number, "", "page", o.problem or "", ""])
            continue
        r = o.reading
        answers = ["" if a == "?" else a for a in r.answers]  # doubts are blank until reviewed
        if not o.duplicate:
            writer.writerow(["", r.roll, r.series, *answers])
        crop_names: dict[str, str] = {}
        for index, (what, png) in enumerate(o.crops):
            stem = Path(o.file).stem
            name = f"{stem}-p{o.number}-{index + 1}-{what.replace(' ', '-')}.png"
            write_atomically(crops_dir / name, png)
            crop_names.setdefault(what, name)
        for what, why, _ in r.review:
            notes.writerow([o.file, o.number, r.roll, what, why, crop_names.get(what, "")])
    write_atomically(folder / "responses.csv", responses.getvalue().encode("utf-8"))
    write_atomically(folder / "review.csv", review.getvalue().encode("utf-8"))
