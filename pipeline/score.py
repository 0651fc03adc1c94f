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
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sources import UsageError


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


def load_key(path: Path) -> dict[str, Any]:
    try:
        key: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        key["series"], key["marks"], key["questions"]  # noqa: B018 - the shape is checked here
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise UsageError(f"{path}: not an answer-key.json written by a build ({err})") from err
    return key


def score_rows(key: dict[str, Any], text: str) -> list[Student]:
    """Score every row of a responses CSV against the key."""
    marks = key["marks"]
    per_question, penalty = float(marks["per_question"]), float(marks["penalty"])
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or [h.strip().lower() for h in header[:3]] != ["name", "roll", "series"]:
        raise ScoreError("line 1: the header must start with name,roll,series")
    students = []
    default_series = "A" if len(key["series"]) == 1 else None
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        name, roll, series = (row + ["", "", ""])[:3]
        series = series.strip().upper() or (default_series or "")
        if series not in key["series"]:
            raise ScoreError(
                f"line {line}: series '{series}' is not one of {', '.join(key['series'])}"
            )
        answers = key["series"][series]
        given = row[3:]
        if len(given) > len(answers):
            raise ScoreError(f"line {line}: {len(given)} answers for {len(answers)} questions")
        student = Student(name.strip(), roll.strip(), series)
        for position, entry in enumerate(answers):
            cell = given[position].strip().upper() if position < len(given) else ""
            letters = set(re.sub(r"[\s,;/|]+", "", cell))
            if not letters:
                student.blank += 1
            elif not letters <= set("ABCD"):
                raise ScoreError(
                    f"line {line}, question {position + 1}: '{cell}' is not A, B, C or D"
                )
            elif len(letters) > 1:
                student.multiple += 1
            elif letters == {entry["answer"]}:
                student.correct += 1
                student.right_questions.append(entry["question"])
            else:
                student.wrong += 1
        student.score = round(
            student.correct * per_question - (student.wrong + student.multiple) * penalty, 2
        )
        students.append(student)
    return students


def scores_csv(students: list[Student], maximum: float) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["name", "roll", "series", "correct", "wrong", "multiple", "blank", "score", "max"]
    )
    for s in students:
        writer.writerow(
            [
                s.name,
                s.roll,
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


def summary_view(key: dict[str, Any], students: list[Student]) -> dict[str, Any]:
    """Distribution of scores in ten bands, and the share answering each question right."""
    per_question = float(key["marks"]["per_question"])
    maximum = per_question * len(key["questions"])
    bands = 10
    counts = [0] * bands
    for s in students:
        share = max(0.0, s.score) / maximum if maximum else 0.0
        counts[min(bands - 1, int(share * bands))] += 1
    top = max(counts) or 1
    step = maximum / bands
    distribution = [
        {"label": f"{i * step:g}–{(i + 1) * step:g}", "count": c, "width": round(100 * c / top, 1)}
        for i, c in enumerate(counts)
    ]
    questions = []
    for number, question in enumerate(key["questions"], 1):
        right = sum(question in s.right_questions for s in students)
        share = right / len(students) if students else 0.0
        questions.append(
            {
                "number": number,
                "id": question,
                "right": right,
                "share": f"{share:.0%}",
                "width": round(100 * share, 1),
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
            "title": f"{key['title']} — Class results",
            "subject": "Class results",
            "keywords": "",
            "date": None,
            "short_title": key["title"],
            "document": "Class results",
        },
        "series": None,
        "title": key["title"],
        "students": len(students),
        "maximum": f"{maximum:g}",
        "mean": f"{mean:.2f}",
        "median": f"{median:.2f}",
        "highest": f"{scores[-1]:.2f}" if scores else "—",
        "lowest": f"{scores[0]:.2f}" if scores else "—",
        "distribution": distribution,
        "questions": questions,
        "penalty": f"{float(key['marks']['penalty']):g}",
        "per_question": f"{per_question:g}",
    }


def score_command(key_path: Path, responses: Path, out: Path | None) -> int:
    from .build import write_atomically
    from .render.environment import render_html
    from .render.pdf import render_pdf

    key = load_key(key_path)
    try:
        text = responses.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise UsageError(f"{responses}: {err.strerror or err}") from err
    try:
        students = score_rows(key, text)
    except ScoreError as err:
        print(f"{responses}:{err}", file=sys.stderr)
        return 1
    folder = out or responses.parent
    maximum = float(key["marks"]["per_question"]) * len(key["questions"])
    write_atomically(folder / "scores.csv", scores_csv(students, maximum).encode("utf-8"))
    html = render_html("score-summary.html", summary_view(key, students), paper="a4")
    write_atomically(
        folder / "summary.pdf", render_pdf(html, paper="a4", identifier=b"s" * 32, epoch=0).pdf
    )
    print(f"scored {len(students)} students: {folder / 'scores.csv'}, {folder / 'summary.pdf'}")
    return 0
