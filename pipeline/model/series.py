"""Test booklet series: the same questions in other orders, each series with its own key.

Orders are derived from a seed (the source or pack id), so every build prints the same
series. Option order moves only for `single` questions that allow it
(`"shuffle_options": true`); code, count and Statement-I/II options never move, because
their wording refers to positions and counts. A series' key is derived from the
reordered questions, never copied by hand.
"""

from __future__ import annotations

import copy
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from ..checks.language.letters import reletter

LETTERS = "ABCD"


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


def may_shuffle_options(question: dict[str, Any]) -> bool:
    """Only `single` questions that allow it, and whose explanation can be re-lettered for sure."""
    if question["format"] != "single" or not question.get("shuffle_options", False):
        return False
    _, sure = explanation_letters(question)
    hindi = question.get("hi")
    if sure and isinstance(hindi, dict) and hindi.get("explanation"):
        from ..checks.language.hindi import option_letters

        _, sure = option_letters(hindi["explanation"])
    return sure


def explanation_letters(question: dict[str, Any]) -> tuple[list[tuple[int, int, str]], bool]:
    """Where the explanation names options by letter, and whether every such place was found."""
    from ..checks.language.letters import option_letters
    from ..checks.rules.explanation import shape_of

    return option_letters(question["explanation"], shape_of(question))


def make_series(questions: list[dict[str, Any]], count: int, *, seed: str) -> list[Series]:
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
            if may_shuffle_options(question):
                option_order = list(range(len(question["options"])))
                rng.shuffle(option_order)
                options.append(tuple(option_order))
            else:
                options.append(None)
        result.append(Series(letter, tuple(order), tuple(options)))
    return result


def apply(data: dict[str, Any], series: Series) -> dict[str, Any]:
    """A copy of the source with its questions in the series' order and options relabelled."""
    result = copy.deepcopy(data)
    reordered = []
    for index, option_order in zip(series.order, series.options, strict=True):
        question = copy.deepcopy(data["questions"][index])
        if option_order is not None:
            original = question["options"]
            answer_text = next(o["text"] for o in original if o["label"] == question["answer"])
            question["options"] = [
                {"label": LETTERS[position], "text": original[source]["text"]}
                for position, source in enumerate(option_order)
            ]
            question["answer"] = next(
                o["label"] for o in question["options"] if o["text"] == answer_text
            )
            # The explanation speaks of options by letter: give it this series' letters.
            mapping = {
                LETTERS[source]: LETTERS[position] for position, source in enumerate(option_order)
            }
            spans, _ = explanation_letters(data["questions"][index])
            question["explanation"] = reletter(question["explanation"], spans, mapping)
            hindi = question.get("hi")
            if isinstance(hindi, dict):  # the Hindi options move with their English twins
                from ..checks.language.hindi import option_letters

                texts = hindi["options"]
                hindi["options"] = [texts[source] for source in option_order]
                if hindi.get("explanation"):
                    spans, _ = option_letters(hindi["explanation"])
                    hindi["explanation"] = reletter(hindi["explanation"], spans, mapping)
        reordered.append(question)
    result["questions"] = reordered
    return result


def answer_table(data: dict[str, Any], all_series: list[Series]) -> dict[str, Any]:
    """The machine-readable key: per series, the question id and answer at each position."""
    table: dict[str, Any] = {}
    for series in all_series:
        questions = apply(data, series)["questions"]
        table[series.letter] = [
            {"number": n, "question": q["id"], "answer": q["answer"]}
            for n, q in enumerate(questions, 1)
        ]
    return table
