"""Reading filled answer sheets: seeded students mark the 2025 paper's sheet as students do,
classrooms degrade it (tests/scan_degrade.py), and the reader must read every mark a human
reads, send every tick, cross and circled letter to a human, and accept no wrong answer.
The whole suite (eight sheets a degradation) runs in `nox -s scan_suite`; here one sheet
of each, and the single behaviours one by one."""

from __future__ import annotations

import csv
import io
import json
import random

import numpy as np
import pytest

from pipeline.build.render import sheet
from pipeline.classroom.scan import reader
from pipeline.classroom.scan.pages import Page

from . import scan_degrade as degrade
from . import scan_suite as suite
from . import scan_synth as synth
from .conftest import CASES, run_cli


@pytest.fixture(scope="module")
def ctx() -> suite.Context:
    return suite.context()


@pytest.mark.parametrize("name", list(suite.DEGRADATIONS))
def test_one_sheet_of_each_degradation(ctx, name, capsys):
    """No wrong answer is accepted; what a human reads is read (>= 97 %); ticks, crosses and
    circled letters go to review (>= 95 %); only what a human would refuse is refused."""
    tally, outcomes = suite.run_one(name, 0, ctx)
    _, human_refuses = suite.DEGRADATIONS[name]
    with capsys.disabled():
        print("\n" + suite._line(name, tally), outcomes[0].problem or "")
    assert tally.wrong == 0 and tally.ids_wrong == 0
    if human_refuses:
        assert tally.refused == 1 and "two answer sheets in one photo" in (outcomes[0].problem or "")  # fmt: skip
        return
    if name in suite.HARDER:  # never a guess; a refusal says why
        assert tally.refused == 0 or (outcomes[0].problem or "").startswith("unreadable: ")
        return
    assert tally.refused == 0, outcomes[0].problem
    assert tally.read >= 0.97 * tally.readable
    assert tally.reviewed >= 0.95 * tally.to_review - 0.5  # one sheet: at most a miss in 20
    assert tally.ids_right == 1


def test_the_suite_tables_totals_are_the_sums_of_its_rows():
    """The "all" row once counted marks that no row showed (8118 marks beside rows summing to
    8059): every total is now the plain sum of the rows printed above it."""
    rows = {
        "flatbed scan": suite.Tally(
            sheets=8, readable=608, read=608, to_review=69, reviewed=69, ids_right=8
        ),  # fmt: skip
        "two sheets in one photo": suite.Tally(sheets=8, refused=8, refused_rightly=8),
        "curl 50 mm": suite.Tally(
            sheets=8, refused=1, readable=633, read=558, to_review=65, reviewed=54, ids_review=7
        ),  # fmt: skip
    }
    sums = suite.totals(rows)
    assert list(sums) == ["issue's degradations", "all"]
    assert (sums["all"].sheets, sums["all"].refused, sums["all"].readable, sums["all"].read) == (24, 9, 1241, 1166)  # fmt: skip
    assert (sums["issue's degradations"].readable, sums["issue's degradations"].reviewed) == (608, 69)  # fmt: skip
    text = suite.markdown(rows, command="python -m tests.scan_suite 8", commit="abc1234")
    assert "| **all** | 24 | 9 (8) | 1241 | 1166 | 94.0 % | 0 | 134 | 123 | 91.8 % | 8 / 7 / 0 |" in text  # fmt: skip
    assert "| curl 50 mm (harder) | 8 | 1 (0) |" in text and "`abc1234`" in text


def _sheet(ctx: suite.Context, s: synth.Student, *, seed: int = 7) -> np.ndarray:
    printed = synth.printed(ctx.data, s.series, dpi=degrade.DPI)
    return synth.fill(printed, ctx.geometry, s, dpi=degrade.DPI, seed=seed)


def _read(ctx: suite.Context, image: np.ndarray) -> reader.Outcome:
    return reader.read_page(Page("sheet.png", 1, image), ctx.expected)


def _student(answers: dict[int, tuple[str, str]], instrument: str = "black pen") -> synth.Student:
    s = synth.Student(answers=answers, roll="1234567", booklet="000042", series="C")
    s.instrument = instrument
    return s


def test_circled_letters_ticks_and_crosses_go_to_review(ctx):
    s = _student({1: ("B", "circled"), 2: ("C", "tick"), 3: ("A", "cross"), 4: ("D", "fill")})
    outcome = _read(ctx, degrade.scanner(_sheet(ctx, s), random.Random(1)))
    r = outcome.reading
    assert r is not None and r.answers[:4] == ["?", "?", "?", "D"]
    why = {what: reason for what, reason, _ in r.review}
    assert "ink around (b) (a circled letter?)" in why["question 1"]
    assert "(c) partly marked" in why["question 2"]
    assert (r.roll, r.booklet, r.series) == ("1234567", "000042", "C")
    assert [what for what, _ in outcome.crops][:3] == ["question 1", "question 2", "question 3"]


def test_light_pencil_beside_dark_pen_is_read(ctx):
    s = _student({n: ("ABCD"[n % 4], "fill") for n in range(1, 41)})
    s.second = "light pencil"
    image = _sheet(ctx, s)
    r = _read(ctx, degrade.scanner(image, random.Random(2))).reading
    assert r is not None and r.answers[:40] == ["ABCD"[n % 4] for n in range(1, 41)]
    assert not [w for w in r.review if w[0].startswith("question")]


def test_rubbed_out_mark_with_the_answer_elsewhere_is_the_answer(ctx):
    s = _student({n: ("B", "rubbed") for n in range(1, 11)}, "medium pencil")
    s.erased = dict.fromkeys(range(1, 11), "D")
    r = _read(ctx, degrade.scanner(_sheet(ctx, s), random.Random(3))).reading
    assert r is not None and r.answers[:10] == ["B"] * 10


def test_a_blank_sheet_says_it_has_no_marks(ctx):
    s = _student({})
    outcome = _read(ctx, degrade.scanner(_sheet(ctx, s), random.Random(4)))
    assert outcome.reading is not None and not any(outcome.reading.answers)
    assert "no marks at all on this sheet (a blank or unfilled sheet?)" in outcome.notes


def test_a_sheet_of_doubts_is_flagged_as_a_whole(ctx):
    s = _student({n: ("A", "tick") for n in range(1, 31)})
    outcome = _read(ctx, degrade.scanner(_sheet(ctx, s), random.Random(5)))
    assert any(n.startswith("too many doubts (30 of 100 questions)") for n in outcome.notes)


def test_an_unreadable_qr_code_falls_back_to_the_series_oval_with_a_note(ctx):
    s = _student({1: ("A", "fill")})
    q = ctx.geometry.qr
    image = degrade.smudged_qr(_sheet(ctx, s), random.Random(6), qr=(q.x, q.y, q.size))
    outcome = _read(ctx, image)
    assert outcome.problem is None and outcome.reading is not None
    assert outcome.reading.series == "C" and outcome.reading.answers[0] == "A"
    assert any("the QR code could not be read" in n for n in outcome.notes)


def test_a_sheet_turned_45_degrees_with_a_thumb_over_a_corner(ctx):
    s = _student({n: ("ABCD"[n % 4], "fill") for n in range(1, 101)})
    rng = random.Random(8)
    image = degrade.phone(degrade.thumb(_sheet(ctx, s), rng), rng, angle=44.0, clutter=False)
    outcome = _read(ctx, image)
    assert outcome.reading is not None, outcome.problem
    assert outcome.reading.answers == ["ABCD"[n % 4] for n in range(1, 101)]


def test_a_mapping_the_printed_ovals_contradict_is_never_read(ctx):
    """The lower half of the page slid 2.5 mm (a torn, re-taped sheet): the ovals there are
    not where the corners say, and those rows are refused, never read from the wrong place."""
    s = _student({n: ("ABCD"[n % 4], "fill") for n in range(1, 101)})
    image = _sheet(ctx, s)
    cut = int(200 * degrade.PX)
    shift = int(2.5 * degrade.PX)
    image[cut + shift :] = image[cut : image.shape[0] - shift].copy()
    outcome = _read(ctx, image)
    assert outcome.reading is not None
    answers = outcome.reading.answers
    assert all(a in ("?", "ABCD"[n % 4]) for n, a in enumerate(answers, 1))


def test_two_sheets_in_one_photo_are_named(ctx):
    a = _sheet(ctx, _student({1: ("A", "fill")}))
    b = _sheet(ctx, _student({1: ("B", "fill")}), seed=9)
    outcome = _read(ctx, degrade.two_sheets(a, b, random.Random(9)))
    assert outcome.problem == (
        "unreadable: two answer sheets in one photo: photograph or scan each sheet on its own"
    )
    assert [what for what, _ in outcome.crops] == ["page"]


def _keys(folder, name: str, series: int) -> None:
    """answer-key.json and answer-sheet.json as a build writes them (without its PDFs)."""
    from pipeline.build.targets import Target, key_document, sheet_document
    from pipeline.model import load

    data = json.loads((CASES / "valid" / f"{name}.json").read_text(encoding="utf-8"))
    target = Target(name, name, name, load(data), "", series=series)
    folder.mkdir(parents=True)
    (folder / "answer-key.json").write_bytes(key_document(target))
    (folder / "answer-sheet.json").write_bytes(sheet_document(target, "a4"))


def test_scan_a_stack_to_scores_in_one_command(tmp_path):
    """A teacher scans the class to one PDF and gets responses, review and scores."""
    folder = tmp_path / "build" / "all-formats"
    _keys(folder, "all-formats", 2)
    table = json.loads((folder / "answer-sheet.json").read_text(encoding="utf-8"))
    g = sheet.geometry(6)
    assert table["geometry"]["layout"] == g.layout
    data = json.loads((CASES / "valid" / "all-formats.json").read_text(encoding="utf-8"))
    key = json.loads((folder / "answer-key.json").read_text(encoding="utf-8"))
    pages = []
    right = {letter: "".join(row["answer"] for row in key["series"][letter]) for letter in "AB"}
    students = [
        ("1000001", "A", right["A"], "black pen"),
        ("1000002", "B", right["B"], "medium pencil"),
        ("1000001", "A", "DDDDDD", "blue pen"),
    ]
    for roll, series, answers, instrument in students:
        s = synth.Student(roll=roll, series=series, instrument=instrument)
        s.answers = {i + 1: (a, "fill") for i, a in enumerate(answers)}
        printed = synth.printed(data, series, dpi=200)
        pages.append(degrade.scanner(synth.fill(printed, g, s, dpi=200, seed=1), random.Random(1)))
    pages.append(pages[0])  # the first sheet scanned twice
    stack = tmp_path / "stack.pdf"
    stack.write_bytes(synth.pdf_of(pages, 200))
    result = run_cli(
        "scan",
        str(stack),
        "--key",
        str(folder / "answer-key.json"),
        "--out",
        str(tmp_path),
        "--score",  # fmt: skip
    )
    assert result.returncode == 0, result.stderr + result.stdout
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "responses.csv").read_text(encoding="utf-8")))
    )
    assert [(r["roll"], r["series"]) for r in rows] == [
        ("1000001", "A"),
        ("1000002", "B"),
        ("1000001", "A"),
    ]
    review = (tmp_path / "review.csv").read_text(encoding="utf-8")
    assert "scanned twice" in review and "roll number 1000001 is also on" in review
    scores = list(
        csv.DictReader(io.StringIO((tmp_path / "scores.csv").read_text(encoding="utf-8")))
    )
    assert [s["score"] for s in scores][:2] == ["12.00", "12.00"]


def test_a_sheet_of_another_test_is_refused_naming_the_file(tmp_path):
    out = tmp_path / "build"
    for name in ("all-formats", "minimal"):
        _keys(out / name, name, 1)
    data = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    image = synth.printed(data, None, dpi=200)
    scan = tmp_path / "wrong-test.png"
    scan.write_bytes(synth.png(image))
    key = str(out / "all-formats" / "answer-key.json")
    result = run_cli("scan", str(scan), "--key", key, "--out", str(tmp_path))
    assert result.returncode == 1
    assert "wrong-test.png: this is a sheet of test 'minimal', not 'all-formats'" in result.stderr
    blank = tmp_path / "blank.png"
    blank.write_bytes(synth.png(image[:, :] * 0 + 255))
    result = run_cli("scan", str(blank), "--key", key, "--out", str(tmp_path))
    assert result.returncode == 1 and "blank.png: unreadable" in result.stderr


def test_light_pencil_faded_by_glare_is_never_read_as_blank(ctx):
    """Glare (the paper facing a lamp, clipped at white) fades light pencil to 200-225 grey:
    no longer ink by the page's measure, but a human still sees the fill. Each such row is
    read right or goes to review, never blank, and the review says what was seen."""
    s = _student({n: ("ABCD"[n % 4], "fill") for n in range(1, 101)}, "light pencil")
    image = _sheet(ctx, s).astype(np.float32)
    h, w = image.shape
    gain = np.ones((h, w), np.float32)
    gain[h // 2 :, w // 2 :] = 1.45  # the lower right quarter: the last two answer columns
    image = np.clip(image * gain, 0, 255).astype(np.uint8)
    r = _read(ctx, degrade.scanner(image, random.Random(11))).reading
    assert r is not None
    right = ["ABCD"[n % 4] for n in range(1, 101)]
    assert all(a in ("?", want) for a, want in zip(r.answers, right, strict=True))
    faded = [n for n in range(51, 101) if r.answers[n - 1] == "?"]
    why = {what: reason for what, reason, _ in r.review}
    assert faded and all(
        "lightly marked" in why[f"question {n}"] or "partly marked" in why[f"question {n}"]
        for n in faded
    )
    assert r.answers[:50] == right[:50]  # the unfaded columns are read


def test_ovals_one_row_from_where_the_corners_put_them_are_never_read_from_a_neighbour(ctx):
    """Everything between the QR code and the bottom corner squares moved exactly one row
    (5 mm) down, as a curled sheet's flat mapping moves it: each block then matches the
    template one row over in all rows but one. No answer may be read from its neighbour."""
    s = _student({n: ("ABCD"[n % 4], "fill") for n in range(1, 101)})
    image = _sheet(ctx, s)
    top, bottom = int(50 * degrade.PX), int(270 * degrade.PX)
    shift = int(round(5.0 * degrade.PX))
    image[top + shift : bottom] = image[top : bottom - shift].copy()
    image[top : top + shift] = 255
    outcome = _read(ctx, degrade.scanner(image, random.Random(12)))
    assert outcome.reading is not None, outcome.problem
    answers = outcome.reading.answers
    assert all(a in ("?", "ABCD"[n % 4]) for n, a in enumerate(answers, 1))
    assert answers.count("?") <= 10  # the blocks are found where they are, and read


@pytest.mark.parametrize("index", [0, 3])
def test_a_sheet_curled_50_mm_is_placed_by_its_flat_top(ctx, index):
    """A 50 mm curl moves both bottom corner squares in the photo. Mapped through them (or
    through one and the QR code) the flat top was bent instead: every roll-number and
    booklet column sat one oval off and went to review (sheet 0), or the page was refused
    (sheet 3: 'the QR code is not where the corner squares put it'). The top corners and the
    QR code place the flat part, and the curled blocks' rows are followed one by one."""
    tally, outcomes = suite.run_one("curl 50 mm", index, ctx)
    outcome, s = outcomes[0], ctx.students[0]
    assert outcome.reading is not None, outcome.problem
    assert tally.wrong == 0 and tally.ids_right == 1
    assert tally.reviewed == tally.to_review
    assert tally.readable - tally.read <= 3  # at most the last rows, deepest in the curl
    assert (outcome.reading.roll, outcome.reading.booklet) == (s.roll, s.booklet)
