"""What a coaching institute prints, read off the built PDFs (conftest renders them once):
the 2025 paper in four series (cover, tables, rough work, pages in fours), one-page keys, the
explanations booklet, the bilingual and Hindi documents, and numbered copies."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from pipeline.build.render import sheet
from pipeline.build.render.cover import SERIAL_DIGITS
from pipeline.build.render.i18n import CATALOGS, missing, tr
from pipeline.build.render.textlayer import text_of
from pipeline.model import load

from .conftest import BILINGUAL
from .corpus.paper import paper
from .render_helpers import contains, page_texts


def pages(printed, name: str) -> list[str]:
    return list(page_texts(printed[name][0]))  # extracted once, when the session rendered it


def test_the_cover_carries_everything_a_test_series_cover_does(printed):
    cover = pages(printed, "paper/worksheet-C")[0]
    for text in (
        "DO NOT OPEN THIS TEST BOOKLET UNTIL YOU ARE ASKED TO DO SO",
        "TEST BOOKLET SERIAL NO.",
        "TEST BOOKLET SERIES",
        "General Studies Paper I, 2025",
        "Time allowed: 2 hours",
        "Maximum marks: 200",
        "Roll no.",
        "Candidate's signature",
        "INSTRUCTIONS",
        "This booklet contains 24 pages and 100 questions",
        "PENALTY FOR WRONG ANSWERS",
        "one third of the marks of that question (0.66 marks) is deducted as a penalty",
        "Fill in the series of this booklet, C",
        "Pages for rough work are at the end",
    ):
        assert contains(cover, text), text
    assert re.search(r"^C$", cover, re.M)  # the large series box
    assert "1." not in cover.split("INSTRUCTIONS")[0]  # no question on the cover


def test_roll_number_and_serial_boxes_match_the_answer_sheet(printed):
    from pipeline.build.render.cover import cover_view
    from pipeline.model import Marks

    view = cover_view(
        lang="en", title="t", count=100, marks=Marks(), series="A", serial=7, time_allowed=None
    )
    assert view["roll_digits"] == sheet.ROLL_DIGITS == 7
    assert view["serial"] == "000007" and SERIAL_DIGITS == 6


def test_questions_start_on_page_2_and_rough_work_ends_the_booklet(printed):
    for letter in "ABCD":
        text = pages(printed, f"paper/worksheet-{letter}")
        assert (
            text[1].lstrip().split("\n")[0].endswith(f"Series {letter}")
            or f"Series {letter}" in text[1]
        )
        assert re.search(r"^1\.\s", text[1], re.M), letter
        assert contains(text[-1], "SPACE FOR ROUGH WORK") and len(text) % 4 == 0
        assert not any(contains(page, "ROUGH WORK") for page in text[:-4] if "1." in page[:200])


def test_no_page_prints_a_file_name_an_id_or_a_path(printed):
    data = paper()
    ids = [q["id"] for q in data["questions"]]
    for name in printed:
        if not name.startswith("paper/"):
            continue
        text = "\n".join(pages(printed, name))
        assert ".pdf" not in text and "/tmp" not in text and data["id"] not in text, name
        assert not any(qid in text for qid in ids), name


def test_the_running_head_names_the_series_once_and_is_not_cut_mid_word(printed):
    second = pages(printed, "paper/worksheet-B")[1]
    assert second.count("Series B") == 1
    assert "General Studies Paper I, 2025" in second


def test_every_table_question_prints_as_a_table_with_its_headings_and_cells(printed):
    text = "\n".join(pages(printed, "paper/worksheet-A"))
    tables = [q for q in paper()["questions"] if q.get("columns")]
    assert len(tables) >= 9
    for question in tables:
        for heading in question["columns"]:
            assert contains(text, heading), heading
        for pair in question["pairs"]:
            for cell in (pair["left"], pair.get("middle", ""), pair["right"]):
                assert contains(text, cell), cell
    assert " | " not in text  # no cells run together as text
    html_rows = paper()["questions"][2]  # the 2025 paper's Q3: three cells a row
    assert html_rows["format"] == "rows" and len(html_rows["columns"]) == 3


def test_options_go_two_by_two_whenever_they_fit_their_half_of_the_printed_line():
    """Measured in the font, not counted: the 2025 paper's Q19, Q36, Q40, Q85, Q98 fit 2 x 2."""
    from pipeline.build.render.measure import text_width
    from pipeline.build.render.questions import HALF_MM, QUARTER_MM, option_layout

    assert option_layout(["Only one", "Only two", "All the three", "None"]) == "row"
    assert option_layout(["I and II", "II only", "I and III", "None"]) == "row"
    questions = load(paper()).questions
    for number in (19, 36, 40, 85, 98):
        assert option_layout([o.text for o in questions[number - 1].options]) == "grid", number
    wide = "India to South-East Asia through Bangladesh and Myanmar"
    assert option_layout([wide, "b", "c", "d"]) == "list"
    # Widths, not lengths: thirty capital Ws overrun a half that sixty i's fit in.
    assert text_width("W" * 30) > HALF_MM > text_width("i" * 60)
    assert option_layout(["W" * 30, "b", "c", "d"]) == "list"
    assert option_layout(["i" * 60, "b", "c", "d"]) == "grid"
    assert 0 < QUARTER_MM < HALF_MM


def test_the_key_css_no_longer_styles_the_worksheet_options():
    from pipeline import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "print.css").read_text(encoding="utf-8")
    assert not re.search(r"(^|\n)\.grid[\s,{]", css)


def test_a_bilingual_question_never_breaks_across_pages(printed):
    layout = printed["bilingual/worksheet"][1]
    for (number, part), where in layout["parts"].items():
        if part == "head":
            assert where == layout["parts"][(number, "tail")], number


def test_each_series_key_is_one_page_with_every_answer(printed):
    data = paper()
    for letter in "ABCD":
        text = pages(printed, f"paper/answer-key-{letter}")
        assert len(text) == 1, letter
        for number in (1, 37, 100):
            assert re.search(rf"^{number} \([a-d]\)$", text[0], re.M), (letter, number)
    assert len(data["questions"]) == 100


def test_a_single_series_key_is_one_page_and_its_explanations_a_booklet_of_fours(printed):
    """The bilingual fixture's key was 5 pages (answers, then every question explained with
    its verdicts twice); now one page of answers, and the explanations a booklet of its own
    whose count is padded to four with a notes page, each verdict printed once."""
    key = pages(printed, "bilingual/answer-key")
    assert len(key) == 1 and re.search(r"^8 \(c\)$", key[0], re.M)
    assert "Statement 1 is correct" not in key[0]
    explained = pages(printed, "bilingual/explanations")
    assert len(explained) % 4 == 0 and explained[-1].startswith("NOTES / ")
    assert "NOTES" not in explained[-2]
    joined = "\n".join(explained)
    assert [int(n) for n in re.findall(r"^Q\. / प्र\. (\d+)", joined, re.M)] == list(range(1, 9))
    assert "Statement 2: incorrect" not in joined  # Q2's explanation says it: not repeated
    hindi = text_of(printed["hindi/explanations"][0])  # Devanagari in reading order
    assert "कथन-II, कथन-I की व्याख्या करता है" in hindi
    # two pages are one sheet, not folded: no notes pages padding them to four
    assert len(pages(printed, "hindi/explanations")) == 2 and "टिप्पणियाँ" not in hindi


def test_the_master_key_gives_each_question_one_line_on_three_pages(printed):
    text = pages(printed, "paper/master-key")
    assert len(text) == 3, len(text)  # was 5: snippets wrapped to two or three lines
    rows = re.findall(r"^(\d+) (.+?) (\d+) \(([a-d])\) (\d+) \(([a-d])\)", "\n".join(text), re.M)
    assert [int(row[0]) for row in rows] == list(range(1, 101))
    first = {int(row[0]): row[1] for row in rows}
    assert first[1] == "With reference to investments"  # not "Bonds", its first item
    assert first[3] == "With reference to the Government of India"


def test_the_explanations_booklet_is_dense_and_in_the_master_order(printed):
    text = pages(printed, "paper/explanations")
    assert len(text) <= 100 / 3 + 1, len(text)  # at least 3 questions a page
    assert len(text) % 4 == 0
    joined = "\n".join(text)
    numbers = [int(n) for n in re.findall(r"^Q\. (\d+) Answer", joined, re.M)]
    assert numbers == list(range(1, 101))
    master = json.dumps(paper()["questions"][0])
    assert "Key facts tested" not in joined
    first = text[0]
    assert all(f"{x}: " in first for x in "ABCD")  # number and answer in every series
    assert contains(first, json.loads(master)["stem"])


def test_verdicts_follow_the_item_labels_and_hindi_is_complete():
    from pipeline.build.render.verdicts import verdicts

    source = load(json.loads(BILINGUAL.read_text(encoding="utf-8")))
    reason = next(q for q in source.questions if q.format == "statement-reason")
    english, hindi = verdicts(reason, "en"), verdicts(reason, "hi")
    assert english[0].startswith("Statement-I:") and len(english) == len(hindi)
    if reason.explains is True and all(s.correct for s in reason.statements):
        assert "कथन-II, कथन-I की सही व्याख्या है" in hindi
    questions = load(paper()).questions
    assert verdicts(questions[1], "en")[1].startswith("Statement II:")
    rows = next(q for q in questions if q.format == "rows")
    assert verdicts(rows, "en")[0].startswith("Row 1:")


def test_every_fixed_text_has_a_hindi_translation():
    for lang in CATALOGS:
        assert missing(lang) == []
    assert tr("hi", "Series %(series)s", series="A") == "सीरीज़ A"


LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@pytest.mark.parametrize(
    "name", ["hindi/worksheet", "hindi/answer-key", "hindi/explanations", "hindi/article"]
)
def test_a_hindi_document_prints_no_english_fixed_text(printed, name):
    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    allowed = set(LATIN_WORD.findall(json.dumps(data, ensure_ascii=False)))
    allowed |= {"UPSC", "GS"}
    text = "\n".join(pages(printed, name))
    stray = set(LATIN_WORD.findall(text)) - allowed
    assert stray == set(), stray


def test_devanagari_is_never_letter_spaced():
    from pipeline import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "print.css").read_text(encoding="utf-8")
    assert "*:lang(hi), .print-hi *, .print-bilingual * { letter-spacing: 0 !important; }" in css


def test_fonts_of_the_print_documents_are_the_pinned_ones(printed):
    fonts = set()
    for name in ("paper/worksheet-A", "bilingual/worksheet", "paper/explanations"):
        for page in PdfReader(printed[name][0]).pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    assert fonts <= {
        "Noto-Serif", "Noto-Serif-Bold", "Noto-Serif-Italic", "Noto-Sans", "Noto-Sans-Bold",
        "Noto-Sans-Devanagari", "Noto-Sans-Devanagari-Bold",
    }  # fmt: skip


def test_numbered_copies_share_one_pdf_each_cover_with_its_serial():
    from pipeline.build.render.documents import plan, render_document
    from pipeline.model import Marks

    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    document = next(
        d
        for d in plan(load(data), marks=Marks(), epoch=0, series=2, article=False, copies=3)
        if d.name == "worksheet-B"
    )
    pdf = render_document(document, paper="a4", key="copies", epoch=0)[1].pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) % 3 == 0 and (len(reader.pages) // 3) % 4 == 0
    per_copy = len(reader.pages) // 3
    for copy in range(3):  # series B's serials follow A's 000001-000003: unique in the printing
        cover = reader.pages[copy * per_copy].extract_text()
        assert "".join(re.findall(r"\d", cover.split("SERIES")[0]))[-6:] == f"{copy + 4:06d}"
        assert contains(cover, f"This booklet contains {per_copy} pages")


def test_a_heading_never_ends_a_page(printed):
    """The seed's "Key indicators" heading and its lead stand on the page of their table."""
    text = pages(printed, "seed/article")
    page = next(p for p in text if "KEY INDICATORS" in p)
    assert "Bilateral Trade Volume" in page
    # ... and the table runs on under the map rather than leaving half of that page blank
    where = [i for i, p in enumerate(text) if "KEY INDICATORS" in p or "STRATEGIC FOOTPRINT" in p]
    assert where == [1], where  # both on page 2
    assert len(text) == 3, len(text)  # was 4
    for one in text[:-1]:  # no page's last line of content is a section heading
        lines = [line for line in one.strip().split("\n") if line.strip()]
        content = [line for line in lines if not line.startswith("Page ")]
        assert not content[-1].isupper(), content[-1]


def test_short_words_are_never_hyphenated():
    """ "cor-rect", "Max-imum" were split at a narrow measure; words under ten letters stay whole
    (long ones may still break, so a justified column keeps its even spacing)."""
    from pipeline.build.render.pdf import render_pdf

    words = "It is a correct answer. Maximum marks are given for a correct answer, no penalty. " * 3
    html = f'<html lang="en"><body><p style="width: 22mm">{words}</p></body></html>'
    pdf = render_pdf(html, paper="a4", identifier=b"0" * 32, epoch=0).pdf
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert not re.search("[A-Za-z][-\u2010\u00ad]\n", text), text  # WeasyPrint's hyphen: U+2010


def test_the_verdict_strip_is_translated():
    """ "Correct: 1, 3 · Incorrect: 2" printed English in a Hindi key: its messages were missing."""
    from pipeline.build.render.verdicts import strip

    source = load(json.loads(BILINGUAL.read_text(encoding="utf-8")))
    statements = next(q for q in source.questions if q.format == "statements")
    pairs = next(q for q in source.questions if q.pairs)
    hindi = strip(statements, "hi") + strip(pairs, "hi")
    assert hindi and not any(LATIN_WORD.search(line) for line in hindi), hindi
    assert strip(statements, "hi")[0].startswith("सही कथन: ")
    assert strip(statements, "en")[0].startswith("Correct: ")


def test_a_bilingual_pack_cover_stays_clear_of_its_bottom_banner(printed):
    """The penalty box ran under "DO NOT OPEN ..." at the foot of a bilingual pack's cover."""
    page = PdfReader(printed["bilingual/worksheet"][0]).pages[0]
    lines: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            lines.append((cm[5] + cm[3] * tm[5], text.strip()))  # points from the page foot

    page.extract_text(visitor_text=visit)
    assert contains(page.extract_text(), "Prelims Batch A")
    banner = min(y for y, text in lines if text.startswith("DO NOT OPEN"))
    above = min(y for y, _ in lines if y > banner + 2)
    assert above - banner > 20, (banner, above)  # the banner's box and a margin between


def test_a_bilingual_answer_sheet_says_everything_in_both_languages():
    """The series box, the marking strip, the digit line and the count printed English only."""
    from pipeline.build.render.sheet_drawing import svg

    drawing, overlays = svg(
        sheet.geometry(8), title="Class Test", series="B", code="x", lang="bilingual"
    )
    hindi = {o.text for o in overlays}
    assert ">Series B<" in drawing and "सीरीज़ B" in hindi
    assert {"सही तरीका", "गलत तरीके", "/ 8 प्रश्न", "उत्तर पत्रक"} <= hindi
    assert "हर अंक उसके बॉक्स में लिखें, फिर उसके नीचे का गोला भरें।" in hindi


def test_the_master_key_prints_in_the_build_language():
    """A bilingual pack's master key printed English only; --lang hi its question words too."""
    from pipeline.build.render.environment import render_html
    from pipeline.build.render.keys import master_key_view
    from pipeline.model import Marks
    from pipeline.model.series import make_series

    source = load(json.loads(BILINGUAL.read_text(encoding="utf-8")))
    series = make_series(source.questions, 2, seed=source.id)
    html = render_html(
        "master-key.html",
        master_key_view(source, series, marks=Marks(), epoch=0, lang="bilingual"),
        paper="a4",
    )
    for text in ("Master key · all series · for the teacher / मास्टर कुंजी", "Series / सीरीज़ B"):
        assert text in html, text
    hindi = master_key_view(source, series, marks=Marks(), epoch=0, lang="hi")
    assert all(not LATIN_WORD.search(row["words"]) for row in hindi["rows"]), hindi["rows"]
