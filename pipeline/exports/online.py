"""What every export carries: one series of a checked source or pack, in a language, with its marks.

`OnlineTest` is read by each exporter and nothing else: the questions in the series' order
(model.series.apply), the language(s) shown, the marking scheme, and the lines a student
reads (`presented`: stem, statements, pairs, prompt, code line and options, per language,
from the same `question_body` the booklets print). Marking follows `score`: a right answer
earns `per_question`, a wrong one loses `penalty` (0.66 under UPSC's scheme), a blank costs
nothing; `moodle_fraction` is the nearest penalty Moodle's importer accepts (see docs).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..build.render.bilingual import versions
from ..build.render.questions import question_body
from ..model import Marks, Question, Source

#: The wrong-answer fractions Moodle's importer accepts (question_bank::fraction_options_full,
#: checked by match_grade_options within 1e-5); a third is written as 0.3333333.
MOODLE_FRACTIONS = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)  # fmt: skip
MOODLE_TOLERANCE = 0.00001
#: A negative fraction this close to a third is UPSC's "one third (0.33)".
THIRD_TOLERANCE = 0.01


class ExportError(ValueError):
    """Content that passed the checks but cannot be said in an export's format."""


#: One printed cell in each language shown: ((lang, text), ...).
Cell = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Line:
    """One line a student reads: a paragraph (one cell), an item (label, text) or a pair row."""

    key: str  # "stem", "item-2", "pair-1", "prompt", "code"
    kind: str  # "p" | "item" | "pair"
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Presented:
    """A question as shown online: its lines and its options (label, text per language)."""

    lines: tuple[Line, ...]
    options: tuple[tuple[str, Cell], ...]  # (label A-D, text per language)


@dataclass(frozen=True)
class OnlineTest:
    """One exported test: a source or pack, one series, in one language choice."""

    source: Source  # already in the series' order
    lang: str  # "en", "hi" or "bilingual"
    marks: Marks = Marks()
    series: str | None = None  # the letter when the booklet has several series
    collect_only: bool = False  # HTML only: record answers, hold no key

    @property
    def languages(self) -> list[str]:
        return versions(self.lang)

    @property
    def penalty(self) -> float:
        """Marks a wrong answer loses, exactly as `score` deducts them."""
        return self.marks.penalty

    @property
    def moodle_fraction(self) -> str:
        """The wrong-answer fraction for Moodle and GIFT, as a percentage Moodle accepts."""
        wanted = self.marks.negative_fraction
        if abs(wanted - 1 / 3) < THIRD_TOLERANCE:
            return "-33.33333"
        for allowed in MOODLE_FRACTIONS:
            if abs(wanted - allowed) < MOODLE_TOLERANCE:
                return _percent(-allowed)
        accepted = ", ".join(f"{f:g}" for f in MOODLE_FRACTIONS if 0 < f < 1)
        raise ExportError(
            f"a wrong answer costs {wanted:g} of the marks; Moodle accepts only {accepted} "
            "(or one third): change marks.negative_fraction or export to QTI or HTML"
        )

    @cached_property
    def presented(self) -> tuple[Presented, ...]:
        return tuple(presented(q, self.languages) for q in self.source.questions)


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")


def presented(question: Question, languages: list[str]) -> Presented:
    """The question's lines and options in each language, joined line by line."""
    lines: dict[str, tuple[str, list[list[tuple[str, str]]]]] = {}
    options: dict[str, list[tuple[str, str]]] = {}
    for lang in languages:
        body = question_body(question.localized(lang), lang)
        texts: list[tuple[str, str, list[str]]] = [("stem", "p", [body["stem"]])]
        texts += [
            (f"item-{n}", "item", [i["label"], i["text"]]) for n, i in enumerate(body["items"], 1)
        ]
        table = body["table"]
        if table:  # a table: its headings, then each row's number and cells
            texts += [("columns", "pair", ["", *table["columns"]])]
            texts += [
                (f"pair-{n}", "pair", [row["number"], *row["cells"]])
                for n, row in enumerate(table["rows"], 1)
            ]
        else:
            texts += [
                (f"pair-{n}", "pair", [p["number"], p["left"], p["right"]])
                for n, p in enumerate(body["pairs"], 1)
            ]
        texts += [("prompt", "p", [body["prompt"]])] if body["prompt"] else []
        texts += [("code", "p", [body["code_line"]])] if body["code_line"] else []
        for key, kind, cells in texts:
            _, joined = lines.setdefault(key, (kind, [[] for _ in cells]))
            for column, text in zip(joined, cells, strict=False):
                column.append((lang, text))
        for option in question.localized(lang).options:
            options.setdefault(option.label, []).append((lang, option.text))
    return Presented(
        lines=tuple(
            Line(key, kind, tuple(tuple(cell) for cell in cells))
            for key, (kind, cells) in lines.items()
        ),
        options=tuple((label, tuple(texts)) for label, texts in options.items()),
    )


def explanation(question: Question, languages: list[str]) -> Cell:
    """The explanation in each language shown."""
    return tuple((lang, question.localized(lang).explanation) for lang in languages)


def options_move(question: Question) -> bool:
    """Whether an online test may shuffle the options: series may move them, and the
    explanations name none by letter (an LMS shuffles without re-lettering them)."""
    hindi_letters = question.hi.letters if question.hi is not None else ()
    return question.movable and not question.letters and not hindi_letters


def one_text(cell: Cell) -> str:
    """A cell's first language's text (for names and plain-text places)."""
    return cell[0][1]
