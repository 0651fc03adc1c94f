"""A real-size test built from the 2025 GS Paper I questions (tests/corpus, MIT licensed).

For layout only: the questions are UPSC's, converted to the source shape so the booklet,
its series and its answer sheet can be measured on a real paper. They carry no flags or
explanations of ours (flags are made consistent with the consensus answer where the
format allows it) and are never presented as editorial content.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.checks.answers import Unparsable, parse_code, parse_count, parse_reason

CORPUS = Path(__file__).resolve().parent / "upsc-bench-2025.json"
_ITEM = re.compile(r"^\s*(?:(\d{1,2})|([IVX]{1,4}))\s*\.\s+(.*\S)\s*$")
_QUESTION = re.compile(r"^(Which|How many|In how many|Select|Based on|What|Who)\b", re.IGNORECASE)


def _format(options: list[str]) -> str:
    for name, parse in (
        ("statement-reason", parse_reason),
        ("statements-count", parse_count),
        ("statements", parse_code),
    ):
        try:
            for text in options:
                parse(text)
            return name
        except Unparsable:
            continue
    return "single"


def _cells(line: str) -> list[str]:
    """A table line's cells: "| I. Botswana | Diamond |", "I. Asmaka : Godavari"."""
    line = line.strip().strip("|").strip()
    parts = [p.strip() for p in line.split("|")] if "|" in line else []
    if len(parts) < 2 and " : " in line:
        parts = [p.strip() for p in line.split(" : ", 1)]
    return [p for p in parts if p]


def _table(raw: dict[str, Any], options: list[str]) -> dict[str, Any] | None:
    """A question the paper sets as a table (pairs or rows), in the source's table fields."""
    lines = [line for line in raw["question_text"].split("\n") if line.strip()]
    try:
        for text in options:
            parse_count(text)
    except Unparsable:
        return None
    if not any("pairs" in line or "rows" in line for line in lines):
        return None
    stem: list[str] = []
    columns: list[str] = []
    rows: list[list[str]] = []
    prompt: list[str] = []
    for line in lines:
        if re.fullmatch(r"\s*\|?[\s:|-]*-{3,}[\s:|-]*\|?\s*", line):
            continue
        m = _ITEM.match(line.strip().strip("|").strip())
        cells = _cells(line)
        if m and len(cells) >= 2 and not prompt:
            cells[0] = m.group(3).split("|")[0].split(" : ")[0].strip()
            rows.append(cells)
        elif not rows and len(cells) >= 2 and "|" in line:
            columns = cells
        elif rows:
            prompt.append(line.strip())
        else:
            stem.append(line.strip())
    if len(rows) < 2 or any(len(r) not in (2, 3) for r in rows):
        return None
    width = len(rows[0])
    pairs = []
    for cells in rows:
        pair: dict[str, Any] = {"left": cells[0], "right": cells[-1], "correct": True}
        if width == 3:
            pair["middle"] = cells[1]
        pairs.append(pair)
    said = " ".join(prompt)
    data: dict[str, Any] = {
        "format": "rows" if "rows" in said else "pairs-count",
        "stem": " ".join(stem),
        "pairs": pairs,
        "prompt": said,
    }
    if columns and len(columns) == width:
        data["columns"] = columns
    elif width == 3 or "rows" in said:
        return None
    return data


def question(raw: dict[str, Any]) -> dict[str, Any]:
    options = [raw["options"][k] for k in "abcd"]
    table = _table(raw, options)
    if table is not None:
        return {
            "id": raw["id"].replace("_", "-"),
            **table,
            "options": [
                {"label": k.upper(), "text": t} for k, t in zip("abcd", options, strict=True)
            ],
            "answer": raw["correct_answer"].upper(),
            "explanation": "Layout fixture: no explanation.",
            "facts": ["paper"],
        }
    fmt = _format(options)
    lines = [line for line in raw["question_text"].split("\n") if line.strip()]
    stem_lines: list[str] = []
    items: list[str] = []
    tail: list[str] = []
    if fmt == "statement-reason":
        text = "\n".join(lines)
        parts = re.split(r"Statement\s+(?:I{1,3})\s*:\s*", text)
        stem_lines = [parts[0].strip() or "Consider the following statements:"]
        rest = [p.strip() for p in parts[1:]]
        last = rest[-1].split("\n")
        rest[-1] = last[0]
        items = [r.replace("\n", " ") for r in rest]
        tail = last[1:]
    else:
        for line in lines:
            m = _ITEM.match(line)
            if m and not tail and fmt != "single":
                items.append(m.group(3))
            elif items and (_QUESTION.match(line.strip()) or tail):
                tail.append(line.strip())
            elif items:
                items[-1] += " " + line.strip()
            else:
                stem_lines.append(line.strip())
    if fmt != "single" and len(items) < 2:
        fmt, stem_lines, items, tail = "single", lines, [], []
    data: dict[str, Any] = {
        "id": raw["id"].replace("_", "-"),
        "format": fmt,
        "stem": " ".join(stem_lines) or "Consider the following:",
        "options": [{"label": k.upper(), "text": t} for k, t in zip("abcd", options, strict=True)],
        "answer": raw["correct_answer"].upper(),
        "explanation": "Layout fixture: no explanation.",
        "facts": ["paper"],
    }
    if fmt != "single":
        data["statements"] = [{"text": t, "correct": True} for t in items[:9]]
        data["prompt"] = " ".join(
            t for t in tail if not t.lower().startswith("select the correct")
        ) or ("Which of the statements given above is/are correct?")
    if fmt == "statement-reason":
        data["statements"] = data["statements"][:3]
        data["explains"] = True if len(data["statements"]) == 2 else [True, True]
    return data


def paper(count: int = 100) -> dict[str, Any]:
    """The 2025 GS Paper I as one source-shaped test of `count` questions (repeated past 100)."""
    raw = [q for q in json.loads(CORPUS.read_text(encoding="utf-8")) if q["paper"] == "gs1"]
    return {
        "id": "gs1-2025-layout",
        "kind": "editorial-analysis",
        "title": "General Studies Paper I, 2025 (layout test)",
        "dek": "UPSC Civil Services (Preliminary) Examination 2025, GS Paper I.",
        "summary": "The 2025 questions, used to measure booklets.",
        "key_facts": [{"id": "paper", "text": "Layout fixture.", "tags": ["quad"]}],
        "exam_angles": [{"paper": "GS2", "topic": "international-groupings", "text": "Layout"}],
        "questions": [
            dict(
                question(raw[i % len(raw)]),
                id=f"q{i + 1}-{raw[i % len(raw)]['id'].replace('_', '-')}",
            )
            for i in range(count)
        ],
    }
