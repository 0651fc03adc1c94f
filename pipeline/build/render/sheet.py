"""The answer sheet: one page a scanner can read, and its geometry, from one model.

Modelled on the UPSC OMR sheet and on what auto-multiple-choice and NOPS sheets do: four
corner fiducials plus one asymmetric mark (an upside-down scan is detected), a QR code
carrying the test, series, layout version and a checksum, a bubbled roll number and series,
a line for the name, and up to 150 answers in columns of bubbles 4.2 mm across. The same
`Geometry` draws the SVG and is written as answer-sheet.json (millimetres, origin top left),
so a reader never guesses where a bubble is.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from markupsafe import escape

LAYOUT_VERSION = 1
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MAX_QUESTIONS = 150
ROLL_DIGITS = 7
BUBBLE_R = 2.1  # 4.2 mm across: easy to fill with a pen
FIDUCIAL = 7.0  # side of a corner square
ROWS = 25  # answers per column on A4 (fewer on Letter, which is shorter)
MAX_COLUMNS = 6


@dataclass(frozen=True)
class Bubble:
    value: str  # "A".."D", a digit, or a series letter
    x: float
    y: float
    r: float = BUBBLE_R


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
    series: list[Bubble] = field(default_factory=list)
    answers: list[list[Bubble]] = field(default_factory=list)  # per question, A-D
    layout: str = ""  # a hash of everything above: sheets of another layout are refused

    def to_dict(self) -> dict[str, Any]:
        table = asdict(self)
        table["version"] = LAYOUT_VERSION
        return table


def geometry(questions: int, *, paper: str = "a4") -> Geometry:
    """The sheet for a test of `questions` questions (at most 150)."""
    if not 1 <= questions <= MAX_QUESTIONS:
        raise ValueError(f"an answer sheet holds 1 to {MAX_QUESTIONS} questions, not {questions}")
    width, height = PAPER_MM[paper]
    g = Geometry(paper, width, height, questions)
    inset = 13.5
    g.fiducials = [
        Mark("top-left", inset, inset, FIDUCIAL),
        Mark("top-right", width - inset, inset, FIDUCIAL),
        Mark("bottom-left", inset, height - inset, FIDUCIAL),
        Mark("bottom-right", width - inset, height - inset, FIDUCIAL),
    ]
    g.orientation = Mark("orientation", inset + 11.0, inset, 4.0)
    g.qr = Mark("qr", width - 33.0, 38.0, 30.0)
    # Roll number: one column of digits 0-9 per position, under a box to write it in.
    top = 74.0
    for column in range(ROLL_DIGITS):
        x = 20.0 + column * 6.4
        g.roll.append([Bubble(str(d), x, top + d * 5.6) for d in range(10)])
    g.series = [Bubble(letter, 76.0 + i * 7.0, top) for i, letter in enumerate("ABCD")]
    # Answers: columns of ROWS questions, each a number and four bubbles.
    start, pitch_y, pitch_x = 136.0, 5.6, 5.4
    rows = min(ROWS, int((height - inset - FIDUCIAL - 3 - start) / pitch_y) + 1)
    if questions > rows * MAX_COLUMNS:
        raise ValueError(f"a {paper} answer sheet holds at most {rows * MAX_COLUMNS} questions")
    columns = math.ceil(questions / rows)
    column_width = 8.0 + 4 * pitch_x + 1.5
    left = max(11.0, (width - columns * column_width) / 2)
    for number in range(1, questions + 1):
        column, row = divmod(number - 1, rows)
        x0 = left + column * column_width + 8.0 + BUBBLE_R
        y = start + row * pitch_y
        g.answers.append([Bubble(letter, x0 + i * pitch_x, y) for i, letter in enumerate("ABCD")])
    g.layout = hashlib.sha256(repr(asdict(g)).encode()).hexdigest()[:12]
    return g


def payload(test: str, series: str, g: Geometry) -> str:
    """What the QR code says: which test, series and layout; a checksum guards the rest."""
    body = f"UPSCSHEET|{LAYOUT_VERSION}|{test}|{series}|{g.questions}|{g.layout}"
    return f"{body}|{hashlib.sha256(body.encode()).hexdigest()[:8]}"


def read_payload(text: str) -> dict[str, str] | None:
    """The fields of a QR payload, or None if it is not one of ours or its checksum is wrong."""
    parts = text.split("|")
    if len(parts) != 7 or parts[0] != "UPSCSHEET":
        return None
    body = "|".join(parts[:6])
    if hashlib.sha256(body.encode()).hexdigest()[:8] != parts[6]:
        return None
    keys = ("kind", "version", "test", "series", "questions", "layout", "checksum")
    return dict(zip(keys, parts, strict=True))


def _qr(text: str, mark: Mark) -> str:
    import segno

    code = segno.make(text, error="m", micro=False)
    matrix = code.matrix
    size = len(matrix)
    module = mark.size / (size + 8)  # a quiet zone of four modules each side
    x0 = mark.x - mark.size / 2 + 4 * module
    y0 = mark.y - mark.size / 2 + 4 * module
    cells = "".join(
        f"M{x0 + c * module:.3f} {y0 + r * module:.3f}h{module:.3f}v{module:.3f}h-{module:.3f}z"
        for r, row in enumerate(matrix)
        for c, dark in enumerate(row)
        if dark
    )
    return f'<path d="{cells}" fill="#000"/>'


def _square(mark: Mark, fill: str = "#000") -> str:
    half = mark.size / 2
    return f'<rect x="{mark.x - half:.2f}" y="{mark.y - half:.2f}" width="{mark.size:.2f}" height="{mark.size:.2f}" fill="{fill}"/>'


def _bubble(b: Bubble, label: str) -> str:
    return (
        f'<circle cx="{b.x:.2f}" cy="{b.y:.2f}" r="{b.r:.2f}" fill="none" stroke="#000" stroke-width="0.3"/>'
        f'<text x="{b.x:.2f}" y="{b.y + 0.9:.2f}" font-size="2.4" text-anchor="middle" fill="#a0a0a0">{label}</text>'
    )


WORDS = {
    "en": {
        "sheet": "ANSWER SHEET", "name": "Name", "series_fill": "Series: fill one",
        "roll": "Roll number: write it in the boxes, then fill one bubble per column",
        "answers": "Answers",
    },
    "hi": {
        "sheet": "उत्तर पत्रक", "name": "नाम", "series_fill": "सीरीज़: एक भरें",
        "roll": "अनुक्रमांक: बॉक्स में लिखें, फिर हर स्तंभ में एक गोला भरें",
        "answers": "उत्तर",
    },
}  # fmt: skip
INSTRUCTIONS = {
    "en": (
        "Use a black or blue ball-point pen. Fill the bubble completely.",
        "One bubble per question; two filled bubbles count as wrong.",
        "Do not fold the sheet or write outside the boxes.",
        "A wrong answer costs a third of the question's marks;",
        "a question left blank costs nothing.",
    ),
    "hi": (
        "काले या नीले बॉल-पॉइंट पेन का प्रयोग करें। गोले को पूरा भरें।",
        "हर प्रश्न के लिए एक गोला; दो भरे गोले गलत माने जाएँगे।",
        "पत्रक को न मोड़ें और बॉक्स के बाहर न लिखें।",
        "गलत उत्तर पर प्रश्न के एक-तिहाई अंक कटेंगे;",
        "छोड़े गए प्रश्न पर कोई अंक नहीं कटेगा।",
    ),
}


@dataclass(frozen=True)
class Overlay:
    """A Hindi label set over the drawing as HTML: SVG text is not shaped, so Devanagari
    drawn there would print its vowel signs in the wrong places."""

    x: float
    y: float  # the baseline, in mm from the top of the page
    size: float
    text: str
    weight: int = 400
    anchor: str = "start"

    @property
    def style(self) -> str:
        shift = {"middle": "-50%", "end": "-100%"}.get(self.anchor, "0")
        return (
            f"left: {self.x:.2f}mm; top: {self.y - 0.8 * self.size:.2f}mm; "
            f"font-size: {self.size:.2f}mm; font-weight: {self.weight}; "
            f"transform: translateX({shift})"
        )


def svg(
    g: Geometry, *, title: str, test: str, series: str | None, code: str, lang: str = "en"
) -> tuple[str, list[Overlay]]:
    """The whole sheet as one SVG in millimetres, and its Hindi labels as overlays.

    Every string shown is escaped. lang "hi" prints the labels in Hindi where the English
    would be; "bilingual" prints the English and, beside or under it, the Hindi.
    """
    overlays: list[Overlay] = []
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{g.width}mm" height="{g.height}mm" '
        f'viewBox="0 0 {g.width} {g.height}" font-family="Noto Sans" class="answer-sheet">'
    ]
    out += [_square(m) for m in g.fiducials]
    assert g.orientation is not None and g.qr is not None
    out.append(_square(g.orientation))
    out.append(_qr(code, g.qr))

    def text(
        x: float, y: float, s: str, size: float = 3.5, weight: int = 400, anchor: str = "start"
    ) -> str:
        return f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">{escape(s)}</text>'

    def say(
        key: str,
        x: float,
        y: float,
        size: float,
        weight: int = 400,
        anchor: str = "start",
        hindi_at: tuple[float, float, str] | None = None,
        english: str | None = None,
    ) -> None:
        """WORDS[key] at (x, y): English in the SVG, Hindi as an overlay (beside it if both)."""
        if lang != "hi":
            out.append(text(x, y, english or WORDS["en"][key], size, weight, anchor))
        if lang == "hi":
            overlays.append(Overlay(x, y, size, WORDS["hi"][key], weight, anchor))
        elif lang == "bilingual" and hindi_at is not None:
            hx, hy, hanchor = hindi_at
            overlays.append(Overlay(hx, hy, size * 0.9, WORDS["hi"][key], weight, hanchor))

    say("sheet", 32, 15, 3.2, 700, hindi_at=(32, 19.6, "start"))
    shown = title if len(title) <= 58 else title[:57].rsplit(" ", 1)[0] + "…"
    out.append(text(22, 27, shown, 4.6, 700))
    plural = "question" if g.questions == 1 else "questions"
    out.append(text(22, 33, f"Test: {test}   ·   {g.questions} {plural}", 3.0))
    if series:
        out.append(
            '<rect x="118" y="38" width="24" height="12" fill="none" stroke="#000" stroke-width="0.6"/>'
        )
        out.append(text(130, 47, f"Series {series}", 5.0, 700, "middle"))
    say("name", 22, 45, 3.4, hindi_at=(22, 41.2, "start"))
    out.append('<line x1="34" y1="45.5" x2="112" y2="45.5" stroke="#000" stroke-width="0.3"/>')
    say("roll", 22, 55, 3.0, hindi_at=(22, 58.8, "start"))
    for column in g.roll:
        first = column[0]
        out.append(
            f'<rect x="{first.x - 2.6:.2f}" y="{first.y - 12.5:.2f}" width="5.2" height="7" fill="none" stroke="#000" stroke-width="0.3"/>'
        )
        out += [_bubble(b, b.value) for b in column]
    say("series_fill", 72, 66, 3.0, hindi_at=(72, 69.6, "start"))
    out += [_bubble(b, b.value) for b in g.series]
    step, size = (5.5, 2.9) if lang != "bilingual" else (3.9, 2.6)
    start = 90.0 if lang != "bilingual" else 86.0
    if lang != "hi":
        for i, line in enumerate(INSTRUCTIONS["en"]):
            out.append(text(72, start + i * step, line, size))
    if lang != "en":
        top = start if lang == "hi" else start + len(INSTRUCTIONS["en"]) * step
        overlays += [
            Overlay(72, top + i * step, size, line) for i, line in enumerate(INSTRUCTIONS["hi"])
        ]
    if lang == "bilingual":
        out.append(text(g.width / 2 + 1, 130, "Answers /", 3.4, 700, "end"))
        overlays.append(Overlay(g.width / 2 + 2, 130, 3.4, WORDS["hi"]["answers"], 700))
    else:
        say("answers", g.width / 2, 130, 3.4, 700, "middle")
    for number, row in enumerate(g.answers, 1):
        out.append(text(row[0].x - BUBBLE_R - 1.5, row[0].y + 1.2, str(number), 3.0, 700, "end"))
        out += [_bubble(b, b.value.lower()) for b in row]
    out.append("</svg>")
    return "".join(out), overlays
