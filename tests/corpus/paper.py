"""The real 2025 GS Paper I (tests/corpus, MIT licensed) as a source the tool checks and builds.

Each question is converted as UPSC set it: the stem, the items under their own labels (I, II,
...), the question asked after them, UPSC's "Select the correct answer using the code given
below." where the paper prints it, and tables with their headings. The answer is the corpus's
consensus key (coaching institutes', not UPSC's official key). A source needs a verdict on
every item: where the key names the items (codes, Statement-I/II) the flags follow from it;
where it gives only a count, the first items carry the marks and the explanation says so.

It is UPSC's paper, never editorial content: its dek and summary say what it is, and it is
written only into build/ (`nox -s paper`, or `python -m tests.corpus.paper OUT.json`), never
into sources/. The tests build the same source (`paper()`) to measure the printed booklets.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from pipeline.checks.answers import ALL, Unparsable, parse_code, parse_count, parse_reason

CORPUS = Path(__file__).resolve().parent / "upsc-bench-2025.json"
ID = "upsc-prelims-2025-gs1"
#: Where `nox -s paper` writes the source (a build folder, never sources/).
DEFAULT_OUT = Path("build") / "paper" / f"{ID}.json"
_ITEM = re.compile(r"^\s*(?:(\d{1,2})|([IVX]{1,4}))\s*\.\s+(.*\S)\s*$")
#: A line that asks the question or gives the code instruction, after the items.
_ASKS = re.compile(
    r"^(which|how many|in how many|select|based on|what|who|for a|through how many)\b"
    r"|\bhow many\b|\?\s*$",
    re.IGNORECASE,
)
_CODE_LINE = re.compile(r"^select the correct answer using the code given below\s*[.:]?\s*$", re.I)
_RULE = re.compile(r"\s*\|?[\s:|-]*-{3,}[\s:|-]*\|?\s*")
_STATEMENT_LABEL = re.compile(r"^Statement\s+(I{1,3})\s*:\s*(.*)$")
_NOT_CORRECT = re.compile(r"\bnot correct\b", re.IGNORECASE)


def _clean(text: str) -> str:
    """One line of UPSC's text: runs of spaces closed, spaces before ':' and '?' as printed."""
    return re.sub(r"\s+", " ", text).strip()


def _options(raw: dict[str, Any]) -> list[str]:
    return [_clean(raw["options"][k]) for k in "abcd"]


def _format(options: list[str]) -> str:
    """statement-reason, statements-count, statements or single, read off the options."""
    reasons = 0
    for text in options:
        try:
            parse_reason(text)
            reasons += 1
        except Unparsable:
            pass
    if reasons >= 3:
        return "statement-reason"
    for name, parse in (("statements-count", parse_count), ("statements", parse_code)):
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
    if len(parts) < 2 and re.search(r"\s:\s", line):
        parts = [p.strip() for p in re.split(r"\s+:\s+", line, maxsplit=1)]
    return [_clean(p) for p in parts if p.strip()]


def _split(raw: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """The stem's lines, the items (label, text) and the lines after them.

    Items end at a blank line or at a line that asks the question ("Andes mountains pass
    through how many of the above countries?"); a line after an item that does neither
    continues it.
    """
    stem: list[str] = []
    items: list[tuple[str, str]] = []
    tail: list[str] = []
    ended = False
    for line in raw["question_text"].split("\n"):
        if _RULE.fullmatch(line):
            continue
        text = _clean(line)
        match = _ITEM.match(line.strip().strip("|"))
        if not text:
            ended = ended or bool(items)
            continue
        if match and not tail:
            items.append((match.group(1) or match.group(2), _clean(match.group(3))))
            ended = False
        elif items and (tail or ended or _ASKS.search(text)):
            tail.append(text)
        elif items:
            label, said = items[-1]
            items[-1] = (label, f"{said} {text}")
        else:
            stem.append(text)
    return stem, items, tail


def _prompt(tail: list[str]) -> str | None:
    """The question asked after the items, or UPSC's code line when the stem asked it."""
    asked = [line for line in tail if not _CODE_LINE.match(line)]
    if asked:
        return " ".join(asked)
    return "Select the correct answer using the code given below." if tail else None


def _table(raw: dict[str, Any], options: list[str]) -> dict[str, Any] | None:
    """A question the paper sets as pairs or rows: a table under headings, or a colon list."""
    try:
        for text in options:
            parse_count(text)
    except Unparsable:
        return None
    stem, items, tail = _split(raw)
    if not any("pairs" in line or "rows" in line for line in stem + tail):
        return None
    columns: list[str] = []
    if stem and len(_cells(stem[-1])) >= 2 and "|" in stem[-1]:
        columns = _cells(stem.pop())
    rows = [_cells(text) for _, text in items]
    if len(rows) < 2 or any(len(r) not in (2, 3) for r in rows) or len({len(r) for r in rows}) > 1:
        return None
    width = len(rows[0])
    said = _prompt(tail) or ""
    if columns and len(columns) != width:
        return None
    if width == 3 and not columns:
        return None
    pairs = []
    for cells in rows:
        pair: dict[str, Any] = {"left": cells[0], "right": cells[-1], "correct": True}
        if width == 3:
            pair["middle"] = cells[1]
        pairs.append(pair)
    data: dict[str, Any] = {
        "format": "rows" if "rows" in said else "pairs-count",
        "stem": " ".join(stem),
        "pairs": pairs,
        "prompt": said,
    }
    if columns:
        data["columns"] = columns
    return data


def _statement_reason(raw: dict[str, Any]) -> dict[str, Any]:
    """Statement I : / Statement II : (/ Statement III :) each on its own line, then the question."""
    stem: list[str] = []
    statements: list[str] = []
    tail: list[str] = []
    for line in raw["question_text"].split("\n"):
        text = _clean(line)
        if not text:
            continue
        label = _STATEMENT_LABEL.match(text)
        if label:
            statements.append(label.group(2))
        elif statements and (tail or _ASKS.search(text)):
            tail.append(text)
        elif statements:
            statements[-1] = f"{statements[-1]} {text}".strip()
        else:
            stem.append(text)
    return {
        "format": "statement-reason",
        "stem": " ".join(stem),
        "statements": [{"text": s, "correct": True} for s in statements],
        "prompt": " ".join(tail),
    }


def _set_flags(data: dict[str, Any], answer_text: str) -> str:
    """Mark the items as the consensus key implies; what the explanation says about them."""
    fmt = data["format"]
    items = data.get("statements") or data.get("pairs") or []
    if fmt == "single":
        return ""
    if fmt == "statement-reason":
        facts = parse_reason(answer_text)
        if facts[0] == "two":
            _, first, second, explains = facts
            items[0]["correct"], items[1]["correct"] = bool(first), bool(second)
            data["explains"] = bool(explains)
            return ""
        case = facts[1]
        items[1]["correct"] = case != "neither"
        items[2]["correct"] = case not in ("neither", "one-explains")
        data["explains"] = {
            "both-explain": [True, True],
            "both-one-explains": [True, False],
            "one-explains": [True, False],
        }.get(case, [False, False])
        if case == "one-explains":
            return " The key does not say which of Statements II and III is the correct one."
        return ""
    if fmt in ("statements", "pairs"):
        named = parse_code(answer_text)
        chosen = set(range(1, len(items) + 1)) if ALL in named else set(named)
        wanted = data.get("asks", "correct") == "correct"
        for number, item in enumerate(items, 1):
            item["correct"] = (number in chosen) == wanted
        return ""
    count = parse_count(answer_text)
    count = len(items) if count == ALL else count
    for number, item in enumerate(items, 1):
        item["correct"] = number <= count
    if 0 < count < len(items):
        return " The key gives only how many: which items are marked correct is a placeholder."
    return ""


def question(raw: dict[str, Any]) -> dict[str, Any]:
    """One question of the paper in the source's shape, worded as UPSC printed it."""
    options = _options(raw)
    letter = raw["correct_answer"].upper()
    data = _table(raw, options)
    if data is None:
        fmt = _format(options)
        if fmt == "statement-reason":
            data = _statement_reason(raw)
        else:
            stem, items, tail = _split(raw)
            if fmt == "single" or len(items) < 2:
                lines = [_clean(line) for line in raw["question_text"].split("\n")]
                data = {"format": "single", "stem": " ".join(line for line in lines if line)}
            else:
                data = {
                    "format": fmt,
                    "stem": " ".join(stem),
                    "statements": [{"text": text, "correct": True} for _, text in items[:9]],
                    "prompt": _prompt(tail) or "",
                }
                asked = f"{data['stem']} {data['prompt']}"
                if fmt == "statements" and _NOT_CORRECT.search(asked):
                    data["asks"] = "incorrect"
    answer_text = options["ABCD".index(letter)]
    note = _set_flags(data, answer_text)
    if not data.get("prompt"):
        data.pop("prompt", None)
    return {
        "id": raw["id"].replace("_", "-"),
        **data,
        "options": [{"label": k, "text": t} for k, t in zip("ABCD", options, strict=True)],
        "answer": letter,
        "explanation": f"Consensus key; the corpus has no explanation.{note}",
        "facts": ["paper"],
    }


def questions() -> list[dict[str, Any]]:
    """The 100 questions of GS Paper I, in the paper's order."""
    raw = [q for q in json.loads(CORPUS.read_text(encoding="utf-8")) if q["paper"] == "gs1"]
    return sorted(raw, key=lambda q: q["question_number"])


def paper(count: int = 100) -> dict[str, Any]:
    """GS Paper I 2025 as one source of `count` questions (repeated past 100)."""
    raw = questions()
    return {
        "id": ID,
        "kind": "editorial-analysis",
        "title": "General Studies Paper I, 2025",
        "dek": "UPSC Civil Services (Preliminary) Examination 2025: the question paper, "
        "not an editorial.",
        "summary": (
            "The 100 questions of UPSC's General Studies Paper I of 2025, as UPSC set them, "
            "converted from the public upsc-bench corpus (MIT licence) so that an institute "
            "can print them as a mock test. The answers are a coaching-institute consensus "
            "key, not UPSC's official key, and the corpus carries no explanations."
        ),
        "key_facts": [
            {
                "id": "paper",
                "text": "UPSC Civil Services (Preliminary) Examination 2025, General Studies "
                "Paper I: 100 questions, 2 marks each, one third of a question's marks "
                "deducted for a wrong answer.",
                "tags": ["constitution"],
            }
        ],
        "exam_angles": [
            {
                "paper": "GS2",
                "topic": "governance",
                "text": "A past paper, for practice under exam conditions.",
            }
        ],
        "waive": [
            {
                "rule": "explanation/missing-verdict",
                "reason": "The corpus gives only the consensus key; no explanation is invented.",
            },
            {
                "rule": "content/unknown-acronym",
                "reason": "UPSC's own wording, printed as the paper set it.",
            },
        ],
        "questions": [
            dict(
                question(raw[i % len(raw)]),
                id=f"q{i + 1}-{raw[i % len(raw)]['id']}".replace("_", "-"),
            )
            for i in range(count)
        ],
    }


def main(argv: list[str]) -> int:
    """Write the paper's source to OUT (default build/paper/<id>.json) with its $schema."""
    out = Path(argv[0]) if argv else DEFAULT_OUT
    if out.suffix != ".json":
        out = out / f"{ID}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    schema = Path(__file__).resolve().parents[2] / "schemas" / "editorial.schema.json"
    try:
        relative = Path(*[".."] * len(out.resolve().parent.relative_to(schema.parents[1]).parts))
        schema_ref = (relative / "schemas" / "editorial.schema.json").as_posix()
    except ValueError:
        schema_ref = schema.as_uri()
    data = {"$schema": schema_ref, **paper()}
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: build it with  python -m pipeline build {out} --series 4")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
