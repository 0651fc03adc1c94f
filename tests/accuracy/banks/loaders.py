"""Read public question banks, each in its own format, into one raw shape.

The banks are not in this repository (they carry no licence): `nox -s accuracy` reads them
from the folder named by `UPSC_BANKS` (or `--banks`), one sub-folder per bank, laid out as
`tests/accuracy/banks/README.md` says. A bank that is absent is skipped.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Raw:
    """One question as a bank states it: text, four options, the answer and explanations."""

    bank: str
    id: str
    stem: str
    options: list[str]
    answer: int  # index into options
    explanation: str
    hi: dict[str, object] = field(default_factory=dict)  # stem, options, explanation


def _array_literal(text: str) -> str:
    """The first top-level `[ ... ]` of a TypeScript data module, as JSON."""
    start = text.index("= [") + 2
    end = text.rindex("]") + 1
    body = text[start:end]
    # JavaScript object literals: unquoted keys, trailing commas, // comments.
    body = re.sub(r"(?m)^\s*//.*$", "", body)
    body = re.sub(r"(?m)^(\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', body)
    body = re.sub(r",(\s*[\]}])", r"\1", body)
    return body


def crack_prelims(folder: Path) -> Iterator[Raw]:
    """iamshikharverma/Crack-Prelims-Through-PYQs: src/data/<subject>.ts."""
    for path in sorted(folder.glob("*.ts")):
        text = path.read_text(encoding="utf-8")
        if "Question[]" not in text:
            continue
        for q in json.loads(_array_literal(text)):
            yield Raw(
                "crack-prelims",
                f"{path.stem}:{q['id']}",
                q["text"],
                list(q["options"]),
                int(q["correctAnswer"]),
                q.get("explanation") or "",
            )


def upsc_pyq_ap(folder: Path) -> Iterator[Raw]:
    """spotifypremiumfor3month-cmyk/upsc-pyq-ap: artifacts/upsc-pyq/public/data/<subject>.json."""
    for path in sorted(folder.glob("*.json")):
        for q in json.loads(path.read_text(encoding="utf-8")):
            options = q["options"]
            labels = sorted(options)
            if labels != ["a", "b", "c", "d"] or q.get("answer") not in labels:
                continue
            explanation = re.sub(r"^\s*Explanation\s*:\s*", "", q.get("explanation") or "")
            yield Raw(
                "upsc-pyq-ap",
                q["id"],
                q["question"],
                [options[k] for k in labels],
                labels.index(q["answer"]),
                explanation,
            )


_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def _split_languages(text: str) -> tuple[str, str]:
    """A bilingual field: English paragraphs, then Hindi ones (by script)."""
    english, hindi = [], []
    for paragraph in re.split(r"\n\s*\n", text):
        prose = re.sub(r"https?://\S+", "", paragraph)  # citations carry long Latin URLs
        letters = re.findall(r"[A-Za-z\u0900-\u097f]", prose)
        share = sum(1 for c in letters if _DEVANAGARI.match(c)) / max(1, len(letters))
        (hindi if share > 0.3 else english).append(paragraph)
    return "\n\n".join(english), "\n\n".join(hindi)


def mindflow(folder: Path) -> Iterator[Raw]:
    """AkLabx/MindFlow: src/features/quiz/data/questions.ts (bilingual explanations)."""
    text = (folder / "questions.ts").read_text(encoding="utf-8")
    for q in json.loads(_array_literal(text)):
        if q.get("correct") not in q["options"]:
            continue
        parts = q.get("explanation") or {}
        english, hindi = [], []
        # Not the "summary" (a generated "Correct Answer: B) ..." line): the explanation proper.
        for key in ("analysis_correct", "analysis_incorrect", "conclusion"):
            en, hi = _split_languages(parts.get(key) or "")
            english.append(en)
            hindi.append(hi)
        raw = Raw(
            "mindflow",
            q["id"],
            q["question"],
            list(q["options"]),
            q["options"].index(q["correct"]),
            "\n\n".join(e for e in english if e.strip()),
        )
        if q.get("question_hi") and q.get("options_hi"):
            raw.hi = {
                "stem": q["question_hi"],
                "options": list(q["options_hi"]),
                "explanation": "\n\n".join(h for h in hindi if h.strip()),
            }
        yield raw


def ar_bilingual(folder: Path) -> Iterator[Raw]:
    """aryandon3g/AR: services/subjectQuizzesData/<subject>/<test>.ts (English and Hindi)."""
    for path in sorted(folder.glob("*.ts")):
        text = path.read_text(encoding="utf-8")
        try:
            items = json.loads(_array_literal(text))
        except ValueError:
            continue
        for n, q in enumerate(items):
            if not isinstance(q, dict) or len(q.get("options_en") or []) != 4:
                continue
            raw = Raw(
                "ar-bilingual",
                f"{path.stem}:{n}",
                q.get("question_en") or "",
                list(q["options_en"]),
                int(q.get("correct_option_index", 0)),
                q.get("explanation_en") or "",
            )
            if q.get("question_hi") and len(q.get("options_hi") or []) == 4:
                raw.hi = {
                    "stem": q["question_hi"],
                    "options": list(q["options_hi"]),
                    "explanation": q.get("explanation_hi") or "",
                }
            yield raw


def pt365(folder: Path) -> Iterator[Raw]:
    """mmsaidatt-coder/upscprelimstest: generated current-affairs questions (final-questions.json)."""
    for q in json.loads((folder / "final-questions.json").read_text(encoding="utf-8")):
        options = q.get("options") or []
        labels = [o["id"] for o in options]
        if labels != ["A", "B", "C", "D"] or q.get("correctOptionId") not in labels:
            continue
        yield Raw(
            "pt365",
            q["id"],
            q["prompt"],
            [o["text"] for o in options],
            labels.index(q["correctOptionId"]),
            q.get("explanation") or "",
        )


def microthemes(folder: Path) -> Iterator[Raw]:
    """mahavishnu47/upsc-prelims-microthemes: PRELIMS/gs/UPSC_PYQ_<year>_GS.csv."""
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                letter = (row.get("Correct_Answer") or "").strip().upper()
                if letter not in ("A", "B", "C", "D"):
                    continue
                yield Raw(
                    "microthemes",
                    row["ID"],
                    row["Question"],
                    [row[f"Option_{x}"] for x in "ABCD"],
                    "ABCD".index(letter),
                    row.get("Explanation") or "",
                )


LOADERS: dict[str, Callable[[Path], Iterator[Raw]]] = {
    "crack-prelims": crack_prelims,
    "upsc-pyq-ap": upsc_pyq_ap,
    "microthemes": microthemes,
    "pt365": pt365,
    "mindflow": mindflow,
    "ar-bilingual": ar_bilingual,
}


def load(root: Path, name: str) -> list[Raw]:
    """Every question of one bank, or [] if the bank's folder is absent."""
    folder = root / name
    if not folder.is_dir():
        return []
    return list(LOADERS[name](folder))
