"""Synthetic scans of filled answer sheets: the printed sheet, marked from a known pattern,
then degraded the way scanners and phones degrade pages. Tests and the bench use it."""

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

CLEAR = ("pen", "pencil")
DOUBTFUL = ("tick", "half-erased")


@dataclass
class Pattern:
    """What a student marked: per question the letters and how; roll number; series."""

    answers: dict[int, tuple[str, str]] = field(default_factory=dict)  # q -> (letters, style)
    roll: str = "2604117"
    series: str = "A"
    instrument: str = "pen"

    def expected(self, questions: int) -> list[str]:
        """What a reader must report: letters for clear marks, "?" for doubtful ones,
        nothing for blanks and stray dots (a dot is never an answer)."""
        out = []
        for number in range(1, questions + 1):
            letters, style = self.answers.get(number, ("", "blank"))
            out.append("?" if style in DOUBTFUL else ("" if style == "dot" else letters))
        return out


def pattern(
    questions: int, *, seed: int, instrument: str = "pen", doubtful: bool = True
) -> Pattern:
    rng = random.Random(seed)
    p = Pattern(
        roll=f"{rng.randrange(10**6, 10**7)}", series=rng.choice("ABCD"), instrument=instrument
    )
    for number in range(1, questions + 1):
        roll = rng.random()
        if roll < 0.12:
            continue  # left blank
        if roll < 0.17:
            p.answers[number] = ("".join(sorted(rng.sample("ABCD", 2))), instrument)  # double mark
        elif doubtful and roll < 0.21:
            p.answers[number] = (rng.choice("ABCD"), rng.choice(DOUBTFUL))
        elif roll < 0.24:
            p.answers[number] = (rng.choice("ABCD"), "dot")
        else:
            p.answers[number] = (rng.choice("ABCD"), instrument)
    return p


_PDFS: dict[tuple[str, int, str | None], bytes] = {}


def printed(data: dict, series: str | None, *, dpi: int) -> np.ndarray:
    """The answer sheet as printed, rasterised (grey, 255 white); each sheet is drawn once."""
    key = (data["id"], len(data["questions"]), series)
    if key not in _PDFS:
        name = f"answer-sheet-{series}" if series else "answer-sheet"
        count = 4 if series else 1
        document = next(
            d
            for d in plan(load(data), marks=Marks(), epoch=0, series=count, article=False)
            if d.name == name
        )
        _PDFS[key] = render_document(document, paper="a4", key=data["id"], epoch=0)[1].pdf
    page = pdfium.PdfDocument(_PDFS[key])[0]
    return np.ascontiguousarray(page.render(scale=dpi / 72, grayscale=True).to_numpy())


def _ink(instrument: str, rng: random.Random) -> int:
    return rng.randint(10, 45) if instrument == "pen" else rng.randint(95, 125)


def fill(
    image: np.ndarray, geometry: sheet.Geometry, p: Pattern, *, dpi: int, seed: int
) -> np.ndarray:
    """Mark the sheet as the pattern says (in page pixels at dpi)."""
    rng = random.Random(seed)
    out = image.copy()
    px = dpi / 25.4

    def at(b: sheet.Bubble) -> tuple[int, int]:
        return int(round(b.x * px)), int(round(b.y * px))

    def dab(b: sheet.Bubble, style: str, instrument: str) -> None:
        centre, r = at(b), b.r * px
        ink = _ink(instrument, rng)
        if style in CLEAR:
            cv2.circle(out, centre, int(r * rng.uniform(0.82, 0.98)), ink, -1, cv2.LINE_AA)
        elif style == "tick":
            x, y = centre
            # a small tick, as a student makes instead of filling the bubble
            points = np.array(
                [[x - r * 0.35, y], [x - r * 0.05, y + r * 0.3], [x + r * 0.45, y - r * 0.4]],
                np.int32,
            )
            cv2.polylines(
                out, [points], False, _ink("pen", rng), max(1, int(px * 0.45)), cv2.LINE_AA
            )
        elif style == "half-erased":
            mask = np.zeros_like(out)
            cv2.circle(mask, centre, int(r * 0.9), 255, -1)
            x, _ = centre
            mask[:, : x - int(r * 0.1)] = 0  # the right half, rubbed out to a grey
            out[mask > 0] = np.minimum(out[mask > 0], rng.randint(135, 160))
        elif style == "dot":
            cv2.circle(out, centre, max(1, int(px * 0.35)), _ink("pen", rng), -1, cv2.LINE_AA)

    for number, (letters, style) in p.answers.items():
        for b in geometry.answers[number - 1]:
            if b.value in letters:
                dab(b, style, p.instrument)
    for column, digit in zip(geometry.roll, p.roll, strict=False):
        dab(column[int(digit)], p.instrument, p.instrument)
    dab(next(b for b in geometry.series if b.value == p.series), p.instrument, p.instrument)
    return out


def degrade(
    image: np.ndarray,
    *,
    seed: int,
    rotate: float = 0.0,
    scale: float = 1.0,
    perspective: float = 0.0,
    blur: int = 0,
    noise: float = 0.0,
    jpeg: int | None = None,
    upside_down: bool = False,
) -> np.ndarray:
    """What a scanner or a phone does to a page."""
    rng = np.random.default_rng(seed)
    # The scanner bed (or the table under a phone) is larger than the page: pad, then move.
    pad = int(0.08 * max(image.shape))
    image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=228)
    h, w = image.shape
    if rotate or scale != 1.0:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rotate, scale)
        image = cv2.warpAffine(image, matrix, (w, h), borderValue=235)
    if perspective:
        d = perspective * min(w, h)
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        dst = np.float32([[d, d * 0.4], [w - d * 0.3, 0], [w, h - d * 0.5], [d * 0.6, h]])
        image = cv2.warpPerspective(
            image, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=225
        )
    if blur:
        image = cv2.GaussianBlur(image, (blur * 2 + 1, blur * 2 + 1), 0)
    if noise:
        image = np.clip(
            image.astype(np.float32) + rng.normal(0, noise, image.shape), 0, 255
        ).astype(np.uint8)
    if upside_down:
        image = cv2.rotate(image, cv2.ROTATE_180)
    if jpeg:
        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
        image = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    return image


#: The variants the suite reads back, as (name, dpi, degrade options).
VARIANTS: list[tuple[str, int, dict]] = [
    ("clean 200 dpi", 200, {}),
    ("150 dpi", 150, {}),
    ("300 dpi", 300, {}),
    ("rotated +10", 200, {"rotate": 10.0}),
    ("rotated -10", 200, {"rotate": -10.0}),
    ("scaled 90%", 200, {"scale": 0.9}),
    ("scaled 110%", 200, {"scale": 1.1, "rotate": 2.0}),
    ("phone perspective", 200, {"perspective": 0.05, "rotate": 3.0}),
    ("blurred", 200, {"blur": 2}),
    ("noisy", 200, {"noise": 18.0}),
    ("JPEG quality 40", 200, {"jpeg": 40, "noise": 6.0}),
    ("upside down", 200, {"upside_down": True, "rotate": 4.0}),
]


def png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


def pdf_of(images: list[np.ndarray], dpi: int) -> bytes:
    """A scanner's multi-page PDF of the images."""
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
