"""The answer sheet drawn as one SVG page from its `Geometry` (sheet.py), in millimetres.

English labels are SVG text; Hindi labels are HTML overlays (SVG text is not shaped, so
Devanagari drawn there would print its vowel signs in the wrong places). No internal id is
printed: the QR code carries the test, series and layout for the scanner.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .sheet import DIGIT_PITCH, OVAL, Bubble, Geometry, Mark

WORDS = {
    "en": {
        "sheet": "ANSWER SHEET", "name": "Candidate's name", "series": "Series",
        "roll": "Roll number", "booklet": "Test booklet serial no.",
        "right": "Right way", "wrong": "Wrong ways",
        "candidate": "Candidate's signature", "invigilator": "Invigilator's signature",
        "questions": "questions", "question": "question",
        "write": "Write each digit in its box, then fill the oval below it.",
    },
    "hi": {
        "sheet": "उत्तर पत्रक", "name": "परीक्षार्थी का नाम", "series": "सीरीज़",
        "roll": "अनुक्रमांक", "booklet": "परीक्षा पुस्तिका क्रमांक",
        "right": "सही तरीका", "wrong": "गलत तरीके",
        "candidate": "परीक्षार्थी के हस्ताक्षर", "invigilator": "निरीक्षक के हस्ताक्षर",
        "questions": "प्रश्न", "question": "प्रश्न",
        "write": "हर अंक उसके बॉक्स में लिखें, फिर उसके नीचे का गोला भरें।",
    },
}  # fmt: skip
INSTRUCTIONS = {
    "en": (
        "Use a black or blue ball-point pen. Fill the oval completely.",
        "One oval per question; two filled ovals count as a wrong answer.",
        "Do not tick, cross, circle or dot an oval: it may not be read.",
        "Do not fold the sheet or write outside the boxes.",
        "A wrong answer costs a third of the question's marks.",
    ),
    "hi": (
        "काले या नीले बॉल-पॉइंट पेन का प्रयोग करें। गोले को पूरा भरें।",
        "हर प्रश्न के लिए एक गोला; दो भरे गोले गलत उत्तर माने जाएँगे।",
        "गोले पर सही, क्रॉस, घेरा या बिंदु न लगाएँ: वह पढ़ा नहीं जा सकता।",
        "पत्रक को न मोड़ें और बॉक्स के बाहर न लिखें।",
        "गलत उत्तर पर प्रश्न के एक-तिहाई अंक कटेंगे।",
    ),
}
TITLE_WIDTH = 106.0  # mm between the heading's left edge and the series box


@dataclass(frozen=True)
class Overlay:
    """A Hindi label set over the drawing as HTML."""

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


def title_lines(title: str, width: float = TITLE_WIDTH) -> tuple[list[str], float]:
    """The title in at most three lines and the font size that fits them: never cut."""
    for size in (4.4, 3.8, 3.3, 2.9, 2.5, 2.2):
        per_line = width / (0.56 * size)  # a generous average glyph width (bold), in ems
        lines: list[str] = []
        for word in title.split():
            if lines and _ems(lines[-1] + " " + word) <= per_line:
                lines[-1] += " " + word
            else:
                lines.append(word)
        if len(lines) <= (2 if size > 3.0 else 3) and all(_ems(x) <= per_line for x in lines):
            return lines, size
    return [title], 2.2


def _ems(text: str) -> float:
    """Characters of Latin width: a Devanagari vowel sign or virama takes no room of its own."""
    marks = sum(1 for c in text if "\u093e" <= c <= "\u094d" or "\u0900" <= c <= "\u0903")
    return len(text) - marks * 1.0


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


def _square(mark: Mark) -> str:
    half = mark.size / 2
    return f'<rect x="{mark.x - half:.2f}" y="{mark.y - half:.2f}" width="{mark.size:.2f}" height="{mark.size:.2f}" fill="#000"/>'


def oval(b: Bubble, label: str, *, fill: str = "none") -> str:
    """One oval as printed: a thin black ring and its value in light grey inside."""
    size = 2.0 if b.rx > 2.2 else 1.9
    return (
        f'<ellipse cx="{b.x:.2f}" cy="{b.y:.2f}" rx="{b.rx:.2f}" ry="{b.ry:.2f}" fill="{fill}" stroke="#000" stroke-width="0.3"/>'
        f'<text x="{b.x:.2f}" y="{b.y + 0.7:.2f}" font-size="{size}" text-anchor="middle" fill="#b4b4b4">{label}</text>'
    )


def _text(x: float, y: float, s: str, size: float = 3.0, weight: int = 400, anchor: str = "start") -> str:  # fmt: skip
    return f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">{escape(s)}</text>'


def _box(x: float, y: float, w: float, h: float, stroke: float = 0.3) -> str:
    return f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="none" stroke="#000" stroke-width="{stroke}"/>'


def _examples(x: float, y: float) -> list[str]:
    """The "right way / wrong ways to mark" strip: a filled oval, then a tick, a cross, a
    dot, a half fill and a circled letter."""
    rx, ry = OVAL
    out = [oval(Bubble("", x, y), "", fill="#000")]
    wrong = [x + 30 + i * 8.5 for i in range(5)]
    for cx in wrong:
        out.append(oval(Bubble("", cx, y), "b"))
    tick, cross, dot, half, ring = wrong
    out.append(f'<path d="M{tick - 1.3:.2f} {y:.2f}l0.9 1.1l2.2-2.6" fill="none" stroke="#000" stroke-width="0.45"/>')  # fmt: skip
    out.append(f'<path d="M{cross - 1.2:.2f} {y - 1:.2f}l2.4 2M{cross + 1.2:.2f} {y - 1:.2f}l-2.4 2" stroke="#000" stroke-width="0.45"/>')  # fmt: skip
    out.append(f'<circle cx="{dot:.2f}" cy="{y:.2f}" r="0.45" fill="#000"/>')
    out.append(f'<path d="M{half:.2f} {y - ry:.2f}a{rx} {ry} 0 0 1 0 {2 * ry:.2f}z" fill="#000"/>')  # fmt: skip
    out.append(f'<ellipse cx="{ring:.2f}" cy="{y:.2f}" rx="{rx + 1.1:.2f}" ry="{ry + 1.0:.2f}" fill="none" stroke="#000" stroke-width="0.4"/>')  # fmt: skip
    return out


def svg(
    g: Geometry, *, title: str, series: str | None, code: str, lang: str = "en"
) -> tuple[str, list[Overlay]]:
    """The whole sheet as one SVG in millimetres, and its Hindi labels as overlays.

    Every string shown is escaped. lang "hi" prints the labels in Hindi where the English
    would be; "bilingual" prints the English and, under or beside it, the Hindi.
    """
    assert g.orientation is not None and g.qr is not None
    overlays: list[Overlay] = []
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{g.width}mm" height="{g.height}mm" '
        f'viewBox="0 0 {g.width} {g.height}" font-family="Noto Sans" class="answer-sheet">'
    ]
    out += [_square(m) for m in (*g.fiducials, g.orientation)]
    out.append(_qr(code, g.qr))

    def say(key: str, x: float, y: float, size: float, weight: int = 400, anchor: str = "start", below: float = 0.0) -> None:  # fmt: skip
        """WORDS[key] at (x, y): English as SVG text, Hindi as an overlay (`below` mm under
        the English when the sheet is bilingual, or beside it when `below` is 0)."""
        if lang != "hi":
            out.append(_text(x, y, WORDS["en"][key], size, weight, anchor))
        if lang == "hi":
            overlays.append(Overlay(x, y, size, WORDS["hi"][key], weight, anchor))
        elif lang == "bilingual" and below:
            overlays.append(Overlay(x, y + below, size * 0.92, WORDS["hi"][key], weight, anchor))

    say("sheet", 28, 14, 3.4, 700)
    if lang == "bilingual":
        overlays.append(Overlay(62, 14, 3.2, WORDS["hi"]["sheet"], 700))
    lines, size = title_lines(title)
    devanagari = any("\u0900" <= c <= "\u097f" for c in title)
    for i, line in enumerate(lines):
        if devanagari:  # shaped as HTML, not drawn as SVG text
            overlays.append(Overlay(28, 21.5 + i * size * 1.25, size, line, 700))
        else:
            out.append(_text(28, 21.5 + i * size * 1.2, line, size, 700))
    count = f"{g.questions} {WORDS['en']['question' if g.questions == 1 else 'questions']}"
    if lang == "hi":
        overlays.append(Overlay(28, 39, 3.0, f"{g.questions} {WORDS['hi']['questions']}"))
    else:
        out.append(_text(28, 39, count, 3.0))
    if lang == "bilingual":  # "8 questions / 8 प्रश्न", the Hindi beside the English
        beside = 28 + 0.52 * 3.0 * len(count)
        overlays.append(Overlay(beside, 39, 3.0, f"/ {g.questions} {WORDS['hi']['questions']}"))
    if series:
        out.append(_box(138, 29, 25, 12, 0.6))
        label = f"{WORDS['en']['series']} {series}"
        if lang == "hi":
            overlays.append(Overlay(150.5, 38, 4.6, f"{WORDS['hi']['series']} {series}", 700, "middle"))  # fmt: skip
        elif lang == "bilingual":  # "Series A" over "सीरीज़ A"
            out.append(_text(150.5, 34.6, label, 3.9, 700, "middle"))
            overlays.append(Overlay(150.5, 39.4, 3.3, f"{WORDS['hi']['series']} {series}", 700, "middle"))  # fmt: skip
        else:
            out.append(_text(150.5, 38, label, 4.6, 700, "middle"))
    say("name", 14, 47, 3.0, below=0)
    name_x = {"en": 44.0, "hi": 42.0}.get(lang, 76.0)
    out.append(f'<line x1="{name_x}" y1="47.5" x2="163" y2="47.5" stroke="#000" stroke-width="0.3"/>')  # fmt: skip
    if lang == "bilingual":
        overlays.append(Overlay(45, 47, 2.8, WORDS["hi"]["name"]))
    # The bubbled fields: roll number, booklet serial, series.
    field_top = 55.0
    for key, columns in (("roll", g.roll), ("booklet", g.booklet)):
        first, last = columns[0][0], columns[-1][0]
        say(key, first.x - first.rx, field_top - 1.5 if lang != "bilingual" else field_top - 3.6, 2.7, 700, below=2.9)  # fmt: skip
        for column in columns:
            head = column[0]
            out.append(_box(head.x - DIGIT_PITCH[0] / 2, field_top, DIGIT_PITCH[0], 5.0))
            out += [oval(b, b.value) for b in column]
        out.append(_box(first.x - DIGIT_PITCH[0] / 2 - 1, field_top - 0.0, last.x - first.x + DIGIT_PITCH[0] + 2, columns[0][-1].y - field_top + 2.5, 0.25))  # fmt: skip
    say("series", g.series[0].x, field_top - 1.5 if lang != "bilingual" else field_top - 3.6, 2.7, 700, "middle", below=2.9)  # fmt: skip
    for b in g.series:
        out.append(oval(b, b.value))
    # Instructions, the marking strip, then the answers.
    step, size = (4.0, 2.7) if lang != "bilingual" else (3.25, 2.35)
    start = 55.0 if lang != "bilingual" else 52.5
    x = 113.0
    if lang != "hi":
        out += [_text(x, start + i * step, line, size) for i, line in enumerate(INSTRUCTIONS["en"])]
    if lang != "en":
        top = start if lang == "hi" else start + len(INSTRUCTIONS["en"]) * step
        overlays += [
            Overlay(x, top + i * step, size, line) for i, line in enumerate(INSTRUCTIONS["hi"])
        ]
    strip = 93.5 if lang != "bilingual" else 96.0
    # Bilingual: the English a line higher, the Hindi under it (the strip's ovals stay put).
    heading = strip - 3.2 if lang != "bilingual" else strip - 6.0
    say("right", x, heading, 2.6, 700, below=2.8)
    say("wrong", x + 27, heading, 2.6, 700, below=2.8)
    out += _examples(x + 4, strip + 1.5)
    say("write", 14, 107.5, 2.4, below=3.0)
    for number, row in enumerate(g.answers, 1):
        a = row[0]
        out.append(_text(a.x - a.rx - 1.6, a.y + 1.05, str(number), 3.0, 700, "end"))
        out += [oval(b, b.value.lower()) for b in row]
    top = g.signatures
    half = (g.width - 36) / 2
    for i, key in enumerate(("candidate", "invigilator")):
        left = 18 + i * (half + 0)
        out.append(_box(left, top, half - 2, 12.0))
        say(key, left + 1.5, top + 3.0, 2.4, below=0)
        if lang == "bilingual":
            overlays.append(Overlay(left + half - 3.5, top + 3.0, 2.4, WORDS["hi"][key], 400, "end"))  # fmt: skip
    out.append("</svg>")
    return "".join(out), overlays
