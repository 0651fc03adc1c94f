"""`python -m pipeline scan SCANS... --key build/<id>/answer-key.json [--out DIR] [--score]`.

Writes responses.csv (what `score` reads: a mark the reader doubts is left blank there),
review.csv (every doubt, and every page problem: unreadable, another test's sheet, a series
bubble that disagrees with the QR code, a duplicate roll number, a page scanned twice) and
review/ with a crop of each doubtful mark. With --score it then scores the class.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...build.render.sheet import read_payload
from ...diagnostics import UsageError, clean
from . import align, marks
from .pages import Page, PageError, page_of


@dataclass
class Outcome:
    """One page's result, or why it could not be read."""

    name: str
    file: str
    number: int
    reading: marks.Reading | None = None
    problem: str | None = None  # the page cannot be used
    notes: list[str] = field(default_factory=list)  # usable, but a human should know
    digest: str = ""
    crops: list[tuple[str, bytes]] = field(default_factory=list)
    duplicate: bool = False


def read_page(page: Page, geometry: dict[str, Any], test: str) -> Outcome:
    """Align, check the QR code, read the marks, crop every doubt. Never raises for a bad scan."""
    import cv2

    outcome = Outcome(
        page.name, page.file, page.number, digest=hashlib.sha256(page.image.tobytes()).hexdigest()
    )
    try:
        matrix = align.locate(page.image, geometry)
    except align.AlignError as err:
        outcome.problem = f"unreadable: {err}"
        return outcome
    canonical = align.warp(page.image, matrix, geometry)
    text = marks.qr_text(page.image, canonical)
    if text is None:
        outcome.problem = "unreadable: no answer-sheet QR code found"
        return outcome
    payload = read_payload(text)
    if payload is None:
        outcome.problem = "the QR code's checksum is wrong (a damaged or edited sheet)"
        return outcome
    if payload["test"] != test:
        outcome.problem = f"this is a sheet of test '{payload['test']}', not '{test}'"
        return outcome
    if (
        payload["layout"] != geometry["layout"]
        or int(payload["questions"]) != geometry["questions"]
    ):
        outcome.problem = (
            "this sheet was printed with another layout; scan sheets printed for this key"
        )
        return outcome
    reading = marks.read(canonical, geometry)
    reading.qr = payload["series"]
    if not reading.series:
        reading.series = payload["series"]
    elif reading.series != payload["series"]:
        outcome.notes.append(
            f"the series bubble says {reading.series} but the sheet was printed for series {payload['series']}"
        )
        reading.review.append(("series", outcome.notes[-1], (0, 0, 0, 0)))
    outcome.reading = reading
    for what, _, box in reading.review:
        x0, y0, x1, y1 = box
        if x1 > x0 and y1 > y0:
            ok, png = cv2.imencode(".png", canonical[max(0, y0) : y1, max(0, x0) : x1])
            if ok:
                outcome.crops.append((what, png.tobytes()))
    return outcome


def _work(task: tuple[str, int, dict[str, Any], str]) -> Outcome:
    path, number, geometry, test = task
    page = page_of(Path(path), number)
    if isinstance(page, PageError):
        return Outcome(f"{path} page {number}", path, number, problem=str(page))
    return read_page(page, geometry, test)


def _tasks(
    paths: list[Path], geometry: dict[str, Any], test: str
) -> tuple[list[tuple[str, int, dict[str, Any], str]], list[Outcome]]:
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
            tasks += [(str(path), n, geometry, test) for n in range(1, count + 1)]
        else:
            tasks.append((str(path), 1, geometry, test))
    return tasks, failed


def scan_command(
    paths: list[Path], key_path: Path, out: Path | None, *, score: bool, jobs: int | None = None
) -> int:
    from ..score import load_key

    key = load_key(key_path)
    sheet = key_path.parent / "answer-sheet.json"
    try:
        table = json.loads(sheet.read_text(encoding="utf-8"))
        geometry = table["geometry"]
    except (OSError, ValueError, KeyError) as err:
        raise UsageError(
            f"{sheet}: the answer-sheet.json written beside the key is needed ({err})"
        ) from err
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    folder = out or paths[0].parent
    tasks, outcomes = _tasks(paths, geometry, key.id)
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
