"""The verdicts a key prints under a question: named as the booklet labels the items, in one
compact strip, and left out where the explanation already states every one of them.

"Correct: I, III · Incorrect: II" under the question's items, rather than one line an item,
and nothing at all above an explanation that says "Statement I is correct ... Statement II
is incorrect ...": the same verdict is never printed twice. The explanation is read with the
reader the `explanation/` rules use (checks/language), English and Hindi alike.
"""

from __future__ import annotations

from ...checks.language.explanations import Shape, read
from ...model import Question
from .i18n import N_, tr
from .questions import ROMAN_LABELS, numbered_in_roman

CORRECT, INCORRECT = N_("correct"), N_("incorrect")
MATCHED, NOT_MATCHED = N_("correctly matched"), N_("not correctly matched")
#: The strip's groups: the items judged one way, then the other.
GROUPS = {
    "statements": (N_("Correct: %(items)s"), N_("Incorrect: %(items)s")),
    "pairs": (N_("Correctly matched: %(items)s"), N_("Not correctly matched: %(items)s")),
}


def assertion_reason(question: Question) -> bool:
    said = f"{question.stem} {question.prompt or ''}".lower()
    return "assertion" in said or "अभिकथन" in said


def item_names(question: Question, lang: str, roman: bool = False) -> list[str]:
    """How the key names each item: "Statement II", "Pair 3", "Row 1", "Assertion (A)"."""
    fmt = question.format
    items = question.items
    if fmt == "statement-reason":
        if assertion_reason(question) and len(items) == 2:
            return [tr(lang, "Assertion (A)"), tr(lang, "Reason (R)")]
        return [tr(lang, "Statement-%(n)s", n=ROMAN_LABELS[i]) for i in range(len(items))]
    number = labels(question, roman)
    if question.pairs:
        noun = N_("Row %(n)s") if fmt == "rows" else N_("Pair %(n)s")
        return [tr(lang, noun, n=n) for n in number]
    return [tr(lang, "Statement %(n)s", n=n) for n in number]


def labels(question: Question, roman: bool = False) -> list[str]:
    """The items' numbers as the booklet prints them: I, II, III or 1, 2, 3."""
    in_roman = numbered_in_roman(question, roman)
    return [ROMAN_LABELS[i] if in_roman else str(i + 1) for i in range(len(question.items))]


def verdicts(question: Question, lang: str, roman: bool = False) -> list[str]:
    """The verdict on each statement, pair or row, and on the explanation link, in lang."""
    names = item_names(question, lang, roman)
    if question.pairs:
        return [
            f"{name}: {tr(lang, MATCHED if p.correct else NOT_MATCHED)}"
            for name, p in zip(names, question.pairs, strict=True)
        ]
    items = question.statements
    lines = [
        f"{name}: {tr(lang, CORRECT if s.correct else INCORRECT)}"
        for name, s in zip(names, items, strict=True)
    ]
    if question.format != "statement-reason":
        return lines
    return lines + _links(question, lang, names)


def _links(question: Question, lang: str, names: list[str]) -> list[str]:
    """Whether Statement-II (and III) explain Statement-I, where both are correct."""
    items, explains = question.statements, question.explains
    lines = []
    if len(items) == 2 and items[0].correct and items[1].correct:
        message = (
            N_("%(second)s is the correct explanation of %(first)s")
            if explains
            else N_("%(second)s is not the correct explanation of %(first)s")
        )
        lines.append(tr(lang, message, first=names[0], second=names[1]))
    elif isinstance(explains, tuple):
        for i, flag in enumerate(explains, 1):
            if items[i].correct:
                message = (
                    N_("%(second)s explains %(first)s")
                    if flag
                    else N_("%(second)s does not explain %(first)s")
                )
                lines.append(tr(lang, message, first=names[0], second=names[i]))
    return lines


def strip(question: Question, lang: str, roman: bool = False) -> list[str]:
    """The verdicts in as few words as they can be read: "Correct: I, III", "Incorrect: II".

    Statement-I/II questions keep one verdict a statement (there are two or three) and the
    explanation link.
    """
    if not question.items:
        return []
    if question.format == "statement-reason":
        return verdicts(question, lang, roman)
    right, wrong = GROUPS["pairs" if question.pairs else "statements"]
    numbers = labels(question, roman)
    flags = [item.correct for item in (question.pairs or question.statements)]
    said = []
    for message, value in ((right, True), (wrong, False)):
        chosen = [n for n, flag in zip(numbers, flags, strict=True) if flag == value]
        if chosen:
            said.append(tr(lang, message, items=", ".join(chosen)))
    return said


def stated(question: Question, lang: str) -> bool:
    """Whether the explanation (in lang) gives a verdict on every item, and on the link."""
    count = len(question.items)
    if not count:
        return True
    shown = question.localized(lang)
    reason = question.format == "statement-reason"
    if lang == "hi":
        from ...checks.language import hindi_explanations

        given: set[int] = set()
        link = False
        for verdict in hindi_explanations.verdicts(shown.explanation, reason=reason):
            if verdict.kind == "explains":
                link = True
            elif verdict.number:
                given.add(verdict.number)
            elif verdict.every in (count, -1):
                given.update(range(1, count + 1))
    else:
        shape = Shape(
            format=question.format,
            items=count,
            options=tuple((o.label, o.text) for o in question.options),
            lefts=tuple(p.left for p in question.pairs),
            negative=question.asks == "incorrect",
        )
        readings = read(shown.explanation, shape)
        given = {r.item for r in readings if r.kind == "item" and r.sure and r.item}
        link = any(r.kind == "explains" for r in readings)
    needs_link = reason and len(_links(question, "en", item_names(question, "en"))) > 0
    return set(range(1, count + 1)) <= given and (link or not needs_link)


def printed(question: Question, lang: str, roman: bool = False) -> list[str]:
    """What the key prints above the explanation: the strip, unless the explanation says it all."""
    return [] if stated(question, lang) else strip(question, lang, roman)
