"""Check a mapping against the printed ovals, then fit it locally, before any mark is read.

The page is first straightened by the mapping from its corner squares (align.py) into a
canonical image, SCALE pixels a millimetre. Each block of ovals (a group of five answer rows,
a digit field, the series ovals) is then moved to where its printed rings really are: the
offset that makes the sampled rings darkest against the paper just outside them, searched
around the offset of the block before it, so a sheet that curls, bows or was crumpled is
followed block by block. Each row is then refined within half a millimetre or so of its block.

What this module says about a page: the rings were found in every block (or which blocks
were not), and how far each row sits from its block (the residual); a row further than
RESIDUAL_MM, or a block whose rings are missing, is never read as an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SCALE = 6.0  # canonical pixels a millimetre
SEARCH_MM = 2.6  # around the offset predicted from the block before
FIRST_SEARCH_MM = 4.5  # the first block of the page, and of each field
ROW_MM = 0.8  # a row's own search around its block
OVAL_MM = 0.35  # an oval's own search around its row
RESIDUAL_MM = 0.55  # a row this far from its block is not read
WEAK = 0.4  # a block whose rings are this much fainter than the page's median: not found
FAINT = 0.55  # a row whose rings are this much fainter: not read
ANGLES = np.linspace(0, 2 * np.pi, 20, endpoint=False)


@dataclass
class Fit:
    """Where each oval really is (canonical pixels), and what the check found."""

    centres: dict[str, np.ndarray] = field(default_factory=dict)  # field -> (n, k, 2) xy px
    unread: dict[str, set[int]] = field(default_factory=dict)  # field -> rows not to read
    reasons: dict[str, dict[int, str]] = field(default_factory=dict)
    contrast: float = 0.0  # the page's median ring contrast, grey levels
    residual_mm: float = 0.0  # the largest row residual among rows read
    problem: str | None = None  # the mapping is wrong: nothing on the page may be read


def canonical(grey: np.ndarray, matrix: np.ndarray, geometry: dict) -> np.ndarray:
    """The page seen square-on, SCALE pixels a millimetre (matrix maps mm to page pixels)."""
    import cv2

    to_page = matrix @ np.diag([1 / SCALE, 1 / SCALE, 1.0])
    size = (int(geometry["width"] * SCALE), int(geometry["height"] * SCALE))
    return cv2.warpPerspective(
        grey, to_page, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=255
    )


def flatten(image: np.ndarray) -> np.ndarray:
    """The page divided by its own paper: a shadow or a lamp's gradient becomes white again.

    The paper level at each point is the brightest grey within about 6 mm (wider than a
    filled oval, which always has paper within 3 mm of its middle), smoothed."""
    import cv2

    small = cv2.resize(image, (image.shape[1] // 4, image.shape[0] // 4), interpolation=cv2.INTER_AREA)  # fmt: skip
    side = int(6 * SCALE / 4) | 1
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    paper = cv2.GaussianBlur(paper, (0, 0), side / 2)
    paper = cv2.resize(paper, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = image.astype(np.float32) * 255.0 / np.maximum(paper.astype(np.float32), 30.0)
    return np.clip(flat, 0, 255).astype(np.uint8)


def _ring_points(ovals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ring, outside) sample points, px, for ovals given as rows of (x, y, rx, ry) in mm."""
    cos, sin = np.cos(ANGLES), np.sin(ANGLES)
    x, y, rx, ry = (ovals[:, i : i + 1] for i in range(4))
    ring = np.stack([x + rx * cos, y + ry * sin], axis=-1).reshape(-1, 2)
    out = np.stack([x + (rx + 0.6) * cos, y + (ry + 0.6) * sin], axis=-1).reshape(-1, 2)
    return ring * SCALE, out * SCALE


def _score(image: np.ndarray, ring: np.ndarray, out: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Mean (outside - ring) grey for each integer shift (k, 2)."""
    h, w = image.shape
    r = np.rint(ring).astype(np.int32)
    o = np.rint(out).astype(np.int32)
    rx = np.clip(r[None, :, 0] + shifts[:, None, 0], 0, w - 1)
    ry = np.clip(r[None, :, 1] + shifts[:, None, 1], 0, h - 1)
    ox = np.clip(o[None, :, 0] + shifts[:, None, 0], 0, w - 1)
    oy = np.clip(o[None, :, 1] + shifts[:, None, 1], 0, h - 1)
    return image[oy, ox].mean(axis=1) - image[ry, rx].mean(axis=1)


def _grid(radius: int, step: int) -> np.ndarray:
    values = np.arange(-radius, radius + 1, step)
    xs, ys = np.meshgrid(values, values)
    return np.stack([xs.ravel(), ys.ravel()], axis=1)


def _search(image: np.ndarray, ovals: np.ndarray, guess: np.ndarray, mm: float, *, coarse: bool = True) -> tuple[np.ndarray, float]:  # fmt: skip
    """The best integer shift near `guess`, coarse then fine, and its score."""
    ring, out = _ring_points(ovals)
    radius = int(round(mm * SCALE))
    if not coarse:
        shifts = _grid(radius, 1) + guess
        scores = _score(image, ring, out, shifts)
        i = int(np.argmax(scores))
        return shifts[i], float(scores[i])
    coarse_grid = _grid(radius, 2) + guess
    scores = _score(image, ring, out, coarse_grid)
    best = coarse_grid[int(np.argmax(scores))]
    fine = _grid(2, 1) + best
    scores = _score(image, ring, out, fine)
    i = int(np.argmax(scores))
    return fine[i], float(scores[i])


def _each(image: np.ndarray, ovals: np.ndarray, guess: np.ndarray, mm: float) -> np.ndarray:
    """Each oval's own best integer shift near `guess` (n, 2), all at once."""
    ring, out = _ring_points(ovals)
    n = len(ovals)
    shifts = _grid(int(round(mm * SCALE)), 1) + guess
    h, w = image.shape
    r = np.rint(ring).astype(np.int32).reshape(n, 1, -1, 2)
    o = np.rint(out).astype(np.int32).reshape(n, 1, -1, 2)
    d = shifts[None, :, None, :]
    ring_v = image[np.clip(r[..., 1] + d[..., 1], 0, h - 1), np.clip(r[..., 0] + d[..., 0], 0, w - 1)]  # fmt: skip
    out_v = image[np.clip(o[..., 1] + d[..., 1], 0, h - 1), np.clip(o[..., 0] + d[..., 0], 0, w - 1)]  # fmt: skip
    scores = out_v.mean(axis=2) - ring_v.mean(axis=2)
    return shifts[np.argmax(scores, axis=1)]


def _ovals(rows: list[list[dict]]) -> np.ndarray:
    return np.array([[b["x"], b["y"], b["rx"], b["ry"]] for row in rows for b in row])


def fields(geometry: dict) -> dict[str, list[list[int]]]:
    """Each field's blocks, as lists of row indices into its rows."""
    answers = geometry["answers"]
    return {
        "answers": [list(block) for block in geometry["blocks"]] or [list(range(len(answers)))],
        "roll": [list(range(len(geometry["roll"])))],
        "booklet": [list(range(len(geometry["booklet"])))],
        "series": [[0]],
    }


def rows_of(geometry: dict, name: str) -> list[list[dict]]:
    """A field's rows of ovals: answer rows, digit columns, or the one row of series ovals."""
    return [geometry["series"]] if name == "series" else list(geometry[name])


def _residuals(shifts: dict[int, np.ndarray], rows: list[list[dict]]) -> dict[int, float]:
    """How far (mm) each row's shift is from a plane fitted through its block's row shifts:
    a mapping slightly turned or scaled moves rows along a plane; a crease steps off it."""
    order = list(shifts)
    if len(order) < 3:
        return {i: 0.0 for i in order}
    where = np.array([[1.0, rows[i][0]["x"], rows[i][0]["y"]] for i in order])
    moved = np.array([shifts[i] for i in order], dtype=np.float64)
    plane, *_ = np.linalg.lstsq(where, moved, rcond=None)
    off = np.linalg.norm(moved - where @ plane, axis=1) / SCALE
    return {i: float(d) for i, d in zip(order, off, strict=True)}


def fit(image: np.ndarray, geometry: dict) -> Fit:
    """Find every block's and row's ovals on the canonical image; say which cannot be read."""
    import cv2

    smooth = cv2.GaussianBlur(image, (3, 3), 0).astype(np.float32)
    result = Fit()
    found: list[tuple[str, list[int], np.ndarray, float]] = []
    for name, blocks in fields(geometry).items():
        rows = rows_of(geometry, name)
        guess = column_top = np.zeros(2, dtype=np.int64)
        for number, block in enumerate(blocks):
            ovals = _ovals([rows[i] for i in block])
            first = number == 0 or (
                name == "answers" and rows[block[0]][0]["x"] != rows[blocks[number - 1][0]][0]["x"]
            )
            if first:
                guess = column_top  # a new column starts beside the last one's top
            shift, score = _search(smooth, ovals, guess, FIRST_SEARCH_MM if first else SEARCH_MM)
            found.append((name, block, shift, score))
            guess = shift
            if first:
                column_top = shift
    contrasts = [score for _, _, _, score in found]
    result.contrast = float(np.median(contrasts))
    if result.contrast < 12:
        result.problem = "the printed ovals were not found where the corner squares put them"
        return result
    weak_blocks = 0
    for name, block, shift, score in found:
        rows = rows_of(geometry, name)
        centres = result.centres.setdefault(
            name, np.zeros((len(rows), len(rows[0]), 2), dtype=np.float32)
        )
        unread = result.unread.setdefault(name, set())
        reasons = result.reasons.setdefault(name, {})
        weak = score < WEAK * result.contrast
        weak_blocks += weak
        if weak:
            for i in block:
                centres[i] = _ovals([rows[i]])[:, :2] * SCALE + shift
                unread.add(i)
                reasons[i] = "the printed ovals here were not found (torn, covered or folded?)"
            continue
        searched = {i: _search(smooth, _ovals([rows[i]]), shift, ROW_MM) for i in block}
        shifts = {i: found_at for i, (found_at, _) in searched.items()}
        for i, residual in _residuals(shifts, rows).items():
            if searched[i][1] < FAINT * result.contrast:
                centres[i] = _ovals([rows[i]])[:, :2] * SCALE + shifts[i]
                unread.add(i)
                reasons[i] = "the printed ovals of this row are not where the sheet's mapping puts them"  # fmt: skip
                continue
            ovals = _ovals([rows[i]])
            # Each oval snaps to its own ring within OVAL_MM of its row's place.
            centres[i] = ovals[:, :2] * SCALE + _each(smooth, ovals, shifts[i], OVAL_MM)
            if residual > RESIDUAL_MM:
                unread.add(i)
                reasons[i] = f"the printed ovals sit {residual:.1f} mm off the line of their neighbours' (a crease or fold?)"  # fmt: skip
            else:
                result.residual_mm = max(result.residual_mm, residual)
    if weak_blocks > max(2, len(found) // 4):
        result.problem = (
            f"the printed ovals of {weak_blocks} of {len(found)} blocks were not found where the "
            "corner squares put them (a corner square hidden, or another sheet's?)"
        )
    return result
