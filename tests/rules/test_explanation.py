"""explanation/: verdicts in explanations agree with flags and the key."""

from __future__ import annotations

from pipeline.language.explanations import Shape, read

from .helpers import problems


def test_seed_explanation_passes(tmp_path):
    assert problems(tmp_path, base="seed") == []


def test_seed_explanation_contradicting_a_flag_fails(tmp_path):
    def edit(d):
        q = d["questions"][0]
        q["explanation"] = q["explanation"].replace(
            "Statement 3 is incorrect", "Statement 3 is correct"
        )

    assert problems(tmp_path, edit, base="seed") == [
        ("explanation/contradicts-flag", "/questions/0/explanation")
    ]


def test_answer_letter_in_explanation_must_agree(tmp_path):
    def edit(d):
        d["questions"][0]["explanation"] += " Hence the correct answer is (c)."

    assert problems(tmp_path, edit) == [
        ("explanation/contradicts-answer", "/questions/0/explanation")
    ]


def test_statement_reason_explains_verdict_checked(tmp_path):
    def edit(d):
        d["questions"][3]["explanation"] = (
            "Statement-I is correct. Statement-II is correct, but Statement-II is not the correct explanation for Statement-I."
        )

    assert problems(tmp_path, edit, base="all-formats") == [
        ("explanation/contradicts-flag", "/questions/3/explanation")
    ]


def test_missing_verdict_is_a_warning(tmp_path):
    def edit(d):
        d["questions"][0]["explanation"] = "Statement 1 is correct: it has four."

    assert problems(tmp_path, edit) == [("explanation/missing-verdict", "/questions/0/explanation")]


def test_verdict_reading():
    text = "Statements 1 and 2 are correct. Pair 3 is not correctly matched. Statement-II is the correct explanation for Statement-I."
    found = [(r.kind, r.item, r.value, r.sure) for r in read(text, Shape("statements", 3))]
    assert found == [
        ("item", 1, True, True),
        ("item", 2, True, True),
        ("item", 3, False, True),
        ("explains", 2, True, True),
    ]
