"""`python -m pipeline new <id>`: a new source to fill in, valid in shape, failing only on its TODOs."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from .sources import UsageError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def skeleton(source_id: str, *, today: dt.date) -> dict[str, Any]:
    """The skeleton: every required section present once, each text a TODO to replace."""
    return {
        "$schema": "../schemas/editorial.schema.json",
        "id": source_id,
        "kind": "editorial-analysis",
        "title": "TODO: the headline as published",
        "dek": "TODO: the one-sentence standfirst",
        "published": today.isoformat(),
        "summary": "TODO: the author's view, in one paragraph",
        "main_arguments": ["TODO: the first main argument"],
        "key_facts": [
            {"id": "fact-1", "text": "TODO: a fact a student should remember", "tags": ["todo"]}
        ],
        "exam_angles": [
            {"paper": "GS2", "topic": "bilateral-relations", "text": "TODO: the syllabus point"}
        ],
        "questions": [
            {
                "id": "q1",
                "format": "statements",
                "stem": "TODO: With reference to ..., consider the following statements:",
                "statements": [
                    {"text": "TODO: a correct statement", "correct": True},
                    {"text": "TODO: an incorrect statement", "correct": False},
                ],
                "prompt": "Which of the statements given above is/are correct?",
                "options": [
                    {"label": "A", "text": "1 only"},
                    {"label": "B", "text": "2 only"},
                    {"label": "C", "text": "Both 1 and 2"},
                    {"label": "D", "text": "Neither 1 nor 2"},
                ],
                "answer": "A",
                "explanation": "TODO: Statement 1 is correct: why. Statement 2 is incorrect: why.",
                "facts": ["fact-1"],
            }
        ],
    }


def write_skeleton(source_id: str, folder: Path, *, today: dt.date | None = None) -> int:
    """Write folder/<id>.json; refuses to overwrite. Returns the exit code."""
    if not SLUG.match(source_id):
        raise UsageError(
            f"'{source_id}' is not a valid id: use lower-case letters and digits joined by hyphens"
        )
    path = folder / f"{source_id}.json"
    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        skeleton(source_id, today=today or dt.date.today()), indent=2, ensure_ascii=False
    )
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text + "\n")
    print(
        f"wrote {path}: replace every TODO, then run `python -m pipeline validate {path}`",
        file=sys.stderr,
    )
    return 0
