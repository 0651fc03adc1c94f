"""Read one straightened, fitted page: roll number, booklet serial, series and every answer.

A mark is judged by how much of the oval's inside it covers (as auto-multiple-choice
measures a box: the share of dark pixels), not by how dark it is beside the page's darkest
mark, so light pencil on a sheet filled mostly in pen is still a mark. "Dark" is relative to
the paper right around the row, so a shadow does not fill a bubble. The printed letter
inside each oval is taken away as the median coverage of that option down the page. Ink in
a ring just outside an oval that is not filled (a circled letter), a partly covered oval (a
tick, a cross, a half-rubbed mark) send the row to a human; a dot is too small to count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .fit import SCALE, Fit, rows_of

FILLED_AT = 0.6  # share of the inside covered, after the printed letter: at or above, filled
QUARTER_AT = 0.4  # and at least this in each eighth of the oval,
DIGIT_EIGHTH = 0.2  # digits are filled, not ticked: the smaller ovals need less
SURE_EIGHTH = 0.6  # or this much if strokes leave the oval (a cross's arms do)
BLANK_BELOW = 0.13  # below: blank; between: a human looks
INK = 0.2  # a pixel this much darker than the paper around it is ink
RING_SECTORS = 16
CIRCLED_AT = 9  # sectors of the ring with ink: the oval was circled
LIGHTER = 0.7  # of a double, a mark this much lighter than the other is a doubt
LETTER = 0.3  # the most of an oval's inside its printed letter covers
TOO_MANY_DOUBTS = 0.1  # of the questions (at least five)


@dataclass
class Reading:
    """What one page says, and what a human must look at."""

    qr: str | None = None
    roll: str = ""
    booklet: str = ""
    series: str = ""
    answers: list[str] = field(default_factory=list)  # "A", "", "AB" (double), "?" (review)
    review: list[tuple[str, str, tuple[int, int, int, int]]] = field(default_factory=list)
    # (what: "question 12" / "roll number" / "series" / "page", why, crop box canonical px)
    flags: list[str] = field(default_factory=list)  # page-level: no marks, too many doubts


def _offsets(rx: float, ry: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Inside points and their eighth (clockwise from the right; -1 the middle), ring points
    and each ring point's sector, relative to a centre, px."""
    ix, iy = (rx - 0.55) * SCALE, (ry - 0.45) * SCALE
    r = int(np.ceil(max(ix, iy)))
    ys, xs = np.mgrid[-r : r + 1, -r : r + 1]
    radius = (xs / ix) ** 2 + (ys / iy) ** 2
    keep = radius <= 1
    inside = np.stack([xs[keep], ys[keep]], axis=1)
    turn = np.arctan2(ys[keep] / iy, xs[keep] / ix)
    quarter = (((turn + np.pi / 8) % (2 * np.pi)) // (np.pi / 4)).astype(int)
    quarter[radius[keep] < 0.3**2] = -1
    ox, oy = (rx + 1.3) * SCALE, (ry + 1.1) * SCALE
    nx, ny = (rx + 0.45) * SCALE, (ry + 0.45) * SCALE
    r = int(np.ceil(max(ox, oy)))
    ys, xs = np.mgrid[-r : r + 1, -r : r + 1]
    keep = ((xs / ox) ** 2 + (ys / oy) ** 2 <= 1) & ((xs / nx) ** 2 + (ys / ny) ** 2 > 1)
    ring = np.stack([xs[keep], ys[keep]], axis=1)
    angle = np.arctan2(ring[:, 1] / oy, ring[:, 0] / ox)
    sector = ((angle + np.pi) / (2 * np.pi) * RING_SECTORS).astype(int) % RING_SECTORS
    return inside, quarter, ring, sector


@dataclass
class Measure:
    coverage: np.ndarray  # (rows, k): share of the inside that is ink, letter not yet removed
    quarters: np.ndarray  # (rows, k, 8): the same in each eighth of the inside
    sectors: np.ndarray  # (rows, k): ring sectors with ink
    depth: np.ndarray  # (rows, k): how much darker than the paper the inside is, grey levels


def measure(image: np.ndarray, centres: np.ndarray, rx: float, ry: float) -> Measure:
    """Coverage and ring ink of every oval of a field (centres: rows x k x 2, px)."""
    inside, quarter, ring, sector = _offsets(rx, ry)
    h, w = image.shape
    rows, k = centres.shape[:2]
    c = np.rint(centres.reshape(-1, 2)).astype(np.int32)
    # The paper around each oval: a high percentile of a box around it.
    pad_x, pad_y = int((rx + 1.8) * SCALE), int((ry + 1.2) * SCALE)
    paper = np.empty(len(c), dtype=np.float32)
    for i, (x, y) in enumerate(c):
        patch = image[max(0, y - pad_y) : y + pad_y + 1, max(0, x - pad_x) : x + pad_x + 1]
        paper[i] = np.percentile(patch, 90) if patch.size else 255.0
    limit = (paper - np.maximum(28.0, INK * paper))[:, None]
    ix = np.clip(c[:, None, 0] + inside[None, :, 0], 0, w - 1)
    iy = np.clip(c[:, None, 1] + inside[None, :, 1], 0, h - 1)
    values = image[iy, ix]
    # Beside a clear mark in its row, a pixel is ink only if it is at least half as dark
    # as that mark: a rubbed-out smudge next to the real answer is not ink.
    levels = np.percentile(values, 30, axis=1)
    depth = np.clip(paper - levels, 0, None).reshape(rows, k)
    level = levels.reshape(rows, k).min(axis=1)
    paper_row = paper.reshape(rows, k).max(axis=1)
    strong = paper_row - level > 1.2 * INK * paper_row
    halfway = np.where(strong, (paper_row + level) / 2, 0).repeat(k)[:, None]
    limit = np.where(halfway > 0, np.minimum(limit, halfway), limit)
    ink = values < limit
    coverage = ink.mean(axis=1)
    quarters = np.stack([ink[:, quarter == q].mean(axis=1) for q in range(8)], axis=1)
    rxs = np.clip(c[:, None, 0] + ring[None, :, 0], 0, w - 1)
    rys = np.clip(c[:, None, 1] + ring[None, :, 1], 0, h - 1)
    inked = image[rys, rxs] < limit
    per_sector = np.zeros((len(c), RING_SECTORS))
    counts = np.bincount(sector, minlength=RING_SECTORS).astype(np.float64)
    for s in range(RING_SECTORS):
        per_sector[:, s] = inked[:, sector == s].sum(axis=1) / max(counts[s], 1)
    sectors = (per_sector >= 0.15).sum(axis=1)
    return Measure(
        coverage.reshape(rows, k), quarters.reshape(rows, k, 8), sectors.reshape(rows, k), depth
    )


def _net(value: np.ndarray, base: np.ndarray) -> np.ndarray:
    return np.clip((value - base) / np.maximum(1 - base, 0.2), 0, 1)


def states(m: Measure, baseline: np.ndarray, quarter_base: np.ndarray, *, eighth: float = QUARTER_AT) -> list[list[str]]:  # fmt: skip
    """Each oval: "filled", "blank", "partial" (a human looks) or "circled". Filled means
    covered overall and in every eighth: a cross or a tick leaves some eighths nearly white."""
    covered = _net(m.coverage, baseline)
    least = _net(m.quarters, quarter_base).min(axis=2)
    out = []
    for row, low, ring in zip(covered, least, m.sectors, strict=True):
        out.append(
            [
                "filled"
                if c >= FILLED_AT and (q >= SURE_EIGHTH or (q >= eighth and s < 2))
                else "partial"
                if c >= BLANK_BELOW
                else "circled"
                if s >= CIRCLED_AT
                else "blank"
                for c, q, s in zip(row, low, ring, strict=True)
            ]
        )
    return out


def _answer(row: list[str], values: list[str], depth: np.ndarray) -> tuple[str, str | None]:
    """The answer a row gives, or "?" and why a human must look."""
    filled = "".join(v for v, s in zip(values, row, strict=True) if s == "filled")
    if len(filled) >= 2:
        marked = [float(d) for d, s in zip(depth, row, strict=True) if s == "filled"]
        if min(marked) < LIGHTER * max(marked):
            light = values[int(np.argmin(np.where(np.array(row) == "filled", depth, np.inf)))]
            return "?", f"({light.lower()}) is much lighter than the other marks (rubbed out, or a second answer?)"  # fmt: skip
    partial = [v.lower() for v, s in zip(values, row, strict=True) if s == "partial"]
    circled = [v.lower() for v, s in zip(values, row, strict=True) if s == "circled"]
    if len(filled) >= 2 or not (partial or circled):
        return filled, None
    why = []
    if partial:
        why.append(f"({'), ('.join(partial)}) partly marked (a tick, cross or rubbed-out mark?)")
    if circled:
        why.append(f"ink around ({'), ('.join(circled)}) (a circled letter?)")
    if filled:
        why.append(f"beside a filled ({filled.lower()})")
    return "?", "; ".join(why)


def box(centres: np.ndarray, rx: float, ry: float) -> tuple[int, int, int, int]:
    """A crop around some ovals (and the question number to their left), canonical px."""
    xs, ys = centres[..., 0], centres[..., 1]
    return (
        int(xs.min() - (rx + 8.5) * SCALE),
        int(ys.min() - (ry + 2) * SCALE),
        int(xs.max() + (rx + 2) * SCALE),
        int(ys.max() + (ry + 2) * SCALE),
    )


def read(image: np.ndarray, geometry: dict, fitted: Fit) -> Reading:
    """Roll number, booklet serial, series and answers of a fitted canonical page."""
    result = Reading()
    rows = geometry["answers"]
    rx, ry = rows[0][0]["rx"], rows[0][0]["ry"]
    answers = measure(image, fitted.centres["answers"], rx, ry)
    # The printed letter's own coverage: a low percentile down the page (most ovals of an
    # option are blank; on a short test most may be filled), never more than a letter covers.
    baseline = np.minimum(np.percentile(answers.coverage, 20, axis=0), LETTER)[None, :]
    quarter_base = np.minimum(np.percentile(answers.quarters, 20, axis=0), LETTER)[None, :, :]
    values = [b["value"] for b in rows[0]]
    unread = fitted.unread.get("answers", set())
    for i, row in enumerate(states(answers, baseline, quarter_base)):
        what = f"question {i + 1}"
        crop = box(fitted.centres["answers"][i], rx, ry)
        if i in unread:
            result.answers.append("?")
            result.review.append((what, fitted.reasons["answers"][i], crop))
            continue
        answer, why = _answer(row, values, answers.depth[i])
        result.answers.append(answer)
        if why:
            result.review.append((what, why, crop))
    digits = rows_of(geometry, "roll")[0][0]
    drx, dry = digits["rx"], digits["ry"]
    fields = {name: measure(image, fitted.centres[name], drx, dry) for name in ("roll", "booklet", "series")}  # fmt: skip
    both = [fields["roll"], fields["booklet"]]
    digit_base = float(np.median(np.concatenate([f.coverage.ravel() for f in both])))
    digit_quarters = np.median(np.concatenate([f.quarters.reshape(-1, 8) for f in both]), axis=0)
    base = (digit_base, digit_quarters)
    result.roll = _number(result, "roll number", fields["roll"], base, fitted, required=True)
    result.booklet = _number(result, "booklet serial", fields["booklet"], base, fitted, required=False)  # fmt: skip
    series = states(fields["series"], np.full((1, 4), digit_base), digit_quarters, eighth=DIGIT_EIGHTH)[0]  # fmt: skip
    filled = [b["value"] for b, s in zip(geometry["series"], series, strict=True) if s == "filled"]
    if len(filled) == 1 and series.count("blank") == 3:
        result.series = filled[0]
    elif filled or any(s != "blank" for s in series):
        result.review.append(
            (
                "series",
                "the series ovals are unclear or more than one is filled",
                box(fitted.centres["series"], drx, dry),
            )  # fmt: skip
        )
    _flags(result, len(rows))
    return result


def _number(result: Reading, what: str, m: Measure, base: tuple[float, np.ndarray], fitted: Fit, *, required: bool) -> str:  # fmt: skip
    name = "roll" if what == "roll number" else "booklet"
    digits = []
    for column in states(m, np.full(m.coverage.shape, base[0]), base[1], eighth=DIGIT_EIGHTH):
        filled = [str(d) for d, s in enumerate(column) if s == "filled"]
        if len(filled) == 1 and column.count("blank") == len(column) - 1:
            digits.append(filled[0])
        elif not filled and all(s == "blank" for s in column):
            digits.append(" ")
        else:
            digits.append("?")
    number = "".join(digits).rstrip()
    crop = box(fitted.centres[name], 2.0, 1.3)
    if name in fitted.unread and fitted.unread[name]:
        result.review.append((what, f"the {what} ovals were not found", crop))
        return "?" * len(digits)
    if not number.strip():
        if required:
            result.review.append((what, f"no {what} filled", crop))
        return ""
    if "?" in number or " " in number.strip():
        result.review.append((what, f"a {what} column is unclear, empty or doubly filled", crop))
        return number.replace(" ", "?")
    return number.strip()


def _flags(result: Reading, questions: int) -> None:
    doubts = result.answers.count("?")
    if not any(result.answers):
        result.flags.append("no marks at all on this sheet (a blank or unfilled sheet?)")
    elif doubts > max(5, TOO_MANY_DOUBTS * questions):
        result.flags.append(
            f"too many doubts ({doubts} of {questions} questions): check this sheet by hand or rescan it flat"  # fmt: skip
        )
