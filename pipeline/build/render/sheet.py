"""The answer sheet's geometry: where every mark is, in millimetres from the top-left corner.

Modelled on printed OMR sheets (UPSC's, and what auto-multiple-choice and NOPS sheets do):
four corner squares plus one asymmetric square (an upside-down scan is detected), a QR code
naming the test, series and layout, a bubbled roll number, test-booklet serial and series,
and up to 150 answers as ovals 4.8 mm x 2.9 mm, 2.2 mm apart (a gap a ballpoint stroke does
not bridge), in rows grouped in fives. The same `Geometry` draws the sheet (sheet_drawing.py)
and is written as answer-sheet.json, so a reader never guesses where a bubble is; the reader
rebuilds it from the question count and paper and compares the layout hash, so nothing in
that file is trusted.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

LAYOUT_VERSION = 2
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MAX_QUESTIONS = 150
ROLL_DIGITS = 7
BOOKLET_DIGITS = 6  # the print engineer numbers booklets with six digits
OVAL = (2.4, 1.45)  # answer ovals: half-width, half-height (4.8 mm x 2.9 mm)
DIGIT_OVAL = (2.0, 1.3)  # roll-number, booklet and series ovals (4.0 mm x 2.6 mm)
PITCH_X = 7.0  # answer ovals 2.2 mm apart
DIGIT_PITCH = (5.8, 4.3)  # columns 1.8 mm apart, rows 1.7 mm apart
GROUP = 5  # rows per group
GROUP_GAP = 2.0  # extra space between groups of five
FIDUCIAL = 7.0  # side of a corner square
INSET = 11.0  # corner squares' centres from the paper's edges
MAX_ROWS = 25  # per column while five columns suffice
MAX_COLUMNS = 5
ANSWERS_TOP = 112.0  # the first row of answers
SIGNATURES = 12.0  # height of the signature strip under the answers
COLUMN_WIDTH = 38.0  # a question number and four ovals


@dataclass(frozen=True)
class Bubble:
    value: str  # "A".."D", a digit, or a series letter
    x: float  # centre
    y: float
    rx: float = OVAL[0]
    ry: float = OVAL[1]


@dataclass(frozen=True)
class Mark:
    name: str
    x: float  # centre
    y: float
    size: float  # side of the square


@dataclass
class Geometry:
    """Where everything is on the sheet, in millimetres from the top-left corner."""

    paper: str
    width: float
    height: float
    questions: int
    fiducials: list[Mark] = field(default_factory=list)
    orientation: Mark | None = None
    qr: Mark | None = None
    roll: list[list[Bubble]] = field(default_factory=list)  # per digit position, 0-9
    booklet: list[list[Bubble]] = field(default_factory=list)  # per digit position, 0-9
    series: list[Bubble] = field(default_factory=list)
    answers: list[list[Bubble]] = field(default_factory=list)  # per question, A-D
    blocks: list[list[int]] = field(default_factory=list)  # 0-based questions, a group each
    signatures: float = 0.0  # top of the signature strip
    layout: str = ""  # a hash of everything above: sheets of another layout are refused

    def to_dict(self) -> dict[str, Any]:
        table = asdict(self)
        table["version"] = LAYOUT_VERSION
        return table


def _digits(x0: float, top: float, count: int) -> list[list[Bubble]]:
    dx, dy = DIGIT_PITCH
    return [
        [Bubble(str(d), x0 + c * dx, top + d * dy, *DIGIT_OVAL) for d in range(10)]
        for c in range(count)
    ]


def _rows(questions: int, room: float) -> tuple[int, int, float]:
    """Columns, rows per column and row pitch that fit `room` millimetres of height."""
    columns = math.ceil(questions / MAX_ROWS)
    if columns > MAX_COLUMNS:
        columns = MAX_COLUMNS
    rows = math.ceil(questions / columns)
    gaps = (rows - 1) // GROUP
    pitch = min(5.0, (room - gaps * GROUP_GAP) / max(rows - 1, 1))
    return columns, rows, pitch


def geometry(questions: int, *, paper: str = "a4") -> Geometry:
    """The sheet for a test of `questions` questions (at most 150)."""
    if not 1 <= questions <= MAX_QUESTIONS:
        raise ValueError(f"an answer sheet holds 1 to {MAX_QUESTIONS} questions, not {questions}")
    width, height = PAPER_MM[paper]
    g = Geometry(paper, width, height, questions)
    g.fiducials = [
        Mark("top-left", INSET, INSET, FIDUCIAL),
        Mark("top-right", width - INSET, INSET, FIDUCIAL),
        Mark("bottom-left", INSET, height - INSET, FIDUCIAL),
        Mark("bottom-right", width - INSET, height - INSET, FIDUCIAL),
    ]
    g.orientation = Mark("orientation", INSET + 10.0, INSET, 4.0)
    g.qr = Mark("qr", width - 29.0, 33.0, 26.0)
    top = 62.0
    g.roll = _digits(17.0, top, ROLL_DIGITS)
    g.booklet = _digits(64.0, top, BOOKLET_DIGITS)
    g.series = [
        Bubble(letter, 103.0, top + i * 2 * DIGIT_PITCH[1], *DIGIT_OVAL)
        for i, letter in enumerate("ABCD")
    ]
    g.signatures = height - INSET - FIDUCIAL / 2 - 2.0 - SIGNATURES
    room = g.signatures - 4.0 - ANSWERS_TOP - 2 * OVAL[1]
    columns, rows, pitch = _rows(questions, room)
    if pitch < 4.2:
        raise ValueError(f"a {paper} answer sheet holds at most {MAX_QUESTIONS - 1} questions")
    left = (width - columns * COLUMN_WIDTH) / 2
    for number in range(questions):
        column, row = divmod(number, rows)
        x0 = left + column * COLUMN_WIDTH + 9.5 + OVAL[0]
        y = ANSWERS_TOP + row * pitch + (row // GROUP) * GROUP_GAP
        g.answers.append([Bubble(letter, x0 + i * PITCH_X, y) for i, letter in enumerate("ABCD")])
        if row % GROUP == 0:
            g.blocks.append([])
        g.blocks[-1].append(number)
    g.layout = hashlib.sha256(repr(asdict(g)).encode()).hexdigest()[:12]
    return g


_TEST = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


def payload(test: str, series: str, g: Geometry) -> str:
    """What the QR code says: which test, series and layout; a checksum guards the rest."""
    body = f"UPSCSHEET|{LAYOUT_VERSION}|{test}|{series}|{g.questions}|{g.layout}"
    return f"{body}|{hashlib.sha256(body.encode()).hexdigest()[:8]}"


def read_payload(text: str) -> dict[str, str] | None:
    """The fields of a QR payload, or None if it is not one of ours, its checksum is wrong or
    a field is not of its form (a reader then matches it against the payloads it expects;
    nothing here is trusted beyond naming another test in a message)."""
    if len(text) > 300:
        return None
    parts = text.split("|")
    if len(parts) != 7 or parts[0] != "UPSCSHEET":
        return None
    body = "|".join(parts[:6])
    if hashlib.sha256(body.encode()).hexdigest()[:8] != parts[6]:
        return None
    keys = ("kind", "version", "test", "series", "questions", "layout", "checksum")
    fields = dict(zip(keys, parts, strict=True))
    if (
        not _TEST.fullmatch(fields["test"])
        or fields["series"] not in ("A", "B", "C", "D")
        or not re.fullmatch(r"[0-9]{1,3}", fields["questions"])
        or not re.fullmatch(r"[0-9a-f]{12}", fields["layout"])
    ):
        return None
    return fields
