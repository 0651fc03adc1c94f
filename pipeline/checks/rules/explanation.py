"""Explanation: the verdicts an explanation states agree with the flags and the key.

The explanation is read sentence by sentence (pipeline/checks/language/explanations.py): verdicts
on statements and pairs ("Statement 2 is also correct", "making statement 4 incorrect",
"**Statement 3:** ... This statement is incorrect", "neither statement 1 nor statement 2 is
correct", "Pair 2 incorrectly matches"), Statement-II's explaining, counts ("only two
statements are correct") and the answer it names ("option (b) is the correct answer",
"the correct answer is 1 and 2 only", "Therefore, Myanmar is the correct answer", "the
correct matching is ... (3), ... (4)", "'Cannot be determined' is the most accurate answer",
"Correct option A.", an opening "(c) Common: ..." whose words are option (c)'s text, an option
listed under "Why other options are incorrect"). Assertion/Reason vocabulary is read as Statement-I/II ("Assertion (A) is true",
"R is false", "R correctly explains A"). In a NOT question ("Which one of the following is
not correct?") "Option (c) is incorrect" names the answer and "Option (a) is correct" rules
(a) out. What an option claims ("Option 3 suggests both statements are correct",
"Option 4 is incorrect as it proposes that ..."), hypotheses and questions are not verdicts.

`explanation/contradicts-flag` (error): a verdict read for certain disagrees with a flag.
    passes: statement 3 flagged false; "Statement 3 is incorrect: ..."
    fails:  statement 3 flagged false; "Statement 3 is correct: ..."
`explanation/contradicts-answer` (error): the explanation names (or rules out) an answer
    for certain, and it is not the declared one: "Answer: B" when the answer is A.
`explanation/unknown-item` (error): "Statement 4 is correct" in a three-statement question.
`explanation/unsure` (warning): a reading the tool is not sure of ("3. ... It is correct",
    a hedge such as "partly correct", or an explanation that says both) disagrees with the
    flags or the answer; the message quotes what was read.
`explanation/missing-verdict` (warning): a statement or pair with no verdict at all.

A Hindi explanation (`"hi": {"explanation": ...}`) is read for its standard forms: "कथन 1
सही है", "कथन 3 सही नहीं है" / "गलत है", "कथन 1 और 2 सही हैं", "पहला कथन गलत है", "युग्म 2
सही सुमेलित नहीं है", "सही उत्तर (b) है", "X सबसे निकटतम है" and an opening "(ग) पर: ..."; a verdict
that disagrees is `contradicts-flag` (or `contradicts-answer`) at the Hindi explanation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...diagnostics import Severity
from ..answers import items_of
from ..language.explanations import Reading, Shape, read
from ..language.numbers import roman
from ..language.prompts import asks_not
from ..sources import Source
from .base import Context, Problem, Rule, questions

if TYPE_CHECKING:
    from ..language.hindi_explanations import Verdict

NEEDS = ("questions",)

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
        "explanation/unsure",
        Severity.WARNING,
        "A verdict the explanation seems to state agrees with the flags and the answer",
    ),
    Rule(
        "explanation/missing-verdict",
        Severity.WARNING,
        "The explanation gives a verdict on every statement or pair",
    ),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    for index, question in questions(source):
        yield from check_question(question, f"/questions/{index}")
        hindi = question.get("hi")
        if isinstance(hindi, dict) and isinstance(hindi.get("explanation"), str):
            yield from check_hindi(question, hindi["explanation"], f"/questions/{index}")


def check_hindi(question: dict[str, Any], text: str, base: str) -> Iterator[Problem]:
    """The Hindi explanation's verdicts ("कथन 3 सही नहीं है", "R ग़लत है") and named answer.

    Only the standard forms are read, and each is certain: what is not read says nothing.
    """
    from ..language import hindi_explanations  # its patterns compile only for Hindi sources

    where = f"{base}/hi/explanation"
    shape = shape_of(question)
    options = [str(o.get("text", "")) for o in (question.get("hi") or {}).get("options") or []]
    named = [
        Reading(n.kind, None, n.letter, True, 0, 0, n.quote)
        for n in hindi_explanations.named(text, options, negative=shape.negative)
        if n.letter in {label for label, _ in shape.options}
    ]
    yield from _answers(question, named, where, who="the Hindi explanation")
    items = items_of(question)
    if not items:
        return  # a `single` question: "कथन 1 सही है" judges a statement inside an option
    kind = "pair" if question.get("pairs") else "statement"
    reason = question["format"] == "statement-reason"
    reported: set[int] = set()
    for verdict in _expanded(hindi_explanations.verdicts(text, reason=reason), len(items)):
        if verdict.kind == "explains":
            yield from _explains(
                question, Reading("explains", 2, verdict.value, True, 0, 0, verdict.quote), where
            )
            continue
        if verdict.kind != kind or verdict.number in reported:
            continue
        name = _name(kind, verdict.number, question) if reason else f"{kind} {verdict.number}"
        if not 1 <= verdict.number <= len(items):
            yield Problem(
                "explanation/unknown-item",
                where,
                f'the Hindi explanation gives a verdict on {name} ("{_cut(verdict.quote)}"), but there are only {len(items)}',
            )
            reported.add(verdict.number)
            continue
        flag = items[verdict.number - 1]["correct"]
        if verdict.value != flag:
            reported.add(verdict.number)
            said = _said(verdict.value, question)
            yield Problem(
                "explanation/contradicts-flag",
                where,
                f'the Hindi explanation says {name} is {said} ("{_cut(verdict.quote)}"), but it is marked "correct": {str(flag).lower()}',
            )


def shape_of(question: dict[str, Any]) -> Shape:
    if question["format"] == "single":
        negative = asks_not(question.get("stem", ""), question.get("prompt", ""))
    else:
        negative = question.get("asks") == "incorrect"
    return Shape(
        format=question["format"],
        items=len(items_of(question)),
        options=tuple((o["label"], o["text"]) for o in question["options"]),
        lefts=tuple(p["left"] for p in question.get("pairs", [])),
        negative=negative,
    )


def check_question(question: dict[str, Any], base: str) -> Iterator[Problem]:
    where = f"{base}/explanation"
    readings = read(question["explanation"], shape_of(question))
    yield from _answers(question, readings, where)
    items = items_of(question)
    if not items:
        return
    word = "pair" if question.get("pairs") else "statement"
    if question["format"] == "statement-reason":
        word = "Statement"
    readings = _settle(readings)
    given: set[int] = set()
    reported: set[int] = set()
    for reading in readings:
        if reading.kind == "item":
            number = reading.item
            assert number is not None
            if number < 1 or number > len(items):
                if reading.sure:
                    yield Problem(
                        "explanation/unknown-item",
                        where,
                        f'the explanation gives a verdict on {word} {number} ("{_cut(reading.quote)}"), but there are only {len(items)}',
                    )
                continue
            given.add(number)
            flag = items[number - 1]["correct"]
            if reading.value == flag or number in reported:
                continue
            reported.add(number)
            said = _said(reading.value, question)
            name = _name(word, number, question)
            yield Problem(
                "explanation/contradicts-flag" if reading.sure else "explanation/unsure",
                where,
                f'the explanation {"says" if reading.sure else "seems to say"} {name} is {said} ("{_cut(reading.quote)}"), but it is marked "correct": {str(flag).lower()}',
            )
        elif reading.kind == "count":
            yield from _count(question, items, reading, where)
        elif reading.kind == "explains":
            yield from _explains(question, reading, where)
    if question["format"] != "single":
        missing = [n for n in range(1, len(items) + 1) if n not in given]
        if (
            missing
            and not _covered_by_count(readings, len(items))
            and not _names_code(question, readings)
        ):
            name = word if question["format"] != "statement-reason" else "Statement"
            example = _name(word, missing[0], question)
            yield Problem(
                "explanation/missing-verdict",
                where,
                f'the explanation gives no verdict on {name} {", ".join(map(str, missing))} (write e.g. "{example[:1].upper()}{example[1:]} is correct: ...")',
            )


def _settle(readings: list[Reading]) -> list[Reading]:
    """An item read both ways for certain is not certain: the explanation (or the reader) is confused."""
    values: dict[int | None, set[Any]] = {}
    for r in readings:
        if r.kind == "item" and r.sure:
            values.setdefault(r.item, set()).add(r.value)
    torn = {item for item, found in values.items() if len(found) > 1}
    if not torn:
        return readings
    return [
        Reading(r.kind, r.item, r.value, False, r.start, r.end, r.quote)
        if r.kind == "item" and r.item in torn
        else r
        for r in readings
    ]


def _answers(
    question: dict[str, Any], readings: list[Reading], where: str, *, who: str = "the explanation"
) -> Iterator[Problem]:
    answer = question["answer"]
    named = sorted((r for r in readings if r.kind == "answer"), key=lambda r: not r.sure)
    ruled_out = [r for r in readings if r.kind == "not-answer"]
    sure_letters = {r.value for r in named if r.sure}
    certain = len(sure_letters) == 1 and not any(
        r.sure and r.value in sure_letters for r in ruled_out
    )
    for r in named:
        if r.value == answer:
            continue
        sure = r.sure and certain
        yield Problem(
            "explanation/contradicts-answer" if sure else "explanation/unsure",
            where,
            f'{who} {"gives" if sure else "seems to give"} the answer as {r.value} ("{_cut(r.quote)}"), but the answer is {answer}',
        )
        return
    for r in ruled_out:
        if r.value != answer:
            continue
        sure = r.sure and answer not in sure_letters
        yield Problem(
            "explanation/contradicts-answer" if sure else "explanation/unsure",
            where,
            f'{who} rules out option {r.value} ("{_cut(r.quote)}"), but {r.value} is the answer',
        )
        return


def _count(
    question: dict[str, Any], items: list[dict[str, Any]], reading: Reading, where: str
) -> Iterator[Problem]:
    number, polarity = reading.value
    actual = sum(1 for item in items if item["correct"] == polarity)
    if number == actual or number > len(items):
        return
    kind = "pairs" if question.get("pairs") else "statements"
    which = "correct" if polarity else "incorrect"
    yield Problem(
        "explanation/contradicts-flag" if reading.sure else "explanation/unsure",
        where,
        f'the explanation {"says" if reading.sure else "seems to say"} {number} {kind} are {which} ("{_cut(reading.quote)}"), but {actual} are marked {which}',
    )


def _explains(question: dict[str, Any], reading: Reading, where: str) -> Iterator[Problem]:
    if question["format"] != "statement-reason":
        return
    flags = question.get("explains")
    item = reading.item or 2
    if isinstance(flags, list):
        if item - 2 >= len(flags):
            return
        flag = flags[item - 2]
    else:
        if item != 2:
            return
        flag = bool(flags)
    if reading.value == flag:
        return
    yield Problem(
        "explanation/contradicts-flag" if reading.sure else "explanation/unsure",
        where,
        f'the explanation {"says" if reading.sure else "seems to say"} Statement-{roman(item)} {"explains" if reading.value else "does not explain"} Statement-I ("{_cut(reading.quote)}"), but "explains" says it {"does" if flag else "does not"}',
    )


def _names_code(question: dict[str, Any], readings: list[Reading]) -> bool:
    """ "The correct answer is (b): 2 and 3 only" settles every statement of a code question."""
    if question["format"] not in ("statements", "pairs"):
        return False
    return len({r.value for r in readings if r.kind == "answer" and r.sure}) == 1


def _covered_by_count(readings: list[Reading], items: int) -> bool:
    """ "All three are correct" or "none is" settles every item; "only two are" does not."""
    return any(r.kind == "count" and r.sure and r.value[0] in (0, items) for r in readings)


def _expanded(verdicts: list[Verdict], items: int) -> Iterator[Verdict]:
    """Verdicts on every item ("दोनों कथन सही हैं") as one per item, when the count fits."""
    for verdict in verdicts:
        if verdict.number:
            yield verdict
        elif verdict.every in (items, -1):
            for number in range(1, items + 1):
                yield dataclasses.replace(verdict, number=number)


def _said(value: bool, question: dict[str, Any]) -> str:
    if question.get("pairs"):
        return "correctly matched" if value else "not correctly matched"
    return "correct" if value else "incorrect"


def _name(word: str, number: int, question: dict[str, Any]) -> str:
    if question["format"] == "statement-reason":
        return f"Statement-{roman(number)}"
    return f"{word} {number}"


def _cut(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
