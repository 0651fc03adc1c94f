"""Exam-grade booklets, measured on the real 2025 GS Paper I (100 questions, tests/corpus):
pages and where each question falls on them, not pixels."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from pipeline.build.render.documents import plan, render_document
from pipeline.model import Marks, load

from .corpus.paper import paper
from .render_helpers import page_texts, pdf_text

A4_CONTENT_MM = 297 - 17 - 15  # page height less the top and bottom margins


@pytest.fixture(scope="module")
def booklets(printed):
    """Each series' booklet as printed (conftest renders it once a session): its layout."""
    return {f"worksheet-{x}": printed[f"paper/worksheet-{x}"][1] for x in "ABCD"}


def test_a_real_100_question_paper_fits_in_24_pages_in_every_series(booklets, printed, capsys):
    """Before padding: cover, questions, one rough-work page; padded to a multiple of 4."""
    pages = {name: b["pages"] for name, b in booklets.items()}
    printed_pages = {name: len(PdfReader(printed[f"paper/{name}"][0]).pages) for name in booklets}
    with capsys.disabled():
        print(f"\n100-question paper: pages before padding {pages}, printed {printed_pages}")
    assert all(n <= 24 for n in pages.values()), pages
    assert max(pages.values()) - min(pages.values()) <= 1, pages
    assert all(n % 4 == 0 and n >= pages[name] for name, n in printed_pages.items())


def test_every_series_paginates_alike_and_its_blank_ends_are_labelled_rough_work(booklets, printed):
    """Same pages of questions and of rough work in A, B, C and D; the space left under the
    last question says it is for rough work, as does every padding page."""
    shapes = set()
    for name in booklets:
        texts = list(page_texts(printed[f"paper/{name}"][0]))  # extracted once, when rendered
        rough = [i for i, t in enumerate(texts) if t.strip() == "SPACE FOR ROUGH WORK"]
        questions = [i for i, t in enumerate(texts[1:], 1) if i not in rough]
        assert rough == list(range(len(questions) + 1, len(texts))), name  # all at the end
        assert texts[questions[-1]].rstrip().endswith("SPACE FOR ROUGH WORK") or (
            "SPACE FOR ROUGH WORK" in texts[questions[-1]]
        ), name
        shapes.add((len(questions), len(rough)))
    assert len(shapes) == 1 and min(r for _, r in shapes) >= 1, shapes


def test_no_page_of_questions_but_the_last_is_under_60_percent_full(booklets):
    for name, booklet in booklets.items():
        pages = booklet["questions"][:-1]
        underfull = [
            (i + 1, round(booklet["fill"][i], 2)) for i in pages if booklet["fill"][i] < 0.6
        ]
        assert underfull == [], (name, underfull)


def test_each_question_starts_with_its_first_item_and_ends_with_its_options(booklets):
    for name, booklet in booklets.items():
        parts = booklet["parts"]
        for number in range(1, 101):
            head, tail = parts[(number, "head")], parts[(number, "tail")]
            assert len(head) == 1 and len(tail) == 1, (
                name,
                number,
                head,
                tail,
            )  # never split inside
            assert parts[(number, "options")] == tail, (name, number)
        assert parts[(1, "head")] == {1}  # the cover is page 1; questions start on page 2


def test_short_options_print_in_a_row_or_two_by_two_and_code_questions_say_so():
    from pipeline.build.render.questions import CODE_LINE, question_body

    questions = load(paper()).questions
    layouts = [question_body(q)["option_layout"] for q in questions]
    assert layouts.count("row") + layouts.count("grid") >= 70
    bodies = [question_body(q) for q in questions if q.format == "statements"]
    # Every code question says how to answer, once: UPSC's line, or the paper's own words
    # ("Select the correct answer using the code given below.") where the stem asked.
    assert all(b["code_line"].rstrip(".:") == CODE_LINE.rstrip(".:") for b in bodies)
    assert not any(b["prompt"] and "code given below" in b["prompt"] for b in bodies)


def test_items_are_numbered_as_the_options_name_them():
    """2025 papers number statements I, II, III and code them "I and II only"."""
    from pipeline.build.render.questions import question_body

    body = question_body(next(q for q in load(paper()).questions if q.format == "statements"))
    assert body["items"][0]["label"] == "I." and body["items"][1]["label"] == "II."


def _render(name: str, data: dict) -> bytes:
    document = next(
        d
        for d in plan(load(data), marks=Marks(), epoch=0, series=2, article=False)
        if d.name == name
    )
    return render_document(document, paper="a4", key=data["id"], epoch=0)[1].pdf


def test_the_answer_sheet_is_one_page_drawn_from_its_geometry_with_no_answers():
    from pipeline.build.render import sheet, sheet_drawing

    data = paper()
    pdf = _render("answer-sheet-B", data)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Answer sheet, Series B" in reader.metadata.title
    text = reader.pages[0].extract_text()
    for label in (
        "Series B", "Roll number", "Test booklet serial no.", "100 questions",
        "Candidate's signature", "Invigilator's signature", "Right way", "Wrong ways",
        data["title"].split(" (")[0],
    ):  # fmt: skip
        assert label in text, label
    assert data["id"] not in text and "Test:" not in text  # no internal id
    for question in data["questions"]:
        assert question["explanation"] not in text
    g = sheet.geometry(100)
    drawn, _ = sheet_drawing.svg(
        g, title=data["title"], series="B", code=sheet.payload(data["id"], "B", g)
    )
    for row in g.answers:  # every oval the geometry names is drawn where it says
        for b in row:
            assert (
                f'<ellipse cx="{b.x:.2f}" cy="{b.y:.2f}" rx="{b.rx:.2f}" ry="{b.ry:.2f}"' in drawn
            )
    # Ovals as printed OMR sheets have them: wider than tall, 2 mm or more apart.
    a, b = g.answers[0][0], g.answers[0][1]
    assert 2 * a.rx >= 4.5 and 2 * a.ry >= 2.8 and a.rx > a.ry
    assert b.x - a.x - 2 * a.rx >= 2.0
    gaps = [g.answers[i + 1][0].y - g.answers[i][0].y for i in range(24)]
    assert gaps[4] > gaps[0] == gaps[1] == gaps[2] == gaps[3]  # rows grouped in fives
    assert min(gaps) - 2 * a.ry >= 1.8
    assert len(g.answers) == 100 and len(g.roll) == sheet.ROLL_DIGITS and len(g.booklet) == 6
    assert sheet.read_payload(sheet.payload(data["id"], "B", g))["series"] == "B"
    assert sheet.read_payload(sheet.payload(data["id"], "B", g)[:-1] + "0") is None
    big = sheet.geometry(150)
    assert len(big.answers) == 150 and max(b.y for row in big.answers for b in row) < big.signatures
    assert len(sheet.geometry(150, paper="letter").answers) == 150


def test_a_long_title_wraps_on_the_answer_sheet_and_is_never_cut():
    from pipeline.build.render.sheet_drawing import title_lines

    title = "India-U.S. Relations: A Parallel Track of Cooperation Amidst Differences and Beyond"
    lines, size = title_lines(title)
    assert " ".join(lines) == title and len(lines) == 2 and size >= 3.3
    data = paper(20)
    data["title"] = title
    text = PdfReader(io.BytesIO(_render("answer-sheet-A", data))).pages[0].extract_text()
    assert "Cooperation" in text and "Beyond" in text and "…" not in text


def test_a_long_test_points_to_the_sheet_and_a_short_one_keeps_its_grid(tmp_path):
    text = pdf_text_bytes(_render("worksheet-A", paper(20)))
    assert "Mark every answer on the separate answer sheet only" in text
    assert "Hand the answer sheet to the invigilator" in text
    assert ".pdf" not in text and "upsc-prelims-2025" not in text  # no file names, no ids
    assert "Answer grid" not in text and "ANSWER GRID" not in text
    short = paper(6)
    document = next(d for d in plan(load(short), marks=Marks(), epoch=0) if d.name == "worksheet")
    text = pdf_text_bytes(render_document(document, paper="a4", key="short", epoch=0)[1].pdf)
    assert "ANSWER GRID" in text
    cover = text.split("PENALTY FOR WRONG ANSWERS")[0]
    # The instructions agree with the grid: no answer sheet to fill in or hand over.
    assert "answer sheet" not in cover and "Hand this booklet to the invigilator" in cover
    assert "Mark every answer in the answer grid at the end of this booklet" in cover


def pdf_text_bytes(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_series_metadata_and_running_heads(tmp_path):
    pdf = _render("worksheet-B", paper(20))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.endswith("Test booklet, Series B")
    second = reader.pages[1].extract_text()
    assert "Series B" in second
    from pipeline.build.render.view import RUNNING_TITLE_CHARS, shorten

    long_title = (
        "India-U.S. Relations: A Parallel Track of Cooperation Amidst Differences and Beyond"
    )
    assert len(shorten(long_title, RUNNING_TITLE_CHARS)) <= RUNNING_TITLE_CHARS


def test_answer_sheet_json_is_written_beside_the_sheets(tmp_path):
    from .conftest import CASES, run_cli

    out = tmp_path / "out"
    assert (
        run_cli(
            "build", str(CASES / "valid" / "all-formats.json"), "--out", str(out), "--series", "2"
        ).returncode
        == 0
    )
    table = json.loads((out / "all-formats" / "answer-sheet.json").read_text(encoding="utf-8"))
    assert table["geometry"]["questions"] == 6 and set(table["series"]) == {"A", "B"}
    assert table["series"]["B"].startswith("UPSCSHEET|2|all-formats|B|6|")
    text = pdf_text(out / "all-formats" / "master-key.pdf")
    assert "Which one of the following is a naval" in text  # first words
    assert "three-reason" not in text and "not-question" not in text  # no raw ids


def test_the_paper_converts_as_upsc_set_it_and_validates_clean(tmp_path):
    """tests/corpus/paper.py: the question asked after the items is the prompt (never merged
    into the last item), no stock prompt is added where the stem asks, items are numbered I,
    II, III as the paper numbers them, and the source has no errors."""
    from pipeline.build.render.questions import question_body, roman_paper

    from .conftest import run_cli
    from .corpus import paper as corpus

    data = paper()
    by_number = {n: q for n, q in enumerate(data["questions"], 1)}
    assert by_number[22]["statements"][-1]["text"] == "Venezuela"
    assert (
        by_number[22]["prompt"] == "Andes mountains pass through how many of the above countries?"
    )
    assert by_number[23]["prompt"] == "Through how many of them does the equator pass?"
    assert by_number[45]["statements"][-1]["text"] == "Urea"
    for number in (2, 61, 64, 66):  # the stem asks: only UPSC's code line follows the items
        assert (
            by_number[number]["prompt"] == "Select the correct answer using the code given below."
        )
    for question in data["questions"]:
        assert "Which of the statements given above" not in question["stem"]
    assert by_number[82]["asks"] == "incorrect" and by_number[91]["asks"] == "incorrect"
    source = load(data)
    roman = roman_paper(source.questions)
    q96 = question_body(source.questions[95], roman=roman)  # a colon list, as the paper sets it
    assert [p["number"] for p in q96["pairs"]] == ["I.", "II.", "III.", "IV."] and not q96["table"]
    assert question_body(source.questions[21], roman=roman)["items"][5]["label"] == "VI."
    q2 = question_body(source.questions[1], roman=roman)
    assert q2["prompt"] is None and q2["code_line"].startswith("Select the correct answer")
    out = tmp_path / f"{corpus.ID}.json"
    assert corpus.main([str(out)]) == 0
    result = run_cli("validate", "--format", "json", str(out))
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["errors"] == report["warnings"] == 0, report
    assert {w["rule"] for w in report["waived"]} <= {
        "explanation/missing-verdict",  # the corpus has no explanations to read
        "content/unknown-acronym",  # UPSC's wording (RTGS, NEFT, UPI, BIMSTEC) as printed
    }
