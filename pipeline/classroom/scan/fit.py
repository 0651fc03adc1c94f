"""Check a mapping against the printed ovals, then fit it locally, before any mark is read.

The page is first straightened by the mapping from its corner squares (align.py) into a
canonical image, SCALE pixels a millimetre. Each block of ovals (a group of five answer rows,
a digit field, the series ovals) is then moved to where its printed rings really are: the
offset that makes the sampled rings darkest against the paper just outside them, searched
around the offset of the block before it, so a sheet that curls, bows or was crumpled is
followed block by block. Each row is then refined within half a millimetre or so of its block.
The ring test is computed once over the page, as a correlation (`response`), so each search
is a look-up of a few thousand values rather than a resampling of the image.

What this module says about a page: the rings were found in every block (or which blocks
were not), and how far each row sits from its block (the residual); a row further than
RESIDUAL_MM, or a block whose rings are missing, is never read as an answer.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

SCALE = 6.0  # canonical pixels a millimetre
SEARCH_MM = 2.6  # around the offset predicted from the block before
FIRST_SEARCH_MM = 4.5  # the first block of the page, and of each field
ROW_MM = 0.8  # a row's own search around its block
OVAL_MM = 1.0  # an oval's own search around its row
REACH_MM = 12.0  # how far the blocks of a page may drift in all (the ring response's margin)
TRACK_MM = 1.2  # a row followed from the rows above it (half a row's pitch is 2.7 mm)
RESIDUAL_MM = 0.55  # a row this far from its block is not read
WEAK = 0.4  # a block whose rings are this much fainter than the page's median: not found
FAINT = 0.55  # a row whose rings are this much fainter: not read
MOVE = 0.5  # and moves one row or oval over only where it matches better by this share
# of what one more row of n would add (1/(n-1)), and every row and oval there has rings
SEEN = 0.45  # as strong as this share of the block's
GONE = 0.12  # and none at all under this: then where the block is cannot be told
EDGE = 0.35  # a row of a block whose rings are this much fainter than the block's has none
MAX_LOST = 0.1  # rows off their places, of a page's questions, beyond which none is trusted
SURE = 0.6  # an oval whose own ring is at least this strong is placed by it, else by its row
ANGLES = np.linspace(0, 2 * np.pi, 20, endpoint=False)


@dataclass
class Fit:
    """Where each oval really is (canonical pixels), and what the check found."""

    centres: dict[str, np.ndarray] = field(default_factory=dict)  # field -> (n, k, 2) xy px
    unread: dict[str, set[int]] = field(default_factory=dict)  # field -> rows not to read
    reasons: dict[str, dict[int, str]] = field(default_factory=dict)
    rings: dict[str, np.ndarray] = field(default_factory=dict)  # (n, k) each oval's own contrast
    edges: dict[str, np.ndarray] = field(default_factory=dict)  # (n, k) found at its search's edge
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
    """The page divided by its own paper: a shadow, a lamp's gradient or a crease's shading
    becomes white again.

    The paper level is the page closed (the brightest grey within 3 mm, then the darkest of
    that within 3 mm): every mark narrower than 6 mm (a filled oval is at most 4.2 mm tall)
    is taken away, while the step of a crease's shading stays where it is, so the dark side
    of a crease is measured against its own paper, not the bright side's."""
    import cv2

    small = cv2.resize(image, (image.shape[1] // 4, image.shape[0] // 4), interpolation=cv2.INTER_AREA)  # fmt: skip
    side = int(6 * SCALE / 4) | 1
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))  # fmt: skip
    paper = cv2.GaussianBlur(paper, (0, 0), 1.0)
    paper = cv2.resize(np.maximum(paper, 30), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)  # fmt: skip
    return cv2.divide(image, paper, scale=255.0)  # saturates at 255


def _kernel(rx: float, ry: float) -> np.ndarray:
    """The ring test as a correlation kernel: +1/n at n points 0.6 mm outside an oval of
    radii (rx, ry) mm, -1/n at n points on its printed ring; its response at a pixel is the
    mean (outside - ring) grey of an oval centred there."""
    cos, sin = np.cos(ANGLES), np.sin(ANGLES)
    ring = np.rint(np.stack([rx * cos, ry * sin], axis=1) * SCALE).astype(np.int64)
    out = np.rint(np.stack([(rx + 0.6) * cos, (ry + 0.6) * sin], axis=1) * SCALE).astype(np.int64)
    half = np.abs(out).max(axis=0)
    kernel = np.zeros((2 * half[1] + 1, 2 * half[0] + 1), np.float32)
    np.add.at(kernel, (out[:, 1] + half[1], out[:, 0] + half[0]), 1 / len(ANGLES))
    np.add.at(kernel, (ring[:, 1] + half[1], ring[:, 0] + half[0]), -1 / len(ANGLES))
    return kernel


@dataclass
class Response:
    """The ring test's response over the part of the page where some ovals may be."""

    values: np.ndarray  # float32, grey levels
    x0: int
    y0: int

    def at(self, xy: np.ndarray) -> np.ndarray:
        """The response at integer pixel positions (..., 2) of the canonical page."""
        h, w = self.values.shape
        x = np.clip(xy[..., 0] - self.x0, 0, w - 1)
        y = np.clip(xy[..., 1] - self.y0, 0, h - 1)
        return self.values[y, x]


def response(image: np.ndarray, ovals: np.ndarray, reach_mm: float) -> Response:
    """The ring response for ovals of the size of `ovals` (rows of x, y, rx, ry mm), over
    their bounding box widened by `reach_mm`: one correlation instead of a search per block."""
    import cv2

    kernel = _kernel(float(ovals[0, 2]), float(ovals[0, 3]))
    margin = np.array(kernel.shape[::-1]) // 2 + int(np.ceil(reach_mm * SCALE)) + 2
    h, w = image.shape
    x0, y0 = np.maximum(np.floor(ovals[:, :2].min(axis=0) * SCALE).astype(int) - margin, 0)
    x1, y1 = np.ceil(ovals[:, :2].max(axis=0) * SCALE).astype(int) + margin
    x1, y1 = min(int(x1), w), min(int(y1), h)
    x0, y0 = min(int(x0), max(x1 - 1, 0)), min(int(y0), max(y1 - 1, 0))
    crop = np.ascontiguousarray(image[y0:y1, x0:x1], dtype=np.float32)
    values = cv2.filter2D(crop, cv2.CV_32F, kernel, borderType=cv2.BORDER_REPLICATE)
    return Response(values, x0, y0)


@functools.lru_cache(maxsize=16)
def _grid(radius: int) -> np.ndarray:
    """Every integer shift within `radius` pixels each way, (k, 2)."""
    values = np.arange(-radius, radius + 1)
    xs, ys = np.meshgrid(values, values)
    grid = np.stack([xs.ravel(), ys.ravel()], axis=1)
    grid.flags.writeable = False
    return grid


def _pixels(ovals: np.ndarray) -> np.ndarray:
    return np.rint(ovals[:, :2] * SCALE).astype(np.int64)


def _search(r: Response, ovals: np.ndarray, guess: np.ndarray, mm: float) -> tuple[np.ndarray, float]:  # fmt: skip
    """The integer shift within `mm` of `guess` at which the ovals' rings stand out most from
    the paper around them, and that mean contrast (grey levels)."""
    radius = int(round(mm * SCALE))
    pixels = _pixels(ovals)[None, :, :]
    if (
        radius > 6
    ):  # every other shift first (a ring's response is two pixels wide), then around the best
        shifts = _grid(radius // 2) * 2 + guess
        scores = r.at(pixels + shifts[:, None, :]).mean(axis=1)
        guess, radius = shifts[int(np.argmax(scores))], 2
    shifts = _grid(radius) + guess
    scores = r.at(pixels + shifts[:, None, :]).mean(axis=1)
    i = int(np.argmax(scores))
    return shifts[i], float(scores[i])


def _rows(r: Response, ovals: np.ndarray, k: int, guess: np.ndarray, mm: float) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Each row's (k ovals each, one after another in `ovals`) best shift within `mm` of
    `guess`, (n, 2), and its score (n,): a block's rows at once."""
    shifts = _grid(int(round(mm * SCALE))) + guess
    values = r.at(_pixels(ovals)[:, None, :] + shifts[None, :, :])  # (n * k, shifts)
    scores = values.reshape(-1, k, len(shifts)).mean(axis=1)
    best = np.argmax(scores, axis=1)
    return shifts[best], scores[np.arange(len(best)), best]


def _each(r: Response, ovals: np.ndarray, guesses: np.ndarray, mm: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Each oval's own best integer shift within `mm` of its guess (n, 2), all at once; its
    ring contrast there (n,), and whether that is on the edge of the search (n,): the ring
    may lie further off."""
    radius = int(round(mm * SCALE))
    grid = _grid(radius)
    shifts = guesses[:, None, :] + grid[None, :, :]  # (n, g, 2)
    scores = r.at(_pixels(ovals)[:, None, :] + shifts)
    best = np.argmax(scores, axis=1)
    edge = np.abs(grid[best]).max(axis=1) >= radius
    return shifts[np.arange(len(ovals)), best], scores[np.arange(len(ovals)), best], edge


def _missing(r: Response, rows: list[list[dict]], shift: np.ndarray, share: float = EDGE) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Which rows, and which places along the rows, of a block show rings under `share` of
    the block's (faint, or none)."""
    k = len(rows[0])
    own = r.at(_pixels(_ovals(rows)) + shift).reshape(-1, k)
    level = max(float(own.mean()), 1e-6)
    return own.mean(axis=1) < share * level, own.mean(axis=0) < share * level


def _a_pitch_off(r: Response, rows: list[list[dict]], shift: np.ndarray, score: float) -> tuple[np.ndarray, float, bool]:  # fmt: skip
    """A block of evenly spaced ovals placed one row (or one oval) away from where it is
    still matches all its rows but one: a curled sheet's flat mapping can put it there, and
    every answer would be read from its neighbour. The sign is a first or last row (or
    oval) with no ring while the others have theirs: the block is tried one step over, and
    moves when there every row and oval is found and it matches clearly better. True when
    the sign stays: then where the block is cannot be told, and it is not read."""
    centres = np.array([[[b["x"], b["y"]] for b in row] for row in rows]) * SCALE
    ovals = _ovals(rows)
    for _ in range(2):  # a row and an oval at most
        rows_gone, places_gone = _missing(r, rows, shift)
        steps = []  # (step, how many along it): one of n off loses 1/n of the match
        if _ends(rows_gone):
            steps.append(((centres[1, 0] - centres[0, 0]) * (1 if rows_gone[0] else -1), len(rows)))  # fmt: skip
        if _ends(places_gone):
            steps.append(((centres[0, 1] - centres[0, 0]) * (1 if places_gone[0] else -1), len(rows[0])))  # fmt: skip
        moved = False
        for step, n in steps:
            there, better = _search(r, ovals, shift + np.rint(step).astype(np.int64), ROW_MM)
            rows_there, places_there = _missing(r, rows, there, SEEN)
            if better > (1 + MOVE / (n - 1)) * score and not rows_there.any() and not places_there.any():  # fmt: skip
                shift, score, moved = there, better, True
                break
        if not moved:
            return shift, score, _locked(r, rows, centres, shift)
    return shift, score, False


def _locked(r: Response, rows: list[list[dict]], centres: np.ndarray, shift: np.ndarray) -> bool:  # fmt: skip
    """Whether the block shows the sign of sitting one row (or oval) off: an end row with no
    ring at all, and rings one step beyond the other end, where none are printed."""
    rows_gone, places_gone = _missing(r, rows, shift, GONE)
    own = r.at(_pixels(_ovals(rows)) + shift)
    level = max(float(own.mean()), 1e-6)
    beyond = []
    if _ends(rows_gone):
        step = centres[1, 0] - centres[0, 0]
        beyond.append(centres[-1] + step if rows_gone[0] else centres[0] - step)
    if _ends(places_gone):
        step = centres[0, 1] - centres[0, 0]
        beyond.append(centres[:, -1] + step if places_gone[0] else centres[:, 0] - step)
    return any(float(r.at(np.rint(b).astype(np.int64) + shift).mean()) > 0.5 * level for b in beyond)  # fmt: skip


def _ends(gone: np.ndarray) -> bool:
    """Exactly one of several is gone, and it is the first or the last."""
    return len(gone) >= 2 and int(gone.sum()) == 1 and bool(gone[0] or gone[-1])


def _trusted(snapped: np.ndarray, rows: np.ndarray, sure: np.ndarray) -> np.ndarray:
    """Each oval's shift (n, k, 2): its own where its ring was clearly found, else its row's
    moved as the nearest clearly found oval of the row moved (a circle drawn round an oval,
    or a fill spilling over its ring, must not pull the oval off its place)."""
    out = snapped.copy()
    for n in range(len(snapped)):
        found = np.flatnonzero(sure[n])
        for j in np.flatnonzero(~sure[n]):
            if len(found):
                nearest = found[np.argmin(np.abs(found - j))]
                out[n, j] = rows[n] + (snapped[n, nearest] - rows[n])
            else:
                out[n, j] = rows[n]
    return out


def _track(r: Response, rows: list[list[dict]], block: list[int], placed: dict[int, np.ndarray], contrast: float) -> dict[int, np.ndarray]:  # fmt: skip
    """The shifts of a block's rows followed one at a time from the two rows above them: each
    row is looked for within TRACK_MM (far less than half a row's pitch, so never on its
    neighbour) of where the bend of the rows above carries it, and must show its rings."""
    above = [block[0] - 2, block[0] - 1]
    if not all(i in placed and rows[i][0]["x"] == rows[block[0]][0]["x"] for i in above):
        return {}
    out: dict[int, np.ndarray] = {}
    (y0, y1), (s0, s1) = ((rows[i][0]["y"] for i in above), (placed[i] for i in above))
    for i in block:
        y = rows[i][0]["y"]
        guess = np.rint(s1 + (s1 - s0) * (y - y1) / max(y1 - y0, 1e-6)).astype(np.int64)
        ovals = _ovals([rows[i]])
        shift, score = _search(r, ovals, guess, TRACK_MM)
        if score < FAINT * contrast:
            break  # each oval then snaps to its own ring; a row without them is not read
        out[i] = shift
        (y0, y1), (s0, s1) = (y1, y), (s1, shift)
    return out


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

    smooth = cv2.GaussianBlur(image, (3, 3), 0)
    answers = _ovals(rows_of(geometry, "answers"))
    digits = np.vstack([_ovals(rows_of(geometry, name)) for name in ("roll", "booklet", "series")])
    responses = {"answers": response(smooth, answers, REACH_MM)}
    responses["roll"] = responses["booklet"] = responses["series"] = response(smooth, digits, REACH_MM)  # fmt: skip
    result = Fit()
    found: list[tuple[str, list[int], np.ndarray, float, bool]] = []
    for name, blocks in fields(geometry).items():
        rows = rows_of(geometry, name)
        r = responses[name]
        guess = column_top = np.zeros(2, dtype=np.int64)
        for number, block in enumerate(blocks):
            ovals = _ovals([rows[i] for i in block])
            first = number == 0 or (
                name == "answers" and rows[block[0]][0]["x"] != rows[blocks[number - 1][0]][0]["x"]
            )
            if first:
                guess = column_top  # a new column starts beside the last one's top
            shift, score = _search(r, ovals, guess, FIRST_SEARCH_MM if first else SEARCH_MM)
            shift, score, unsure = _a_pitch_off(r, [rows[i] for i in block], shift, score)
            found.append((name, block, shift, score, unsure))
            guess = shift
            if first:
                column_top = shift
    contrasts = [score for _, _, _, score, _ in found]
    result.contrast = float(np.median(contrasts))
    if result.contrast < 12:
        result.problem = "the printed ovals were not found where the corner squares put them"
        return result
    weak_blocks = 0
    placed: dict[int, np.ndarray] = {}  # answer rows read: their shifts
    for name, block, shift, score, unsure in found:
        rows = rows_of(geometry, name)
        r = responses[name]
        centres = result.centres.setdefault(
            name, np.zeros((len(rows), len(rows[0]), 2), dtype=np.float32)
        )
        unread = result.unread.setdefault(name, set())
        reasons = result.reasons.setdefault(name, {})
        k = len(rows[0])
        rings = result.rings.setdefault(name, np.zeros((len(rows), k), dtype=np.float32))
        edges = result.edges.setdefault(name, np.zeros((len(rows), k), dtype=bool))
        weak = score < WEAK * result.contrast
        if weak:
            # A block bent out of shape (the curled bottom of a sheet) does not match as a
            # whole: its rows are followed one by one from the rows found above them.
            tracked = _track(r, rows, block, placed, result.contrast) if name == "answers" else {}  # fmt: skip
            weak_blocks += not tracked
            for i in block:
                if i not in tracked:
                    centres[i] = _ovals([rows[i]])[:, :2] * SCALE + shift
                    unread.add(i)
                    reasons[i] = "the printed ovals here were not found (torn, covered or folded?)"
            if not tracked:
                continue
            block = list(tracked)
            found_at = np.array([tracked[i] for i in block])
        elif unsure:
            for i in block:
                centres[i] = _ovals([rows[i]])[:, :2] * SCALE + shift
                unread.add(i)
                reasons[i] = "the printed ovals here may be one row or one oval away from where they seem (a curled or creased sheet?)"  # fmt: skip
            continue
        else:
            found_at, _ = _rows(r, _ovals([rows[i] for i in block]), k, shift, ROW_MM)
        ovals = _ovals([rows[i] for i in block])
        shifts = {i: found_at[n] for n, i in enumerate(block)}
        # Each oval snaps to its own ring within OVAL_MM of its row's place (a crumpled sheet
        # bends within a row too); a row is read when its ovals, so placed, are found.
        snapped, ring, edge = _each(r, ovals, np.repeat(found_at, k, axis=0), OVAL_MM)
        own = ring.reshape(len(block), k)
        snapped = _trusted(snapped.reshape(len(block), k, 2), found_at, own >= SURE * result.contrast)  # fmt: skip
        rings[block] = own
        edges[block] = edge.reshape(len(block), k)
        for i, residual in _residuals(shifts, rows).items():
            n = block.index(i)
            here = ovals[n * k : (n + 1) * k, :2] * SCALE
            if own[n].mean() < FAINT * result.contrast:
                centres[i] = here + shifts[i]
                unread.add(i)
                reasons[i] = "the printed ovals of this row are not where the sheet's mapping puts them"  # fmt: skip
                continue
            centres[i] = here + snapped[n]
            if name == "answers":
                placed[i] = shifts[i]
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
    questions = len(rows_of(geometry, "answers"))
    lost = len(result.unread.get("answers", ()))
    if not result.problem and lost > max(MAX_LOST * questions, 10):
        # So many rows off their places that the rest cannot be trusted to be on theirs.
        result.problem = (
            f"the printed ovals of {lost} of {questions} questions are not where the sheet's "
            "corners put them (curled or crumpled too much? flatten the sheet and scan it again)"
        )
    return result
