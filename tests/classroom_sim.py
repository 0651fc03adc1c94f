"""Simulated classes for the scoring tests: a four-series key and the responses students give.

Each student has an ability; each question a difficulty and a discrimination (a two-parameter
logistic model). A student who knows the answer marks it; one who does not leaves it blank or
guesses among the four options; a few mark two bubbles. Series B-D print the questions in
other orders and move the options of some, as a build does; the responses are written in each
student's series, so a test reads them back only through the key's mapping.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
from dataclasses import dataclass

LETTERS = "ABCD"
TOPICS = ("polity", "economy", "geography", "environment", "history")


@dataclass
class Class:
    key: dict  # answer-key.json as a build writes it
    responses: str  # responses.csv as scan writes it
    truth: dict[str, str]  # question id -> the really right master letter
    chosen: list[dict[str, str]]  # per student: question id -> master letters marked


def simulate(
    *,
    students: int = 60,
    questions: int = 20,
    seed: int = 7,
    flipped: str | None = None,
    series: int = 4,
    per_question: float = 2.0,
    negative_fraction: float = 0.33,
) -> Class:
    """A class; with `flipped` (a question id) the key gives that question a wrong answer."""
    rng = random.Random(seed)
    ids = [f"src-{1 + i // 10}--q{i + 1}" for i in range(questions)]
    truth = {q: rng.choice(LETTERS) for q in ids}
    keyed = dict(truth)
    if flipped:
        keyed[flipped] = LETTERS[(LETTERS.index(truth[flipped]) + 1) % 4]
    difficulty = {q: rng.uniform(-1.6, 1.4) for q in ids}
    slope = {q: rng.uniform(1.0, 2.2) for q in ids}
    tags = {q: rng.sample(TOPICS, rng.choice((1, 1, 2))) for q in ids}
    layouts = {}
    for n, letter in enumerate(LETTERS[:series]):
        order = list(range(questions))
        if n:
            rng.shuffle(order)
        moves = [
            "".join(rng.sample(LETTERS, 4)) if n and rng.random() < 0.4 else ""
            for _ in range(questions)
        ]
        layouts[letter] = (order, moves)
    key = {
        "id": "sim",
        "title": "Simulated class test",
        "class": "Batch S",
        "date": "2 March 2026",
        "marks": {
            "per_question": per_question,
            "negative_fraction": negative_fraction,
            "penalty": round(per_question * negative_fraction, 2),
        },
        "questions": ids,
        "tags": tags,
        "series": {
            letter: [
                {
                    "number": p + 1,
                    "question": ids[index],
                    # the printed letter of the keyed master letter
                    "answer": LETTERS[moves[p].index(keyed[ids[index]])]
                    if moves[p]
                    else keyed[ids[index]],
                }
                | ({"order": moves[p]} if moves[p] else {})
                for p, index in enumerate(order)
            ]
            for letter, (order, moves) in layouts.items()
        },
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "page", "name", "roll", "booklet", "series", *range(1, questions + 1)])
    chosen: list[dict[str, str]] = []
    for s in range(students):
        ability = rng.gauss(0, 1)
        letter = LETTERS[s % series]
        order, moves = layouts[letter]
        row = []
        chosen.append({})
        for p, index in enumerate(order):
            q = ids[index]
            know = 1 / (1 + math.exp(-slope[q] * (ability - difficulty[q])))
            if rng.random() < know:
                master = truth[q]
            elif rng.random() < 0.35:
                master = ""
            elif rng.random() < 0.03:
                master = "".join(sorted(rng.sample(LETTERS, 2)))
            else:
                master = rng.choice(LETTERS)
            printed = (
                "".join(sorted(LETTERS[moves[p].index(c)] for c in master)) if moves[p] else master
            )
            row.append(printed)
            chosen[-1][q] = master
        writer.writerow(
            ["class.pdf", s + 1, f"Student {s + 1:02d}", f"R{1000 + s}", "sim", letter, *row]
        )
    return Class(key, out.getvalue(), truth, chosen)


def write(cls: Class, folder) -> tuple:
    """answer-key.json and responses.csv in folder; their paths."""
    key = folder / "answer-key.json"
    key.write_text(json.dumps(cls.key, indent=1), encoding="utf-8")
    responses = folder / "responses.csv"
    responses.write_text(cls.responses, encoding="utf-8")
    return key, responses
