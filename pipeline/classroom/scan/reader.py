"""One page, start to end: find the sheet, verify the mapping, read it, crop every doubt.

Nothing on the page is trusted: the QR code must be one of the payloads this test's sheets
print (compared whole, so a forged field is simply not ours), a mapping is used only once
the printed ovals, the orientation mark and the QR code sit where it says, and a page that
cannot be read says why, with a crop, without stopping the batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import align, fit, marks
from .pages import Page
from .trust import Sheet, foreign


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
    crops: list[tuple[str, bytes]] = field(default_factory=list)  # (what, PNG)
    duplicate: bool = False
    how: str = ""  # how the sheet was found


def _png(image: np.ndarray) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", image)
    return data.tobytes() if ok else b""


def thumbnail(image: np.ndarray, height: int = 700) -> bytes:
    """The whole page, small: the crop of a page problem."""
    import cv2

    factor = min(1.0, height / max(1, image.shape[0]))
    size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
    return _png(cv2.resize(image, size, interpolation=cv2.INTER_AREA))


def _dark(image: np.ndarray, x_mm: float, y_mm: float, half_mm: float = 1.2) -> float:
    s = fit.SCALE
    x0, x1 = int((x_mm - half_mm) * s), int((x_mm + half_mm) * s)
    y0, y1 = int((y_mm - half_mm) * s), int((y_mm + half_mm) * s)
    patch = image[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    return 255.0 - float(patch.mean()) if patch.size else 0.0


def _orientation_ok(image: np.ndarray, g: dict[str, Any]) -> bool:
    """The orientation mark is dark where the mapping puts it, and its rotations are not."""
    o, w, h = g["orientation"], g["width"], g["height"]
    inset = g["fiducials"][0]["x"]
    here = _dark(image, o["x"], o["y"])
    elsewhere = [
        _dark(image, w - o["x"], h - o["y"]),
        _dark(image, w - inset, o["x"]),
        _dark(image, inset, h - o["x"]),
    ]
    return here > 120 and max(elsewhere) < here - 80


def _qr_residual(located: align.Located, qr: align.QR, g: dict[str, Any]) -> float:
    """How far (mm) the QR code's corners sit from where the mapping puts them."""
    inverse = np.linalg.inv(located.matrix)
    seen = align.project(inverse, qr.corners)
    return float(np.linalg.norm(seen - align._symbol_mm(qr, g["qr"]), axis=1).max())


class Foreign(str):
    """A page refused because its QR code is another test's or sheet's: no 'unreadable'."""


def _locate(work: np.ndarray, sheet: Sheet) -> tuple[align.Located, np.ndarray, fit.Fit] | str:
    g = sheet.geometry
    options, codes = align.candidates(work, g)
    if not options:
        if codes:
            return "the corner squares were not found beside the QR code (is the sheet cut off or covered?)"  # fmt: skip
        return "the corner squares and the QR code were not found (is it the whole answer sheet?)"
    # Two answer-sheet QR codes far apart: both sheets are looked for, so that a second one
    # is named even when its own QR code places it poorly and only its corners place it well.
    several = _apart(codes)
    why = "the sheet's corners could not be verified"
    verified: list[tuple[align.Located, np.ndarray, fit.Fit]] = []
    for located in options:
        # Placed by all its corners (or all but one) and verified; the flat top of a bent
        # sheet is one more view of a sheet that is placed, never the reason to stop looking.
        placed = [v for v in verified if _unread_share(v[2]) < 0.05 and v[0].how != align.TOP]
        if located.qr is None and placed and not several:
            break  # a sheet placed by its QR code was verified: corners alone add nothing
        if located.how != align.TOP and any(_same_place(located, v[0], g) for v in placed):
            continue  # this sheet is placed already
        code = min(codes, key=lambda c: _qr_residual(located, c, g)) if codes else None
        if located.qr is None and code is not None and _qr_residual(located, code, g) > 1.5:
            why = "the QR code is not where the corner squares put it (another sheet's corner?)"
            continue
        image = fit.flatten(fit.canonical(work, located.matrix, g))
        if located.qr is None and not _orientation_ok(image, g):
            why = "the orientation mark beside the top-left square was not found"
            continue
        fitted = fit.fit(image, g)
        if fitted.problem:
            why = fitted.problem
            continue
        if located.qr is None:
            located.qr = code
        verified.append((located, image, fitted))
        if not several and (located.qr is None or len(verified) >= 3):
            break
    if not verified:
        return why
    # Another sheet's QR code can place its sheet under this one, and that sheet's hidden
    # ovals can seem found on this one's: the mapping whose ovals fit best is the sheet.
    verified.sort(key=lambda v: -_quality(v[2]))
    best = verified[0]
    if _unread_share(best[2]) > 0.25:
        ours = set(sheet.payloads.values())
        if codes and not any(c.text in ours for c in codes):
            return Foreign(foreign(codes[0].text, sheet.test))
        return "the printed ovals do not match the corner squares (another sheet under this one?)"
    good = [v for v in verified if _unread_share(v[2]) < 0.05 and _quality(v[2]) > 0.8 * _quality(best[2])]  # fmt: skip
    if any(not _same_place(v[0], good[0][0], g) for v in good[1:]):
        return "two answer sheets in one photo: photograph or scan each sheet on its own"
    return best


def _same_place(a: align.Located, b: align.Located, g: dict[str, Any]) -> bool:
    """Whether two mappings put the sheet's middle within a quarter of its width."""
    w, h = g["width"], g["height"]
    points = np.array([[w / 2, h / 2], [0.0, h / 2]])
    pa, pb = align.project(a.matrix, points), align.project(b.matrix, points)
    return float(np.linalg.norm(pa[0] - pb[0])) < 0.5 * float(np.linalg.norm(pa[0] - pa[1]))


def _unread_share(fitted: fit.Fit) -> float:
    rows = sum(len(c) for c in fitted.centres.values()) or 1
    return sum(len(u) for u in fitted.unread.values()) / rows


def _quality(fitted: fit.Fit) -> float:
    return fitted.contrast * (1 - _unread_share(fitted))


def _apart(codes: list[align.QR]) -> bool:
    if len(codes) < 2:
        return False
    a, b = codes[0].corners.mean(axis=0), codes[1].corners.mean(axis=0)
    size = float(np.linalg.norm(codes[0].corners[0] - codes[0].corners[2]))
    return float(np.linalg.norm(a - b)) > size


def _qr_in(image: np.ndarray, g: dict[str, Any]) -> str | None:
    """The QR code read again from the straightened page (upright, cropped)."""
    q, s = g["qr"], fit.SCALE
    half = q["size"] / 2 + 2
    crop = image[
        max(0, int((q["y"] - half) * s)) : int((q["y"] + half) * s),
        max(0, int((q["x"] - half) * s)) : int((q["x"] + half) * s),
    ]
    codes = align.read_qr(np.ascontiguousarray(crop)) if crop.size else []
    return codes[0].text if codes else None


def read_page(page: Page, sheet: Sheet) -> Outcome:
    """Align, verify, check the QR code, read the marks, crop every doubt. Never raises."""
    outcome = Outcome(
        page.name, page.file, page.number, digest=hashlib.sha256(page.image.tobytes()).hexdigest()
    )
    work = align.work_image(page.image)
    found = _locate(work, sheet)
    if isinstance(found, str):
        outcome.problem = found if isinstance(found, Foreign) else f"unreadable: {found}"
        outcome.crops.append(("page", thumbnail(work)))
        return outcome
    located, image, fitted = found
    outcome.how = located.how
    g = sheet.geometry
    text = located.qr.text if located.qr else _qr_in(image, g)
    qr_series = None
    if text is not None:
        qr_series = next((k for k, v in sheet.payloads.items() if v == text), None)
        if qr_series is None:
            outcome.problem = foreign(text, sheet.test)
            outcome.crops.append(("page", thumbnail(work)))
            return outcome
    reading = marks.read(image, g, fitted)
    reading.qr = qr_series
    if qr_series is None:
        only = next(iter(sheet.payloads)) if len(sheet.payloads) == 1 else None
        reading.series = reading.series or (only or "")
        outcome.notes.append(
            f"the QR code could not be read: read as a sheet of this test ({sheet.test}), "
            f"series {reading.series or 'unknown'} from its series oval"
        )
        if not reading.series:
            reading.review.append(("series", outcome.notes[-1], (0, 0, 0, 0)))
    elif not reading.series:
        reading.series = qr_series
    elif reading.series != qr_series:
        outcome.notes.append(
            f"the series oval says {reading.series} but the sheet was printed for series {qr_series}"
        )
        reading.review.append(("series", outcome.notes[-1], (0, 0, 0, 0)))
    for flag in reading.flags:
        outcome.notes.append(flag)
        reading.review.append(("page", flag, (0, 0, 0, 0)))
    outcome.reading = reading
    for what, _, (x0, y0, x1, y1) in reading.review:
        if x1 > x0 and y1 > y0:
            outcome.crops.append((what, _png(image[max(0, y0) : y1, max(0, x0) : x1])))
        else:
            outcome.crops.append((what, thumbnail(image)))
    return outcome
