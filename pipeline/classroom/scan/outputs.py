"""What `scan` writes: responses.csv, review.csv, review.html and review/ (this run's crops).

responses.csv: `file,page,name,roll,booklet,series,1,...,N`, a row per sheet read (a sheet
scanned twice once). An answer cell is a letter, several letters for a multiple mark, empty
for none, `?` for a doubt pending review (`score` refuses those until decided).

review.csv: `id,file,page,name,roll,question,read,decision,reason,crop`, a row per doubt and
per page problem; the teacher fills `decision` (a letter, letters, or `blank`; a series
letter for a page problem) and `scan --apply review.csv` or `score --review` applies it.
review.html shows the same rows with their crops and a box to write each decision in.

Every text cell comes from a scan (a file name, a QR code) or the reader: control and bidi
characters are made visible escapes and a cell a spreadsheet would run as a formula is
quoted, so neither CSV nor the HTML page carries anything a scan smuggled in.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ...diagnostics import UsageError, clean
from ..tables import csv_text

RESPONSES_HEADER = ("file", "page", "name", "roll", "booklet", "series")
REVIEW_HEADER = ("id", "file", "page", "name", "roll", "question", "read", "decision", "reason", "crop")  # fmt: skip
PENDING = "?"
CROPS = "review"
#: The crops a run writes (and the next run clears): 0001-q12.png, 0002-roll.png ...
CROP_NAME = re.compile(r"[0-9]{4,6}-[a-z0-9-]{1,40}\.png")
#: Crops named by versions before this one (file stem, page, index, what).
OLD_CROP_NAME = re.compile(r".{0,200}-p[0-9]{1,5}-[0-9]{1,4}-[a-z0-9-]{1,30}\.png", re.DOTALL)
MAX_CELL = 300


class Reading(Protocol):
    roll: str
    booklet: str
    series: str
    answers: list[str]
    review: list[tuple[str, str, tuple[int, int, int, int]]]


class Outcome(Protocol):
    name: str
    file: str
    number: int
    problem: str | None
    notes: list[str]
    crops: list[tuple[str, bytes]]
    duplicate: bool

    @property
    def reading(self) -> Reading | None: ...


@dataclass(frozen=True)
class Doubt:
    """One row of review.csv (and one entry of review.html)."""

    id: str
    file: str
    page: int
    roll: str
    question: str  # the question's number on the sheet, "" for a page problem
    read: str  # what the reader saw: the answer cell, the roll or series read
    reason: str
    crop: str  # relative to the output folder, "" when there is no picture
    png: bytes = b""
    what: str = "page"  # "question 3", "roll number", "booklet serial", "series", "page", "note"


def cell(text: object) -> str:
    """A cell's text: no control or bidi characters (shown as escapes), bounded in length."""
    shown = clean(str(text))
    return shown if len(shown) <= MAX_CELL else shown[: MAX_CELL - 1] + "…"


def doubts(outcomes: Sequence[Outcome]) -> list[Doubt]:
    """Every doubt and page problem of the run, numbered in the order of the pages."""
    found: list[Doubt] = []
    for o in outcomes:
        found += _page_doubts(o, len(found))
    return found


def _page_doubts(o: Outcome, before: int) -> list[Doubt]:
    crops: dict[str, list[bytes]] = defaultdict(list)
    for what, png in o.crops:
        crops[what].append(png)
    rows: list[tuple[str, str, str, str]] = []  # (question, read, reason, what)
    r = o.reading
    if r is None:
        rows.append(("", "", o.problem or "unreadable", "page"))
    else:
        for what, why, _ in r.review:
            if what.startswith("question "):
                question = what.removeprefix("question ").strip()
                index = int(question) - 1 if question.isdigit() else -1
                read = r.answers[index] if 0 <= index < len(r.answers) else PENDING
                rows.append((question, read, why, what))
                continue
            read = {"roll number": r.roll, "booklet serial": r.booklet, "series": r.series}.get(what, "")  # fmt: skip
            rows.append(("", read, why if what == "page" else f"{what}: {why}", what))
        # What a human should know about a page that was read (the QR code could not be
        # read, so the series came from its bubble): a row too, for the teacher to confirm.
        said = {why for _, why, _ in r.review}
        rows += [("", r.series, note, "note") for note in o.notes if note not in said]
    out: list[Doubt] = []
    for question, read, reason, what in rows:
        number = f"{before + len(out) + 1:04d}"
        png = crops[what].pop(0) if crops.get(what) else b""
        slug = f"q{question}" if question else _slug(what)
        crop = f"{CROPS}/{number}-{slug}.png" if png else ""
        roll = r.roll if r is not None else ""
        out.append(Doubt(number, o.file, o.number, roll, question, read, reason, crop, png, what))
    return out


def _slug(what: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")[:20]
    return {"roll-number": "roll", "booklet-serial": "booklet"}.get(slug, slug) or "page"


def responses_text(outcomes: Iterable[Outcome], questions: int) -> str:
    rows = []
    for o in outcomes:
        r = o.reading
        if r is None or o.duplicate:
            continue
        answers = [a if a == PENDING or set(a) <= set("ABCD") else PENDING for a in r.answers]
        answers = (answers + [""] * questions)[:questions]
        rows.append([cell(o.file), o.number, "", cell(r.roll), cell(r.booklet), cell(r.series), *answers])  # fmt: skip
    return csv_text([*RESPONSES_HEADER, *map(str, range(1, questions + 1))], rows)


def review_text(found: Iterable[Doubt]) -> str:
    rows = [
        [
            d.id,
            cell(d.file),
            d.page,
            "",
            cell(d.roll),
            d.question,
            cell(d.read),
            "",
            cell(d.reason),
            d.crop,
        ]  # fmt: skip
        for d in found
    ]
    return csv_text(REVIEW_HEADER, rows)


def review_html(found: Sequence[Doubt], *, test: str, pages: int) -> str:
    """review.html: a page a teacher works through, one entry per doubt with its crop."""
    from ...build.render.environment import environment

    sheets: dict[tuple[str, int], list[Doubt]] = {}
    for d in found:
        sheets.setdefault((d.file, d.page), []).append(d)
    view = {
        "test": cell(test),
        "pages": pages,
        "count": len(found),
        "sheets": [
            {
                "file": cell(file),
                "page": page,
                "roll": cell(next((d.roll for d in items if d.roll), "")),
                "doubts": [
                    {
                        "id": d.id,
                        "what": f"Question {d.question}"
                        if d.question
                        else {"note": "Page"}.get(d.what, d.what.capitalize()),
                        "row": bool(d.question),
                        "read": cell(d.read),
                        "reason": cell(d.reason),
                        "crop": d.crop,
                    }
                    for d in items
                ],
            }
            for (file, page), items in sheets.items()
        ],
    }
    return environment().get_template("review-sheet.html").render(view=view)


def check_folder(folder: Path) -> None:
    """A usage error now, before any page is read, if the outputs could not be written."""
    crops = folder / CROPS
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{clean(str(folder))}: --out is a file, not a folder")
    if crops.is_symlink() or (crops.exists() and not crops.is_dir()):
        raise UsageError(f"{clean(str(crops))}: is not a folder of crops; move it away")


def crops_folder(folder: Path) -> Path:
    """review/ made ready for this run: created, and the crops of an earlier run removed.

    Only files the tool names its crops are removed; a review/ that is a link, or not a
    folder, is refused rather than followed.
    """
    check_folder(folder)
    crops = folder / CROPS
    crops.mkdir(parents=True, exist_ok=True)
    with os.scandir(crops) as entries:
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):
                continue
            if CROP_NAME.fullmatch(entry.name) or OLD_CROP_NAME.fullmatch(entry.name):
                os.unlink(entry.path)
    return crops


def write(folder: Path, outcomes: Sequence[Outcome], *, questions: int, test: str) -> list[Doubt]:
    """responses.csv, review.csv, review.html and review/ in `folder`; the doubts written."""
    from ...build.outputs import write_atomically

    found = doubts(outcomes)
    crops_folder(folder)
    for d in found:
        if d.crop:
            write_atomically(
                folder / d.crop, d.png, durable=False
            )  # review.html, written last, shows them
    write_atomically(folder / "responses.csv", responses_text(outcomes, questions).encode("utf-8"))
    write_atomically(folder / "review.csv", review_text(found).encode("utf-8"))
    html = review_html(found, test=test, pages=len(outcomes))
    write_atomically(folder / "review.html", html.encode("utf-8"))
    return found
