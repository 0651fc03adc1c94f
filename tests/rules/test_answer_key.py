"""answer-key/: keys derived from flags, option parsing, and the corpus of real options."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.checks.answers import Unparsable, parse_code, parse_count

from ..accuracy.measure import official_wordings
from .helpers import problems

# Real 2025 UPSC questions, MIT licensed: see tests/corpus/README.md for the origin.
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "upsc-bench-2025.json"


def test_seed_passes(tmp_path):
    assert problems(tmp_path, base="seed") == []


def test_seed_with_answer_b_fails_naming_option_a(tmp_path):
    def edit(d):
        d["questions"][0]["answer"] = "B"

    assert problems(tmp_path, edit, base="seed") == [("answer-key/mismatch", "/questions/0/answer")]


def test_seed_with_statement_3_correct_fails(tmp_path):
    def edit(d):
        d["questions"][0]["statements"][2]["correct"] = True

    found = problems(tmp_path, edit, base="seed")
    assert ("answer-key/mismatch", "/questions/0/answer") in found
    assert ("explanation/contradicts-flag", "/questions/0/explanation") in found


def test_mismatch_message_names_implied_option(tmp_path):
    from pipeline.checks.answers import derive

    from .helpers import FIXTURES

    question = dict(FIXTURES["seed"]["questions"][0], answer="B")
    key = derive(question)
    assert key.label == "A"
    assert key.target == "the statements marked correct (1, 2)"


@pytest.mark.parametrize(
    ("index", "wrong"),
    [(1, "C"), (2, "A"), (3, "B"), (4, "A"), (5, "D")],
    ids=[
        "statements-count",
        "pairs-count",
        "statement-reason",
        "not-question",
        "three-statement-reason",
    ],
)
def test_each_format_passes_and_fails_with_a_wrong_answer(tmp_path, index, wrong):
    assert problems(tmp_path, base="all-formats") == []

    def edit(d):
        d["questions"][index]["answer"] = wrong
        # keep the explanation neutral so only the key rule speaks
        d["questions"][index]["explanation"] = d["questions"][index]["explanation"]

    assert ("answer-key/mismatch", f"/questions/{index}/answer") in problems(
        tmp_path, edit, base="all-formats"
    )


def test_two_options_with_the_same_set(tmp_path):
    def edit(d):
        d["questions"][0]["options"][1]["text"] = "Only 1"

    assert problems(tmp_path, edit) == [
        ("answer-key/duplicate-option", "/questions/0/options/1/text")
    ]


def test_answers_all_one_letter_warn(tmp_path):
    def edit(d):
        q = d["questions"][0]
        d["questions"] = [dict(q, id=f"q{i}") for i in range(4)]

    assert ("answer-key/spread", "/questions") in problems(tmp_path, edit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 only", {1}),
        ("2 and 3 only", {2, 3}),
        ("1, 2 and 3", {1, 2, 3}),
        ("Both 1 and 2", {1, 2}),
        ("Neither 1 nor 2", set()),
        ("None of the above", set()),
        ("I and III only", {1, 3}),
        ("Both I and II", {1, 2}),
        ("II, III and IV", {2, 3, 4}),
        ("Hibernation cannot be observed in any of the above", set()),  # UPSC 2014
    ],
)
def test_code_options(text, expected):
    assert parse_code(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Only one", 1),
        ("Only two", 2),
        ("All three", 3),
        ("All the four", 4),
        ("None", 0),
        ("Only one pair", 1),
        ("All four pairs", 4),
        ("Only five", 5),
    ],
)
def test_count_options(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["Maybe 2", "1 or 2", "Some of them", "", "Any of the above"])
def test_unreadable_options_raise(text):
    with pytest.raises(Unparsable):
        parse_code(text)


def test_corpus_options_of_statement_style_questions_all_parse(capsys):
    """Real 2025 UPSC questions (shared/corpus, MIT, from devanshtandon/upsc-bench)."""
    tried, parsed, failures = official_wordings()
    with capsys.disabled():
        print(f"\ncorpus: parsed {parsed} of {tried} options of statement-style questions")
    assert tried >= 150
    assert failures == []
