"""Tables in questions: column headings and rows of two or three cells.

Real papers set pairs under column headings ("Plant | Description") and rows of three
cells ("Organization | Some of its functions | It works under", then "In how many of the
above rows is the information correctly matched?"). A source writes them with the
question's `columns` (two or three headings) and its `pairs`, one pair a row: `left`,
`middle` (the third cell of a three-column row) and `right`. The booklet prints a real
table with the headings; the key reads the rows like pairs.

`table/cells` (error): every row has one cell a column.
    passes: "columns": ["Organization", "Functions", "Works under"],
            "pairs": [{"left": "ED", "middle": "FEO Act", "right": "MHA", "correct": false}]
    fails:  the same columns, a pair without "middle" -> row 1 has 2 cells but the table
            has 3 columns; give it a "middle" cell
    fails:  "middle" with two columns -> a "middle" cell needs three headings in "columns"
`table/empty-cell` (error): a cell or heading left as "—", "-" or "..."; every cell holds text.
`table/hindi-columns` (error): the Hindi has as many column headings as the English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule

NEEDS = ("questions",)

RULES = (
    Rule("table/cells", Severity.ERROR, "Every row of a table has one cell a column"),
    Rule("table/empty-cell", Severity.ERROR, "No table cell or heading is left as a dash"),
    Rule(
        "table/hindi-columns",
        Severity.ERROR,
        "The Hindi table has as many column headings as the English",
    ),
)

#: A cell that says nothing: dashes, ellipses, "n/a".
EMPTY = re.compile(r"[\s\u2010-\u2015\-–—.…_/]*|n/?a", re.IGNORECASE)


def empty(text: str) -> bool:
    return len(text) <= 12 and EMPTY.fullmatch(text) is not None


def check(source: Source, context: Context) -> Iterator[Problem]:
    questions = source.data.get("questions")
    for q_index, question in enumerate(questions if isinstance(questions, list) else []):
        if isinstance(question, dict):  # a broken one is the schema's to report
            yield from _question(question, f"/questions/{q_index}")


def _list(value: Any, kind: type) -> list[Any]:
    return [v for v in value if isinstance(v, kind)] if isinstance(value, list) else []


def _question(question: dict[str, Any], base: str) -> Iterator[Problem]:
    columns = _list(question.get("columns"), str)
    pairs = _list(question.get("pairs"), dict)
    yield from _cells(columns, pairs, base)
    hindi = question.get("hi") if isinstance(question.get("hi"), dict) else None
    if hindi is None:
        return
    hi_columns = _list(hindi.get("columns"), str)
    if columns and hi_columns and len(hi_columns) != len(columns):
        yield Problem(
            "table/hindi-columns",
            f"{base}/hi/columns",
            f"the Hindi table has {len(hi_columns)} column headings, the English {len(columns)}; "
            "translate each heading, in the English order",
        )
    yield from _cells(hi_columns, _list(hindi.get("pairs"), dict), f"{base}/hi", english=pairs)


def _cells(
    columns: list[str],
    pairs: list[dict[str, Any]],
    base: str,
    english: list[dict[str, Any]] | None = None,
) -> Iterator[Problem]:
    for index, heading in enumerate(columns):
        if empty(heading):
            yield Problem(
                "table/empty-cell",
                f"{base}/columns/{index}",
                f'column heading {index + 1} is "{heading}"; write the heading the paper prints',
            )
    three = len(columns) == 3
    for index, pair in enumerate(pairs):
        where = f"{base}/pairs/{index}"
        for side in ("left", "middle", "right"):
            text = pair.get(side)
            if isinstance(text, str) and empty(text):
                yield Problem(
                    "table/empty-cell",
                    f"{where}/{side}",
                    f'row {index + 1}\'s {side} cell is "{text}"; every cell holds text: '
                    "write the row with the pair's left, middle and right cells",
                )
        if english is not None:
            has_middle = "middle" in english[index] if index < len(english) else False
            if has_middle and "middle" not in pair:
                yield Problem(
                    "table/cells",
                    where,
                    f"row {index + 1} has a middle cell in English but not in Hindi; "
                    'translate it as "middle"',
                )
            continue
        if three and "middle" not in pair:
            yield Problem(
                "table/cells",
                where,
                f'row {index + 1} has 2 cells but the table has 3 columns; give it a "middle" cell',
            )
        elif not three and "middle" in pair:
            yield Problem(
                "table/cells",
                f"{where}/middle",
                'a "middle" cell needs three headings in "columns" (the question has '
                f"{len(columns) or 'no'} column headings)",
            )
