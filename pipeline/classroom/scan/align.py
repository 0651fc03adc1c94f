"""Find the sheet on a scanned page and map it to sheet millimetres.

The four corner squares are the darkest square blobs nearest the page's corners; the small
orientation square beside one of them says which corner is the sheet's top left, so an
upside-down (or sideways) scan reads the right way round. A homography from the four
fiducial centres undoes rotation, scale and a phone photo's perspective.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Pixels per millimetre of the canonical (warped) image: a 4.2 mm bubble is ~34 px across.
SCALE = 8.0


class AlignError(ValueError):
    """The sheet could not be found on the page; the message says why."""


@dataclass
class Blob:
    x: float
    y: float
    side: float  # square root of its area, in pixels


def _squares(grey: np.ndarray) -> list[Blob]:
    """Solid, square, dark blobs: fiducial candidates."""
    import cv2

    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    blobs = []
    short = min(grey.shape)
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if area < (short * 0.006) ** 2 or area > (short * 0.08) ** 2:
            continue
        if not 0.6 < w / h < 1.65:
            continue
        if area / (w * h) < 0.55:  # squares (even rotated 45 degrees) fill most of their box
            continue
        blobs.append(Blob(float(centroids[i][0]), float(centroids[i][1]), float(np.sqrt(area))))
    return blobs


def locate(grey: np.ndarray, geometry: dict) -> np.ndarray:
    """The 3x3 homography from page pixels to canonical pixels (SCALE per mm)."""
    import cv2

    blobs = _squares(grey)
    if len(blobs) < 4:
        raise AlignError("the four corner squares were not found (is it the whole sheet?)")
    marks = {m["name"]: m for m in geometry["fiducials"]}
    ratio = geometry["orientation"]["size"] / marks["top-left"]["size"]
    # The fiducials: the biggest squares, one nearest each corner of the page.
    big = sorted(blobs, key=lambda b: -b.side)
    typical = np.median([b.side for b in big[:4]])
    corners = [b for b in blobs if 0.7 * typical <= b.side <= 1.4 * typical]
    if len(corners) < 4:
        raise AlignError("fewer than four corner squares of the same size")
    pick = {
        "tl": min(corners, key=lambda b: b.x + b.y),
        "tr": max(corners, key=lambda b: b.x - b.y),
        "bl": max(corners, key=lambda b: b.y - b.x),
        "br": max(corners, key=lambda b: b.x + b.y),
    }
    if len({id(b) for b in pick.values()}) < 4:
        raise AlignError("the corner squares do not form a quadrilateral")
    # The orientation mark: a smaller square a set way along the top edge from the true
    # top-left square towards the top-right one. Try each corner as the top left.
    small = [b for b in blobs if 0.6 * ratio * typical <= b.side <= 1.5 * ratio * typical]
    along = (geometry["orientation"]["x"] - marks["top-left"]["x"]) / (
        marks["top-right"]["x"] - marks["top-left"]["x"]
    )
    clockwise = {"tl": "tr", "tr": "br", "br": "bl", "bl": "tl"}
    error = {}
    for corner, blob in pick.items():
        towards = pick[clockwise[corner]]
        ex, ey = blob.x + (towards.x - blob.x) * along, blob.y + (towards.y - blob.y) * along
        error[corner] = min(
            (float(np.hypot(s.x - ex, s.y - ey)) for s in small), default=float("inf")
        )
    top_left = min(error, key=lambda c: error[c])
    if error[top_left] > typical:
        raise AlignError("the orientation mark beside the top-left square was not found")
    # Walk the corners clockwise from the sheet's true top-left.
    ring = ["tl", "tr", "br", "bl"]
    start = ring.index(top_left)
    order = ring[start:] + ring[:start]
    source = np.array([[pick[c].x, pick[c].y] for c in order], dtype=np.float32)
    names = ["top-left", "top-right", "bottom-right", "bottom-left"]
    target = np.array(
        [[marks[n]["x"] * SCALE, marks[n]["y"] * SCALE] for n in names], dtype=np.float32
    )
    return cv2.getPerspectiveTransform(source, target)


def warp(grey: np.ndarray, matrix: np.ndarray, geometry: dict) -> np.ndarray:
    """The page seen square-on, SCALE pixels per millimetre."""
    import cv2

    size = (int(geometry["width"] * SCALE), int(geometry["height"] * SCALE))
    return cv2.warpPerspective(grey, matrix, size, flags=cv2.INTER_AREA, borderValue=255)
