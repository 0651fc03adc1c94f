"""The answer key a build writes (answer-key.json) and `score` and `scan` read, as one type.

A build makes it from the model (`AnswerKey.of`); score and scan read it back from the file
(`AnswerKey.from_json`, after `classroom.score` has checked the file's shape). To carry a
new per-question fact to scoring, add it here and to `to_json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .content import LETTERS, Source
from .marks import Marks
from .series import Series, apply


@dataclass(frozen=True)
class KeyEntry:
    """One position of one series: its number, the question there, and its answer A-D."""

    number: int
    question: str
    answer: str
    #: The master letters of the options in the order this series prints them ("CADB"),
    #: empty when they are printed in the master order.
    order: str = ""

    def master(self, letters: str) -> str:
        """Letters marked on this series' sheet, as the master's letters ("AB" -> "CA" sorted)."""
        if not self.order:
            return letters
        return "".join(sorted(self.order[LETTERS.index(c)] for c in letters))


@dataclass(frozen=True)
class AnswerKey:
    id: str
    title: str
    questions: tuple[str, ...]  # question ids in the master order
    #: per series letter, one entry per position
    series: Mapping[str, tuple[KeyEntry, ...]]
    per_question: float = 2.0
    penalty: float = 0.66
    negative_fraction: float | None = 0.33
    class_name: str = ""
    date: str = ""
    #: question id -> the tags of the facts it tests (what the class's results are grouped by)
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(
        cls,
        source: Source,
        all_series: list[Series],
        *,
        marks: Marks,
        class_name: str = "",
        date: str = "",
    ) -> AnswerKey:
        """The key of a source (or pack) printed in these series."""
        table = {
            one.letter: tuple(
                KeyEntry(n, q.id, q.answer, "".join(LETTERS[i] for i in moved) if moved else "")
                for n, (q, moved) in enumerate(
                    zip(apply(source, one).questions, one.options, strict=True), 1
                )
            )
            for one in all_series
        }
        return cls(
            id=source.id,
            title=source.title,
            questions=tuple(q.id for q in source.questions),
            series=MappingProxyType(table),
            per_question=marks.per_question,
            penalty=marks.penalty,
            negative_fraction=marks.negative_fraction,
            class_name=class_name,
            date=date,
            tags=MappingProxyType({q.id: q.tags for q in source.questions if q.tags}),
        )

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> AnswerKey:
        """A key read from answer-key.json whose shape has been checked."""
        marks = raw["marks"]
        fraction = marks.get("negative_fraction")
        return cls(
            id=str(raw.get("id", "")),
            title=str(raw["title"]),
            questions=tuple(raw["questions"]),
            series=MappingProxyType(
                {
                    letter: tuple(
                        KeyEntry(
                            int(row.get("number", n)),
                            row["question"],
                            row["answer"],
                            str(row.get("order", "")),
                        )
                        for n, row in enumerate(rows, 1)
                    )
                    for letter, rows in raw["series"].items()
                }
            ),
            per_question=float(marks["per_question"]),
            penalty=float(marks["penalty"]),
            negative_fraction=float(fraction) if isinstance(fraction, int | float) else None,
            class_name=str(raw.get("class", "")),
            date=str(raw.get("date", "")),
            tags=MappingProxyType(
                {str(q): tuple(str(t) for t in tags) for q, tags in raw.get("tags", {}).items()}
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The answer-key.json document."""
        return {
            "id": self.id,
            "title": self.title,
            "class": self.class_name,
            "date": self.date,
            "marks": {
                "per_question": self.per_question,
                "negative_fraction": self.negative_fraction,
                "penalty": self.penalty,
            },
            "questions": list(self.questions),
            "tags": {question: list(tags) for question, tags in self.tags.items()},
            "series": {
                letter: [
                    {"number": e.number, "question": e.question, "answer": e.answer}
                    | ({"order": e.order} if e.order else {})
                    for e in entries
                ]
                for letter, entries in self.series.items()
            },
        }

    def master_answers(self) -> dict[str, str]:
        """question id -> its answer in the master's letters."""
        return {e.question: e.master(e.answer) for entries in self.series.values() for e in entries}
