"""The teacher's documents: the answer key (per series) and the master key across series.

The key prints, for each question, its answer, the verdict on every statement or pair, and
the explanation, in each language the booklet was printed in.
"""

from __future__ import annotations

from typing import Any

from ...checks.answers import items_of, reason_facts
from .bilingual import LABELS, label, localized, versions
from .questions import ROMAN_LABELS, option_letter, question_body
from .view import Marks, meta, number_text, shorten


def _verdicts(question: dict[str, Any]) -> list[str]:
    """The verdict on each statement or pair, as the key prints it."""
    fmt = question["format"]
    if fmt == "statement-reason":
        lines = [
            f"Statement-{ROMAN_LABELS[i]}: {'correct' if s['correct'] else 'incorrect'}"
            for i, s in enumerate(question["statements"])
        ]
        facts = reason_facts(question)
        explains = question.get("explains")
        if facts[0] == "two" and facts[1] and facts[2]:
            lines.append(
                "Statement-II is the correct explanation for Statement-I"
                if explains
                else "Statement-II is not the correct explanation for Statement-I"
            )
        elif isinstance(explains, list):
            for i, flag in enumerate(explains, 1):
                if question["statements"][i]["correct"]:
                    lines.append(
                        f"Statement-{ROMAN_LABELS[i]} {'explains' if flag else 'does not explain'} Statement-I"
                    )
        return lines
    if question.get("pairs"):
        return [
            f"Pair {i} ({p['left']} : {p['right']}): {'correctly matched' if p['correct'] else 'not correctly matched'}"
            for i, p in enumerate(question["pairs"], 1)
        ]
    return [
        f"Statement {i}: {'correct' if s['correct'] else 'incorrect'}"
        for i, s in enumerate(items_of(question), 1)
    ]


def answer_key_view(
    data: dict[str, Any],
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The teacher's key: a grid, then each question's answer, verdicts, explanation and facts."""
    facts = {fact["id"]: fact["text"] for fact in data["key_facts"]}
    entries = []
    for number, question in enumerate(data["questions"], 1):
        option = next(o for o in question["options"] if o["label"] == question["answer"])
        entries.append(
            {
                "number": number,
                "id": question["id"],
                "letter": option_letter(question["answer"]),
                "answer_text": option["text"],
                "versions": [_key_version(question, one) for one in versions(lang)],
                "facts": [facts[f] for f in question["facts"] if f in facts],
            }
        )
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "labels": {key: label(key, lang) for key in LABELS["en"]},
        "meta": meta(data, document="Answer key", epoch=epoch, series=series),
        "title": data["title"],
        "series": series,
        "header": header or {},
        "grid_rows": _rows([{"number": e["number"], "letter": e["letter"]} for e in entries]),
        "entries": entries,
        "total_marks": number_text(marks.per_question * len(entries)),
        "marks": marks.describe(),
    }


def _key_version(question: dict[str, Any], lang: str) -> dict[str, Any]:
    """The key's part in one language: the question, its verdicts and its explanation."""
    shown = localized(question, lang)
    verdicts = _verdicts(question) if lang == "en" else _verdicts_hi(question)
    return {
        "lang": lang,
        "body": question_body(shown, lang),
        "verdicts": verdicts,
        "explanation": shown["explanation"],
        "explanation_label": LABELS[lang]["explanation"],
    }


def _verdicts_hi(question: dict[str, Any]) -> list[str]:
    """The verdicts in Hindi: "कथन 1: सही", "युग्म 2: सही सुमेलित नहीं"."""
    words = LABELS["hi"]
    if question.get("pairs"):
        return [
            f"{words['pair']} {i}: {words['matched'] if p['correct'] else words['not_matched']}"
            for i, p in enumerate(question["pairs"], 1)
        ]
    if question["format"] == "statement-reason":
        return [
            f"{words['statement']}-{ROMAN_LABELS[i]}: {words['correct'] if s['correct'] else words['incorrect']}"
            for i, s in enumerate(question["statements"])
        ]
    return [
        f"{words['statement']} {i}: {words['correct'] if s['correct'] else words['incorrect']}"
        for i, s in enumerate(items_of(question), 1)
    ]


def _rows(cells: list[dict[str, Any]], width: int = 10) -> list[list[dict[str, Any]]]:
    return [cells[start : start + width] for start in range(0, len(cells), width)]


def first_words(question: dict[str, Any], limit: int = 48) -> str:
    """What tells a question apart: its stem, or its first item when the stem is generic."""
    stem = question["stem"]
    if stem.lower().startswith(("consider the following", "with reference to")) and question.get(
        "statements"
    ):
        stem = question["statements"][0]["text"]
    elif question.get("pairs") and stem.lower().startswith("consider the following"):
        stem = f"{question['pairs'][0]['left']} : {question['pairs'][0]['right']}"
    return shorten(stem, limit)


def master_key_view(
    data: dict[str, Any], all_series: list[Any], *, marks: Marks, epoch: int | None
) -> dict[str, Any]:
    """One row per master question: its number and answer in every series."""
    from ...model.series import apply

    placed = {one.letter: apply(data, one)["questions"] for one in all_series}
    rows = []
    for master_number, question in enumerate(data["questions"], 1):
        cells = []
        for one in all_series:
            position = one.order.index(master_number - 1)
            cells.append(
                {
                    "number": position + 1,
                    "letter": option_letter(placed[one.letter][position]["answer"]),
                }
            )
        rows.append(
            {
                "number": master_number,
                "id": question["id"],
                "words": first_words(question),
                "cells": cells,
            }
        )
    return {
        "meta": meta(data, document="Master key", epoch=epoch),
        "title": data["title"],
        "series": None,
        "letters": [one.letter for one in all_series],
        "rows": rows,
        "total_marks": number_text(marks.per_question * len(rows)),
        "marks": marks.describe(),
    }
