"""Reading filled answer sheets: synthetic scans of known patterns, degraded the way scanners
and phones degrade pages, read back. Clear marks must be read; doubtful ones go to review;
no wrong answer may be accepted."""

from __future__ import annotations

import csv
import io
import json
import zlib
from functools import cache

import pytest

from pipeline.build.render import sheet
from pipeline.classroom.scan import align, marks

from . import scan_synth as synth
from .conftest import CASES, run_cli
from .corpus.paper import paper


@cache
def _printed(questions: int, series: str, dpi: int):
    return synth.printed(paper(questions), series, dpi=dpi)


def _read(questions: int, series: str, dpi: int, options: dict, *, seed: int, instrument: str):
    g = sheet.geometry(questions)
    p = synth.pattern(questions, seed=seed, instrument=instrument)
    p.series = series
    image = synth.degrade(
        synth.fill(_printed(questions, series, dpi), g, p, dpi=dpi, seed=seed), seed=seed, **options
    )
    geometry = g.to_dict()
    canonical = align.warp(image, align.locate(image, geometry), geometry)
    return p, marks.read(canonical, geometry), marks.qr_text(image, canonical)


def _tally(p: synth.Pattern, reading: marks.Reading, questions: int) -> list[int]:
    """[clear read right, clear, doubtful sent to review, doubtful, wrong accepted]"""
    tally = [0, 0, 0, 0, 0]
    for want, got in zip(p.expected(questions), reading.answers, strict=True):
        if want == "?":
            tally[3] += 1
            tally[2] += got == "?"
        elif want:
            tally[1] += 1
            tally[0] += got == want
        if got not in ("?", "") and got != want:
            tally[4] += 1  # a wrong answer accepted
    return tally


def _suite(capsys, questions: int, series: str, variants, instrument: str = "pen") -> None:
    rows, failures = [], []
    for name, dpi, options in variants:
        seed = zlib.crc32(f"{name}/{series}/{instrument}/{questions}".encode()) % 10_000
        p, reading, qr = _read(questions, series, dpi, options, seed=seed, instrument=instrument)
        tally = _tally(p, reading, questions)
        rows.append(
            f"  {questions} questions, series {series}, {instrument}, {name:18} "
            f"clear {tally[0]}/{tally[1]}  doubtful to review {tally[2]}/{tally[3]}  wrong accepted {tally[4]}"
        )
        if (
            reading.answers != p.expected(questions)
            or reading.roll != p.roll
            or reading.series != series
        ):
            failures.append(name)
        if sheet.read_payload(qr or "") is None or sheet.read_payload(qr)["series"] != series:
            failures.append(f"{name}: QR")
    with capsys.disabled():
        print("\n" + "\n".join(rows))
    assert failures == []


@pytest.mark.parametrize("series", "ABCD")
def test_every_mark_on_every_degraded_variant(capsys, series):
    """Clean, 150 and 300 dpi, rotated +-10, scaled 90/110%, phone perspective, blurred,
    noisy, JPEG quality 40, upside down: pen marks, doubles, ticks, half-erasures, dots."""
    _suite(capsys, 100, series, synth.VARIANTS)


def test_a_pencil_scan_reads_like_a_pen_scan(capsys):
    _suite(capsys, 100, "C", [synth.VARIANTS[i] for i in (0, 3, 7, 10)], instrument="pencil")


def test_a_150_question_sheet(capsys):
    _suite(capsys, 150, "D", [synth.VARIANTS[i] for i in (0, 4, 11)])


def _keys(folder, name: str, series: int) -> None:
    """answer-key.json and answer-sheet.json as a build writes them (without its PDFs)."""
    from pipeline.build.targets import Target, key_document, sheet_document
    from pipeline.model import load
    from pipeline.options import BuildOptions  # noqa: F401 - the same code paths as a build

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
        ("1000001", "A", right["A"], "pen"),
        ("1000002", "B", right["B"], "pencil"),
        ("1000001", "A", "DDDDDD", "pen"),
    ]
    for roll, series, answers, instrument in students:
        p = synth.Pattern(roll=roll, series=series, instrument=instrument)
        p.answers = {i + 1: (a, instrument) for i, a in enumerate(answers)}
        printed = synth.printed(data, series, dpi=200)
        pages.append(synth.degrade(synth.fill(printed, g, p, dpi=200, seed=1), seed=1, rotate=3.0))
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
        "--score",
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
    assert (tmp_path / "summary.pdf").exists()


def test_a_sheet_of_another_test_is_refused_naming_the_file(tmp_path):
    out = tmp_path / "build"
    for name in ("all-formats", "minimal"):
        _keys(out / name, name, 1)
    data = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    image = synth.printed(data, None, dpi=200)
    scan = tmp_path / "wrong-test.png"
    scan.write_bytes(synth.png(image))
    result = run_cli(
        "scan",
        str(scan),
        "--key",
        str(out / "all-formats" / "answer-key.json"),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 1
    assert "wrong-test.png: this is a sheet of test 'minimal', not 'all-formats'" in result.stderr
    blank = tmp_path / "blank.png"
    blank.write_bytes(synth.png(image[:, :] * 0 + 255))
    result = run_cli(
        "scan",
        str(blank),
        "--key",
        str(out / "all-formats" / "answer-key.json"),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 1 and "blank.png: unreadable" in result.stderr
