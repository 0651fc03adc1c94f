"""Apply a teacher's review decisions (review.csv) to the responses scan read (responses.csv).

review.csv has a row per doubt: `id,file,page,name,roll,question,read,decision,reason,crop`.
`question` is the question's number on the student's sheet (their series), empty for a
problem with the whole page. The teacher fills `decision`:

- for a question: a letter (`B`), several letters (`AB`: a multiple mark), or `blank`;
- for a page problem: a series letter, which replaces the sheet's series (a sheet whose
  series bubble disagrees with its QR code, or had none); other page problems are fixed in
  responses.csv itself (a name, a roll number), or by scanning the page again;
- nothing: still pending. The answer stays `?` and `score` refuses it (or, with
  `--pending blank`, scores it as blank and lists the student).

A review row finds its sheet by file and page, else by roll number. A decision that names no
sheet or no question, an invalid decision, or two different decisions for one answer is a
problem naming the review.csv line; no decision is applied unless all of them can be.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import responses
from .responses import Responses, Row
from .tables import CsvError, Problem, records, shown

#: review.csv's columns; decision and question are required, file/page or roll find the sheet.
COLUMNS = ("id", "file", "page", "name", "roll", "question", "read", "decision", "reason", "crop")
BLANK = "blank"


class ReviewError(CsvError):
    """Decisions that cannot be applied; each problem names its file and line."""


@dataclass(frozen=True)
class Decision:
    """One review row with a decision, as read."""

    line: int
    file: str
    page: str
    roll: str
    question: str
    decision: str


def apply_review(
    responses_text: str,
    review_text: str,
    *,
    responses_name: str = "responses.csv",
    review_name: str = "review.csv",
) -> str:
    """responses.csv's text with every decision of review.csv applied (formula-safe CSV).

    Raises ReviewError listing every problem (naming review.csv's lines) and applies nothing
    then; a responses text that cannot be read raises CsvError naming its own lines.
    """
    table = responses.parse(responses_text, name=responses_name)
    apply_decisions(table, review_text, review_name=review_name)
    return table.text()


def apply_decisions(table: Responses, review_text: str, *, review_name: str = "review.csv") -> None:
    """Write review.csv's decisions into a parsed responses table (all of them, or none)."""
    index = _Index(table)
    problems: list[Problem] = []
    changes: dict[tuple[int, int], tuple[str, int]] = {}  # (row, column) -> (value, line)
    rows = {id(row): row for row in table.rows}
    for d in _decisions(review_text, review_name):
        found = index.find(d)
        if isinstance(found, str):
            problems.append(Problem(review_name, d.line, found))
            continue
        row, at = found
        target = _target(table, d)
        if isinstance(target, str):
            problems.append(Problem(review_name, d.line, f"{target} ({at})"))
            continue
        column, value = target
        earlier = changes.setdefault((id(row), column), (value, d.line))
        if earlier[0] != value:
            problems.append(
                Problem(
                    review_name,
                    d.line,
                    f"decides '{shown(value) or BLANK}' where line {earlier[1]} decided "
                    f"'{shown(earlier[0]) or BLANK}' ({at})",
                )
            )
    if problems:
        raise ReviewError(sorted(problems, key=lambda p: p.line))
    for (row_id, column), (value, _) in changes.items():
        rows[row_id].cells[column] = value


def _decisions(text: str, name: str) -> list[Decision]:
    """The rows of review.csv that carry a decision (ReviewError for a header it cannot use)."""
    rows = records(text, name=name)
    first = next(rows, None)
    if first is None:
        return []
    line, header = first
    columns = {h.strip().lower(): i for i, h in enumerate(header)}
    missing = [c for c in ("question", "decision") if c not in columns]
    if missing or not ({"file", "page"} <= set(columns) or "roll" in columns):
        raise ReviewError(
            [
                Problem(
                    name,
                    line,
                    "the header must name the columns " + ",".join(COLUMNS),
                )
            ]
        )

    def cell(cells: list[str], column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    found = []
    for line, cells in rows:
        decision = cell(cells, "decision")
        if decision:
            found.append(
                Decision(
                    line,
                    cell(cells, "file"),
                    cell(cells, "page"),
                    cell(cells, "roll"),
                    cell(cells, "question"),
                    decision,
                )
            )
    return found


class _Index:
    """The rows of a responses table by (file, page) and by roll number."""

    def __init__(self, table: Responses) -> None:
        self.table = table
        self.by_page: dict[tuple[str, str], Row] = {}
        self.by_roll: dict[str, list[Row]] = {}
        for row in table.rows:
            file, page = table.get(row, "file"), _page(table.get(row, "page"))
            if file:
                self.by_page.setdefault((file, page), row)
            roll = table.get(row, "roll")
            if roll and responses.PENDING not in roll:
                self.by_roll.setdefault(roll, []).append(row)

    def find(self, d: Decision) -> tuple[Row, str] | str:
        """The row a decision is for, and how to name it; or why there is none."""
        if d.file:
            row = self.by_page.get((d.file, _page(d.page)))
            if row is not None:
                return row, f"{shown(d.file)} page {shown(d.page or '1')}"
        if d.roll:
            rows = self.by_roll.get(d.roll, [])
            if len(rows) == 1:
                return rows[0], f"roll {shown(d.roll)}"
            if len(rows) > 1:
                lines = ", ".join(str(r.line) for r in rows[:5])
                return (
                    f"roll number {shown(d.roll)} is on several sheets ({self.table.name} "
                    f"lines {lines}); give the file and page"
                )
        where = " ".join(
            part
            for part in (
                f"file {shown(d.file)}" if d.file else "",
                f"page {shown(d.page)}" if d.page else "",
                f"roll {shown(d.roll)}" if d.roll else "",
            )
            if part
        )
        return f"no sheet in {self.table.name} for {where or 'a row with no file, page or roll'}"


def _page(page: str) -> str:
    """A page number compared as a number ("01" is page 1); no page is page 1."""
    return str(int(page)) if page.isdigit() and len(page) < 9 else (page or "1")


def _target(table: Responses, d: Decision) -> tuple[int, str] | str:
    """The column a decision writes and the value it writes there; or why it cannot."""
    if not d.question:  # a page problem: a series letter is the only decision it takes
        letter = d.decision.upper()
        if letter in ("A", "B", "C", "D") and "series" in table.named:
            return table.named["series"], letter
        return (
            f"decision '{shown(d.decision)}' for a page problem: write the sheet's series "
            "letter (A-D), or correct the name or roll number in responses.csv itself"
        )
    number = responses.QUESTION.fullmatch(d.question)
    count = len(table.questions)
    if not number or not 1 <= int(number.group(1)) <= count:
        return (
            f"question '{shown(d.question)}' does not exist: the sheets have questions 1 to {count}"
        )
    if d.decision.lower() == BLANK:
        value = ""
    else:
        read = responses.answer(d.decision)
        if read is None or read in ("", responses.PENDING):
            return (
                f"decision '{shown(d.decision)}' for question {int(number.group(1))}: write a "
                f"letter A-D, several letters (AB) for a multiple mark, or '{BLANK}'"
            )
        value = read
    return table.questions[int(number.group(1)) - 1], value
