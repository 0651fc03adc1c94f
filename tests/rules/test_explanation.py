"""explanation/: verdicts in explanations agree with flags and the key."""

from __future__ import annotations

import json

from pipeline.checks.language.explanations import Shape, read

from ..conftest import SEED
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


def _seed_explanation(text):
    def edit(d):
        d["questions"][0]["explanation"] = text

    return edit


def test_what_an_option_claims_is_not_a_verdict(tmp_path):
    text = (
        "Option (d) claims that all three statements are correct, which is wrong. "
        "This option, which includes statements 2 and 3, is incorrect. "
        "Statement 1 is correct. Statement 2 is also correct. Statement 3 is incorrect."
    )
    assert problems(tmp_path, _seed_explanation(text), base="seed") == []


def test_refer_back_verdict_contradicting_a_flag_is_an_error(tmp_path):
    text = (
        "**Statement 1:** The ISA covers private firms. This statement is correct.\n"
        "**Statement 2:** DTTI promotes co-production. This statement is correct.\n"
        "**Statement 3:** IPEF is a defence pact. This statement is correct."
    )
    found = problems(tmp_path, _seed_explanation(text), base="seed")
    assert ("explanation/contradicts-flag", "/questions/0/explanation") in found


def test_unsure_reading_is_a_warning_that_quotes_it(tmp_path):
    from pipeline.checks.check import check_paths

    text = "Statement 1 is correct. Statement 2 is correct. Statement 3 is partly correct."
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["questions"][0].pop("hi")
    data["questions"][0]["explanation"] = text
    data["questions"][0]["statements"][2]["correct"] = True
    data["questions"][0]["answer"] = "D"
    path = tmp_path / f"{data['id']}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = [d for d in check_paths([path]).diagnostics if d.rule.startswith("explanation/")]
    assert [(d.rule, d.severity.value) for d in found] == [("explanation/unsure", "warning")]
    assert '("statement 3 is partly correct")' in found[0].message


def test_answer_named_by_code_text_must_be_the_declared_answer(tmp_path):
    text = "Statement 1 is correct. Statement 2 is correct. Statement 3 is incorrect. The correct answer is 1, 2, and 3."
    assert problems(tmp_path, _seed_explanation(text), base="seed") == [
        ("explanation/contradicts-answer", "/questions/0/explanation")
    ]


def test_a_name_initial_is_not_an_option_letter():
    options = (("A", "Nehru"), ("B", "C. Rajagopalachari"), ("C", "Patel"), ("D", "Bose"))
    found = read("The correct answer is C. Rajagopalachari.", Shape("single", 0, options))
    assert [(r.kind, r.value, r.sure) for r in found] == [("answer", "B", True)]


def test_single_answer_named_by_its_text(tmp_path):
    """'Therefore, Malabar is the correct answer.' names option B by its text (issue 23)."""

    def edit(d, answer):
        q = d["questions"][0]
        q["explanation"] = (
            "Malabar is a naval exercise with the U.S. navy. Therefore, Malabar is the correct answer."
        )
        q["answer"] = answer

    assert problems(tmp_path, lambda d: edit(d, "B"), base="all-formats") == []
    assert problems(tmp_path, lambda d: edit(d, "C"), base="all-formats") == [
        ("explanation/contradicts-answer", "/questions/0/explanation")
    ]


def test_not_question_option_judged_incorrect_is_the_answer(tmp_path):
    """In 'Which one ... is not ...?', 'Option C is not correct' names the answer, and
    'Option A is correct' only rules A out."""

    def edit(d, answer):
        q = d["questions"][0]
        q["stem"] = "Which one of the following is not a naval exercise?"
        q["explanation"] = (
            "Option C is not correct: Vajra Prahar is an army exercise. Option B is correct, Malabar is naval."
        )
        q["answer"] = answer

    assert problems(tmp_path, lambda d: edit(d, "C"), base="all-formats") == []
    assert problems(tmp_path, lambda d: edit(d, "B"), base="all-formats") == [
        ("explanation/contradicts-answer", "/questions/0/explanation")
    ]


def test_assertion_reason_vocabulary(tmp_path):
    """'Assertion (A) is correct. R is false.' judges Statement-I and Statement-II; it names no option."""

    def edit(d):
        d["questions"][3]["explanation"] = (
            "Assertion (A) is correct: it holds. R is false, because it says otherwise."
        )

    assert problems(tmp_path, edit, base="all-formats") == [
        ("explanation/contradicts-flag", "/questions/3/explanation")
    ]


def test_matching_code_names_the_option():
    options = (("A", "3 4 2 1"), ("B", "4 3 1 2"), ("C", "3 4 1 2"), ("D", "4 3 2 1"))
    text = "The correct matching is: Konark - Sun temple (3), Sanchi - Stupa (4), Ellora - Kailasa (1), Khajuraho (2)."
    found = [(r.kind, r.value, r.sure) for r in read(text, Shape("single", 0, options))]
    assert found == [("answer", "C", True)]


def test_ie_is_not_the_roman_numeral_one():
    found = read("The correct statement is i.e. statement 2 only.", Shape("statements", 3))
    assert all(r.item != 1 for r in found)


def test_options_ruled_out_by_name_with_a_word_of_kind():
    """'**30 years:**', 'Article 269:', 'X & Y:', 'A) X was ...' under 'Why other options are
    incorrect' rule those options out (issue 23, mindflow bank)."""
    options = (("A", "25"), ("B", "30"), ("C", "35"), ("D", "40"))
    text = (
        "Why this is correct\n\n- The President must be thirty-five.\n\n"
        "Why other options are incorrect\n\n- **25 years & 30 years:** Lok Sabha and Rajya Sabha.\n"
        "- D) 40 is no age in the Constitution."
    )
    found = {(r.kind, r.value) for r in read(text, Shape("single", 0, options))}
    assert found == {("not-answer", "A"), ("not-answer", "B"), ("not-answer", "D")}


def test_a_word_that_changes_the_meaning_is_not_a_kind_word():
    options = (("A", "India"), ("B", "China"), ("C", "Nepal"), ("D", "Bhutan"))
    text = "Why other options are incorrect\n\n- **Not India:** it was the host."
    assert [r for r in read(text, Shape("single", 0, options)) if r.value == "A"] == []


def test_a_numbered_list_is_not_a_sequence_code():
    options = (("A", "1-2-3"), ("B", "2-1-3"), ("C", "1-3-2"), ("D", "3-1-2"))
    text = "The correct chronological sequence is:\n1. Partition in 1905.\n2. Annulment in 1911.\n3. Rowlatt Act in 1919."
    assert list(read(text, Shape("single", 0, options))) == []


def test_an_opening_letter_with_its_option_text_names_the_answer(tmp_path):
    """'(c) Malabar: ...' opening the explanation names option (c) (issue 23, ar-bilingual)."""

    def edit(d):
        d["questions"][0]["explanation"] = (
            "(C) Vajra Prahar: the special forces of India and the US train together in it."
        )

    assert problems(tmp_path, edit, base="all-formats") == [
        ("explanation/contradicts-answer", "/questions/0/explanation")
    ]


def test_option_by_option_notes_name_no_answer():
    options = (("A", "Jute"), ("B", "Tea"), ("C", "Sugarcane"), ("D", "Cotton"))
    notes = "(a) Jute: lower plains.\n(b) Tea: the valley's plantations.\n(c) Sugarcane: a little."
    sentence = "(b) Tea gardens cover the valley, though jute grows too."
    against = "(a) Jute: incorrect, it belongs to the plains."
    for text in (notes, sentence, against):
        assert [r for r in read(text, Shape("single", 0, options)) if r.kind == "answer"] == []


def test_a_letter_that_is_also_another_option_text_is_not_read():
    """'Answer C.' where option (a) is the box C: which is meant cannot be told."""
    options = (("A", "C"), ("B", "F"), ("C", "G"), ("D", "D"))
    assert read("Box C ends up at the top.\nAnswer C.", Shape("single", 0, options)) == []
    options = (("A", "A"), ("B", "E"), ("C", "C"), ("D", "D"))
    found = [(r.kind, r.value) for r in read("- Answer C.", Shape("single", 0, options))]
    assert found == [("answer", "C")]


def test_closest_option_names_the_answer_unless_reserved():
    options = (("A", "Daughter"), ("B", "Sister-in-law"), ("C", "Sister"), ("D", "Niece"))
    said = "P is S's niece-in-law. 'Sister-in-law' is the closest available option."
    reserved = "'Sister' is the closest option, but it is wrong: P is S's niece-in-law."
    assert [(r.kind, r.value) for r in read(said, Shape("single", 0, options))] == [("answer", "B")]
    assert [r for r in read(reserved, Shape("single", 0, options)) if r.kind == "answer"] == []


def test_it_is_the_option_that_opens_the_explanation():
    options = (
        ("A", "The Water Act, 1977"),
        ("B", "The Forest Act, 1980"),
        ("C", "The Insurance Act, 1991"),
        ("D", "None"),
    )
    text = "The Insurance Act, 1991 gives relief after accidents. Its aim is relief, making it the correct answer."
    found = [(r.kind, r.value) for r in read(text, Shape("single", 0, options, negative=True))]
    assert found == [("answer", "C")]
    vague = "Voting ended early in the next year, making it the correct answer."
    assert read(vague, Shape("single", 0, options)) == []


def test_the_correct_statement_named_by_its_letter():
    """'The correct statement is C' names option 'Only C' when the stem letters its statements,
    and option (c) when the options are the statements themselves."""
    only = (("A", "Only A"), ("B", "Only A and B"), ("C", "Only C"), ("D", "All of the above"))
    text = "The correct statement is C: the protocol covers living modified organisms."
    assert [(r.kind, r.value) for r in read(text, Shape("single", 0, only))] == [("answer", "C")]
    plain = (("A", "The Sun rises in the west"), ("B", "Sound travels in a vacuum"))
    text = "The correct statement is (b): sound needs no air."
    assert [(r.kind, r.value) for r in read(text, Shape("single", 0, plain))] == [("answer", "B")]
    lettered = (("A", "Vitamin A"), ("B", "Vitamin B"))
    assert read("The correct statement is (b): it is soluble.", Shape("single", 0, lettered)) == []


def test_an_opening_heading_may_carry_a_gloss():
    options = (("A", "Past imperfect"), ("B", "Doubtful past"), ("C", "Recent past"))
    text = "(B) Doubtful past (sandigdh bhutkal): the action may not have happened."
    assert [(r.kind, r.value) for r in read(text, Shape("single", 0, options))] == [("answer", "B")]
