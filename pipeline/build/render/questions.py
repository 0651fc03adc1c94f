"""How one question is laid out on a booklet page, decided in Python before rendering.

- Options short enough print in one row (a)-(d) or 2 x 2, as UPSC prints them; longer ones
  one per line with wrapped lines aligned under the first.
- Code questions carry UPSC's line "Select the correct answer using the code given below:".
- A question that fits comfortably on a page is never split; a long one may break between
  its statements or pairs (never inside one), with the stem kept with the first item and the
  prompt and options kept with the last, so no page is left mostly empty for it.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ...model import Question
from .bilingual import word

ROMAN_LABELS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
CODE_LINE = "Select the correct answer using the code given below:"
CODE_FORMATS = ("statements", "pairs")
#: Characters on one printed line of question text (10 pt Noto Serif, 174 mm measure).
LINE_CHARS = 92
#: Lines a page of questions holds; a question estimated longer than LONG_SHARE of it may
#: break between items rather than leave the page part-empty.
PAGE_LINES = 56
LONG_SHARE = 0.33


def option_letter(label: str) -> str:
    """UPSC prints options as (a)-(d)."""
    return f"({label.lower()})"


#: Characters an option may have to fit its quarter of a line (a row of four) or its half
#: (2 x 2), with room to spare: options in a row never touch.
QUARTER_CHARS = 15
HALF_CHARS = 34


def option_layout(texts: list[str]) -> str:
    """'row' (all four on one line), 'grid' (2 x 2) or 'list' (one per line).

    An option that does not fit its quarter sends the block to 2 x 2; one that does not
    fit its half, to one per line.
    """
    longest = max((len(t) for t in texts), default=0)
    if longest <= QUARTER_CHARS:
        return "row"
    if longest <= HALF_CHARS:
        return "grid"
    return "list"


def _lines(text: str, width: int = LINE_CHARS) -> int:
    return max(1, math.ceil(len(text) / width))


_ROMAN_CODE = re.compile(r"\b(?:I{1,3}|IV|VI{0,3}|IX)\b")


def numbered_in_roman(question: Question) -> bool:
    """Whether the options name items in Roman numerals ("I and II only"), as since 2024."""
    return question.format != "single" and any(
        _ROMAN_CODE.search(o.text) and not re.search(r"\d", o.text) for o in question.options
    )


def label(question: Question, number: int) -> str:
    """How item `number` is printed: "2." or "II.", the way the options refer to it."""
    return f"{ROMAN_LABELS[number - 1]}." if numbered_in_roman(question) else f"{number}."


def items_of(question: Question, lang: str = "en") -> list[dict[str, str]]:
    """The numbered items as printed: label and text (pairs as left : right)."""
    if question.format == "statement-reason":
        said = word("statement", lang)
        return [
            {"label": f"{said}-{ROMAN_LABELS[i]}:", "text": s.text}
            for i, s in enumerate(question.statements)
        ]
    return [
        {"label": label(question, i), "text": s.text} for i, s in enumerate(question.statements, 1)
    ]


def pairs_of(question: Question) -> list[dict[str, str]]:
    return [
        {"number": label(question, i), "left": p.left, "right": p.right}
        for i, p in enumerate(question.pairs, 1)
    ]


def table_of(question: Question) -> dict[str, Any] | None:
    """The pairs as a table under the question's column headings, or None without them.

    Each row: its number as the options name it, then two or three cells.
    """
    columns = question.columns
    if not columns or not question.pairs:
        return None
    rows = []
    for i, p in enumerate(question.pairs, 1):
        middle = [p.middle or ""] if len(columns) == 3 else []
        rows.append({"number": label(question, i), "cells": [p.left, *middle, p.right]})
    return {"columns": list(columns), "rows": rows}


def code_line(question: Question, lang: str = "en") -> str | None:
    """UPSC's instruction for code questions, unless the stem or prompt already has it."""
    if question.format not in CODE_FORMATS:
        return None
    said = f"{question.stem} {question.prompt or ''}".lower()
    return None if "code given below" in said or "कूट" in said else word("code_line", lang)


def estimated_lines(body: dict[str, Any]) -> int:
    """A printed height in lines: enough to tell a short question from a long one."""
    lines = _lines(body["stem"])
    width = LINE_CHARS - (18 if body["format"] == "statement-reason" else 6)
    lines += sum(_lines(item["text"], width) for item in body["items"])
    if body["table"]:
        width = (LINE_CHARS - 10) // len(body["table"]["columns"])
        lines += 1 + sum(
            max(_lines(cell, width) for cell in row["cells"]) for row in body["table"]["rows"]
        )
    else:
        lines += sum(_lines(f"{p['left']} {p['right']}", LINE_CHARS - 10) for p in body["pairs"])
    lines += _lines(body["prompt"]) if body["prompt"] else 0
    lines += 1 if body["code_line"] else 0
    texts = [o["text"] for o in body["options"]]
    layout = body["option_layout"]
    lines += {"row": 1, "grid": 2}.get(layout, sum(_lines(t, LINE_CHARS - 8) for t in texts))
    return lines + 1  # the space between questions


def question_body(question: Question, lang: str = "en") -> dict[str, Any]:
    """What a student sees of one question: stem, items, prompt, options. Never an answer.

    question is already in lang (Question.localized); lang picks the printed labels.
    """
    options = [{"letter": option_letter(o.label), "text": o.text} for o in question.options]
    body: dict[str, Any] = {
        "id": question.id,
        "format": question.format,
        "stem": question.stem,
        "prompt": question.prompt,
        "lang": lang,
        "code_line": code_line(question, lang),
        "items": items_of(question, lang),
        "pairs": pairs_of(question),
        "table": table_of(question),
        "options": options,
        "option_layout": option_layout([o["text"] for o in options]),
    }
    body["lines"] = estimated_lines(body)
    body["long"] = (
        body["lines"] > PAGE_LINES * LONG_SHARE
        and len(body["items"] or body["pairs"]) > 2
        and not body["table"]
    )
    return body
