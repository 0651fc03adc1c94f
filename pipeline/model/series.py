"""Test booklet series: the same questions in other orders, each series with its own key.

Orders are derived from a seed (the source or pack id), so every build prints the same
series. Option order moves only for questions whose options may move (`Question.movable`:
`single` questions with `"shuffle_options": true` whose explanations name options by letters
read for sure); code, count and Statement-I/II options never move, because their wording
refers to positions and counts. A series is a new model (`apply`), its key derived from the
reordered questions, never copied by hand.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..checks.language.letters import reletter
from .content import LETTERS, Option, Question, Source, Span


@dataclass(frozen=True)
class Series:
    """One booklet series: which master question stands at each position, and option orders."""

    letter: str
    order: tuple[int, ...]  # order[position] = index of the question in the master order
    options: tuple[
        tuple[int, ...] | None, ...
    ]  # per position: new option order, or None (unchanged)


def _rng(seed: str, letter: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}/{letter}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def make_series(questions: Sequence[Question], count: int, *, seed: str) -> list[Series]:
    """Series A keeps the master order; B, C, D are seeded shuffles, each different from A if possible."""
    if not 1 <= count <= len(LETTERS):
        raise ValueError(f"series count must be 1 to {len(LETTERS)}, not {count}")
    identity = tuple(range(len(questions)))
    result = [Series("A", identity, tuple(None for _ in questions))]
    for letter in LETTERS[1:count]:
        rng = _rng(seed, letter)
        order = list(identity)
        for _ in range(8):  # retry a few times so a series differs from the master when it can
            rng.shuffle(order)
            if tuple(order) != identity or len(order) < 2:
                break
        options: list[tuple[int, ...] | None] = []
        for index in order:
            question = questions[index]
            if question.movable:
                option_order = list(range(len(question.options)))
                rng.shuffle(option_order)
                options.append(tuple(option_order))
            else:
                options.append(None)
        result.append(Series(letter, tuple(order), tuple(options)))
    return result


def apply(source: Source, series: Series) -> Source:
    """A new model: the questions in the series' order, moved options relabelled."""
    reordered = []
    for index, option_order in zip(series.order, series.options, strict=True):
        question = source.questions[index]
        reordered.append(question if option_order is None else _moved(question, option_order))
    return dataclasses.replace(source, questions=tuple(reordered))


def _moved(question: Question, option_order: tuple[int, ...]) -> Question:
    """The question with its options in option_order, relabelled A-D, its key and letters following."""
    original = question.options
    answer_text = question.key.text
    options = tuple(
        Option(LETTERS[position], original[source].text)
        for position, source in enumerate(option_order)
    )
    answer = next(o.label for o in options if o.text == answer_text)
    # The explanation speaks of options by letter: give it this series' letters.
    mapping = {LETTERS[source]: LETTERS[position] for position, source in enumerate(option_order)}
    hindi = question.hi
    if hindi is not None:  # the Hindi options move with their English twins
        hindi = dataclasses.replace(
            hindi,
            options=tuple(hindi.options[source] for source in option_order),
            explanation=reletter(hindi.explanation, list(hindi.letters), mapping)
            if hindi.explanation
            else hindi.explanation,
            letters=_moved_spans(hindi.letters, mapping),
        )
    return dataclasses.replace(
        question,
        options=options,
        answer=answer,
        explanation=reletter(question.explanation, list(question.letters), mapping),
        letters=_moved_spans(question.letters, mapping),
        hi=hindi,
    )


def _moved_spans(spans: tuple[Span, ...], mapping: dict[str, str]) -> tuple[Span, ...]:
    """The spans after re-lettering: the same places (one letter each), the new letters."""
    moved = []
    for start, end, letter in spans:
        new = mapping.get(letter.upper(), letter.upper())
        moved.append((start, end, new if letter.isupper() else new.lower()))
    return tuple(moved)


def answer_table(source: Source, all_series: list[Series]) -> dict[str, Any]:
    """The machine-readable key: per series, the question id and answer at each position."""
    table: dict[str, Any] = {}
    for series in all_series:
        table[series.letter] = [
            {"number": n, "question": q.id, "answer": q.answer}
            for n, q in enumerate(apply(source, series).questions, 1)
        ]
    return table
