"""Synthetic filled answer sheets: the printed sheet, marked by a seeded student the way
students mark (black or blue pen, medium or light HB pencil, overflowing scribbles, rubbed-out
marks, ticks, crosses, circled letters, dots), in grey page pixels. degrade.py then does to
the page what classrooms do. Tests, the degradation suite and the bench use it."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

import cv2
import numpy as np
import pypdfium2 as pdfium

from pipeline.build.render import sheet
from pipeline.build.render.documents import plan, render_document
from pipeline.model import Marks, load

#: Grey level of each instrument's ink (255 paper) and the spread of its texture.
INKS = {
    "black pen": ((20, 45), 6),
    "blue pen": ((65, 100), 8),
    "medium pencil": ((100, 130), 14),
    "light pencil": ((148, 168), 12),
}
#: What a human marker makes of each style: an answer, a doubt, or either blank or doubt.
READABLE = ("fill", "double", "overflow", "rubbed")
TO_REVIEW = ("tick", "cross", "circled")


@dataclass
class Student:
    """What a student marked: per question the letters and how; roll, booklet, series."""

    answers: dict[int, tuple[str, str]] = field(default_factory=dict)  # q -> (letters, style)
    roll: str = "2604117"
    booklet: str = "004211"
    series: str = "A"
    instrument: str = "black pen"
    second: str | None = None  # a few answers in another instrument (light pencil beside pen)
    erased: dict[int, str] = field(default_factory=dict)  # q -> the letter rubbed out

    def expected(self, questions: int) -> list[str]:
        """What a reader must report: letters for what a human reads, "?" for what needs a
        human, "-" where blank and "?" are both right (a dot), "" for blank."""
        out = []
        for number in range(1, questions + 1):
            letters, style = self.answers.get(number, ("", "blank"))
            out.append(
                letters
                if style in READABLE
                else "?"
                if style in TO_REVIEW
                else "-"
                if style == "dot"
                else ""
            )
        return out


def student(
    questions: int, *, seed: int, instrument: str | None = None, doubtful: bool = True
) -> Student:
    rng = random.Random(seed)
    s = Student(
        roll=f"{rng.randrange(10**6, 10**7)}",
        booklet=f"{rng.randrange(0, 10**6):06d}",
        series=rng.choice("ABCD"),
        instrument=instrument or rng.choice(list(INKS)),
    )
    if s.instrument == "black pen" and rng.random() < 0.5:
        s.second = "light pencil"
    for number in range(1, questions + 1):
        roll = rng.random()
        letter = rng.choice("ABCD")
        if roll < 0.12:
            continue  # left blank
        if roll < 0.16:
            s.answers[number] = ("".join(sorted(rng.sample("ABCD", 2))), "double")
        elif roll < 0.21:
            s.answers[number] = (letter, "overflow")
        elif roll < 0.24:
            s.answers[number] = (letter, "rubbed")
            s.erased[number] = rng.choice([c for c in "ABCD" if c != letter])
        elif doubtful and roll < 0.32:
            s.answers[number] = (letter, rng.choice(TO_REVIEW))
        elif roll < 0.34:
            s.answers[number] = (letter, "dot")
        else:
            s.answers[number] = (letter, "fill")
    return s


_PDFS: dict[tuple[str, int, str | None, str], bytes] = {}


def printed_pdf(data: dict, series: str | None, *, lang: str = "en") -> bytes:
    """The answer sheet PDF as a build prints it; each sheet is drawn once."""
    key = (data["id"], len(data["questions"]), series, lang)
    if key not in _PDFS:
        name = f"answer-sheet-{series}" if series else "answer-sheet"
        count = 4 if series else 1
        document = next(
            d
            for d in plan(
                load(data), marks=Marks(), epoch=0, series=count, article=False, lang=lang
            )
            if d.name == name
        )
        _PDFS[key] = render_document(document, paper="a4", key=data["id"], epoch=0)[1].pdf
    return _PDFS[key]


def printed(data: dict, series: str | None, *, dpi: int, lang: str = "en") -> np.ndarray:
    """The answer sheet as printed, rasterised (grey, 255 white)."""
    page = pdfium.PdfDocument(printed_pdf(data, series, lang=lang))[0]
    return np.ascontiguousarray(page.render(scale=dpi / 72, grayscale=True).to_numpy())


class Pen:
    """Draws marks on a page image at `dpi`, darkening it as ink does (multiplying)."""

    def __init__(self, image: np.ndarray, dpi: int, rng: random.Random) -> None:
        self.image = image
        self.px = dpi / 25.4
        self.rng = rng

    def _layer(self) -> np.ndarray:
        return np.full(self.image.shape, 255, np.uint8)

    def _apply(self, layer: np.ndarray, instrument: str) -> None:
        (low, high), spread = INKS[instrument]
        mask = layer < 128
        if not mask.any():
            return
        level = self.rng.randint(low, high)
        noise = np.random.default_rng(self.rng.randrange(2**32)).normal(0, spread, mask.sum())
        ink = np.clip(level + noise, 0, 255) / 255.0
        region = self.image[mask].astype(np.float32)
        self.image[mask] = np.clip(region * ink, 0, 255).astype(np.uint8)

    def _xy(self, x: float, y: float) -> tuple[int, int]:
        return int(round(x * self.px * 16)), int(round(y * self.px * 16))

    def scribble(self, b: sheet.Bubble, instrument: str, *, grow: float = 1.0) -> None:
        """A fill: strokes back and forth across the oval, a few gaps, as a hand fills it."""
        layer = self._layer()
        jx, jy = self.rng.uniform(-0.2, 0.2), self.rng.uniform(-0.15, 0.15)
        cover = grow * self.rng.uniform(0.92, 1.04)
        rx, ry = b.rx * cover, b.ry * cover
        ellipse = self._layer()
        cv2.ellipse(ellipse, self._xy(b.x + jx, b.y + jy), self._xy(rx, ry), 0, 0, 360, 0, -1, cv2.LINE_AA, 4)  # fmt: skip
        cv2.rectangle(layer, (0, 0), layer.shape[::-1], 0, -1)
        layer[ellipse > 128] = 255
        # white gaps between strokes
        step = self.rng.uniform(0.3, 0.45)
        y = b.y - ry
        while y < b.y + ry:
            if self.rng.random() < 0.25:
                x0 = b.x - rx + self.rng.uniform(0, rx)
                cv2.line(layer, self._xy(x0, y), self._xy(x0 + self.rng.uniform(0.3, 1.2), y + self.rng.uniform(-0.2, 0.2)), 255, max(1, int(self.px * 0.12)), cv2.LINE_AA, 4)  # fmt: skip
            y += step
        self._apply(layer, instrument)

    def stroke(self, points: list[tuple[float, float]], instrument: str, width: float = 0.45) -> None:  # fmt: skip
        layer = self._layer()
        pts = np.array([self._xy(x, y) for x, y in points], np.int32)
        cv2.polylines(layer, [pts], False, 0, max(1, int(round(width * self.px))), cv2.LINE_AA, 4)
        self._apply(layer, instrument)

    def tick(self, b: sheet.Bubble, instrument: str) -> None:
        r = self.rng.uniform(0.9, 1.2)
        self.stroke([(b.x - 0.9 * b.rx * r, b.y - 0.1), (b.x - 0.25 * b.rx, b.y + 0.85 * b.ry * r), (b.x + 1.25 * b.rx * r, b.y - 1.6 * b.ry * r)], instrument)  # fmt: skip

    def cross(self, b: sheet.Bubble, instrument: str) -> None:
        r = self.rng.uniform(0.8, 1.15)
        self.stroke([(b.x - b.rx * r, b.y - b.ry * r), (b.x + b.rx * r, b.y + b.ry * r)], instrument)  # fmt: skip
        self.stroke([(b.x + b.rx * r, b.y - b.ry * r), (b.x - b.rx * r, b.y + b.ry * r)], instrument)  # fmt: skip

    def circle(self, b: sheet.Bubble, instrument: str) -> None:
        gx, gy = self.rng.uniform(0.7, 1.2), self.rng.uniform(0.6, 1.0)
        start = self.rng.uniform(0, 2 * np.pi)
        turn = self.rng.uniform(2 * np.pi * 0.95, 2 * np.pi * 1.1)
        points = [
            (b.x + (b.rx + gx) * np.cos(start + t) + self.rng.uniform(-0.1, 0.1),
             b.y + (b.ry + gy) * np.sin(start + t) + self.rng.uniform(-0.1, 0.1))
            for t in np.linspace(0, turn, 40)
        ]  # fmt: skip
        self.stroke(points, instrument, 0.4)

    def dot(self, b: sheet.Bubble, instrument: str) -> None:
        layer = self._layer()
        r = self.rng.uniform(0.25, 0.45)
        cv2.circle(layer, self._xy(b.x + self.rng.uniform(-0.5, 0.5), b.y), int(r * self.px * 16), 0, -1, cv2.LINE_AA, 4)  # fmt: skip
        self._apply(layer, instrument)

    def rub_out(self, b: sheet.Bubble, before: np.ndarray, instrument: str) -> None:
        """A mark rubbed out: the eraser leaves a light smudge (whitener over pen)."""
        mask = self._layer()
        cv2.ellipse(mask, self._xy(b.x, b.y), self._xy(b.rx * 1.25, b.ry * 1.3), 0, 0, 360, 0, -1, cv2.LINE_AA, 4)  # fmt: skip
        inside = mask < 128
        low = 200 if "pencil" in instrument else 222
        residue = np.random.default_rng(self.rng.randrange(2**32)).normal(low + 12, 6, inside.sum())
        printed = before[inside].astype(np.float32)
        self.image[inside] = np.clip(np.minimum(printed + 30, residue), 0, 255).astype(np.uint8)


def fill(image: np.ndarray, geometry: sheet.Geometry, s: Student, *, dpi: int, seed: int) -> np.ndarray:  # fmt: skip
    """Mark the sheet as the student did (page pixels at dpi)."""
    rng = random.Random(seed)
    out = image.copy()
    pen = Pen(out, dpi, rng)
    for number, (letters, style) in s.answers.items():
        row = {b.value: b for b in geometry.answers[number - 1]}
        ink = s.second if s.second and rng.random() < 0.25 else s.instrument
        mark_ink = s.instrument if "pen" in s.instrument else "black pen"
        for letter in letters:
            b = row[letter]
            if style in ("fill", "double"):
                pen.scribble(b, ink)
            elif style == "overflow":
                pen.scribble(b, ink, grow=rng.uniform(1.25, 1.45))
            elif style == "rubbed":
                wrong = row[s.erased[number]]
                pen.scribble(wrong, ink)
                pen.rub_out(wrong, image, ink)
                pen.scribble(b, ink)
            elif style == "tick":
                pen.tick(b, mark_ink)
            elif style == "cross":
                pen.cross(b, mark_ink)
            elif style == "circled":
                pen.circle(b, mark_ink)
            elif style == "dot":
                pen.dot(b, mark_ink)
    for column, digit in zip(geometry.roll, s.roll, strict=False):
        pen.scribble(column[int(digit)], s.instrument)
    for column, digit in zip(geometry.booklet, s.booklet, strict=False):
        pen.scribble(column[int(digit)], s.instrument)
    pen.scribble(next(b for b in geometry.series if b.value == s.series), s.instrument)
    return out


def png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


def pdf_of(images: list[np.ndarray], dpi: int) -> bytes:
    """A scanner's multi-page PDF of the images (JPEG pages)."""
    document = pdfium.PdfDocument.new()
    for image in images:
        page_width, page_height = image.shape[1] * 72 / dpi, image.shape[0] * 72 / dpi
        page = document.new_page(page_width, page_height)
        pdf_image = pdfium.PdfImage.new(document)
        buffer = io.BytesIO(
            cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
        )
        pdf_image.load_jpeg(buffer, inline=True)
        pdf_image.set_matrix(pdfium.PdfMatrix().scale(page_width, page_height))
        page.insert_obj(pdf_image)
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
