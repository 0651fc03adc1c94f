"""Explanation: the verdicts an explanation states agree with the flags and the key.

Verdicts read: "Statement 1 is correct", "Statement 3 is incorrect" / "is not correct",
"Statements 1 and 2 are correct", "Pair 2 is correctly matched" / "is not correctly
matched", "Statement-II is the correct explanation" / "is not the correct explanation",
"the correct answer is (b)", "Answer: B".

`explanation/contradicts-flag` (error)
    passes: statement 3 flagged false; "Statement 3 is incorrect: ..."
    fails:  statement 3 flagged false; "Statement 3 is correct: ..."
`explanation/contradicts-answer` (error): "Answer: B" when the answer is A.
`explanation/unknown-item` (error): "Statement 4 is correct" in a three-statement question.
`explanation/missing-verdict` (warning): a statement or pair with no verdict at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..answers import ROMAN, items_of
from ..diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule

RULES = (
    Rule(
        "explanation/contradicts-flag",
        Severity.ERROR,
        "Verdicts in the explanation agree with the correct flags",
    ),
    Rule(
        "explanation/contradicts-answer",
        Severity.ERROR,
        "An answer the explanation names is the declared answer",
    ),
    Rule(
        "explanation/unknown-item",
        Severity.ERROR,
        "The explanation names only statements or pairs that exist",
    ),
    Rule(
        "explanation/missing-verdict",
        Severity.WARNING,
        "The explanation gives a verdict on every statement or pair",
    ),
)

_NUM = r"(?:\d+|iii|ii|iv|vi{0,3}|ix|i)"
_VERDICT = re.compile(
    rf"\b(?P<kind>statements?|pairs?)[\s-]*(?P<nums>{_NUM}(?:(?:\s*,\s*|\s+and\s+){_NUM})*)\s+(?:is|are)\s+"
    r"(?P<verdict>not\s+correctly\s+matched|incorrectly\s+matched|correctly\s+matched|"
    r"not\s+correct|incorrect|correct|wrong|true|false|not\s+the\s+correct\s+explanation|the\s+correct\s+explanation)",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"(?:correct\s+(?:answer|option)\s+is|answer\s*(?:is|:))\s*\(?(?P<letter>[a-d])\)?(?![a-z])",
    re.IGNORECASE,
)


def _number(token: str) -> int:
    token = token.lower()
    return int(token) if token.isdigit() else ROMAN[token]


def verdicts(text: str) -> Iterator[tuple[str, int, str]]:
    """(kind, item number, verdict) for every verdict in a text; verdict is true/false/explains/not-explains."""
    for match in _VERDICT.finditer(text):
        verdict = re.sub(r"\s+", " ", match.group("verdict").lower())
        if verdict.endswith("explanation"):
            value = "not-explains" if verdict.startswith("not") else "explains"
        elif verdict in ("correct", "true", "correctly matched"):
            value = "true"
        else:
            value = "false"
        kind = "pair" if match.group("kind").lower().startswith("pair") else "statement"
        for token in re.split(r"\s*,\s*|\s+and\s+", match.group("nums")):
            yield kind, _number(token), value


def check(source: Source, context: Context) -> Iterator[Problem]:
    for index, question in enumerate(source.data["questions"]):
        yield from check_question(question, f"/questions/{index}")


def check_question(question: dict, base: str) -> Iterator[Problem]:
    text = question["explanation"]
    where = f"{base}/explanation"
    for match in _ANSWER.finditer(text):
        letter = match.group("letter").upper()
        if letter != question["answer"]:
            yield Problem(
                "explanation/contradicts-answer",
                where,
                f"the explanation gives the answer as {letter}, but the answer is {question['answer']}",
            )
    items = items_of(question)
    if not items:
        return
    word = "pair" if question.get("pairs") else "statement"
    given: set[int] = set()
    explains = question.get("explains")
    for kind, number, verdict in verdicts(text):
        if verdict in ("explains", "not-explains"):
            if (
                question["format"] == "statement-reason"
                and isinstance(explains, bool)
                and (verdict == "explains") != explains
            ):
                yield Problem(
                    "explanation/contradicts-flag",
                    where,
                    f'the explanation says Statement-{_roman(number)} is {"" if verdict == "explains" else "not "}the correct explanation, but "explains" is {str(explains).lower()}',
                )
            continue
        if number < 1 or number > len(items):
            yield Problem(
                "explanation/unknown-item",
                where,
                f"the explanation gives a verdict on {kind} {number}, but there are only {len(items)}",
            )
            continue
        given.add(number)
        flag = items[number - 1]["correct"]
        if (verdict == "true") != flag:
            said = "correct" if verdict == "true" else "incorrect"
            yield Problem(
                "explanation/contradicts-flag",
                where,
                f'the explanation says {word} {number} is {said}, but it is marked "correct": {str(flag).lower()}',
            )
    missing = [n for n in range(1, len(items) + 1) if n not in given]
    if missing:
        yield Problem(
            "explanation/missing-verdict",
            where,
            f'the explanation gives no verdict on {word} {", ".join(map(str, missing))} (write e.g. "{word.capitalize()} {missing[0]} is correct: ...")',
        )


def _roman(number: int) -> str:
    return {v: k for k, v in ROMAN.items()}.get(number, str(number)).upper()
