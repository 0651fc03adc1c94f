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
from collections.abc import Sequence
from typing import Any

from ...model import Question
from .bilingual import word
from .measure import text_width

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


#: The measure of a question's text on A4 (the narrower paper): 210 mm less the page margins
#: (2 x 17 mm) and the question's indent for its number (8 mm).
QUESTION_MM = 210 - 2 * 17 - 8
#: What an option's box keeps beside its text: the letter "(a)" (7 mm) and, on its right, a
#: gap no neighbour may cross (3 mm), plus 2 mm for kerning and shaping the measure ignores.
OPTION_BOX_MM = 7 + 3 + 2
QUARTER_MM = QUESTION_MM / 4 - OPTION_BOX_MM
HALF_MM = QUESTION_MM / 2 - OPTION_BOX_MM


def option_layout(texts: list[str]) -> str:
    """'row' (all four on one line), 'grid' (2 x 2) or 'list' (one per line).

    Decided on the printed width (render/measure.py): an option wider than its quarter of
    the line sends the block to 2 x 2; one wider than its half, to one per line.
    """
    widest = max((text_width(t) for t in texts), default=0.0)
    if widest <= QUARTER_MM:
        return "row"
    if widest <= HALF_MM:
        return "grid"
    return "list"


def _lines(text: str, width: int = LINE_CHARS) -> int:
    return max(1, math.ceil(len(text) / width))


_ROMAN_CODE = re.compile(r"\b(?:I{1,3}|IV|VI{0,3}|IX)\b")
_CODE_PROMPT = re.compile(
    r"^\s*select the correct answer using the code given below\s*[.:]?\s*$", re.I
)


def numbered_in_roman(question: Question, paper: bool = False) -> bool:
    """Whether the items are numbered I, II, III: as the options name them ("I and II only",
    as since 2024); a count question or a table, whose options name no item, as the rest of
    its paper (`paper`: see roman_paper)."""
    if question.format == "single":
        return False
    if question.format in CODE_FORMATS:
        return any(
            _ROMAN_CODE.search(o.text) and not re.search(r"\d", o.text) for o in question.options
        )
    return paper


def roman_paper(questions: Sequence[Question]) -> bool:
    """Whether a paper numbers its items in Roman: any code question's options do."""
    return any(q.format in CODE_FORMATS and numbered_in_roman(q) for q in questions)


def label(question: Question, number: int, roman: bool = False) -> str:
    """How item `number` is printed: "2." or "II.", the way the options refer to it."""
    return f"{ROMAN_LABELS[number - 1]}." if numbered_in_roman(question, roman) else f"{number}."


def items_of(question: Question, lang: str = "en", roman: bool = False) -> list[dict[str, str]]:
    """The numbered items as printed: label and text (pairs as left : right)."""
    if question.format == "statement-reason":
        said = word("statement", lang)
        return [
            {"label": f"{said}-{ROMAN_LABELS[i]}:", "text": s.text}
            for i, s in enumerate(question.statements)
        ]
    return [
        {"label": label(question, i, roman), "text": s.text}
        for i, s in enumerate(question.statements, 1)
    ]


def pairs_of(question: Question, roman: bool = False) -> list[dict[str, str]]:
    return [
        {"number": label(question, i, roman), "left": p.left, "right": p.right}
        for i, p in enumerate(question.pairs, 1)
    ]


def table_of(question: Question, roman: bool = False) -> dict[str, Any] | None:
    """The pairs as a table under the question's column headings, or None without them.

    Each row: its number as the options name it, then two or three cells.
    """
    columns = question.columns
    if not columns or not question.pairs:
        return None
    rows = []
    for i, p in enumerate(question.pairs, 1):
        middle = [p.middle or ""] if len(columns) == 3 else []
        rows.append({"number": label(question, i, roman), "cells": [p.left, *middle, p.right]})
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


def question_body(question: Question, lang: str = "en", *, roman: bool = False) -> dict[str, Any]:
    """What a student sees of one question: stem, items, prompt, options. Never an answer.

    question is already in lang (Question.localized); lang picks the printed labels; `roman`
    numbers the items of count questions in Roman, as the rest of the paper (roman_paper).
    A prompt that is only UPSC's code line prints as the code line.
    """
    options = [{"letter": option_letter(o.label), "text": o.text} for o in question.options]
    prompt, code = question.prompt, code_line(question, lang)
    if prompt and _CODE_PROMPT.match(prompt):
        prompt, code = None, prompt
    body: dict[str, Any] = {
        "id": question.id,
        "format": question.format,
        "stem": question.stem,
        "prompt": prompt,
        "lang": lang,
        "code_line": code,
        "items": items_of(question, lang, roman),
        "pairs": pairs_of(question, roman),
        "table": table_of(question, roman),
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
