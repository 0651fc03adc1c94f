"""The teacher's documents: the answer key (per series) and the master key across series.

The key prints, for each question, its answer, the verdict on every statement or pair, and
the explanation, in each language the booklet was printed in.
"""

from __future__ import annotations

from typing import Any

from ...model import Marks, Question, Source
from ...model.series import Series
from .bilingual import LABELS, label, versions
from .questions import ROMAN_LABELS, option_letter, question_body
from .view import meta, number_text, shorten


def _verdicts(question: Question) -> list[str]:
    """The verdict on each statement or pair, as the key prints it."""
    if question.format == "statement-reason":
        statements = question.statements
        lines = [
            f"Statement-{ROMAN_LABELS[i]}: {'correct' if s.correct else 'incorrect'}"
            for i, s in enumerate(statements)
        ]
        explains = question.explains
        if len(statements) == 2 and statements[0].correct and statements[1].correct:
            lines.append(
                "Statement-II is the correct explanation for Statement-I"
                if explains
                else "Statement-II is not the correct explanation for Statement-I"
            )
        elif isinstance(explains, tuple):
            for i, flag in enumerate(explains, 1):
                if statements[i].correct:
                    lines.append(
                        f"Statement-{ROMAN_LABELS[i]} {'explains' if flag else 'does not explain'} Statement-I"
                    )
        return lines
    if question.pairs:
        return [
            f"Pair {i} ({p.left} : {p.right}): {'correctly matched' if p.correct else 'not correctly matched'}"
            for i, p in enumerate(question.pairs, 1)
        ]
    return [
        f"Statement {i}: {'correct' if s.correct else 'incorrect'}"
        for i, s in enumerate(question.statements, 1)
    ]


def answer_key_view(
    source: Source,
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The teacher's key: a grid, then each question's answer, verdicts, explanation and facts."""
    facts = {fact.id: fact.text for fact in source.key_facts}
    entries = []
    for number, question in enumerate(source.questions, 1):
        entries.append(
            {
                "number": number,
                "id": question.id,
                "letter": option_letter(question.answer),
                "answer_text": question.key.text,
                "versions": [_key_version(question, one) for one in versions(lang)],
                "facts": [facts[f] for f in question.facts if f in facts],
            }
        )
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "labels": {key: label(key, lang) for key in LABELS["en"]},
        "meta": meta(source, document="Answer key", epoch=epoch, series=series),
        "title": source.title,
        "series": series,
        "header": header or {},
        "grid_rows": _rows([{"number": e["number"], "letter": e["letter"]} for e in entries]),
        "entries": entries,
        "total_marks": number_text(marks.per_question * len(entries)),
        "marks": marks.describe(),
    }


def _key_version(question: Question, lang: str) -> dict[str, Any]:
    """The key's part in one language: the question, its verdicts and its explanation."""
    shown = question.localized(lang)
    verdicts = _verdicts(question) if lang == "en" else _verdicts_hi(question)
    return {
        "lang": lang,
        "body": question_body(shown, lang),
        "verdicts": verdicts,
        "explanation": shown.explanation,
        "explanation_label": LABELS[lang]["explanation"],
    }


def _verdicts_hi(question: Question) -> list[str]:
    """The verdicts in Hindi: "कथन 1: सही", "युग्म 2: सही सुमेलित नहीं"."""
    words = LABELS["hi"]
    if question.pairs:
        return [
            f"{words['pair']} {i}: {words['matched'] if p.correct else words['not_matched']}"
            for i, p in enumerate(question.pairs, 1)
        ]
    if question.format == "statement-reason":
        return [
            f"{words['statement']}-{ROMAN_LABELS[i]}: {words['correct'] if s.correct else words['incorrect']}"
            for i, s in enumerate(question.statements)
        ]
    return [
        f"{words['statement']} {i}: {words['correct'] if s.correct else words['incorrect']}"
        for i, s in enumerate(question.statements, 1)
    ]


def _rows(cells: list[dict[str, Any]], width: int = 10) -> list[list[dict[str, Any]]]:
    return [cells[start : start + width] for start in range(0, len(cells), width)]


def first_words(question: Question, limit: int = 48) -> str:
    """What tells a question apart: its stem, or its first item when the stem is generic."""
    stem = question.stem
    if stem.lower().startswith(("consider the following", "with reference to")) and (
        question.statements
    ):
        stem = question.statements[0].text
    elif question.pairs and stem.lower().startswith("consider the following"):
        stem = f"{question.pairs[0].left} : {question.pairs[0].right}"
    return shorten(stem, limit)


def master_key_view(
    source: Source, all_series: list[Series], *, marks: Marks, epoch: int | None
) -> dict[str, Any]:
    """One row per master question: its number and answer in every series."""
    from ...model.series import apply

    placed = {one.letter: apply(source, one).questions for one in all_series}
    rows = []
    for master_number, question in enumerate(source.questions, 1):
        cells = []
        for one in all_series:
            position = one.order.index(master_number - 1)
            cells.append(
                {
                    "number": position + 1,
                    "letter": option_letter(placed[one.letter][position].answer),
                }
            )
        rows.append(
            {
                "number": master_number,
                "id": question.id,
                "words": first_words(question),
                "cells": cells,
            }
        )
    return {
        "meta": meta(source, document="Master key", epoch=epoch),
        "title": source.title,
        "series": None,
        "letters": [one.letter for one in all_series],
        "rows": rows,
        "total_marks": number_text(marks.per_question * len(rows)),
        "marks": marks.describe(),
    }
