"""Read one aligned page: its QR code, roll number, series and every answer bubble.

A bubble's darkness is the mean ink inside 60% of its radius (clear of the printed ring).
Thresholds adapt to the page: the blank level is the median bubble, the filled level the
darkest marks the page holds, so a pencil scan reads like a pen scan. Between the two
thresholds a mark is ambiguous and goes to a human; it never becomes a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .align import SCALE

INNER = 0.6  # share of the radius sampled
FILLED_AT = 0.75  # of the way from blank to filled: at or above is filled
BLANK_BELOW = 0.14  # below is blank; between is ambiguous (a tick, a half-erased mark)
MIN_CONTRAST = 0.12  # a page whose marks are no darker than this over blank has no marks


@dataclass
class Reading:
    """What one page says, and what a human must look at."""

    qr: str | None = None
    roll: str = ""
    series: str = ""
    answers: list[str] = field(default_factory=list)  # "A", "", "AB" (double), "?" (review)
    review: list[tuple[str, str, tuple[int, int, int, int]]] = field(default_factory=list)
    # (what: "question 12" / "roll number" / "series", why, crop box in canonical pixels)


def _disk(radius_px: float) -> tuple[np.ndarray, np.ndarray]:
    r = int(np.ceil(radius_px))
    ys, xs = np.mgrid[-r : r + 1, -r : r + 1]
    keep = xs**2 + ys**2 <= radius_px**2
    return ys[keep], xs[keep]


def darkness(image: np.ndarray, bubbles: list[dict]) -> np.ndarray:
    """Mean ink (0 white .. 1 black) inside each bubble."""
    if not bubbles:
        return np.zeros(0)
    dy, dx = _disk(bubbles[0]["r"] * INNER * SCALE)
    cx = np.array([b["x"] * SCALE for b in bubbles]).round().astype(int)[:, None] + dx[None, :]
    cy = np.array([b["y"] * SCALE for b in bubbles]).round().astype(int)[:, None] + dy[None, :]
    cx = cx.clip(0, image.shape[1] - 1)
    cy = cy.clip(0, image.shape[0] - 1)
    return 1.0 - image[cy, cx].astype(np.float32).mean(axis=1) / 255.0


@dataclass
class Levels:
    blank: float
    filled: float

    def state(self, value: float) -> str:
        span = self.filled - self.blank
        if span < MIN_CONTRAST:
            return "blank" if value < self.blank + MIN_CONTRAST / 2 else "ambiguous"
        if value >= self.blank + FILLED_AT * span:
            return "filled"
        if value < self.blank + BLANK_BELOW * span:
            return "blank"
        return "ambiguous"


def levels(answers: np.ndarray) -> Levels:
    """The page's blank and filled levels, from its answer bubbles."""
    blank = float(np.median(answers))
    rows = answers.max(axis=1) if answers.ndim == 2 else answers
    marked = rows[rows > blank + MIN_CONTRAST]
    filled = float(np.percentile(marked, 75)) if len(marked) >= 3 else blank + 0.55
    return Levels(blank, max(filled, blank + MIN_CONTRAST))


def read(image: np.ndarray, geometry: dict) -> Reading:
    """Roll number, series and answers of an aligned page (SCALE px per mm)."""
    result = Reading()
    rows = geometry["answers"]
    values = darkness(image, [b for row in rows for b in row]).reshape(len(rows), 4)
    page = levels(values)
    for number, (row, dark) in enumerate(zip(rows, values, strict=True), 1):
        states = [page.state(float(v)) for v in dark]
        filled = "".join(b["value"] for b, s in zip(row, states, strict=True) if s == "filled")
        doubtful = [b["value"] for b, s in zip(row, states, strict=True) if s == "ambiguous"]
        if doubtful and len(filled) < 2:
            result.answers.append("?")
            why = f"unclear mark on {', '.join(f'({v.lower()})' for v in doubtful)}"
            if filled:
                why += f" beside a filled ({filled.lower()})"
            result.review.append((f"question {number}", why, _box(row)))
        else:
            result.answers.append(filled)
    result.roll = _roll(image, geometry, page, result)
    series = geometry["series"]
    states = [page.state(float(v)) for v in darkness(image, series)]
    marked = [b["value"] for b, s in zip(series, states, strict=True) if s == "filled"]
    if len(marked) == 1 and "ambiguous" not in states:
        result.series = marked[0]
    elif marked or "ambiguous" in states:
        result.review.append(
            ("series", "the series bubbles are unclear or more than one is filled", _box(series))
        )
    return result


def _roll(image: np.ndarray, geometry: dict, page: Levels, result: Reading) -> str:
    digits = []
    for column in geometry["roll"]:
        states = [page.state(float(v)) for v in darkness(image, column)]
        filled = [b["value"] for b, s in zip(column, states, strict=True) if s == "filled"]
        if len(filled) == 1 and "ambiguous" not in states:
            digits.append(filled[0])
        elif not filled and "ambiguous" not in states:
            digits.append(" ")
        else:
            digits.append("?")
    roll = "".join(digits).rstrip()
    if not roll.strip() or "?" in roll or " " in roll.strip():
        box = _box([b for column in geometry["roll"] for b in column])
        why = (
            "no roll number filled"
            if not roll.strip()
            else "a roll-number column is unclear, empty or doubly filled"
        )
        result.review.append(("roll number", why, box))
        return roll.replace(" ", "?")
    return roll.strip()


def _box(bubbles: list[dict]) -> tuple[int, int, int, int]:
    """A crop around some bubbles (and the question number to their left), canonical pixels."""
    xs = [b["x"] for b in bubbles]
    ys = [b["y"] for b in bubbles]
    r = bubbles[0]["r"]
    return (
        int((min(xs) - r - 9) * SCALE),
        int((min(ys) - r - 1.5) * SCALE),
        int((max(xs) + r + 1.5) * SCALE),
        int((max(ys) + r + 1.5) * SCALE),
    )


def qr_text(*images: np.ndarray) -> str | None:
    """The sheet's QR payload, tried on each image in turn (the scan, then the aligned page)."""
    import zxingcpp

    for image in images:
        qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        for found in zxingcpp.read_barcodes(image, formats=qr):
            if found.text.startswith("UPSCSHEET|"):
                return str(found.text)
    return None
