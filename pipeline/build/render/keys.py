"""The teacher's documents: the answer key of a series, the explanations booklet, the master key.

- The answer key of a series is one page: a grid of every question's answer (two pages
  for 150 questions).
- The explanations booklet is one for the test, in the master order: each question's
  number and answer in every series, the question, the verdict on every item and the
  explanation, set densely (no stock boxes, no repeated lines).
- The master key maps each master question to its number and answer in every series.

Verdicts (render/verdicts.py) name items the way the booklet labels them, in one compact
strip ("Correct: I, III · Incorrect: II"), and are left out where the explanation states
them all; in Hindi likewise, every line translated.
"""

from __future__ import annotations

from typing import Any

from ...model import Marks, Question, Source
from ...model.marks import number_text
from ...model.series import Series
from .bilingual import versions
from .i18n import N_
from .questions import option_letter, question_body, roman_paper
from .verdicts import printed as printed_verdicts
from .view import meta, shorten

#: Questions a column of the answer grid holds (a short test: five, so its grid is not one
#: thin column).
GRID_WIDTH = 10
SHORT_GRID_WIDTH = 5


def grid(cells: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The answers in columns of GRID_WIDTH: 1-10 down the first column, 11-20 the next."""
    width = GRID_WIDTH if len(cells) > 2 * GRID_WIDTH else SHORT_GRID_WIDTH
    return [cells[start : start + width] for start in range(0, len(cells), width)]


def answer_key_view(
    source: Source,
    *,
    marks: Marks,
    epoch: int | None,
    series: str | None = None,
    header: dict[str, str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """One series' key: its answers on one page (the explanations are a booklet of their own)."""
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
    }


def _entries(
    source: Source, placed: list[tuple[str, list[int], list[str]]], lang: str
) -> list[dict[str, Any]]:
    """Each question of the master order with its places, question, verdicts, explanation."""
    entries = []
    roman = roman_paper(source.questions)
    for index, question in enumerate(source.questions):
        places = [
            {"series": letter, "number": order[index] + 1, "letter": answers[index]}
            for letter, order, answers in placed
        ]
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
        "verdicts": printed_verdicts(question, lang, roman),
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


#: The master key's "Question" column: one line of 8 pt text this wide (the series columns
#: take the rest of the A4 text width), so each row is one line and 100 rows take 3 pages.
WHICH_MM = 76.0
WHICH_PT = 8.0
GENERIC = ("consider the following", "which of the following", "how many of the following")


def first_words(question: Question, width_mm: float = WHICH_MM) -> str:
    """What tells a question apart, in one printed line: "With reference to investments",
    the first statement where the stem is generic ("Consider the following statements"), else
    the stem; cut at a word to fit width_mm."""
    from .measure import text_width

    stem = " ".join(question.stem.split())
    lowered = stem.lower()
    if lowered.startswith("with reference to"):
        stem = stem.split(",")[0].split(":")[0].rstrip(" ,:")
    elif lowered.startswith(GENERIC) and question.statements:
        stem = question.statements[0].text
    elif lowered.startswith(GENERIC) and question.pairs:
        stem = f"{question.pairs[0].left} : {question.pairs[0].right}"
    stem = " ".join(stem.split())
    limit = len(stem)
    while limit > 8 and text_width(shorten(stem, limit), WHICH_PT) > width_mm:
        limit -= 2
    return shorten(stem, limit)


def master_key_view(
    source: Source,
    all_series: list[Series],
    *,
    marks: Marks,
    epoch: int | None,
    lang: str = "en",
) -> dict[str, Any]:
    """One row per master question: its number and answer in every series; the fixed texts in
    lang (a bilingual key prints both, the question's words in English, which prevails)."""
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
                "words": first_words(question.localized("hi") if lang == "hi" else question),
                "cells": cells,
            }
        )
    return {
        "lang": "en" if lang == "bilingual" else lang,
        "print_lang": lang,
        "meta": meta(source, document=N_("Master key"), epoch=epoch, lang=lang),
        "title": (source.localized("hi") if lang == "hi" else source).title,
        "series": None,
        "letters": [one.letter for one in all_series],
        "rows": rows,
        "total_marks": number_text(marks.per_question * len(rows)),
        "per_question": number_text(marks.per_question),
        "penalty": number_text(marks.penalty),
    }
