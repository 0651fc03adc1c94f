"""`python -m pipeline score KEY.json RESPONSES.csv`: mark a class with UPSC's negative marking.

RESPONSES.csv has a header row `name,roll,series,1,2,...`: one row per student, the
series letter they wrote (blank for a single-series test), and their answer to each
question in that series' order: a letter A-D, blank for no answer, or several letters
("AB") when more than one bubble was filled. A right answer earns the marks per
question; a wrong or multiply marked answer loses the penalty; a blank costs nothing.
Writes scores.csv and summary.pdf (score distribution, share answering each question right).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build import workers
from ..diagnostics import Diagnostic, UsageError, clean
from ..model import AnswerKey
from ..options import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT


class ScoreError(ValueError):
    """A response sheet that cannot be scored; the message says where and why."""


@dataclass
class Student:
    name: str
    roll: str
    series: str
    correct: int = 0
    wrong: int = 0
    multiple: int = 0
    blank: int = 0
    score: float = 0.0
    right_questions: list[str] = field(default_factory=list)
    #: question id -> what was marked: "A".."D", "" (blank) or several letters ("AB")
    choices: dict[str, str] = field(default_factory=dict)


#: Limits of what score reads: a key of a real test, a class of students.
MAX_KEY_BYTES = 2 * 1024 * 1024
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_QUESTIONS = 400
MAX_STUDENTS = 5000


def load_key(path: Path) -> AnswerKey:
    """An answer-key.json written by a build, checked: a tampered key is refused, never run."""
    try:
        if path.stat().st_size > MAX_KEY_BYTES:
            raise ScoreError(f"is larger than {MAX_KEY_BYTES:,} bytes; not a key a build wrote")
        key: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"{path}: {err.strerror or err}") from err
    except (ValueError, ScoreError) as err:
        raise UsageError(f"{path}: not an answer-key.json written by a build ({err})") from err
    problem = key_problem(key)
    if problem:
        raise UsageError(f"{path}: not an answer-key.json written by a build: {problem}")
    return AnswerKey.from_json(key)


def key_problem(key: Any) -> str | None:
    """What is wrong with a key's shape and values, or None."""
    if not isinstance(key, dict) or not {"series", "marks", "questions", "title"} <= set(key):
        return "it needs title, marks, questions and series"
    marks, questions, series = key["marks"], key["questions"], key["series"]
    if not isinstance(marks, dict):
        return "marks is not an object"
    for name in ("per_question", "penalty"):
        value = marks.get(name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
            or value > 100
        ):
            return f"marks.{name} must be a number from 0 to 100, not {json.dumps(value)[:20]}"
    if not isinstance(questions, list) or not 0 < len(questions) <= MAX_QUESTIONS:
        return f"questions must list 1 to {MAX_QUESTIONS} question ids"
    if not isinstance(series, dict) or not 0 < len(series) <= 4 or not set(series) <= set("ABCD"):
        return "series must map one to four letters A-D to their answers"
    for letter, rows in series.items():
        if not isinstance(rows, list) or len(rows) != len(questions):
            return f"series {letter} must give one answer per question"
        for row in rows:
            if (
                not isinstance(row, dict)
                or row.get("answer") not in ("A", "B", "C", "D")
                or row.get("question") not in questions
            ):
                return f"series {letter} has an entry that is not a question id with an answer A-D"
    return None


def read_responses(path: Path) -> str:
    """The CSV's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as spreadsheets save."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ScoreError(f"line 1: the file is larger than {MAX_CSV_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"{path}: {err.strerror or err}") from err
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ScoreError(
                "line 1: the file says UTF-16 but is not; save it as CSV UTF-8"
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ScoreError(
            f"line {line}: byte 0x{raw[err.start]:02x} is not UTF-8; save the file as CSV UTF-8 (not Latin-1 or Windows-1252)"
        ) from None


def score_rows(key: AnswerKey, text: str) -> list[Student]:
    """Score every row of a responses CSV against the key."""
    per_question, penalty = key.per_question, key.penalty
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or [h.strip().lower() for h in header[:3]] != ["name", "roll", "series"]:
        raise ScoreError("line 1: the header must start with name,roll,series")
    students: list[Student] = []
    default_series = "A" if len(key.series) == 1 else None
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(students) >= MAX_STUDENTS:
            raise ScoreError(f"line {line}: more than {MAX_STUDENTS:,} students in one file")
        name, roll, series = (row + ["", "", ""])[:3]
        series = series.strip().upper() or (default_series or "")
        if series not in key.series:
            raise ScoreError(
                f"line {line}: series '{series}' is not one of {', '.join(key.series)}"
            )
        answers = key.series[series]
        given = row[3:]
        if len(given) > len(answers):
            raise ScoreError(f"line {line}: {len(given)} answers for {len(answers)} questions")
        student = Student(name.strip(" "), roll.strip(" "), series)
        for position, entry in enumerate(answers):
            cell = given[position].strip().upper() if position < len(given) else ""
            letters = set(re.sub(r"[\s,;/|]+", "", cell))
            student.choices[entry.question] = "".join(sorted(letters))
            if not letters:
                student.blank += 1
            elif not letters <= set("ABCD"):
                raise ScoreError(
                    f"line {line}, question {position + 1}: '{cell}' is not A, B, C or D"
                )
            elif len(letters) > 1:
                student.multiple += 1
            elif letters == {entry.answer}:
                student.correct += 1
                student.right_questions.append(entry.question)
            else:
                student.wrong += 1
        student.score = round(
            student.correct * per_question - (student.wrong + student.multiple) * penalty, 2
        )
        students.append(student)
    return students


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def scores_csv(students: list[Student], maximum: float) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["name", "roll", "series", "correct", "wrong", "multiple", "blank", "score", "max"]
    )
    for s in students:
        writer.writerow(
            [
                spreadsheet_safe(s.name),
                spreadsheet_safe(s.roll),
                s.series,
                s.correct,
                s.wrong,
                s.multiple,
                s.blank,
                f"{s.score:.2f}",
                f"{maximum:g}",
            ]
        )
    return out.getvalue()


def summary_view(key: AnswerKey, students: list[Student]) -> dict[str, Any]:
    """Scores in bands (negative ones in their own), and per question the share choosing each
    option, the right one marked (distractor analysis)."""
    per_question = key.per_question
    maximum = per_question * len(key.questions)
    bands = 10
    counts = [0] * bands
    below = 0
    for s in students:
        if s.score < 0:
            below += 1  # never clamped to 0: a class guessing wildly should show it
            continue
        share = s.score / maximum if maximum else 0.0
        counts[min(bands - 1, int(share * bands))] += 1
    top = max([*counts, below]) or 1
    step = maximum / bands
    distribution = [
        {"label": "below 0", "count": below, "width": round(100 * below / top, 1), "negative": True}
    ]
    distribution += [
        {
            "label": f"{i * step:g}–{(i + 1) * step:g}",
            "count": c,
            "width": round(100 * c / top, 1),
            "negative": False,
        }
        for i, c in enumerate(counts)
    ]
    answers = {row.question: row.answer for rows in key.series.values() for row in rows}
    questions = []
    for number, question in enumerate(key.questions, 1):
        right = sum(question in s.right_questions for s in students)
        share = right / len(students) if students else 0.0
        chosen = [s.choices.get(question, "") for s in students]
        options = []
        for letter in "ABCD":
            picked = sum(c == letter for c in chosen)
            options.append(
                {
                    "letter": f"({letter.lower()})",
                    "share": f"{picked / len(students):.0%}" if students else "0%",
                    "right": letter == answers.get(question),
                }
            )
        questions.append(
            {
                "number": number,
                "id": question,
                "right": right,
                "share": f"{share:.0%}",
                "width": round(100 * share, 1),
                "options": options,
                "blank": f"{sum(c == '' for c in chosen) / len(students):.0%}"
                if students
                else "0%",
                "multiple": sum(len(c) > 1 for c in chosen),
            }
        )
    scores = sorted(s.score for s in students)
    mean = sum(scores) / len(scores) if scores else 0.0
    median = (
        (
            scores[len(scores) // 2]
            if len(scores) % 2
            else sum(scores[len(scores) // 2 - 1 : len(scores) // 2 + 1]) / 2
        )
        if scores
        else 0.0
    )
    return {
        "meta": {
            "title": f"{key.title} — Class results",
            "subject": "Class results",
            "keywords": "",
            "date": None,
            "short_title": key.title,
            "document": "Class results",
        },
        "series": None,
        "title": key.title,
        "class_name": key.class_name,
        "date": key.date,
        "students": len(students),
        "maximum": f"{maximum:g}",
        "mean": f"{mean:.2f}",
        "median": f"{median:.2f}",
        "highest": f"{scores[-1]:.2f}" if scores else "—",
        "lowest": f"{scores[0]:.2f}" if scores else "—",
        "distribution": distribution,
        "questions": questions,
        "penalty": f"{key.penalty:g}",
        "per_question": f"{per_question:g}",
    }


def score_command(key_path: Path, responses: Path, out: Path | None) -> int:
    from ..build.outputs import write_atomically
    from ..build.render.environment import render_html
    from ..build.render.pdf import render_pdf

    key = load_key(key_path)
    try:
        students = score_rows(key, read_responses(responses))
    except ScoreError as err:
        print(f"{responses}:{err}", file=sys.stderr)
        return 1
    folder = out or responses.parent
    maximum = key.per_question * len(key.questions)
    write_atomically(folder / "scores.csv", scores_csv(students, maximum).encode("utf-8"))

    def summary(started: object) -> list[Diagnostic]:
        html = render_html("score-summary.html", summary_view(key, students), paper="a4")
        pdf = render_pdf(html, paper="a4", identifier=b"s" * 32, epoch=0).pdf
        write_atomically(folder / "summary.pdf", pdf)
        return []

    # The summary renders in a worker with the build's time and memory limits.
    task = workers.Task("summary", str(responses), summary)
    outcome = workers.run([task], jobs=1, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB)
    if not outcome[0].ok:
        for d in outcome[0].diagnostics:
            print(f"{clean(d.file)}: {d.rule}: {clean(d.message)}", file=sys.stderr)
        return 1
    print(f"scored {len(students)} students: {folder / 'scores.csv'}, {folder / 'summary.pdf'}")
    return 0
