"""Review decisions applied to scanned responses: what a teacher decides is what gets scored."""

from __future__ import annotations

import csv
import io

import pytest

from pipeline.classroom.review import ReviewError, apply_review
from pipeline.classroom.tables import CsvError

RESPONSES = """file,page,name,roll,booklet,series,1,2,3
class.pdf,1,Asha,101,t,A,A,?,C
class.pdf,2,Bilal,102,t,B,?,B,?
photo.jpg,1,,103,t,A,?,,D
"""
HEADER = "id,file,page,name,roll,question,read,decision,reason,crop\n"


def rows(text):
    return {r["roll"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}


def test_decisions_replace_the_doubts_they_name():
    review = HEADER + (
        "1,class.pdf,1,Asha,101,2,?,b,faint mark,class-p1-1.png\n"
        "2,class.pdf,2,Bilal,102,1,AB,A B,two marks,class-p2-1.png\n"
        "3,class.pdf,2,Bilal,102,3,?,,still to look at,class-p2-2.png\n"
        "4,photo.jpg,01,,103,1,?,Blank,a dot,photo-p1-1.png\n"
    )
    out = rows(apply_review(RESPONSES, review))
    assert [out["101"][q] for q in "123"] == ["A", "B", "C"]
    assert [out["102"][q] for q in "123"] == ["AB", "B", "?"]  # an empty decision is pending
    assert [out["103"][q] for q in "123"] == ["", "", "D"]
    assert list(out["101"]) == ["file", "page", "name", "roll", "booklet", "series", "1", "2", "3"]


def test_rows_are_found_by_roll_when_file_and_page_do_not_match():
    review = HEADER + ",,,,102,1,?,C,,\n" + "9,renamed.pdf,7,,101,2,?,D,,\n"
    out = rows(apply_review(RESPONSES, review))
    assert (out["102"]["1"], out["101"]["2"]) == ("C", "D")


def test_a_hand_made_responses_file_is_reviewed_by_roll():
    hand = "name,roll,series,1,2\nAsha,101,A,?,B\n"
    out = rows(apply_review(hand, HEADER + "1,,,,101,1,?,D,,\n"))
    assert out["101"]["1"] == "D"


def test_a_page_problem_takes_a_series_letter():
    review = HEADER + "5,class.pdf,1,,101,,,c,the series bubble says C; QR says A,\n"
    assert rows(apply_review(RESPONSES, review))["101"]["series"] == "C"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "1,class.pdf,1,,101,4,?,A,,",
            "review.csv:2: question '4' does not exist: the sheets have questions 1 to 3",
        ),
        (
            "1,class.pdf,1,,101,2,?,E,,",
            "review.csv:2: decision 'E' for question 2: write a letter A-D, several letters",
        ),
        ("1,class.pdf,1,,101,2,?,?,,", "review.csv:2: decision '?' for question 2"),
        (
            "1,gone.pdf,3,,999,2,?,A,,",
            "review.csv:2: no sheet in responses.csv for file gone.pdf page 3 roll 999",
        ),
        (
            "1,class.pdf,1,,,,,blank,,",
            "review.csv:2: decision 'blank' for a page problem: write the sheet's series letter",
        ),
    ],
)
def test_a_decision_that_cannot_be_applied_names_its_line(line, said):
    with pytest.raises(ReviewError) as err:
        apply_review(RESPONSES, HEADER + line + "\n")
    assert str(err.value).startswith(said)


def test_two_decisions_for_one_answer_must_agree_and_nothing_is_applied_otherwise():
    review = HEADER + "1,class.pdf,1,,101,2,?,A,,\n2,,,,101,2,?,A,,\n3,class.pdf,1,,101,2,?,C,,\n"
    with pytest.raises(ReviewError) as err:
        apply_review(RESPONSES, review)
    assert [(p.line, p.message) for p in err.value.problems] == [
        (4, "decides 'C' where line 2 decided 'A' (class.pdf page 1)")
    ]


def test_a_roll_on_two_sheets_needs_the_file_and_page():
    twice = RESPONSES + "late.pdf,1,Asha again,101,t,A,A,B,C\n"
    with pytest.raises(
        ReviewError, match=r"roll number 101 is on several sheets \(responses.csv lines 2, 5\)"
    ):
        apply_review(twice, HEADER + ",,,,101,2,?,A,,\n")


def test_every_cell_written_is_formula_safe_and_messages_are_printable():
    hostile = 'file,page,name,roll,series,1\n"=cmd|\' /C calc\'!A0",1,"@SUM(1)\x1b[2J",+7,A,?\n'
    out = apply_review(hostile, HEADER + "1,\"=cmd|' /C calc'!A0\",1,,,1,?,A,,\n")
    record = next(csv.reader(io.StringIO(out.splitlines()[1])))
    assert record[:4] == ["'=cmd|' /C calc'!A0", "1", "'@SUM(1)\x1b[2J", "'+7"]
    assert record[5] == "A"
    with pytest.raises(ReviewError) as err:
        apply_review(hostile, HEADER + "1,\u202eevil\x1b[31m.pdf,1,,,1,?,A,,\n")
    assert "\x1b" not in str(err.value) and "\u202e" not in str(err.value)
    assert "\\x1b[31m" in str(err.value)


def test_a_carriage_return_inside_a_quoted_cell_is_text():
    out = rows(
        apply_review('name,roll,series,1\n"Asha\rK",101,A,?\n', HEADER + ",,,,101,1,?,B,,\n")
    )
    assert out["101"]["name"] == "Asha\rK" and out["101"]["1"] == "B"


def test_a_review_sheet_without_the_columns_is_refused():
    with pytest.raises(ReviewError, match="review.csv:1: the header must name the columns id,file"):
        apply_review(RESPONSES, "who,what\n101,A\n")


def test_a_broken_responses_file_names_its_own_lines():
    with pytest.raises(
        CsvError, match="responses.csv:1: the answer columns must be numbered 1 to 3; 2 is missing"
    ):
        apply_review("name,roll,series,1,3\n", HEADER)
