"""The review loop a teacher goes through: scan writes responses.csv with `?` for a doubt,
review.csv and review.html with its crop; the teacher writes a decision and `scan --apply`
puts it into responses.csv (through classroom/review.py, the same code as `score --review`)."""

from __future__ import annotations

import csv
import io
import json

import cv2

from . import scan_synth as synth
from .conftest import run_cli
from .test_hostile_scan import TEST, _data, _filled, _keys, _rows


def _half_filled(question: int, letter: str):
    """A sheet whose answer `letter` to `question` is only half filled (a doubt)."""
    from pipeline.build.render import sheet

    image = _filled("AB" + " " * 4, booklet="000123")
    g = sheet.geometry(len(_data()["questions"]))
    b = next(b for b in g.answers[question - 1] if b.value == letter)
    px = 200 / 25.4
    rx = (getattr(b, "rx", None) or b.r) * px * 0.92
    ry = (getattr(b, "ry", None) or b.r) * px * 0.92
    centre = (int(round(b.x * px)), int(round(b.y * px)))
    cv2.ellipse(image, centre, (int(rx), int(ry)), 0, -90, 90, 25, -1, cv2.LINE_AA)
    return image


def test_a_doubt_is_pending_until_a_decision_is_applied(tmp_path):
    key = _keys(tmp_path / "build" / TEST)
    scan = tmp_path / "student.png"
    scan.write_bytes(synth.png(_half_filled(3, "C")))
    out = tmp_path / "out"
    result = run_cli("scan", str(scan), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    rows = _rows(out / "responses.csv")
    assert list(rows[0])[:6] == ["file", "page", "name", "roll", "booklet", "series"]
    assert (rows[0]["roll"], rows[0]["booklet"], rows[0]["series"]) == ("1234567", "000123", "A")
    assert [rows[0][str(n)] for n in range(1, 7)] == ["A", "B", "?", "", "", ""]
    review = _rows(out / "review.csv")
    assert list(review[0]) == [
        "id", "file", "page", "name", "roll", "question", "read", "decision", "reason", "crop"
    ]  # fmt: skip
    doubt = next(r for r in review if r["question"] == "3")
    assert doubt["file"] == str(scan) and doubt["page"] == "1" and doubt["decision"] == ""
    assert (out / doubt["crop"]).is_file() and doubt["crop"].startswith("review/")
    html = (out / "review.html").read_text(encoding="utf-8")
    assert f'src="{doubt["crop"]}"' in html and f"#{doubt['id']}" in html

    # An invalid decision applies nothing and names the line.
    doubt["decision"] = "Z"
    _write_review(out, review)
    before = (out / "responses.csv").read_bytes()
    result = run_cli("scan", "--apply", str(out / "review.csv"))
    assert result.returncode == 1
    assert "review.csv:" in result.stderr and "decision 'Z'" in result.stderr
    assert (out / "responses.csv").read_bytes() == before

    doubt["decision"] = "C"
    _write_review(out, review)
    result = run_cli("scan", "--apply", str(out / "review.csv"))
    assert result.returncode == 0, result.stderr
    assert "0 doubts still pending" in result.stdout
    rows = _rows(out / "responses.csv")
    assert [rows[0][str(n)] for n in range(1, 7)] == ["A", "B", "C", "", "", ""]


def _write_review(out, review: list[dict[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(review[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(review)
    (out / "review.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")


def test_scan_apply_needs_no_scans_and_refuses_them(tmp_path):
    result = run_cli("scan", "a.png", "--apply", str(tmp_path / "review.csv"))
    assert result.returncode == 2 and "reads no scans" in result.stderr
    result = run_cli("scan", "a.png")
    assert result.returncode == 2 and "--key" in result.stderr


def test_a_sheet_whose_qr_code_is_covered_is_read_with_a_note(tmp_path):
    """A sticker over the QR code: the run's test, the series from its bubble, and a note."""
    from pipeline.build.render import sheet

    g = sheet.geometry(len(_data()["questions"]))
    image = _filled("DCBADC", roll="5550001", series="B")
    px = 200 / 25.4
    half = g.qr.size / 2 * px
    x, y = g.qr.x * px, g.qr.y * px
    image[int(y - half) : int(y + half), int(x - half) : int(x + half)] = 255
    scan = tmp_path / "sticker.png"
    scan.write_bytes(synth.png(image))
    key = _keys(tmp_path / "build" / TEST)
    out = tmp_path / "out"
    result = run_cli("scan", str(scan), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    rows = _rows(out / "responses.csv")
    assert [(r["roll"], r["series"]) for r in rows] == [("5550001", "B")]
    note = next(r for r in _rows(out / "review.csv") if "QR code could not be read" in r["reason"])
    assert note["question"] == "" and note["read"] == "B"


def test_every_page_problem_has_a_crop(tmp_path):
    """A sheet of another test is refused with a picture of the page, so a teacher sees it."""
    from .conftest import CASES

    other = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    scan = tmp_path / "other-test.png"
    scan.write_bytes(synth.png(synth.printed(other, None, dpi=200)))
    key = _keys(tmp_path / "build" / TEST)
    out = tmp_path / "out"
    result = run_cli("scan", str(scan), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert result.returncode == 1
    (problem,) = _rows(out / "review.csv")
    assert "this is a sheet of test 'minimal'" in problem["reason"]
    assert problem["question"] == "" and (out / problem["crop"]).is_file()


def test_scan_score_refuses_pending_doubts_unless_told_to_score_them_blank(tmp_path):
    key = _keys(tmp_path / "build" / TEST)
    scan = tmp_path / "student.png"
    scan.write_bytes(synth.png(_half_filled(3, "C")))
    out = tmp_path / "out"
    args = ("scan", str(scan), "--key", str(key), "--out", str(out), "--jobs", "1", "--score")
    result = run_cli(*args)
    assert result.returncode == 1 and not (out / "scores.csv").exists()
    assert "pending" in result.stderr
    result = run_cli(*args, "--pending", "blank")
    assert result.returncode == 0, result.stderr
    assert (out / "scores.csv").is_file()


def test_a_multi_page_tiff_from_a_scanner_is_read_page_by_page(tmp_path):
    from PIL import Image

    from .test_hostile_scan import _filled

    sheets = [_filled(a * 6, roll=f"100000{n}") for n, a in enumerate("ABC", 1)]
    stack = tmp_path / "stack.tiff"
    first, *rest = [Image.fromarray(s) for s in sheets]
    first.save(stack, save_all=True, append_images=rest, compression="tiff_deflate")
    key = _keys(tmp_path / "build" / TEST)
    out = tmp_path / "out"
    result = run_cli("scan", str(stack), "--key", str(key), "--out", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    rows = _rows(out / "responses.csv")
    assert [(r["page"], r["roll"], r["1"]) for r in rows] == [
        ("1", "1000001", "A"), ("2", "1000002", "B"), ("3", "1000003", "C")
    ]  # fmt: skip
