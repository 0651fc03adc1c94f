"""The test booklet's cover page, as an all-India test series prints it.

Paper title, time allowed and maximum marks, a large series box, the booklet serial number
(blank, or printed on each numbered copy), roll-number boxes (one a digit, as many as the
answer sheet bubbles), the candidate's signature, the instructions (how to fill the answer
sheet, the marking scheme, rough work, which version prevails) and "DO NOT OPEN THIS TEST
BOOKLET UNTIL YOU ARE ASKED TO DO SO". Every text comes from the catalogs (render/i18n.py),
in the booklet's language, or in English and Hindi side by side.
"""

from __future__ import annotations

from typing import Any

from .bilingual import versions
from .i18n import ntr, tr
from .sheet import BOOKLET_DIGITS, ROLL_DIGITS

#: Digits of a booklet serial number, as the answer sheet's field asks for it (000001).
SERIAL_DIGITS = BOOKLET_DIGITS
#: Minutes allowed a question when a pack does not say (UPSC: 100 questions in two hours).
MINUTES_PER_QUESTION = 1.2


def serial_text(serial: int | None) -> str | None:
    return None if serial is None else f"{serial:0{SERIAL_DIGITS}d}"


def duration(minutes: int, lang: str) -> str:
    """ "2 hours", "1 hour 30 minutes", "12 minutes" in lang."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ntr(lang, "%(num)d hour", "%(num)d hours", hours))
    if rest or not hours:
        parts.append(ntr(lang, "%(num)d minute", "%(num)d minutes", rest))
    return " ".join(parts)


def instructions(
    lang: str,
    *,
    count: int,
    pages: int,
    marks: Any,
    series: str,
    bilingual: bool,
    inline_grid: bool = False,
) -> list[str]:
    """The numbered instructions of the cover in one language ("en" or "hi").

    Where the answers go decides several of them, and they agree: a booklet with its own
    answer grid is handed in (answers, roll number and all); one with an answer sheet is
    kept, the sheet handed in with the series and serial number filled in.
    """
    lines = [
        tr(
            lang,
            "Immediately after the start of the examination, check that this test booklet "
            "has no unprinted, torn or missing pages or items. If it has, ask for a complete "
            "booklet of the same series.",
        ),
    ]
    if inline_grid:
        lines.append(
            tr(
                lang,
                "Write your roll number in the boxes above, one digit a box. Write nothing "
                "else on this booklet except your answers in its answer grid.",
            )
        )
    else:
        lines += [
            tr(
                lang,
                "Fill in the series of this booklet, %(series)s, in the space given on the "
                "answer sheet, and write the test booklet serial number printed above.",
                series=series,
            ),
            tr(
                lang,
                "Write your roll number in the boxes above, one digit a box, and in the boxes "
                "of the answer sheet, filling one bubble a digit. Write nothing else on this "
                "booklet.",
            ),
        ]
    lines += [
        ntr(
            lang,
            "This booklet contains %(pages)d pages and %(num)d question.",
            "This booklet contains %(pages)d pages and %(num)d questions.",
            count,
            pages=pages,
        )
        + " "
        + (
            tr(lang, "Each question is printed in Hindi and in English.")
            if bilingual
            else tr(lang, "Each question has four options: choose the one best answer.")
        ),
        tr(
            lang,
            "Mark every answer in the answer grid at the end of this booklet, filling one "
            "bubble a question completely with a black or blue ballpoint pen.",
        )
        if inline_grid
        else tr(
            lang,
            "Mark every answer on the separate answer sheet only, filling one bubble a "
            "question completely with a black or blue ballpoint pen.",
        ),
        tr(
            lang,
            "Each question carries %(marks)s marks. Wrong answers are penalised as set out below.",
            marks=f"{marks.per_question:g}",
        ),
        tr(lang, "Pages for rough work are at the end of the booklet."),
        tr(
            lang,
            "Hand this booklet to the invigilator when the examination ends: your answers are "
            "in its grid.",
        )
        if inline_grid
        else tr(
            lang,
            "Hand the answer sheet to the invigilator when the examination ends. You may take "
            "this test booklet with you.",
        ),
    ]
    if bilingual:
        lines.append(tr(lang, "In case of any doubt, the English version shall prevail."))
    return lines


def penalty(lang: str, *, marks: Any) -> list[str]:
    """The paragraph on wrong answers, as UPSC's covers set it apart, in one language."""
    third = abs(marks.negative_fraction - 1 / 3) < 0.01
    share = tr(lang, "one third") if third else f"{marks.negative_fraction:g}"
    return [
        tr(
            lang,
            "Every question has four options. For each question answered wrongly, %(penalty)s "
            "of the marks of that question (%(lost)s marks) is deducted as a penalty.",
            penalty=share,
            lost=f"{marks.penalty:g}",
        ),
        tr(
            lang,
            "Marking more than one answer counts as a wrong answer, even if one of the answers "
            "marked is right, and is penalised in the same way.",
        ),
        tr(lang, "A question left blank, with no answer marked, carries no penalty."),
    ]


def cover_view(
    *,
    lang: str,
    title: str,
    count: int,
    marks: Any,
    series: str | None,
    serial: int | None,
    time_allowed: int | None,
    inline_grid: bool = False,
    pages: int = 0,
    title_hi: str | None = None,
) -> dict[str, Any]:
    """What the cover shows; `lang` is "en", "hi" or "bilingual"; `time_allowed` in minutes
    (a pack's), else the paper's rate for `count` questions.

    A booklet always has a series (a single-series test is series A, as its answer sheet
    reads it); `pages` is the booklet's page count, known once it is laid out (pdf.py
    renders the cover again with it); `title_hi` prints under the title of a bilingual one.
    """
    minutes = time_allowed or round(count * MINUTES_PER_QUESTION)
    total = f"{marks.per_question * count:g}"
    letter = series or "A"
    columns = []
    for one in versions(lang):
        columns.append(
            {
                "lang": one,
                "heading": tr(one, "Instructions"),
                "lines": instructions(
                    one,
                    count=count,
                    pages=pages,
                    marks=marks,
                    series=letter,
                    bilingual=lang == "bilingual",
                    inline_grid=inline_grid,
                ),
                "penalty_heading": tr(one, "Penalty for wrong answers"),
                "penalty": penalty(one, marks=marks),
            }
        )
    return {
        "title": title,
        "title_hi": title_hi if title_hi and title_hi != title else None,
        "series": letter,
        "serial": serial_text(serial),
        "serial_digits": SERIAL_DIGITS,
        "roll_digits": ROLL_DIGITS,
        "time": duration(minutes, lang if lang != "bilingual" else "en"),
        "time_hi": duration(minutes, "hi") if lang == "bilingual" else None,
        "total": total,
        "columns": columns,
    }
