"""A bank's raw question -> our question model (format, items, prompt, options, answer).

The format is read from the question's wording, as an editor would choose it: numbered
items with "How many ..." are a count question, with "Which of the statements ..." a code
question, "Statement-I/II" or "Assertion (A)/Reason (R)" a statement-reason question;
anything else is `single`. Options are then read with the tool's own parsers: an option of
a statement-style question that they refuse is counted (`refused`), never guessed at.

Flags are what the declared answer implies (code and Statement-I/II questions). A count
answer does not say which items are correct, so `flags` is None there and the measure
takes the items' flags from what the explanation says, if that agrees with the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.checks.answers import ALL, Unparsable, parse_code, parse_count, parse_reason
from pipeline.checks.language.prompts import asks_incorrect

from .loaders import Raw

LABELS = "ABCD"
#: The bank's own marks on an option: its letter, and upsc-pyq-ap's "**" after the keyed one.
_OPTION_MARK = re.compile(r"^\s*\(?[a-dA-D1-4]\)\s*|^\s*[a-dA-D]\.\s+|\s*\*\*\s*$")
_PROMPT = re.compile(
    r"\s*(?=(?:Which|How many|In how many|Select|Choose|Of the above|Identify|Among|"
    r"Which one|Which ones|What is|Find|Pick|With reference to the above|"
    r"In respect of|Of these|Mark)\b)"
)
_REASON_ITEM = re.compile(
    r"(?P<mark>Statement\s*-?\s*(?:I{1,3}|[123])\b\s*(?:\(\w\))?\s*[:.\-]|Assertion\s*(?:\(A\))?\s*:"
    r"|Reason\s*(?:\(R\))?\s*:|\bA\s*:|\bR\s*:)",
    re.IGNORECASE,
)


@dataclass
class Converted:
    """Our question, what is known of its flags, and the options the parsers refused."""

    question: dict[str, Any]
    flags_known: bool = True
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # index, text, why
    broken: str = ""  # why the conversion cannot be trusted (the bank's text lost a part)


def _numbered(stem: str) -> tuple[str, list[str], str] | None:
    """Split 'lead 1. a 2. b 3. c prompt' at a run of numbers 1, 2, 3 ... (or I, II, III)."""
    for marks in (
        [rf"(?:(?<=\s)|^)\(?{n}\s*[.)]\s+" for n in range(1, 10)],
        [rf"(?:(?<=\s)|^)\(?{r}\s*[.)]\s+" for r in ("I", "II", "III", "IV", "V", "VI")],
    ):
        starts: list[tuple[int, int]] = []
        pos = 0
        for mark in marks:
            m = re.compile(mark).search(stem, pos)
            if m is None:
                break
            starts.append((m.start(), m.end()))
            pos = m.end()
        if len(starts) >= 2:
            break
    else:
        return None
    lead = stem[: starts[0][0]].strip()
    items = []
    for i, (_, end) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(stem)
        items.append(stem[end:stop].strip())
    last = items[-1]
    m = _PROMPT.search(last, 1)
    prompt = ""
    if m:
        items[-1], prompt = last[: m.start()].strip(), last[m.end() :].strip()
    return lead, items, prompt


def _reason_items(stem: str) -> tuple[str, list[str], str] | None:
    marks = list(_REASON_ITEM.finditer(stem))
    if len(marks) < 2 or len(marks) > 3:
        return None
    lead = stem[: marks[0].start()].strip()
    items = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(stem)
        items.append(stem[m.end() : stop].strip())
    prompt = ""
    m = _PROMPT.search(items[-1], 1)
    if m:
        items[-1], prompt = items[-1][: m.start()].strip(), items[-1][m.end() :].strip()
    return lead, items, prompt


def _parsed(options: list[str], parse: Any) -> int:
    count = 0
    for text in options:
        try:
            parse(_OPTION_MARK.sub("", text).strip())
            count += 1
        except Unparsable:
            pass
    return count


def style(raw: Raw) -> str:
    """'reason', 'count', 'code' or 'single', from the question's wording and its options."""
    text = raw.stem
    two = re.compile(r"Statement\s*-?\s*(?:II|2)\b")
    if (
        re.search(r"Statement\s*-?\s*(?:I|1)\b", text)
        and two.search(text)
        and two.search(" ".join(raw.options))
    ):
        return "reason"
    if re.search(r"Assertion", text) and re.search(r"Reason", text):
        return "reason"
    if _numbered(text) is None:
        return "single"
    counts = _parsed(raw.options, parse_count) >= 3 and all(
        re.search(r"[A-Za-z]", o) for o in raw.options
    )
    if re.search(r"\bhow many\b", text, re.I):
        return "count" if counts else "single"
    if counts and re.search(
        r"\b(?:one|two|three|four|five|all|none)\b", " ".join(raw.options), re.I
    ):
        return "count"
    if _parsed(raw.options, parse_code) >= 3 or re.search(
        r"\b(?:which|select|choose)\b.{0,60}\b(?:code|statements?|pairs?)\b.{0,40}\b(?:correct|matched|true)",
        text,
        re.I | re.S,
    ):
        return "code"
    return "count" if counts else "single"


def _pairs(stem: str, items: list[str]) -> list[dict[str, Any]] | None:
    if not re.search(r"\bpairs?\b|\bmatched\b", stem, re.I):
        return None
    pairs = []
    for item in items:
        m = re.match(r"(.+?)\s*(?::|–|—|\s-\s)\s*(.+)", item)
        if m is None:
            return None
        pairs.append({"left": m.group(1).strip(), "right": m.group(2).strip(), "correct": True})
    return pairs


def convert(raw: Raw) -> Converted:
    options = [_OPTION_MARK.sub("", o).strip() or o for o in raw.options]
    question: dict[str, Any] = {
        "id": raw.id,
        "format": "single",
        "stem": raw.stem,
        "options": [{"label": LABELS[i], "text": t} for i, t in enumerate(options)],
        "answer": LABELS[raw.answer],
        "explanation": raw.explanation,
        "facts": ["f"],
    }
    kind = style(raw)
    split = _reason_items(raw.stem) if kind == "reason" else _numbered(raw.stem)
    if kind == "single" or split is None:
        return Converted(question)
    lead, items, prompt = split
    parse = {"reason": parse_reason, "count": parse_count, "code": parse_code}[kind]
    refused = []
    meanings: list[Any] = []
    for i, text in enumerate(options):
        try:
            meanings.append(parse(text))
        except Unparsable as err:
            refused.append((i, text, str(err)))
            meanings.append(None)
    converted = Converted(question, refused=refused)
    if refused and len(refused) >= 2:
        return converted  # not a statement-style question after all: keep it `single`
    question.update(stem=lead or raw.stem, prompt=prompt or "Which of the above is/are correct?")
    pairs = _pairs(raw.stem, items) if kind != "reason" else None
    if pairs is not None:
        question["pairs"] = pairs
    else:
        question["statements"] = [{"text": t, "correct": True} for t in items]
    fmt = {"reason": "statement-reason", "count": "statements-count", "code": "statements"}[kind]
    if pairs is not None:
        fmt = fmt.replace("statements", "pairs")
    question["format"] = fmt
    incorrect = kind != "reason" and asks_incorrect(question["stem"], question["prompt"])
    if incorrect:
        question["asks"] = "incorrect"
    converted.flags_known = set_flags(question, meanings[raw.answer])
    if kind == "code" and any(m is not None and max(m, default=0) > len(items) for m in meanings):
        converted.broken = "the options name more items than the stem has (a number lost)"
    return converted


def items_of(question: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = question.get("statements") or question.get("pairs") or []
    return found


def set_flags(question: dict[str, Any], meaning: Any) -> bool:
    """Flags implied by the answer's meaning; False if the meaning does not settle them."""
    items = items_of(question)
    fmt = question["format"]
    if meaning is None:
        return False
    if fmt in ("statements", "pairs"):
        named = set(range(1, len(items) + 1)) if ALL in meaning else set(meaning)
        wanted = question.get("asks", "correct") == "correct"
        for n, item in enumerate(items, 1):
            item["correct"] = (n in named) == wanted
        return max(named, default=0) <= len(items)
    if fmt == "statement-reason":
        if meaning[0] == "two" and len(items) == 2:
            items[0]["correct"], items[1]["correct"] = bool(meaning[1]), bool(meaning[2])
            question["explains"] = bool(meaning[3])
            return True
        if meaning[0] == "three" and len(items) == 3:
            case = meaning[1]
            second, third, explains = {
                "both-explain": (True, True, [True, True]),
                "both-one-explains": (True, True, [True, False]),
                "both-none-explain": (True, True, [False, False]),
                "one-explains": (True, False, [True, False]),
                "neither": (False, False, [False, False]),
            }[case]
            items[1]["correct"], items[2]["correct"] = second, third
            question["explains"] = explains
            return case in ("both-explain", "both-none-explain", "neither")
        return False
    return False  # a count: which items, the answer does not say
