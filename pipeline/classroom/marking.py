"""Mark a class with UPSC's negative marking: a responses table and the key in, students out.

responses.csv (see `responses.py`) has a row per student: the series they wrote and their answer
to each question in that series' order. A right answer earns the marks per question; a wrong or
multiply marked answer loses the penalty; a blank costs nothing. A `?` is a doubt still pending
review: it is refused (naming the students and questions) unless the teacher says to score it
as blank, and then each such student is listed. Every answer is also kept in the master's
numbering and option letters, for the item analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import AnswerKey
from . import responses
from .responses import Responses
from .tables import CsvError, Figure, Problem, csv_text, shown

#: Limits of one class: names and rolls a sheet or a register holds.
MAX_STUDENTS = 5000
MAX_NAME = 200
MAX_ROLL = 64


class ScoreError(CsvError):
    """Responses that cannot be scored; each problem names the file and line."""


@dataclass
class Student:
    line: int
    name: str
    roll: str
    series: str
    file: str = ""
    page: str = ""
    correct: int = 0
    wrong: int = 0
    multiple: int = 0
    blank: int = 0
    score: float = 0.0
    #: question numbers on the student's sheet still pending review (scored as blank)
    pending: list[int] = field(default_factory=list)
    #: master question id -> what was marked, in the master's letters: "A".."D", "" or "AB"
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def attempted(self) -> int:
        return self.correct + self.wrong + self.multiple

    @property
    def accuracy(self) -> float | None:
        """Right answers among those attempted (negative marking makes this differ from score)."""
        return self.correct / self.attempted if self.attempted else None

    @property
    def label(self) -> str:
        """The student as a message names them."""
        parts = [shown(self.name)] if self.name else []
        if self.roll:
            parts.append(f"(roll {shown(self.roll)})")
        return " ".join(parts) or "(no name or roll)"


def marks_for(key: AnswerKey, correct: int, wrong: int) -> float:
    """The score, in hundredths exactly: 2 marks a right answer, 0.66 lost a wrong one."""
    hundredths = correct * round(key.per_question * 100) - wrong * round(key.penalty * 100)
    return hundredths / 100


def score_table(key: AnswerKey, table: Responses) -> list[Student]:
    """Score every row of a responses table; ScoreError lists every cell that cannot be scored.

    `?` cells are recorded in Student.pending and counted as blank; the caller decides
    whether pending doubts may be scored.
    """
    count = len(key.questions)
    problems: list[Problem] = []
    if len(table.questions) != count:
        raise ScoreError(
            [
                Problem(
                    table.name,
                    table.rows[0].line - 1 if table.rows else 1,
                    f"{len(table.questions)} answer columns, but the key has {count} questions: "
                    "is this the key of this test?",
                )
            ]
        )
    if len(table.rows) > MAX_STUDENTS:
        raise ScoreError(
            [
                Problem(
                    table.name,
                    table.rows[MAX_STUDENTS].line,
                    f"more than {MAX_STUDENTS:,} students",
                )
            ]
        )
    default = next(iter(key.series)) if len(key.series) == 1 else ""
    students = []
    for row in table.rows:
        student = Student(
            row.line,
            table.get(row, "name"),
            table.get(row, "roll"),
            table.get(row, "series").upper() or default,
            table.get(row, "file"),
            table.get(row, "page"),
        )
        found = _score_row(key, table, row, student)
        problems += found
        if not found:
            students.append(student)
    if problems:
        raise ScoreError(problems)
    return students


def _score_row(key: AnswerKey, table: Responses, row: responses.Row, s: Student) -> list[Problem]:
    def problem(message: str) -> list[Problem]:
        return [Problem(table.name, row.line, message)]

    if not s.roll and not any(c.strip() for c in table.answers(row)):
        return problem(
            "no roll number and no answers: a line broken by a line break inside a name?"
        )
    if len(s.name) > MAX_NAME or len(s.roll) > MAX_ROLL:
        return problem(f"a name over {MAX_NAME} or a roll number over {MAX_ROLL} characters")
    if s.series not in key.series:
        return problem(
            f"series '{shown(s.series)}' is not one of {', '.join(key.series)}"
            + (" (the series column is empty)" if not s.series else "")
        )
    problems: list[Problem] = []
    for number, (entry, cell) in enumerate(
        zip(key.series[s.series], table.answers(row), strict=True), 1
    ):
        read = responses.answer(cell)
        if read is None:
            problems += problem(
                f"question {number}: '{shown(cell.strip())}' is not A, B, C or D "
                "(several letters for a multiple mark, ? for a doubt)"
            )
            continue
        if read == responses.PENDING:
            s.pending.append(number)
            read = ""
        s.choices[entry.question] = entry.master(read)
        if not read:
            s.blank += 1
        elif len(read) > 1:
            s.multiple += 1
        elif read == entry.answer:
            s.correct += 1
        else:
            s.wrong += 1
    s.score = marks_for(key, s.correct, s.wrong + s.multiple)
    return problems


def roll_warnings(table: Responses, students: list[Student]) -> list[Problem]:
    """Roll numbers a teacher should correct in responses.csv: unread digits, or one roll twice."""
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for s in students:
        if responses.PENDING in s.roll:
            found.append(
                Problem(
                    table.name,
                    s.line,
                    f"{s.label}: the roll number has unread digits; correct it in responses.csv",
                )
            )
        elif s.roll and s.roll in seen:
            found.append(
                Problem(
                    table.name,
                    s.line,
                    f"roll number {shown(s.roll)} is also on line {seen[s.roll]}: two sheets of "
                    "one student, or a roll misread?",
                )
            )
        seen.setdefault(s.roll, s.line)
    return found


def pending_problems(table: Responses, students: list[Student]) -> list[Problem]:
    """One problem per student with doubts pending review: who, and which questions."""
    found = []
    for s in students:
        if s.pending:
            numbers = ", ".join(str(n) for n in s.pending[:20])
            more = f" and {len(s.pending) - 20} more" if len(s.pending) > 20 else ""
            found.append(
                Problem(
                    table.name,
                    s.line,
                    f"{s.label}: question{'s' if len(s.pending) > 1 else ''} {numbers}{more} "
                    "still pending review (?)",
                )
            )
    return found


def scores_csv(key: AnswerKey, students: list[Student]) -> str:
    """scores.csv: a row per student in the responses' order, formula-safe."""
    maximum = Figure(f"{key.per_question * len(key.questions):g}")
    return csv_text(
        [
            "name",
            "roll",
            "series",
            "correct",
            "wrong",
            "multiple",
            "blank",
            "score",
            "max",
            "pending",
            "file",
            "page",
        ],
        (
            [
                s.name,
                s.roll,
                s.series,
                s.correct,
                s.wrong,
                s.multiple,
                s.blank,
                Figure(f"{s.score:.2f}"),
                maximum,
                " ".join(str(n) for n in s.pending),
                s.file,
                s.page,
            ]
            for s in students
        ),
    )


def score_rows(key: AnswerKey, text: str, *, name: str = "responses.csv") -> list[Student]:
    """Score a responses CSV text (pending doubts counted as blank, listed in Student.pending)."""
    return score_table(key, responses.parse(text, name=name))
