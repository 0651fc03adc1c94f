"""answer-key.json as `score` and `scan` read it: every field checked before it is believed.

A key comes from a build, but it reaches a teacher's machine by mail, a shared drive or a pull
request: its types, ranges and sizes are checked, and its series must agree with each other
(the same question has the same answer in every series), before `AnswerKey.from_json` runs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..diagnostics import UsageError, clean
from ..model import AnswerKey
from ..model.content import LETTERS

#: Limits of a key: a real test's.
MAX_KEY_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 400
MAX_ID = 200
MAX_TEXT = 500
MAX_TAGS = 32


def load_key(path: Path) -> AnswerKey:
    """An answer-key.json written by a build, checked: a tampered key is refused, never run."""
    shown = clean(str(path))
    try:
        if path.stat().st_size > MAX_KEY_BYTES:
            raise UsageError(
                f"{shown}: not an answer-key.json written by a build "
                f"(larger than {MAX_KEY_BYTES:,} bytes)"
            )
        key: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"{shown}: {err.strerror or err}") from err
    except (ValueError, RecursionError) as err:
        raise UsageError(
            f"{shown}: not an answer-key.json written by a build ({clean(str(err))[:200]})"
        ) from err
    problem = key_problem(key)
    if problem:
        raise UsageError(f"{shown}: not an answer-key.json written by a build: {problem}")
    return AnswerKey.from_json(key)


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def key_problem(key: Any) -> str | None:
    """What is wrong with a key's shape and values, or None."""
    if not isinstance(key, dict) or not {"series", "marks", "questions", "title"} <= set(key):
        return "it needs title, marks, questions and series"
    for name in ("id", "title", "class", "date"):
        if name in key and not _text(key[name], MAX_TEXT):
            return f"{name} must be a text of at most {MAX_TEXT} characters"
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
            return (
                f"marks.{name} must be a number from 0 to 100, not {clean(json.dumps(value))[:20]}"
            )
    if not isinstance(questions, list) or not 0 < len(questions) <= MAX_QUESTIONS:
        return f"questions must list 1 to {MAX_QUESTIONS} question ids"
    if not all(_text(q, MAX_ID) and q for q in questions) or len(set(questions)) != len(questions):
        return f"questions must be distinct ids of at most {MAX_ID} characters"
    if not isinstance(series, dict) or not 0 < len(series) <= 4 or not set(series) <= set(LETTERS):
        return "series must map one to four letters A-D to their answers"
    master: dict[str, str] = {}
    for letter, rows in sorted(series.items()):
        problem = _series_problem(letter, rows, questions, master)
        if problem:
            return problem
    return _tags_problem(key.get("tags", {}), questions)


def _series_problem(
    letter: str, rows: Any, questions: list[str], master: dict[str, str]
) -> str | None:
    """What is wrong with one series' answers; master collects each question's master answer."""
    if not isinstance(rows, list) or len(rows) != len(questions):
        return f"series {letter} must give one answer per question"
    seen = set()
    for row in rows:
        if (
            not isinstance(row, dict)
            or row.get("answer") not in ("A", "B", "C", "D")
            or row.get("question") not in questions
        ):
            return f"series {letter} has an entry that is not a question id with an answer A-D"
        number, order = row.get("number", 0), row.get("order", "")
        if isinstance(number, bool) or not isinstance(number, int):
            return f"series {letter} has a question number that is not a whole number"
        if not isinstance(order, str) or (
            order and (sorted(order) != list(LETTERS[: len(order)]) or len(order) < 2)
        ):
            return f"series {letter} has an option order that is not a reordering of A-D"
        if order and row["answer"] not in order:
            return f"series {letter} has an answer outside its option order"
        question = row["question"]
        if question in seen:
            return f"series {letter} lists a question twice"
        seen.add(question)
        answer = order[LETTERS.index(row["answer"])] if order else row["answer"]
        if master.setdefault(question, answer) != answer:
            return (
                f"series {letter} gives another answer to {clean(question)[:40]} than an "
                "earlier series (a key edited by hand?)"
            )
    return None


def _tags_problem(tags: Any, questions: list[str]) -> str | None:
    if not isinstance(tags, dict) or not set(tags) <= set(questions):
        return "tags must map question ids to their tags"
    for values in tags.values():
        if not isinstance(values, list) or len(values) > MAX_TAGS:
            return f"tags must give each question a list of at most {MAX_TAGS} tags"
        if not all(_text(t, MAX_ID) and t for t in values):
            return f"a tag must be a text of at most {MAX_ID} characters"
    return None
