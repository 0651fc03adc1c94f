"""Read option texts and derive the answer key from a question's structured content.

Code options ("1 and 2 only", "Both I and II", "Neither 1 nor 2") become sets of item
numbers, count options ("Only two", "All the four", "None") become numbers, and the
standard Statement-I/II(/III) wordings become the facts they assert. The key is the
option whose meaning equals what the flags imply; rules compare it with `answer`,
renderers print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .language.numbers import ROMAN
from .language.options import ALL, Unparsable, parse_code, parse_count, parse_reason

__all__ = [
    "ALL",
    "ROMAN",
    "DerivedKey",
    "Unparsable",
    "derive",
    "items_of",
    "parse_code",
    "parse_count",
    "parse_reason",
    "reason_facts",
]

CODE_FORMATS = ("statements", "pairs")
COUNT_FORMATS = ("statements-count", "pairs-count", "rows")


@dataclass
class OptionProblem:
    """An option that cannot take part in deriving the key, and why."""

    index: int
    kind: str  # "unparsable" | "unknown-item" | "duplicate"
    message: str


@dataclass
class DerivedKey:
    """The option(s) the content implies, with a description of the target, and option problems."""

    matches: list[str] = field(default_factory=list)
    target: str = ""
    problems: list[OptionProblem] = field(default_factory=list)
    derivable: bool = True

    @property
    def label(self) -> str | None:
        return self.matches[0] if len(self.matches) == 1 else None


def items_of(question: dict[str, Any]) -> list[dict[str, Any]]:
    """The numbered items of a question: its statements or its pairs."""
    items: list[dict[str, Any]] = question.get("statements") or question.get("pairs") or []
    return items


def item_word(question: dict[str, Any]) -> str:
    if question.get("format") == "rows":
        return "rows"
    return "pairs" if question.get("pairs") else "statements"


def wanted_items(question: dict[str, Any]) -> frozenset[int]:
    """The item numbers the key must name: the correct ones, or the incorrect ones for NOT questions."""
    want_correct = question.get("asks", "correct") == "correct"
    return frozenset(
        number
        for number, item in enumerate(items_of(question), 1)
        if item["correct"] == want_correct
    )


def derive(question: dict[str, Any]) -> DerivedKey:
    """Derive the key of one question; `single` questions have no derivable key."""
    fmt = question["format"]
    options = question["options"]
    if fmt == "single":
        return _derive_single(options)
    if fmt in CODE_FORMATS:
        return _derive(question, _code_meaning, _code_target(question))
    if fmt in COUNT_FORMATS:
        return _derive(question, _count_meaning, _count_target(question))
    return _derive(question, _reason_meaning, _reason_target(question))


def _derive_single(options: list[dict[str, Any]]) -> DerivedKey:
    key = DerivedKey(derivable=False)
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        text = " ".join(option["text"].lower().split())
        if text in seen:
            key.problems.append(
                OptionProblem(
                    index,
                    "duplicate",
                    f"option {option['label']} repeats option {options[seen[text]]['label']}",
                )
            )
        seen.setdefault(text, index)
    return key


def _code_meaning(question: dict[str, Any], text: str) -> object:
    numbers = parse_code(text)
    count = len(items_of(question))
    if ALL in numbers:
        return frozenset(range(1, count + 1))
    missing = sorted(n for n in numbers if n > count or n < 1)
    if missing:
        word = "pair" if question.get("pairs") else "statement"
        raise LookupError(
            f"names {word} {', '.join(map(str, missing))}, but there are only {count}"
        )
    return numbers


def _count_meaning(question: dict[str, Any], text: str) -> object:
    number = parse_count(text)
    count = len(items_of(question))
    if number == ALL:
        return count
    if number > count:
        raise LookupError(f"names {number} {item_word(question)}, but there are only {count}")
    return number


def _reason_meaning(question: dict[str, Any], text: str) -> object:
    return parse_reason(text)


def _describe(numbers: frozenset[int]) -> str:
    return ", ".join(map(str, sorted(numbers))) if numbers else "none"


def _code_target(question: dict[str, Any]) -> tuple[object, str]:
    wanted = wanted_items(question)
    which = "correct" if question.get("asks", "correct") == "correct" else "incorrect"
    if question.get("pairs"):
        which = "correctly matched" if which == "correct" else "not correctly matched"
    return wanted, f"the {item_word(question)} marked {which} ({_describe(wanted)})"


def _count_target(question: dict[str, Any]) -> tuple[object, str]:
    wanted = len(wanted_items(question))
    which = "correct" if question.get("asks", "correct") == "correct" else "incorrect"
    if question.get("pairs"):
        which = "correctly matched" if which == "correct" else "not correctly matched"
    return wanted, f"the number of {item_word(question)} marked {which} ({wanted})"


def reason_facts(question: dict[str, Any]) -> tuple[Any, ...]:
    """What the flags say in Statement-I/II terms, in parse_reason's shape."""
    statements = question["statements"]
    explains = question.get("explains")
    if len(statements) == 3:
        second, third = statements[1]["correct"], statements[2]["correct"]
        flags = explains if isinstance(explains, list) else [bool(explains), bool(explains)]
        if second and third:
            case = {2: "both-explain", 1: "both-one-explains", 0: "both-none-explain"}
            return ("three", case[sum(map(bool, flags))])
        if second or third:
            return ("three", "one-explains")
        return ("three", "neither")
    first, second = statements[0]["correct"], statements[1]["correct"]
    if first and second:
        return ("two", True, True, bool(explains))
    return ("two", first, second, None)


def _reason_target(question: dict[str, Any]) -> tuple[object, str]:
    facts = reason_facts(question)
    if facts[0] == "three":
        text = {
            "both-explain": "Statements II and III both correct and both explaining Statement I",
            "both-one-explains": "Statements II and III both correct, only one explaining Statement I",
            "both-none-explain": "Statements II and III both correct, neither explaining Statement I",
            "one-explains": "only one of Statements II and III correct",
            "neither": "neither Statement II nor Statement III correct",
        }[facts[1]]
        return facts, f"the flags ({text})"
    _, first, second, explains = facts
    words = [
        f"Statement-I {'correct' if first else 'incorrect'}",
        f"Statement-II {'correct' if second else 'incorrect'}",
    ]
    if explains is not None:
        words.append("II explains I" if explains else "II does not explain I")
    return facts, f"the flags ({', '.join(words)})"


def _derive(question: dict[str, Any], meaning: Any, target: tuple[object, str]) -> DerivedKey:
    wanted, description = target
    key = DerivedKey(target=description)
    seen: dict[object, str] = {}
    for index, option in enumerate(question["options"]):
        try:
            value = meaning(question, option["text"])
        except Unparsable as err:
            why = f": {err}" if str(err) else ""
            key.problems.append(
                OptionProblem(
                    index,
                    "unparsable",
                    f'option {option["label"]} "{_quote(option["text"])}" cannot be read as a {_kind(question)}{why}',
                )
            )
            continue
        except LookupError as err:
            key.problems.append(
                OptionProblem(index, "unknown-item", f"option {option['label']} {err}")
            )
            continue
        if value in seen:
            key.problems.append(
                OptionProblem(
                    index, "duplicate", f"options {seen[value]} and {option['label']} mean the same"
                )
            )
            continue
        seen[value] = option["label"]
        if value == wanted:
            key.matches.append(option["label"])
    return key


def _quote(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(question: dict[str, Any]) -> str:
    fmt = question["format"]
    if fmt in CODE_FORMATS:
        return 'code (e.g. "1 and 2 only")'
    if fmt in COUNT_FORMATS:
        return 'count (e.g. "Only two")'
    return "Statement-I/II option"
