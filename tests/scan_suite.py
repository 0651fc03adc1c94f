"""The degradation suite of issue 24: seeded students fill 100-question sheets of the 2025
paper in four series, classrooms degrade them (scan_degrade.py), and the reader reads them.
For each degradation it counts what a human marker would have read and what the reader did.

`python -m tests.scan_suite [SHEETS]` prints the table (nox -s scan_suite); the tests run a
small seeded subset and assert the issue's thresholds on it.
"""

from __future__ import annotations

import random
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from pipeline.build.render import sheet
from pipeline.classroom.scan import reader
from pipeline.classroom.scan.pages import Page

from . import scan_degrade as degrade
from . import scan_synth as synth
from .corpus.paper import paper

QUESTIONS = 100
Degrade = Callable[[np.ndarray, random.Random, "Context"], list[np.ndarray]]


@dataclass
class Context:
    data: dict
    geometry: sheet.Geometry
    expected: reader.Sheet
    students: list[synth.Student] = field(default_factory=list)  # those on the page


def _one(fn: Callable[..., np.ndarray], **options: object) -> Degrade:
    return lambda page, rng, ctx: [fn(page, rng, **options)]


def _under(page: np.ndarray, rng: random.Random, ctx: Context) -> list[np.ndarray]:
    other = _filled(ctx, rng.randrange(10**6), keep=False)
    return [degrade.phone(page, rng, under=other)]


def _two(page: np.ndarray, rng: random.Random, ctx: Context) -> list[np.ndarray]:
    return [degrade.two_sheets(page, _filled(ctx, rng.randrange(10**6), keep=False), rng)]


def _qr(page: np.ndarray, rng: random.Random, ctx: Context) -> list[np.ndarray]:
    q = ctx.geometry.qr
    assert q is not None
    return [degrade.smudged_qr(page, rng, qr=(q.x, q.y, q.size))]


#: name -> (degrade, a human would refuse it too: the reader must say why, not read it)
DEGRADATIONS: dict[str, tuple[Degrade, bool]] = {
    "flatbed scan": (_one(degrade.scanner), False),
    "phone photo on clutter": (_one(degrade.phone), False),
    "on another sheet": (_under, False),
    "turned 35-45 degrees": (
        lambda p, r, c: [degrade.phone(p, r, angle=r.choice([-1, 1]) * r.uniform(35, 45))],
        False,
    ),  # fmt: skip
    "shadow": (_one(degrade.shadow), False),
    "curl 33 mm": (_one(degrade.curl), False),
    "crumpled": (_one(degrade.crumple), False),
    "fit to page": (_one(degrade.fit_to_page), False),
    "photocopy": (_one(degrade.photocopy), False),
    "JPEG 25": (_one(degrade.jpeg25), False),
    "fold": (_one(degrade.fold), False),
    "thumb over a corner": (_one(degrade.thumb), False),
    "smudged QR": (_qr, False),
    "two sheets in one photo": (_two, True),
    # Harder than the issue's: where a reader is weakest (faint marks on a bent page).
    "crumpled, light pencil": (_one(degrade.crumple), False),
    "crumpled hard": (_one(degrade.crumple, strength=1.6), False),
    "curl 50 mm": (_one(degrade.curl, lift_mm=50.0), False),
    "shadow, light pencil": (_one(degrade.shadow), False),
}
#: The harder variants: no wrong answer may be accepted, but a page or a row may go to a
#: human more often than the issue's thresholds allow on one sheet (the suite prints how often).
HARDER = ("crumpled, light pencil", "crumpled hard", "curl 50 mm", "shadow, light pencil")
#: Degradations whose students all mark with one instrument (the others' pick theirs).
INSTRUMENT = {"crumpled, light pencil": "light pencil", "shadow, light pencil": "light pencil"}


def context() -> Context:
    data = paper(QUESTIONS)
    g = sheet.geometry(QUESTIONS)
    payloads = {letter: sheet.payload(data["id"], letter, g) for letter in "ABCD"}
    return Context(data, g, reader.Sheet(data["id"], g.to_dict(), payloads))


def _filled(ctx: Context, seed: int, *, keep: bool = True, instrument: str | None = None) -> np.ndarray:  # fmt: skip
    s = synth.student(QUESTIONS, seed=seed, instrument=instrument)
    if keep:
        ctx.students.append(s)
    printed = synth.printed(ctx.data, s.series, dpi=degrade.DPI)
    return synth.fill(printed, ctx.geometry, s, dpi=degrade.DPI, seed=seed)


@dataclass
class Tally:
    sheets: int = 0
    refused: int = 0  # pages the reader would not read
    refused_rightly: int = 0  # ... that a human would refuse too
    readable: int = 0  # marks a human reads (fills, overflows, doubles, rubbed-out then filled)
    read: int = 0  # ... that the reader read right
    to_review: int = 0  # ticks, crosses, circled letters
    reviewed: int = 0  # ... that the reader sent to review
    wrong: int = 0  # answers accepted that a human would not give (never allowed)
    ids_right: int = 0  # roll number, booklet serial and series all read right
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score(s: synth.Student, outcome: reader.Outcome) -> Tally:
    """Compare one read page with what its student marked."""
    t = Tally(sheets=1)
    expected = s.expected(QUESTIONS)
    t.readable = sum(1 for e in expected if e not in ("", "?", "-"))
    t.to_review = expected.count("?")
    if outcome.reading is None:
        t.refused = 1
        return t
    r = outcome.reading
    for want, got in zip(expected, r.answers, strict=True):
        if want == "?":
            t.reviewed += got == "?"
            t.wrong += got not in ("?", "")  # a tick read as an answer
        elif want == "-":
            t.wrong += got not in ("", "?")
        elif want:
            t.read += got == want
            t.wrong += got not in ("?", want)
        else:
            t.wrong += got != "" and got != "?"
    t.ids_right = int(r.roll == s.roll and r.booklet == s.booklet and r.series == s.series)
    return t


def run_one(name: str, index: int, ctx: Context) -> tuple[Tally, list[reader.Outcome]]:
    fn, human_refuses = DEGRADATIONS[name]
    seed = zlib.crc32(f"{name}/{index}".encode())
    rng = random.Random(seed)
    ctx.students.clear()
    page = _filled(ctx, seed, instrument=INSTRUMENT.get(name))
    total = Tally()
    outcomes = []
    for image in fn(page, rng, ctx):
        start = time.perf_counter()
        outcome = reader.read_page(Page(f"{name}-{index}.png", 1, image), ctx.expected)
        elapsed = time.perf_counter() - start
        outcomes.append(outcome)
        t = score(ctx.students[0], outcome)
        if human_refuses:
            t.refused_rightly = t.refused
            t.readable = t.to_review = t.read = t.reviewed = 0  # nothing on it is to be read
            t.wrong = 0 if outcome.reading is None else t.wrong + 1
        t.seconds = elapsed
        total.add(t)
    return total, outcomes


def table(rows: dict[str, Tally]) -> str:
    head = f"{'degradation':26} {'sheets':>6} {'refused':>7} {'marks read':>16} {'to review':>14} {'wrong':>5} {'ids':>7} {'s/sheet':>7}"  # fmt: skip
    lines = [head, "-" * len(head)]
    total = Tally()
    for name, t in rows.items():
        total.add(t)
        lines.append(_line(name, t))
    lines.append("-" * len(head))
    lines.append(_line("all", total))
    return "\n".join(lines)


def _line(name: str, t: Tally) -> str:
    share = f"{t.read}/{t.readable} {100 * t.read / t.readable:.1f}%" if t.readable else "-"
    review = f"{t.reviewed}/{t.to_review} {100 * t.reviewed / t.to_review:.0f}%" if t.to_review else "-"  # fmt: skip
    refused = f"{t.refused}" + (f" ({t.refused_rightly} ok)" if t.refused_rightly else "")
    read_sheets = t.sheets - t.refused
    ids = f"{t.ids_right}/{read_sheets}" if read_sheets else "-"
    return f"{name:26} {t.sheets:>6} {refused:>7} {share:>16} {review:>14} {t.wrong:>5} {ids:>7} {t.seconds / max(t.sheets, 1):>7.2f}"  # fmt: skip


def main(argv: list[str]) -> int:
    sheets = int(argv[0]) if argv else 8
    names = argv[1:] or list(DEGRADATIONS)
    ctx = context()
    rows = {}
    for name in names:
        total = Tally()
        for index in range(sheets):
            tally, _ = run_one(name, index, ctx)
            total.add(tally)
        rows[name] = total
        print(_line(name, total), flush=True)
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
