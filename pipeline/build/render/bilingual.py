"""English, Hindi or both: which language a document prints, and its words in each.

A source's Hindi sits beside the English (`"hi"` on the source and on each question).
`localized` gives the question or source as it reads in one language (flags, answers and
ids shared); `LABELS` holds every fixed text a booklet prints, in both languages. A
bilingual booklet prints each question in English, then in Hindi, as UPSC does, with one
number and the same option letters; its instructions say that in case of doubt the
English version prevails.
"""

from __future__ import annotations

import copy
from typing import Any

from ...checks.rules.translation import ARTICLE_LISTS
from .i18n import N_, tr

LANGS = ("en", "hi", "bilingual")

#: Every fixed text a booklet or key prints, by key: the English message, translated
#: through the catalogs (render/i18n.py).
LABELS: dict[str, str] = {
    "worksheet": N_("Test booklet"),
    "answer_key": N_("Answer key · for the teacher"),
    "name": N_("Name"),
    "roll": N_("Roll no."),
    "class": N_("Class"),
    "date": N_("Date"),
    "series": N_("Series"),
    "prevails": N_("In case of any doubt, the English version shall prevail."),
    "code_line": N_("Select the correct answer using the code given below:"),
    "statement": N_("Statement"),
    "explanation": N_("Explanation."),
    "question": N_("Question"),
    "answer": N_("answer"),
    "correct": N_("correct"),
    "incorrect": N_("incorrect"),
    "matched": N_("correctly matched"),
    "not_matched": N_("not correctly matched"),
    "pair": N_("Pair"),
    "row": N_("Row"),
}


def word(key: str, lang: str) -> str:
    """One fixed text in one language ("en" or "hi")."""
    return tr(lang, LABELS[key])


def has_hindi(data: dict[str, Any]) -> bool:
    """Whether every question has a Hindi version (a bilingual booklet needs them all)."""
    questions = data.get("questions") or []
    return bool(questions) and all(isinstance(q.get("hi"), dict) for q in questions)


def resolve(data: dict[str, Any], requested: str | None) -> str:
    """The language a target prints: as asked, or bilingual when the Hindi is there.

    Asked for Hindi that a source does not have, it prints in English (the build says so).
    """
    if requested in (None, "bilingual"):
        return "bilingual" if has_hindi(data) else "en"
    if requested == "hi" and not has_hindi(data):
        return "en"
    return requested


def versions(lang: str) -> list[str]:
    """The languages printed, in order: English first, as UPSC prints them."""
    return ["en", "hi"] if lang == "bilingual" else [lang]


def label(key: str, lang: str, sep: str = " / ") -> str:
    """A fixed text in the document's language(s)."""
    return sep.join(word(key, one) for one in versions(lang))


def localized(question: dict[str, Any], lang: str) -> dict[str, Any]:
    """The question as it reads in lang: its Hindi texts in place of the English ones."""
    hindi = question.get("hi")
    if lang != "hi" or not isinstance(hindi, dict):
        return question
    out = copy.deepcopy(question)
    for key in ("stem", "prompt", "explanation"):
        if hindi.get(key):
            out[key] = hindi[key]
    for key in ("statements", "options"):
        for mine, theirs in zip(out.get(key) or [], hindi.get(key) or [], strict=False):
            mine["text"] = theirs["text"]
    for mine, theirs in zip(out.get("pairs") or [], hindi.get("pairs") or [], strict=False):
        mine["left"], mine["right"] = theirs["left"], theirs["right"]
        if "middle" in theirs:
            mine["middle"] = theirs["middle"]
    if hindi.get("columns"):
        out["columns"] = list(hindi["columns"])
    return out


ARTICLE_TEXTS = ("title", "dek", "summary")


def localized_source(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """The source's article as it reads in lang (questions localized too)."""
    hindi = data.get("hi")
    if lang != "hi" or not isinstance(hindi, dict):
        return data
    out = copy.deepcopy(data)
    for key in ARTICLE_TEXTS:
        out[key] = hindi[key]
    for key in ARTICLE_LISTS:
        if hindi.get(key):
            out[key] = list(hindi[key])
    for key in ("key_facts", "exam_angles"):
        for mine, theirs in zip(out.get(key) or [], hindi.get(key) or [], strict=False):
            mine["text"] = theirs["text"]
    for entry in out.get("glossary") or []:
        if entry.get("hi"):
            entry["expansion"] = entry["hi"]
    out["questions"] = [localized(q, "hi") for q in data["questions"]]
    return out


def _number(value: float) -> str:
    return f"{value:g}"
