"""`score` trusts nothing in the key or the CSV cells (issue 22, cause 4; issue 24).

Each case is what a scanner, a spreadsheet or a hand can hand `score`: it ends in a diagnostic
naming the file and line (exit 1) or a usage error (exit 2), never in "internal error"; a cell
never reaches the terminal with its control or bidi characters, nor a spreadsheet as a formula.
"""

from __future__ import annotations

import csv
import json
import signal
from dataclasses import dataclass

import pytest

from pipeline import config
from pipeline.__main__ import main

from .classroom_sim import simulate, write

KEY = {
    "id": "t",
    "title": "T",
    "marks": {"per_question": 2, "negative_fraction": 0.33, "penalty": 0.66},
    "questions": ["q1", "q2"],
    "series": {
        "A": [
            {"number": 1, "question": "q1", "answer": "A"},
            {"number": 2, "question": "q2", "answer": "B"},
        ],
        "B": [
            {"number": 1, "question": "q2", "answer": "B"},
            {"number": 2, "question": "q1", "answer": "A"},
        ],
    },
}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """`python -m pipeline ARGS` in tmp_path, in this process (a run costs no interpreter start).

    What a run sets for its process (the configuration it found, its SIGTERM handler) is put
    back afterwards, so the tests that follow in this worker see their own.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(config, "_CURRENT", config._CURRENT)
    previous = signal.getsignal(signal.SIGTERM)

    def call(*args: str) -> Run:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    yield call
    signal.signal(signal.SIGTERM, previous)


@pytest.fixture
def score(tmp_path, run):
    """Score responses (text written as given) against KEY or the key given, in tmp_path."""

    def call(responses: str, *args: str, key=None) -> Run:
        (tmp_path / "answer-key.json").write_text(json.dumps(key or KEY), encoding="utf-8")
        (tmp_path / "responses.csv").write_text(responses, encoding="utf-8", newline="")
        return checked(run("score", "answer-key.json", "responses.csv", *args))

    return call


def checked(result: Run) -> Run:
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\u202e" not in stream and "\x07" not in stream
    return result


def table(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_a_file_saved_with_carriage_returns_only_is_read(tmp_path, score):
    result = score("name,roll,series,1,2\rAsha,101,A,A,B\rBilal,102,B,B,C\r")
    assert result.returncode == 0, result.stderr
    assert [r[7] for r in table(tmp_path / "scores.csv")[1:]] == ["4.00", "1.34"]


def test_a_carriage_return_in_a_quoted_name_stays_in_its_row(tmp_path, score):
    result = score('name,roll,series,1,2\r\n"Asha\rK",101,A,A,B\r\n')
    assert result.returncode == 0, result.stderr
    rows = table(tmp_path / "scores.csv")
    assert len(rows) == 2 and rows[1][:2] == ["Asha\rK", "101"]


def test_a_bare_carriage_return_in_a_name_is_a_diagnostic(tmp_path, score):
    result = score("name,roll,series,1,2\nAsha\rK,101,A,A,B\n")
    assert result.returncode == 1
    assert "responses.csv:2: no roll number and no answers" in result.stderr


def test_a_cell_over_the_csv_field_limit_is_a_diagnostic(tmp_path, score):
    result = score('name,roll,series,1,2\n"' + "x" * 200_000 + '",1,A,A,B\n')
    assert result.returncode == 1
    assert "responses.csv:2: not CSV: field larger than field limit" in result.stderr


def test_an_answer_cell_of_a_hundred_thousand_letters_is_refused_and_quoted_short(tmp_path, score):
    result = score("name,roll,series,1,2\nAsha,1,A," + "A" * 100_000 + ",B\n")
    assert result.returncode == 1
    assert "responses.csv:2: question 1: 'AAAAAAAAAAAAAAAAAAAAAAA…' is not A, B, C or D" in (
        result.stderr
    )
    assert len(result.stderr) < 1000


def test_escape_codes_and_bidi_overrides_in_cells_never_reach_the_terminal(tmp_path, score):
    result = score("name,roll,series,1,2\nA,1,\x1b]0;owned\x07\u202eB,A,B\n")
    assert result.returncode == 1
    assert "series '\\x1b]0;OWNED\\x07\\u202eB' is not one of A, B" in result.stderr


def test_a_roll_number_of_a_megabyte_is_refused(tmp_path, score):
    result = score("name,roll,series,1,2\nA," + "9" * 100_000 + ",A,A,B\n")
    assert result.returncode == 1
    assert "a name over 200 or a roll number over 64 characters" in result.stderr


def test_two_thousand_columns_are_refused(score):
    header = "name,roll,series," + ",".join(str(i) for i in range(1, 2001))
    result = score(header + "\n")
    assert result.returncode == 1
    assert "responses.csv:1: more than 1,000 columns" in result.stderr


def test_a_header_naming_a_question_twice_is_refused(score):
    result = score("name,roll,series,1,2,2\nA,1,A,A,B,C\n")
    assert result.returncode == 1
    assert "responses.csv:1: two columns are headed '2'" in result.stderr


def test_every_csv_written_is_formula_safe(tmp_path, score):
    key = json.loads(json.dumps(KEY))
    key["questions"] = [" =HYPERLINK(2)", "q2"]
    key["tags"] = {"q2": ["@SUM(3)"]}
    key["series"] = {
        "A": [
            {"number": 1, "question": " =HYPERLINK(2)", "answer": "A"},
            {"number": 2, "question": "q2", "answer": "B"},
        ]
    }
    names = ["=cmd|' /C calc'!A0", "\uff1dSUM(1)", "+1", "@A1"]
    rows = "".join(f'"{name}",-{n}+1,A,A,B\n' for n, name in enumerate(names))
    result = score("name,roll,series,1,2\n" + rows, key=key)
    assert result.returncode == 0, result.stderr
    safe = ["'=cmd|' /C calc'!A0", "'\uff1dSUM(1)", "'+1", "'@A1"]
    assert [r[:2] for r in table(tmp_path / "scores.csv")[1:]] == [
        [name, f"'-{n}+1"] for n, name in enumerate(safe)
    ]
    ranks = table(tmp_path / "ranks.csv")
    assert sorted(r[1] for r in ranks[1:]) == sorted(safe) and "'@SUM(3) % right" in ranks[0]
    assert table(tmp_path / "items.csv")[1][1] == "' =HYPERLINK(2)"


def test_a_key_with_a_number_that_is_not_a_number_is_refused(score):
    key = json.loads(json.dumps(KEY))
    key["series"]["A"][0]["number"] = "x"
    result = score("name,roll,series,1,2\nA,1,A,A,B\n", key=key)
    assert result.returncode == 2
    assert "series A has a question number that is not a whole number" in result.stderr


def test_a_key_nested_a_hundred_thousand_deep_is_refused(tmp_path, run):
    (tmp_path / "answer-key.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "responses.csv").write_text("name,roll,series,1\n", encoding="utf-8")
    result = checked(run("score", "answer-key.json", "responses.csv"))
    assert result.returncode == 2, result.stderr
    assert "answer-key.json: not an answer-key.json written by a build" in result.stderr


def test_a_key_whose_series_disagree_is_refused(score):
    key = json.loads(json.dumps(KEY))
    key["series"]["B"][1]["answer"] = "C"  # q1 is A in series A
    result = score("name,roll,series,1,2\nA,1,A,A,B\n", key=key)
    assert result.returncode == 2
    assert "series B gives another answer to q1 than an earlier series" in result.stderr


def test_a_key_whose_option_order_is_not_a_reordering_is_refused(score):
    key = json.loads(json.dumps(KEY))
    key["series"]["B"][0]["order"] = "AAAA"
    result = score("name,roll,series,1,2\nA,1,A,A,B\n", key=key)
    assert result.returncode == 2
    assert "an option order that is not a reordering of A-D" in result.stderr


def test_a_question_id_with_escape_codes_is_printed_escaped(tmp_path, run):
    cls = simulate(students=60, flipped="src-1--q5", seed=11)
    cls.key = json.loads(json.dumps(cls.key).replace("src-1--q5", "q5\\u001b[2J\\u202e"))
    write(cls, tmp_path)
    result = checked(run("score", "answer-key.json", "responses.csv"))
    assert result.returncode == 0, result.stderr
    assert "question 5 (q5\\x1b[2J\\u202e): possible wrong key" in result.stdout


def test_a_small_class_gets_one_line_about_its_flags_not_a_list(tmp_path, run):
    """A class of 5 printed 16 'possible wrong key' lines before saying they were unreliable."""
    cls = simulate(students=5, questions=40, flipped="src-1--q5", seed=2)
    write(cls, tmp_path)
    result = checked(run("score", "answer-key.json", "responses.csv"))
    assert result.returncode == 0, result.stderr
    assert "possible wrong key:" not in result.stdout
    assert (
        "only 5 students: the item analysis is unreliable below 20; 3 questions it would flag"
        in result.stdout
    )


def test_pending_doubts_are_refused_naming_students_and_questions(tmp_path, score):
    responses = "name,roll,series,1,2\nAsha,101,A,?,B\nBilal,102,B,?,?\nChitra,103,A,A,B\n"
    result = score(responses)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        "responses.csv:2: Asha (roll 101): question 1 still pending review (?)",
        "responses.csv:3: Bilal (roll 102): questions 1, 2 still pending review (?)",
        "3 doubts of 2 students still pending review: nothing was scored.",
    ]
    assert not (tmp_path / "scores.csv").exists()


def test_pending_doubts_scored_as_blank_when_told_and_listed(tmp_path, score):
    result = score("name,roll,series,1,2\nAsha,101,A,?,B\nChitra,103,A,A,B\n", "--pending", "blank")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "responses.csv:2: Asha (roll 101): question 1 still pending review (?) (scored as blank)"
    ]
    rows = table(tmp_path / "scores.csv")
    assert rows[1][7:10] == ["2.00", "4", "1"]  # score, max, pending question 1


def test_the_summary_lists_the_students_whose_doubts_were_scored_blank(tmp_path, score):
    """A scanned sheet has no name: the summary named it 'roll 104 (roll 104, series A)'."""
    from pypdf import PdfReader

    responses = "name,roll,series,1,2\nAsha,101,A,?,B\n,104,A,A,?\nChitra,103,A,A,B\n"
    result = score(responses, "--pending", "blank")
    assert result.returncode == 0, result.stderr
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "summary.pdf").pages).split())  # fmt: skip
    assert "Asha (roll 101, series A): question 1 of their sheet" in text
    assert "roll 104 (series A): question 2 of their sheet" in text


def test_a_hostile_review_sheet_is_named_by_line_and_escaped(tmp_path, score):
    (tmp_path / "review.csv").write_text(
        "id,file,page,name,roll,question,read,decision,reason,crop\n"
        "1,\x1b[31m=cmd.pdf,1,,999,1,?,A,,\n"
        "2,,,,101,1,?,\u202eZ,,\n",
        encoding="utf-8",
    )
    result = score("name,roll,series,1,2\nAsha,101,A,?,B\n", "--review", "review.csv")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "review.csv:2: no sheet in responses.csv for file \\x1b[31m=cmd.pdf page 1 roll 999",
        "review.csv:3: decision '\\u202eZ' for question 1: write a letter A-D, several letters "
        "(AB) for a multiple mark, or 'blank' (roll 101)",
    ]


def test_decisions_in_review_sheet_are_scored(tmp_path, score):
    (tmp_path / "review.csv").write_text(
        "id,file,page,name,roll,question,read,decision,reason,crop\n1,,,,101,1,?,A,faint,\n",
        encoding="utf-8",
    )
    result = score("name,roll,series,1,2\nAsha,101,A,?,B\n", "--review", "review.csv")
    assert result.returncode == 0, result.stderr
    assert table(tmp_path / "scores.csv")[1][3:10] == ["2", "0", "0", "0", "4.00", "4", ""]


def test_unread_and_repeated_roll_numbers_are_warned_about(score):
    result = score("name,roll,series,1,2\nAsha,1?3,A,A,B\nBilal,104,A,A,B\nChitra,104,B,B,A\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "responses.csv:2: Asha (roll 1?3): the roll number has unread digits; correct it in "
        "responses.csv (warning)",
        "responses.csv:4: roll number 104 is also on line 3: two sheets of one student, or a "
        "roll misread? (warning)",
    ]
