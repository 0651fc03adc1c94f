"""Read one straightened, fitted page: roll number, booklet serial, series and every answer.

A mark is judged by how much of the oval's inside it covers (as auto-multiple-choice
measures a box: the share of dark pixels), not by how dark it is beside the page's darkest
mark, so light pencil on a sheet filled mostly in pen is still a mark. "Dark" is relative to
the paper right around the row, so a shadow does not fill a bubble. The printed letter
inside each oval is taken away as the median coverage of that option down the page. Ink in
a ring just outside an oval that is not filled (a circled letter), a partly covered oval (a
tick, a cross, a half-rubbed mark) send the row to a human; a dot is too small to count.

Blank is a finding, not a default: an oval is blank only when nothing in it is darker than
its row's paper. An oval that is clearly darker than its neighbours but not dark enough to
count as ink (light pencil under glare, an eraser's smudge) is "faint": beside a filled
oval, one much lighter than the page's lightest fills is a rubbed-out mark; anything else
faint goes to a human, never silently to blank.
"""

from __future__ import annotations

import functools
import statistics
from dataclasses import dataclass, field

import numpy as np

from .fit import GONE, SCALE, Fit, rows_of

FILLED_AT = 0.6  # share of the inside covered, after the printed letter: at or above, filled
QUARTER_AT = 0.4  # and at least this in each eighth of the oval,
DIGIT_EIGHTH = 0.2  # digits are filled, not ticked: the smaller ovals need less
SURE_EIGHTH = 0.6  # or this much if strokes leave the oval (a cross's arms do)
BLANK_BELOW = 0.13  # below: blank; between: a human looks
INK = 0.2  # a pixel this much darker than the paper around it is ink
RING_SECTORS = 16
CIRCLED_AT = 9  # sectors of the ring with ink: the oval was circled
RING_FAINT = 18.0  # or sectors this much greyer than the paper all through
LIGHTER = 0.7  # of a double, a mark this much lighter than the other is a doubt
LETTER = 0.3  # the most of an oval's inside its printed letter covers
FAINT_AT = 14.0  # grey levels an oval's middle is darker than its row's blank ones: a mark
SPOT_AT = 30.0  # grey levels an oval's darkest tenth is darker than a blank one's: a stroke
EVEN_AT = 0.5  # a faint oval covered at least this much in each eighth is lightly filled
AROUND = 0.75  # a light fill alone in its row is read when at least this dark compared with
# the fills of the rows around it (glare fades them all), else a human looks
RUBBED = 0.6  # beside a fill, a mark whose darkest tenth is under this share of the page's
# lightest fills (their middles, as darker than their rows) is a rubbed-out one
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


@functools.lru_cache(maxsize=8)
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
    relative: np.ndarray  # (rows, k): how much darker its middle is than its row's blank ones
    darkest: np.ndarray  # (rows, k): the same for its darkest tenth
    even: np.ndarray  # (rows, k): its least covered eighth, counting as covered what is darker
    # than halfway between the row's blank level and its own darkest tenth (a light fill is
    # covered evenly, a tick or a cross is not)


def measure(image: np.ndarray, centres: np.ndarray, rx: float, ry: float) -> Measure:
    """Coverage and ring ink of every oval of a field (centres: rows x k x 2, px)."""
    inside, quarter, ring, sector = _offsets(rx, ry)
    h, w = image.shape
    rows, k = centres.shape[:2]
    c = np.rint(centres.reshape(-1, 2)).astype(np.int32)
    # The paper around each oval: a high percentile of a box around it (every other pixel).
    pad_x, pad_y = int((rx + 1.8) * SCALE), int((ry + 1.2) * SCALE)
    bx = np.clip(c[:, None, 0] + np.arange(-pad_x, pad_x + 1, 2)[None, :], 0, w - 1)
    by = np.clip(c[:, None, 1] + np.arange(-pad_y, pad_y + 1, 2)[None, :], 0, h - 1)
    patches = image[by[:, :, None], bx[:, None, :]].reshape(len(c), -1)
    paper = np.percentile(patches, 90, axis=1).astype(np.float32)
    limit = (paper - np.maximum(28.0, INK * paper))[:, None]
    ix = np.clip(c[:, None, 0] + inside[None, :, 0], 0, w - 1)
    iy = np.clip(c[:, None, 1] + inside[None, :, 1], 0, h - 1)
    values = image[iy, ix]
    p10, p30, p50 = np.percentile(values, [10, 30, 50], axis=1)
    depth = np.clip(paper - p30, 0, None).reshape(rows, k)
    # The row's blank level: its second-lightest middle (a row may hold a double), or for
    # a lone oval its paper.
    middles = p50.reshape(rows, k)
    blank = np.sort(middles, axis=1)[:, -2] if k >= 2 else paper.reshape(rows, k)[:, 0]
    relative = np.clip(blank[:, None] - middles, 0, None)
    darkest = np.clip(blank[:, None] - p10.reshape(rows, k), 0, None)
    halfway = (blank[:, None] - darkest / 2).reshape(-1, 1)
    shaded = values < halfway
    even = np.stack([shaded[:, quarter == q].mean(axis=1) for q in range(-1, 8)], axis=1).min(axis=1)  # fmt: skip
    ink = values < limit
    coverage = ink.mean(axis=1)
    quarters = np.stack([ink[:, quarter == q].mean(axis=1) for q in range(8)], axis=1)
    rxs = np.clip(c[:, None, 0] + ring[None, :, 0], 0, w - 1)
    rys = np.clip(c[:, None, 1] + ring[None, :, 1], 0, h - 1)
    around = image[rys, rxs]
    inked = around < limit
    # A sector has ink when some of it is dark, or all of it is greyer than the paper (a
    # circle in light pencil, or faded by glare).
    greyer = (paper - RING_FAINT)[:, None]
    sectors = np.zeros(len(c), dtype=np.int64)
    for s in range(RING_SECTORS):
        here = sector == s
        sectors += (inked[:, here].mean(axis=1) >= 0.15) | (np.median(around[:, here], axis=1) < greyer[:, 0])  # fmt: skip
    return Measure(
        coverage.reshape(rows, k),
        quarters.reshape(rows, k, 8),
        sectors.reshape(rows, k),
        depth,
        relative,
        darkest,
        even.reshape(rows, k),
    )


def _net(value: np.ndarray, base: np.ndarray) -> np.ndarray:
    return np.clip((value - base) / np.maximum(1 - base, 0.2), 0, 1)


def states(m: Measure, baseline: np.ndarray, quarter_base: np.ndarray, spot_base: np.ndarray, *, eighth: float = QUARTER_AT) -> list[list[str]]:  # fmt: skip
    """Each oval: "filled"; "light" (evenly shaded, lighter than ink); "partial" (ink over
    part of it, or a stroke darker than its printed letter: a human looks); "circled";
    "faint" (darker than its row's blank ovals, but not ink) or "blank" (none of these).
    Filled means covered overall and in every eighth: a cross or a tick leaves some eighths
    nearly white. `spot_base` is the darkest tenth of a blank oval (its printed letter)."""
    covered = _net(m.coverage, baseline)
    least = _net(m.quarters, quarter_base).min(axis=2)
    spots = m.darkest - spot_base
    out = []
    for row, low, ring, shade, evenly, spot in zip(covered, least, m.sectors, m.relative, m.even, spots, strict=True):  # fmt: skip
        out.append(
            [
                "filled"
                if c >= FILLED_AT and (q >= SURE_EIGHTH or (q >= eighth and s < 2))
                else "light"
                if d >= FAINT_AT and e >= EVEN_AT
                else "partial"
                if c >= BLANK_BELOW or p >= SPOT_AT
                else "circled"
                if s >= CIRCLED_AT
                else "faint"
                if d >= FAINT_AT
                else "blank"
                for c, q, s, d, e, p in zip(row, low, ring, shade, evenly, spot, strict=True)
            ]
        )
    return out


def lightest_fills(m: Measure, rows: list[list[str]]) -> float:
    """How much darker than their rows the page's lightest clear answers are (the 5th
    percentile of the middles of rows with one filled oval and nothing else), grey levels;
    0 when the page has none."""
    single = [
        float(m.relative[i, row.index("filled")])
        for i, row in enumerate(rows)
        if row.count("filled") == 1 and row.count("blank") == len(row) - 1
    ]
    return float(np.percentile(single, 5)) if single else 0.0


def around(m: Measure, rows: list[list[str]], groups: list[int], reach: int = 5) -> np.ndarray:
    """For each row, how much darker than their rows the fills of the rows around it are
    (the median over filled and lightly filled ovals within `reach` rows of the same group,
    the row itself left out); 0 where fewer than three are near."""
    marks = [
        [float(m.relative[i, j]) for j, state in enumerate(row) if state in ("filled", "light")]
        for i, row in enumerate(rows)
    ]
    out = np.zeros(len(rows))
    for i in range(len(rows)):
        near = [
            value
            for n in range(max(0, i - reach), min(len(rows), i + reach + 1))
            if n != i and groups[n] == groups[i]
            for value in marks[n]
        ]
        if len(near) >= 3:
            out[i] = statistics.median(near)
    return out


def _answer(row: list[str], values: list[str], m: Measure, i: int, lightest: float, local: float) -> tuple[str, str | None]:  # fmt: skip
    """The answer row i gives, or "?" and why a human must look."""
    depth = m.depth[i]
    filled = "".join(v for v, s in zip(values, row, strict=True) if s == "filled")
    if len(filled) >= 2:
        marked = [float(d) for d, s in zip(depth, row, strict=True) if s == "filled"]
        if min(marked) < LIGHTER * max(marked):
            light = values[int(np.argmin(np.where(np.array(row) == "filled", depth, np.inf)))]
            return "?", f"({light.lower()}) is much lighter than the other marks (rubbed out, or a second answer?)"  # fmt: skip
    if filled:
        # Beside a fill, a mark whose darkest part is far lighter than any clear answer on
        # the page is what an eraser leaves: the fill is the answer.
        own = min(float(m.relative[i, j]) for j, s in enumerate(row) if s == "filled")
        reference = lightest or own
        row = [
            "blank"
            if s in ("partial", "faint", "light") and m.darkest[i, j] < RUBBED * reference
            else s
            for j, s in enumerate(row)
        ]
    named = {
        state: [v.lower() for v, s in zip(values, row, strict=True) if s == state]
        for state in ("partial", "light", "faint", "circled")
    }
    if not filled and len(named["light"]) == 1 and row.count("blank") == len(row) - 1:
        # One evenly shaded oval, lighter than ink: an answer when the fills around it are
        # as light (glare, a faded region), a doubt when they are darker (rubbed out?).
        j = row.index("light")
        if local > 0 and m.relative[i, j] >= AROUND * local:
            return values[j], None
    if len(filled) >= 2 or not any(named.values()):
        return filled, None
    why = []
    if named["partial"]:
        why.append(f"({'), ('.join(named['partial'])}) partly marked (a tick, cross or rubbed-out mark?)")  # fmt: skip
    if named["light"] or named["faint"]:
        lighter = named["light"] + named["faint"]
        why.append(f"({'), ('.join(lighter)}) lightly marked, lighter than the marks around (rubbed out, or light pencil?)")  # fmt: skip
    if named["circled"]:
        why.append(f"ink around ({'), ('.join(named['circled'])}) (a circled letter?)")
    if filled:
        why.append(f"beside a filled ({filled.lower()})")
    return "?", "; ".join(why)


def _ringless_end(fitted: Fit, name: str, i: int, row: list[str]) -> int | None:
    """The first or last oval of a row, blank, whose printed ring was not found while the
    others' were: the row may sit one oval over from where it was measured (a curled sheet),
    and every mark in it would be read as its neighbour."""
    own = fitted.rings.get(name)
    if own is None or len(row) < 3:
        return None
    ring = own[i]
    for end, rest in ((0, ring[1:]), (len(row) - 1, ring[:-1])):
        if row[end] == "blank" and ring[end] < GONE * statistics.median(rest.tolist()):
            return end
    return None


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
    spot_base = np.median(answers.darkest, axis=0)[None, :]
    judged = states(answers, baseline, quarter_base, spot_base)
    lightest = lightest_fills(answers, judged)
    local = around(answers, judged, [round(row[0]["x"]) for row in rows])
    for i, row in enumerate(judged):
        what = f"question {i + 1}"
        crop = box(fitted.centres["answers"][i], rx, ry)
        if i in unread:
            result.answers.append("?")
            result.review.append((what, fitted.reasons["answers"][i], crop))
            continue
        answer, why = _answer(row, values, answers, i, lightest, float(local[i]))
        end = _ringless_end(fitted, "answers", i, row)
        if not why and end is not None:
            answer, why = "?", f"the printed ring of ({values[end].lower()}) was not found: the row may be read one oval over (curled or creased?)"  # fmt: skip
        result.answers.append(answer)
        if why:
            result.review.append((what, why, crop))
    digits = rows_of(geometry, "roll")[0][0]
    drx, dry = digits["rx"], digits["ry"]
    fields = {name: measure(image, fitted.centres[name], drx, dry) for name in ("roll", "booklet", "series")}  # fmt: skip
    both = [fields["roll"], fields["booklet"]]
    base = Base(
        float(np.median(np.concatenate([f.coverage.ravel() for f in both]))),
        np.median(np.concatenate([f.quarters.reshape(-1, 8) for f in both]), axis=0),
        float(np.median(np.concatenate([f.darkest.ravel() for f in both]))),
    )
    judged_fields = {name: base.states(m) for name, m in fields.items()}
    # A light digit is read when the other digits are as light (one group: every column).
    marks = [(m, rows) for name, m in fields.items() for rows in [judged_fields[name]] if name != "series"]  # fmt: skip
    base.lightest = lightest_fills(*marks[0]) or lightest_fills(*marks[1])
    base.local = float(np.median([float(m.relative[i, j]) for m, rows in marks for i, row in enumerate(rows) for j, st in enumerate(row) if st in ("filled", "light")] or [0.0]))  # fmt: skip
    result.roll = _number(result, "roll number", fields["roll"], judged_fields["roll"], base, fitted, required=True)  # fmt: skip
    result.booklet = _number(result, "booklet serial", fields["booklet"], judged_fields["booklet"], base, fitted, required=False)  # fmt: skip
    letters = [b["value"] for b in geometry["series"]]
    chosen, why = _answer(judged_fields["series"][0], letters, fields["series"], 0, base.lightest, base.local)  # fmt: skip
    if _ringless_end(fitted, "series", 0, judged_fields["series"][0]) is not None:
        chosen, why = "", "a ring not found"
    if len(chosen) == 1 and not why:
        result.series = chosen
    elif chosen or why:
        result.review.append(
            (
                "series",
                "the series ovals are unclear or more than one is filled",
                box(fitted.centres["series"], drx, dry),
            )  # fmt: skip
        )
    _flags(result, len(rows))
    return result


@dataclass
class Base:
    """What a blank digit oval measures (its printed digit), and the marks around."""

    coverage: float
    quarters: np.ndarray
    darkest: float
    lightest: float = 0.0
    local: float = 0.0

    def states(self, m: Measure) -> list[list[str]]:
        shape = m.coverage.shape
        return states(m, np.full(shape, self.coverage), self.quarters, np.full(shape, self.darkest), eighth=DIGIT_EIGHTH)  # fmt: skip


def _number(result: Reading, what: str, m: Measure, judged: list[list[str]], base: Base, fitted: Fit, *, required: bool) -> str:  # fmt: skip
    name = "roll" if what == "roll number" else "booklet"
    digits = []
    for i, column in enumerate(judged):
        chosen, why = _answer(column, [str(d) for d in range(len(column))], m, i, base.lightest, base.local)  # fmt: skip
        if _ringless_end(fitted, name, i, column) is not None:
            chosen, why = "", "a ring not found"
        digits.append(chosen if len(chosen) == 1 and not why else " " if not (chosen or why) else "?")  # fmt: skip
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
