"""Find the sheet on a scanned page and map sheet millimetres to page pixels.

Corner squares are found under uneven light (a local threshold), at any rotation (a
minimum-area rectangle, not the upright bounding box), solid, bordered by paper and in a
size window that leaves out filled ovals (they are not square). The QR code, when it can be
read, places the sheet by itself: its corners predict where the four squares are, so a
square on the desk or on another sheet is never taken for a corner, and three squares plus
the QR code are enough (a thumb over a corner). Without the QR code the squares and the
orientation mark beside the top-left one decide. Whatever the mapping, fit.py then checks
it against the printed ovals before any bubble is read.
"""

from __future__ import annotations

import functools
import itertools
import statistics
from dataclasses import dataclass

import numpy as np

#: How a bent sheet is placed: by the corners and the QR code on its flat top.
TOP = "the top corners and the QR code"
#: The longest side a page is worked at; a 64-megapixel phone photo is reduced first.
WORK_SIDE = 2600


class AlignError(ValueError):
    """The sheet could not be found on the page; the message says why."""


@dataclass
class Square:
    x: float
    y: float
    side: float  # pixels


@dataclass
class QR:
    text: str
    corners: (
        np.ndarray
    )  # 4 x 2 page pixels: the symbol's top-left, top-right, bottom-right, bottom-left


@dataclass
class Located:
    """A mapping from sheet millimetres to page pixels, and how it was found."""

    matrix: np.ndarray  # 3x3, mm -> page pixels
    qr: QR | None
    how: str  # "corners", "corners and QR code", "three corners and the QR code"


def work_image(grey: np.ndarray) -> np.ndarray:
    """The page at most WORK_SIDE pixels on its longest side."""
    import cv2

    longest = max(grey.shape)
    if longest <= WORK_SIDE:
        return grey
    factor = WORK_SIDE / longest
    size = (round(grey.shape[1] * factor), round(grey.shape[0] * factor))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA)


def read_qr(grey: np.ndarray) -> list[QR]:
    """Every answer-sheet QR code on the page (two mean two sheets in one photo)."""
    import zxingcpp

    found = []
    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    for code in zxingcpp.read_barcodes(grey, formats=formats):
        if not code.text.startswith("UPSCSHEET|") or len(code.text) > 300:
            continue
        p = code.position
        corners = np.array(
            [[c.x, c.y] for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)],
            dtype=np.float64,
        )
        found.append(QR(code.text, corners))
    return found


def squares(grey: np.ndarray) -> list[Square]:
    """Solid dark squares bordered by paper, at any angle: corner and orientation candidates."""
    import cv2

    short = min(grey.shape)
    block = max(31, (short // 12) | 1)
    dark = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 18
    )
    contours, _ = cv2.findContours(dark, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    low, high = (short * 0.006) ** 2, (short * 0.07) ** 2
    for contour in contours[:20000]:
        area = cv2.contourArea(contour)
        if not low <= area <= high:
            continue
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if w <= 0 or h <= 0 or not 0.6 < w / h < 1.67:
            continue
        fill = area / (w * h)
        square = 0.75 < w / h < 1.33 and fill >= 0.84
        if not square and fill < 0.65:
            continue  # an oval fills pi/4 of its rectangle and is 1.6 times as wide as tall
        side = float(np.sqrt(area))
        if not _solid_on_paper(grey, dark, cx, cy, side):
            continue
        if not square and not _slanted_square(contour, area):
            continue
        found.append(Square(float(cx), float(cy), side))
    return found


def _slanted_square(contour: np.ndarray, area: float) -> bool:
    """A square seen at a slant (a curled or bent corner, a steep photo): four corners, a
    convex quadrilateral the blob fills, no side much longer than another. An oval is not
    one: the quadrilateral closest to it is a rhombus it overfills by a half."""
    import cv2

    quad = cv2.approxPolyDP(contour, 0.04 * cv2.arcLength(contour, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return False
    if not 0.93 <= area / max(cv2.contourArea(quad), 1.0) <= 1.07:
        return False
    corners = quad.reshape(4, 2).astype(np.float64)
    sides = np.linalg.norm(np.roll(corners, -1, axis=0) - corners, axis=1)
    return float(sides.max()) <= 1.6 * float(sides.min())


def _solid_on_paper(grey: np.ndarray, dark: np.ndarray, cx: float, cy: float, side: float) -> bool:
    """Dark all through (a QR finder pattern is hollow) and ringed by lighter paper."""
    h, w = grey.shape
    r = side * 0.3
    x0, x1, y0, y1 = int(cx - r), int(cx + r) + 1, int(cy - r), int(cy + r) + 1
    if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
        return False
    if dark[y0:y1, x0:x1].mean() < 0.85 * 255:
        return False
    inside = float(grey[y0:y1, x0:x1].mean())
    ring = []
    for f in (0.95, 1.15):
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
            x, y = int(cx + dx * side * f), int(cy + dy * side * f)
            if 0 <= x < w and 0 <= y < h:
                ring.append(float(grey[y, x]))
    if len(ring) < 12:
        return False
    ring.sort()
    return ring[len(ring) // 4] > inside + 40


@functools.lru_cache(maxsize=64)
def _modules(text: str) -> int:
    """The QR symbol's width in modules (the payloads of a run are few: each is encoded once)."""
    import segno

    return int(segno.make(text, error="m", micro=False, mask=0).symbol_size(border=0)[0])


def _symbol_mm(qr: QR, mark: dict) -> np.ndarray:
    """The QR symbol's corners on the sheet, mm (top-left, top-right, bottom-right, bottom-left)."""
    modules = _modules(qr.text)
    unit = mark["size"] / (modules + 8)
    x0 = mark["x"] - mark["size"] / 2 + 4 * unit
    y0 = mark["y"] - mark["size"] / 2 + 4 * unit
    side = modules * unit
    return np.array([[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side]])


def _homography(mm: np.ndarray, px: np.ndarray) -> np.ndarray:
    import cv2

    matrix, _ = cv2.findHomography(mm.astype(np.float32), px.astype(np.float32), 0)
    if matrix is None:
        raise AlignError("the corner squares do not form a sheet")
    return np.asarray(matrix, dtype=np.float64)


def project(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    """mm -> pixels (or the reverse, with the inverse matrix) for an N x 2 array."""
    ones = np.ones((len(points), 1))
    out = np.hstack([points, ones]) @ matrix.T
    return out[:, :2] / out[:, 2:3]


def _from_qr(qr: QR, found: list[Square], geometry: dict) -> list[Located]:
    """The four corners predicted from the QR code, matched to squares; three suffice. When
    a bottom corner had to be left out (a sheet curled or bent at the bottom moves it), the
    two top corners and the QR code, which lie on the flat top, map the sheet too."""
    marks = geometry["fiducials"]
    qr_mm = _symbol_mm(qr, geometry["qr"])
    rough = _homography(qr_mm, qr.corners)
    centres = np.array([[m["x"], m["y"]] for m in marks])
    predicted = project(rough, centres)
    # The square's expected side in pixels, from the QR code's scale.
    unit = float(np.linalg.norm(qr.corners[1] - qr.corners[0])) / (qr_mm[1][0] - qr_mm[0][0])
    side = marks[0]["size"] * unit
    chosen: dict[int, list[float]] = {}  # corner -> the square's centre, px
    for n, (centre, guess) in enumerate(zip(centres, predicted, strict=True)):
        reach = 0.12 * float(np.linalg.norm(centre - qr_mm[0])) * unit + 2 * side
        near = [
            s
            for s in found
            if 0.72 * side <= s.side <= 1.4 * side
            and np.hypot(s.x - guess[0], s.y - guess[1]) < reach
        ]
        if near:
            best = min(near, key=lambda s: np.hypot(s.x - guess[0], s.y - guess[1]))
            chosen[n] = [best.x, best.y]
    out = []
    kept = list(chosen)
    while len(kept) >= 3:
        matrix, off = _fitted(centres[kept], np.array([chosen[n] for n in kept]), qr, qr_mm)
        # A square that is not the corner (a thumb's edge, another sheet's) is far off the
        # mapping the others agree on: leave it out and map again.
        worst = int(np.argmax(off))
        if off[worst] <= 1.0:
            how = "corners and QR code" if len(kept) == 4 else "three corners and the QR code"
            out.append(Located(matrix, qr, how))
            break
        del kept[worst]
    top = [n for n in chosen if marks[n]["y"] < geometry["height"] / 2]
    if len(top) == 2 and (not out or out[0].how != "corners and QR code"):
        # Six points along the top cannot tell a perspective from a tilt: an affine map
        # (a phone's perspective over one sheet is slight), which the ring fit corrects.
        mm = np.vstack([centres[top], qr_mm])
        px = np.vstack([np.array([chosen[n] for n in top]), qr.corners])
        affine, *_ = np.linalg.lstsq(np.hstack([mm, np.ones((len(mm), 1))]), px, rcond=None)
        matrix = np.vstack([affine.T, [0.0, 0.0, 1.0]])
        if float(np.linalg.norm(project(np.linalg.inv(matrix), px) - mm, axis=1).max()) <= 1.0:
            out.append(Located(matrix, qr, TOP))
    return out


def _fitted(mm: np.ndarray, px: np.ndarray, qr: QR, qr_mm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The mapping through some corners (mm, px) and the QR code, and each corner's
    distance (mm) from where it puts that corner."""
    matrix = _homography(np.vstack([mm, qr_mm]), np.vstack([px, qr.corners]))
    return matrix, np.linalg.norm(project(np.linalg.inv(matrix), px) - mm, axis=1)


def _from_corners(found: list[Square], geometry: dict) -> list[Located]:
    """Mappings from four same-sized squares and the orientation mark, best first."""
    marks = {m["name"]: m for m in geometry["fiducials"]}
    ratio = geometry["orientation"]["size"] / marks["top-left"]["size"]
    names = ["top-left", "top-right", "bottom-right", "bottom-left"]
    target = np.array([[marks[n]["x"], marks[n]["y"]] for n in names])
    orientation = np.array([[geometry["orientation"]["x"], geometry["orientation"]["y"]]])
    big = sorted(found, key=lambda s: -s.side)[:12]
    results: list[tuple[float, Located]] = []
    for four in itertools.combinations(big, 4):
        sides = [s.side for s in four]
        if max(sides) > 1.5 * min(sides):
            continue
        ring = _clockwise(four)
        if ring is None:
            continue
        typical = float(statistics.median(sides))
        for start in range(4):
            order = ring[start:] + ring[:start]
            px = np.array([[s.x, s.y] for s in order])
            matrix = _homography(target, px)
            expect = project(matrix, orientation)[0]
            small = [
                s
                for s in found
                if 0.6 * ratio * typical <= s.side <= 1.6 * ratio * typical
                and np.hypot(s.x - expect[0], s.y - expect[1]) < 0.5 * typical
            ]
            if small:
                error = min(np.hypot(s.x - expect[0], s.y - expect[1]) for s in small)
                results.append((float(error) / typical - 0.001 * typical, Located(matrix, None, "corners")))  # fmt: skip
    results.sort(key=lambda r: r[0])
    return [located for _, located in results[:4]]


def _from_three(found: list[Square], geometry: dict) -> list[Located]:
    """Mappings from three corner squares and the orientation mark (a thumb over the fourth
    corner and the QR code unreadable): an affine map, which the ring fit then corrects."""
    marks = {m["name"]: m for m in geometry["fiducials"]}
    ratio = geometry["orientation"]["size"] / marks["top-left"]["size"]
    orientation = np.array([geometry["orientation"]["x"], geometry["orientation"]["y"]])
    names = ["top-left", "top-right", "bottom-right", "bottom-left"]
    big = sorted(found, key=lambda s: -s.side)[:10]
    results: list[tuple[float, Located]] = []
    for three in itertools.combinations(big, 3):
        sides = [s.side for s in three]
        if max(sides) > 1.4 * min(sides):
            continue
        typical = float(statistics.median(sides))
        px = np.array([[s.x, s.y, 1.0] for s in three])
        for missing in range(4):
            kept = [n for i, n in enumerate(names) if i != missing]
            if "top-left" not in kept:
                continue  # the orientation mark decides which way up: its corner is needed
            for order in itertools.permutations(range(3)):
                mm = np.array([[marks[kept[i]]["x"], marks[kept[i]]["y"], 1.0] for i in order])
                try:
                    affine = np.linalg.solve(mm, px[:, :2]).T  # 2 x 3, mm -> px
                except np.linalg.LinAlgError:
                    continue
                linear = affine[:, :2]
                stretch = np.linalg.svd(linear, compute_uv=False)
                if stretch[1] <= 0 or stretch[0] / stretch[1] > 1.25 or np.linalg.det(linear) <= 0:
                    continue
                expect = linear @ orientation + affine[:, 2]
                near = [
                    float(np.hypot(s.x - expect[0], s.y - expect[1]))
                    for s in found
                    if 0.6 * ratio * typical <= s.side <= 1.6 * ratio * typical
                ]
                error = min(near, default=np.inf)
                if error < 0.4 * typical:
                    matrix = np.vstack([affine, [0.0, 0.0, 1.0]])
                    results.append((error, Located(matrix, None, "three corners")))
    results.sort(key=lambda r: r[0])
    return [located for _, located in results[:3]]


def _clockwise(four: tuple[Square, ...]) -> list[Square] | None:
    """The squares in clockwise order (on screen) if they make a convex quadrilateral
    shaped like a sheet (sides in the paper's proportions, within a phone's perspective)."""
    cx = sum(s.x for s in four) / 4
    cy = sum(s.y for s in four) / 4
    ring = sorted(four, key=lambda s: np.arctan2(s.y - cy, s.x - cx))
    pts = np.array([[s.x, s.y] for s in ring])
    edges = np.roll(pts, -1, axis=0) - pts
    cross = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]  # fmt: skip
    if not (cross > 0).all():
        return None
    lengths = np.linalg.norm(edges, axis=1)
    a, b = (lengths[0] + lengths[2]) / 2, (lengths[1] + lengths[3]) / 2
    if not 0.45 < min(a, b) / max(a, b) < 0.95:
        return None
    if max(lengths[0], lengths[2]) > 1.6 * min(lengths[0], lengths[2]) or max(lengths[1], lengths[3]) > 1.6 * min(lengths[1], lengths[3]):  # fmt: skip
        return None
    return list(ring)


def candidates(grey: np.ndarray, geometry: dict) -> tuple[list[Located], list[QR]]:
    """Mappings worth verifying, best first, and the QR codes read on the page."""
    codes = read_qr(grey)
    found = squares(grey)
    out: list[Located] = []
    for qr in codes[:3]:
        out += _from_qr(qr, found, geometry)
    out += _from_corners(found, geometry)
    if not out:
        out += _from_three(found, geometry)
    return out, codes
