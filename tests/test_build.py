"""Building PDFs: what each document holds, what the worksheet never holds, and safety.

Everything is rendered once per test session (the `built` fixture), not per assertion.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build.render.view import worksheet_view
from pipeline.model import Marks, load

from .conftest import BUILT_CASES, CASES, HAS_WORLD_MAP, ROOT, SEED, run_cli
from .render_helpers import contains, pdf_text

FIXTURES = list(BUILT_CASES)


@pytest.fixture(scope="session")
def built(built_cases) -> Path:
    """The seed and every valid fixture, built once a session (conftest); the output folder."""
    return built_cases[0]


def _data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_four_pdfs_per_source(built, source):
    folder = built / _data(source)["id"]
    hindi_article = ["article-hi.pdf"] if "hi" in _data(source) else []
    assert sorted(p.name for p in folder.iterdir()) == [
        "answer-key.json",
        "answer-key.pdf",
        "answer-sheet.json",
        "answer-sheet.pdf",
        *hindi_article,
        "article.pdf",
        "explanations.pdf",
        "worksheet.pdf",
    ]
    key = json.loads((folder / "answer-key.json").read_text(encoding="utf-8"))
    data = _data(source)
    assert [e["answer"] for e in key["series"]["A"]] == [q["answer"] for q in data["questions"]]


@pytest.mark.parametrize("source", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_worksheet_leaks_no_answer_explanation_or_flag(built, source):
    data = _data(source)
    path = built / data["id"] / "worksheet.pdf"
    text = pdf_text(path)
    metadata = " ".join(str(v) for v in (PdfReader(path).metadata or {}).values())
    for question in data["questions"]:
        assert not contains(text, question["explanation"])
        assert not contains(metadata, question["explanation"])
    for marker in (
        "Answer:",
        "Explanation.",
        "— answer (",
        "Statement 1: correct",
        "correctly matched)",
        "Key facts tested",
        "Answers at a glance",
    ):
        assert marker not in text
    # the question texts themselves are there
    for question in data["questions"]:
        assert contains(text, question["stem"])
        for option in question["options"]:
            assert contains(text, option["text"])


@pytest.mark.parametrize("source", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_worksheet_view_carries_no_answer_fields(source):
    data = _data(source)
    dumped = json.dumps(worksheet_view(load(data), marks=Marks(), epoch=None))
    assert '"correct"' not in dumped and '"answer"' not in dumped and '"explains"' not in dumped
    for question in data["questions"]:
        assert question["explanation"] not in dumped
        if "hi" in question:
            assert json.dumps(question["hi"]["explanation"])[1:-1] not in dumped


@pytest.mark.parametrize("source", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_answer_key_holds_every_answer_and_explanation(built, source):
    """The key is one page of answers; the explanations booklet explains each of them."""
    data = _data(source)
    key = pdf_text(built / data["id"] / "answer-key.pdf")
    assert len(PdfReader(built / data["id"] / "answer-key.pdf").pages) == 1
    text = pdf_text(built / data["id"] / "explanations.pdf")
    for number, question in enumerate(data["questions"], 1):
        assert re.search(rf"^{number} \({question['answer'].lower()}\)$", key, re.M), number
        option = next(o for o in question["options"] if o["label"] == question["answer"])
        assert contains(text, f"Q. {number} Answer ({question['answer'].lower()})")
        assert contains(text, option["text"])
        assert contains(text, question["explanation"])


@pytest.mark.parametrize("source", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_article_holds_every_key_fact_and_indicator(built, source):
    data = _data(source)
    text = pdf_text(built / data["id"] / "article.pdf")
    for fact in data["key_facts"]:
        assert contains(text, fact["text"])
    for row in data.get("visuals", {}).get("dashboard", {}).get("indicators", []):
        for field in ("label", "value", "change", "basis", "note"):
            if field in row:
                assert contains(text, row[field]), (field, row[field])


def test_article_has_no_empty_sections_and_no_web_leftovers(built):
    text = pdf_text(built / _data(SEED)["id"] / "article.pdf")
    assert "CONCLUSION" not in text and "POLICY IMPLICATIONS" not in text
    for leftover in ("Loading interactive map", "Show Answer", "Billion+10"):
        assert leftover not in text
    pages = len(PdfReader(built / _data(SEED)["id"] / "article.pdf").pages)
    assert "Page 1" in text and f"Page {pages}" in text  # numbered


def test_article_map_is_framed_to_the_region_its_title_names(built):
    """The seed's map says Indo-Pacific: India is drawn and labelled; the U.S. lies outside."""
    if not HAS_WORLD_MAP:
        pytest.skip("the world map's outlines are not installed (noxfile.py fetches them)")
    path = built / _data(SEED)["id"] / "article.pdf"
    text = pdf_text(path)
    assert "Shown: India. Outside this view: United States." in text
    page = next(p for p in PdfReader(path).pages if "Shown: India" in (p.extract_text() or ""))
    assert "India" in (page.extract_text() or "").split("Shown:")[0]  # the label on the map
    # the map is vector drawing on the page, thinned to print detail
    assert 30_000 < len(page.get_contents().get_data()) < 400_000


def test_pdf_metadata_and_tags(built):
    reader = PdfReader(built / _data(SEED)["id"] / "article.pdf")
    meta = reader.metadata
    assert meta.title.startswith("India-U.S. Relations") and meta.title.endswith("Article")
    assert meta.author == "UPSC Editorial Pipeline"
    assert meta.subject.startswith("Despite geopolitical differences")
    assert "quad" in meta["/Keywords"] and "strategic-autonomy" in meta["/Keywords"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    titles = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            titles.append(item.title)
    assert {"Key facts", "Background", "Main arguments", "Glossary"} <= set(titles)


def test_two_builds_are_byte_identical(built, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    result = run_cli("build", str(src), "--out", str(tmp_path / "again"))
    assert result.returncode == 0
    name = _data(SEED)["id"]
    for document in ("article", "worksheet", "answer-key"):
        assert (tmp_path / "again" / name / f"{document}.pdf").read_bytes() == (
            built / name / f"{document}.pdf"
        ).read_bytes()


def test_letter_paper(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CASES / "valid" / "minimal.json", src / "minimal.json")
    assert (
        run_cli("build", str(src), "--out", str(tmp_path / "out"), "--paper", "letter").returncode
        == 0
    )
    box = PdfReader(tmp_path / "out" / "minimal" / "worksheet.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_source_with_errors_gets_no_pdfs_and_loses_old_ones(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CASES / "valid" / "minimal.json", src / "minimal.json")
    broken = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    broken["id"] = "broken"
    (src / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", str(src), "--out", str(out)).returncode == 0
    assert (out / "broken" / "worksheet.pdf").exists()
    broken["questions"][0]["answer"] = "B"
    (src / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    result = run_cli("build", str(src), "--out", str(out))
    assert result.returncode == 1
    assert "skipped 1 with errors" in result.stdout and "broken.json" in result.stdout
    assert not (out / "broken" / "worksheet.pdf").exists()
    assert (out / "minimal" / "worksheet.pdf").exists()
    assert not list(out.rglob("*.tmp"))


def test_fonts_come_from_the_project_not_the_machine(built, tmp_path):
    """With fontconfig shown no fonts at all, the seed's PDFs are byte-identical (to the
    session's build, `built`: the same as a build of the seed alone, test_two_builds...)."""
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    normal, hidden = built, tmp_path / "hidden"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(SEED), "--out", str(hidden)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for pdf in (normal / SEED.stem).glob("*.pdf"):
        assert pdf.read_bytes() == (hidden / SEED.stem / pdf.name).read_bytes(), pdf.name
    fonts = {
        str(font["/BaseFont"]).split("+", 1)[1]
        for page in PdfReader(normal / SEED.stem / "worksheet.pdf").pages
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
    }
    # The seed's worksheet is bilingual: its Hindi is set in the pinned Devanagari face.
    assert fonts <= {
        "Noto-Serif",
        "Noto-Serif-Bold",
        "Noto-Serif-Italic",
        "Noto-Sans",
        "Noto-Sans-Bold",
        "Noto-Sans-Devanagari",
        "Noto-Sans-Devanagari-Bold",
    }
    assert "Noto-Sans-Devanagari" in fonts


def test_a_character_the_fonts_lack_is_an_error_at_its_field(tmp_path):
    from pipeline.checks.check import check_paths

    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["questions"][0]["explanation"] = (
        "Statement 1 is correct ✓. " + data["questions"][0]["explanation"]
    )
    data["summary"] = "Hindi is fine: कथन 1 सही है। " + data["summary"]
    path = tmp_path / SEED.name
    path.write_text(json.dumps(data), encoding="utf-8")
    found = [
        (d.rule, d.pointer, d.message)
        for d in check_paths([path]).diagnostics
        if d.rule == "render/missing-glyph"
    ]
    assert len(found) == 1
    rule, pointer, message = found[0]
    assert pointer == "/questions/0/explanation"
    assert "'✓' (U+2713 CHECK MARK)" in message


def test_a_photo_credit_is_printed_only_with_a_photo(built):
    """The seed credits a photographer but has no photo: no dangling 'Photo:' line."""
    text = pdf_text(built / _data(SEED)["id"] / "article.pdf")
    assert "Brian McGowan" not in text and "Photo:" not in text
