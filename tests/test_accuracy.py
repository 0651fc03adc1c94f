"""The language rules meet their targets on the labelled corpus (tests/accuracy/).

`nox -s accuracy` prints the full table; this test keeps the targets from slipping.
"""

from __future__ import annotations

import pytest

from .accuracy.measure import measure

ERROR_RULES = (
    "answer-key/not-question",
    "answer-key/unknown-item",
    "answer-key/unparsable-option",
    "content/hidden-character",
    "content/markup",
    "explanation/contradicts-answer",
    "explanation/contradicts-flag",
    "explanation/unknown-item",
    "translation/numbers",
    "translation/option-meaning",
    "translation/script",
    "hindi explanation/contradicts-flag",
    "hindi explanation/contradicts-answer",
)


@pytest.fixture(scope="module")
def figures():
    return measure()


def test_corpus_is_large_enough(figures):
    _, _, sizes = figures
    assert sum(sizes.values()) >= 300
    assert sizes["explanations"] >= 300


def test_errors_are_precise(figures):
    counts, _, _ = figures
    right = sum(counts[rule].tp for rule in ERROR_RULES)
    wrong = sum(counts[rule].fp for rule in ERROR_RULES)
    assert right / (right + wrong) >= 0.98, {r: counts[r].wrong for r in ERROR_RULES}


@pytest.mark.parametrize("rule", ["explanation/contradicts-flag", "explanation/contradicts-answer"])
def test_contradictions_are_recalled(figures, rule):
    counts, _, _ = figures
    assert counts[rule].recall >= 0.9, counts[rule].wrong


def test_every_labelled_wording_is_read(figures):
    _, read, _ = figures
    assert read.tp == read.examples, read.wrong


def test_acronym_warnings_are_mostly_right(figures):
    counts, _, _ = figures
    assert counts["content/unknown-acronym"].precision >= 0.9
