"""The teacher's documents: the answer key of a series, the explanations booklet, the master key.

- The answer key of a series is one page: a grid of every question's answer (two pages
  for 150 questions).
- The explanations booklet is one for the test, in the master order: each question's
  number and answer in every series, the question, the verdict on every item and the
  explanation, set densely (no stock boxes, no repeated lines).
- The master key maps each master question to its number and answer in every series.

Verdicts name items the way the booklet labels them: "Statement II" where the items are
I, II, III; "Statement 2" where they are 1, 2, 3; "Pair", "Row"; "Assertion (A)" and
"Reason (R)" where the question says so; in Hindi likewise, every line translated.
"""

from __future__ import annotations

from typing import Any

from ...model import Marks, Question, Source
from ...model.marks import number_text
from ...model.series import Series
from .bilingual import versions
from .i18n import N_, tr
from .questions import (
    ROMAN_LABELS,
    numbered_in_roman,
    option_letter,
    question_body,
    roman_paper,
)
from .view import meta, shorten

#: Questions a column of the answer grid holds.
GRID_WIDTH = 10
CORRECT, INCORRECT = N_("correct"), N_("incorrect")
MATCHED, NOT_MATCHED = N_("correctly matched"), N_("not correctly matched")


def _assertion_reason(question: Question) -> bool:
    said = f"{question.stem} {question.prompt or ''}".lower()
    return "assertion" in said or "अभिकथन" in said


def _item_names(question: Question, lang: str, roman: bool = False) -> list[str]:
    """How the key names each item: "Statement II", "Pair 3", "Row 1", "Assertion (A)"."""
    fmt = question.format
    items = question.items
    if fmt == "statement-reason":
        if _assertion_reason(question) and len(items) == 2:
            return [tr(lang, "Assertion (A)"), tr(lang, "Reason (R)")]
        return [tr(lang, "Statement-%(n)s", n=ROMAN_LABELS[i]) for i in range(len(items))]
    in_roman = numbered_in_roman(question, roman)
    number = [ROMAN_LABELS[i] if in_roman else str(i + 1) for i in range(len(items))]
    if question.pairs:
        noun = N_("Row %(n)s") if fmt == "rows" else N_("Pair %(n)s")
        return [tr(lang, noun, n=n) for n in number]
    return [tr(lang, "Statement %(n)s", n=n) for n in number]


def verdicts(question: Question, lang: str, roman: bool = False) -> list[str]:
    """The verdict on each statement, pair or row, and on the explanation link, in lang."""
    names = _item_names(question, lang, roman)
    if question.pairs:
        return [
            f"{name}: {tr(lang, MATCHED if p.correct else NOT_MATCHED)}"
            for name, p in zip(names, question.pairs, strict=True)
        ]
    items = question.statements
    lines = [
        f"{name}: {tr(lang, CORRECT if s.correct else INCORRECT)}"
        for name, s in zip(names, items, strict=True)
    ]
    if question.format != "statement-reason":
        return lines
    explains = question.explains
    if len(items) == 2 and items[0].correct and items[1].correct:
        message = (
            N_("%(second)s is the correct explanation of %(first)s")
            if explains
            else N_("%(second)s is not the correct explanation of %(first)s")
        )
        lines.append(tr(lang, message, first=names[0], second=names[1]))
    elif isinstance(explains, tuple):
        for i, flag in enumerate(explains, 1):
            if items[i].correct:
                message = (
                    N_("%(second)s explains %(first)s")
                    if flag
                    else N_("%(second)s does not explain %(first)s")
                )
                lines.append(tr(lang, message, first=names[0], second=names[i]))
    return lines


def grid(cells: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The answers in columns of GRID_WIDTH: 1-10 down the first column, 11-20 the next."""
    return [cells[start : start + GRID_WIDTH] for start in range(0, len(cells), GRID_WIDTH)]


def answer_key_view(
    source: Source,
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
    explained: bool = False,
) -> dict[str, Any]:
    """One series' key: its answers on one page (and, for a single-series test, explained)."""
    cells = [
        {"number": n, "letter": option_letter(q.answer)} for n, q in enumerate(source.questions, 1)
    ]
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "print_lang": lang,
        "meta": meta(source, document=N_("Answer key"), epoch=epoch, series=series, lang=lang),
        "title": (source.localized("hi") if lang == "hi" else source).title,
        "series": series,
        "header": header or {},
        "columns": grid(cells),
        "count": len(cells),
        "total_marks": number_text(marks.per_question * len(cells)),
        "per_question": number_text(marks.per_question),
        "penalty": number_text(marks.penalty),
        "entries": _entries(source, None, lang) if explained else [],
    }


def _entries(
    source: Source, placed: list[tuple[str, list[int], list[str]]] | None, lang: str
) -> list[dict[str, Any]]:
    """Each question of the master order with its places, question, verdicts, explanation."""
    entries = []
    roman = roman_paper(source.questions)
    for index, question in enumerate(source.questions):
        places = (
            [
                {"series": letter, "number": order[index] + 1, "letter": answers[index]}
                for letter, order, answers in placed
            ]
            if placed
            else []
        )
        entries.append(
            {
                "number": index + 1,
                "letter": option_letter(question.answer),
                "places": places,
                "versions": [_version(question, one, roman) for one in versions(lang)],
            }
        )
    return entries


def _version(question: Question, lang: str, roman: bool) -> dict[str, Any]:
    shown = question.localized(lang)
    return {
        "lang": lang,
        "body": question_body(shown, lang, roman=roman),
        "verdicts": verdicts(question, lang, roman),
        "explanation": shown.explanation,
    }


def explanations_view(
    source: Source,
    all_series: list[Series],
    *,
    marks: Marks,
    epoch: int | None,
    header: dict[str, str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The explanations booklet: every question once, in the master order."""
    from ...model.series import apply

    placed = []
    for one in all_series:
        questions = apply(source, one).questions
        order = [one.order.index(i) for i in range(len(source.questions))]
        answers = [option_letter(questions[position].answer) for position in order]
        placed.append((one.letter, order, answers))
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "print_lang": lang,
        "meta": meta(source, document=N_("Explanations"), epoch=epoch, lang=lang),
        "title": (source.localized("hi") if lang == "hi" else source).title,
        "series": None,
        "header": header or {},
        "letters": [one.letter for one in all_series],
        "entries": _entries(source, placed, lang),
        "total_marks": number_text(marks.per_question * len(source.questions)),
    }


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
                "words": first_words(question),
                "cells": cells,
            }
        )
    return {
        "meta": meta(source, document=N_("Master key"), epoch=epoch),
        "title": source.title,
        "series": None,
        "letters": [one.letter for one in all_series],
        "rows": rows,
        "total_marks": number_text(marks.per_question * len(rows)),
        "marks": marks.describe(),
    }
