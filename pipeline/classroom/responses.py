"""responses.csv as a table: columns found by their header names, answer cells checked.

`scan` writes `file,page,name,roll,booklet,series,1,2,...,N`; a teacher's hand-made file may
be just `name,roll,series,1,...`. The answer columns are the ones headed 1 to N (or Q1 to QN),
the question's number in the student's series. An answer cell is a letter A-D, empty for no
mark, several letters ("AB") for a multiple mark, or `?` for a doubt still pending review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .tables import CsvError, Problem, csv_text, records, shown

#: The named columns scan writes (any order; unknown columns are kept and ignored).
NAMED = ("file", "page", "name", "roll", "booklet", "series")
REQUIRED = ("roll", "series")
MAXQUESTIONS = 400
PENDING = "?"
QUESTION = re.compile(r"[Qq]?([0-9]{1,4})")
_SEPARATORS = re.compile(r"[\s,;/|+&]+")


def answer(cell: str) -> str | None:
    """A cell as an answer: "A".."D", several letters sorted ("AB"), "" (blank), "?" (pending);
    None when it is none of these."""
    text = _SEPARATORS.sub("", cell).upper()
    if text == PENDING:
        return PENDING
    letters = set(text)
    if len(text) > 8 or not letters <= set("ABCD"):
        return None
    return "".join(sorted(letters))


@dataclass
class Row:
    """One student's record as read: its line and its cells (padded to the header's width)."""

    line: int
    cells: list[str]


@dataclass
class Responses:
    """A responses table: the header, the rows, where each named and answer column is."""

    name: str  # the file as messages name it
    header: list[str]
    rows: list[Row]
    named: dict[str, int] = field(default_factory=dict)  # column name -> index
    questions: list[int] = field(default_factory=list)  # index of question 1, 2, ...

    def get(self, row: Row, column: str) -> str:
        index = self.named.get(column)
        return row.cells[index].strip() if index is not None else ""

    def answers(self, row: Row) -> list[str]:
        """The row's raw answer cells, question 1 first."""
        return [row.cells[i] for i in self.questions]

    def text(self) -> str:
        """The table as CSV again (formula-safe), every column kept."""
        return csv_text(self.header, (row.cells for row in self.rows))


def parse(text: str, *, name: str = "responses.csv") -> Responses:
    """The table in text; CsvError lists every problem of the header and of the row shapes.

    Answer cells are not judged here (`score` does, knowing the key; review replaces them).
    """
    rows = records(text, name=name)
    first = next(rows, None)
    if first is None:
        raise CsvError([Problem(name, 1, "the file is empty; it needs a header row")])
    line, header = first
    table = Responses(name, [h.strip() for h in header], [])
    problems = _columns(table, line)
    if problems:
        raise CsvError(problems)
    width = len(table.header)
    for line, cells in rows:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append(
                Problem(name, line, f"{len(cells)} cells, but the header names {width} columns")
            )
            continue
        table.rows.append(Row(line, (cells + [""] * width)[:width]))
    if problems:
        raise CsvError(problems)
    return table


def _columns(table: Responses, line: int) -> list[Problem]:
    """Find the named and the answer columns; problems with the header."""
    problems: list[Problem] = []
    numbered: dict[int, int] = {}
    for index, title in enumerate(table.header):
        key = title.lower()
        number = QUESTION.fullmatch(title)
        if key in NAMED:
            if key in table.named:
                problems.append(Problem(table.name, line, f"two columns are headed '{key}'"))
            table.named[key] = index
        elif number:
            n = int(number.group(1))
            if n in numbered:
                problems.append(Problem(table.name, line, f"two columns are headed '{n}'"))
            numbered[n] = index
    missing = [c for c in REQUIRED if c not in table.named]
    if missing:
        problems.append(
            Problem(
                table.name,
                line,
                f"the header has no {' or '.join(missing)} column; it must name the columns "
                "(name,roll,series,1,2,...)",
            )
        )
    if not numbered:
        problems.append(
            Problem(table.name, line, "the header has no answer columns (headed 1, 2, 3, ...)")
        )
    elif max(numbered) > MAXQUESTIONS:
        problems.append(Problem(table.name, line, f"more than {MAXQUESTIONS} answer columns"))
    else:
        gaps = [n for n in range(1, max(numbered) + 1) if n not in numbered]
        if gaps or 0 in numbered:
            problems.append(
                Problem(
                    table.name,
                    line,
                    f"the answer columns must be numbered 1 to {max(numbered)}"
                    + (f"; {gaps[0]} is missing" if gaps else "; 0 is not a question"),
                )
            )
        else:
            table.questions = [numbered[n] for n in range(1, max(numbered) + 1)]
    return problems


def describe(cells: Sequence[str]) -> str:
    """A row named in a message: its name and roll, shortened and made printable."""
    return " ".join(shown(c) for c in cells if c) or "(no name or roll)"
