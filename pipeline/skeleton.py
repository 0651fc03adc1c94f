"""`python -m pipeline new <id>`: a new source to fill in, valid in shape, failing only on its TODOs."""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from .diagnostics import UsageError, clean

#: An id: matched whole (re.fullmatch; a `$` would let "abc\n" through), as long as the schema allows.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 80


#: The Hindi beside the skeleton's question (`new --hindi`): UPSC's standard Hindi wordings
#: where they are fixed, a TODO in Devanagari where the editor writes.
HINDI_QUESTION = {
    "stem": "TODO: ... के संदर्भ में, निम्नलिखित कथनों पर विचार कीजिए :",
    "statements": [{"text": "TODO: सही कथन"}, {"text": "TODO: गलत कथन"}],
    "prompt": "उपर्युक्त कथनों में से कौन-सा/से सही है/हैं?",
    "options": [
        {"text": "केवल 1"},
        {"text": "केवल 2"},
        {"text": "1 और 2 दोनों"},
        {"text": "न तो 1 और न ही 2"},
    ],
    "explanation": "TODO: कथन 1 सही है: क्यों। कथन 2 सही नहीं है: क्यों।",
}
HINDI_ARTICLE = {
    "title": "TODO: हिन्दी में शीर्षक",
    "dek": "TODO: हिन्दी में सार-वाक्य",
    "summary": "TODO: हिन्दी में लेखक का दृष्टिकोण",
    "main_arguments": ["TODO: हिन्दी में पहला मुख्य तर्क"],
    "key_facts": [{"text": "TODO: हिन्दी में तथ्य"}],
    "exam_angles": [{"text": "TODO: हिन्दी में पाठ्यक्रम बिंदु"}],
}


def skeleton(
    source_id: str, *, schema: str = "../schemas/editorial.schema.json", hindi: bool = False
) -> dict[str, Any]:
    """The skeleton: every required section present once, each text a TODO to replace.

    The date too: a skeleton dated today would pass with a wrong date nobody typed. With
    hindi, the article and the question carry a Hindi version to fill in beside the English.
    """
    data = _english(source_id, schema)
    if hindi:
        data["hi"] = copy.deepcopy(HINDI_ARTICLE)
        data["questions"][0]["hi"] = copy.deepcopy(HINDI_QUESTION)
    return data


def _english(source_id: str, schema: str) -> dict[str, Any]:
    return {
        "$schema": schema,
        "id": source_id,
        "kind": "editorial-analysis",
        "title": "TODO: the headline as published",
        "dek": "TODO: the one-sentence standfirst",
        "published": "TODO: YYYY-MM-DD as published, or remove this line if it has no date",
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


def write_skeleton(
    source_id: str, folder: Path, *, hindi: bool = False, quiet: bool = False
) -> int:
    """Write folder/<id>.json; refuses to overwrite. Returns the exit code."""
    from . import program
    from .config import confine, project

    if not SLUG.fullmatch(source_id) or len(source_id) > MAX_ID:
        raise UsageError(
            f"{clean(source_id)!r} is not a valid id: use at most {MAX_ID} lower-case letters "
            "and digits joined by hyphens"
        )
    confine(folder, project().root, command="new")
    path = folder / f"{source_id}.json"
    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    folder.mkdir(parents=True, exist_ok=True)
    schema_file = project().schemas / "editorial.schema.json"
    schema = Path(os.path.relpath(schema_file, folder.resolve())).as_posix()
    text = json.dumps(skeleton(source_id, schema=schema, hindi=hindi), indent=2, ensure_ascii=False)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text + "\n")
    if quiet:
        return 0
    here = Path.cwd()
    shown = os.path.relpath(path, here) if path.resolve().is_relative_to(here.resolve()) else path
    print(
        f"wrote {shown}: replace every TODO, then run `{program()} validate {shown}`",
        file=sys.stderr,
    )
    if not schema_file.is_file():
        print(
            f"note: {schema} does not exist yet; `{program()} schema` writes it, so your "
            "editor completes and checks the file as you type",
            file=sys.stderr,
        )
    return 0
