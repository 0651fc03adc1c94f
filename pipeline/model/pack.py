"""A class pack in the model: questions chosen from several sources, shaped as one source.

Each chosen question keeps its content; its id and facts are prefixed by its source's id
(`india-us--q1`), so ids stay unique across sources and a key names where each came from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .content import KeyFact, Question, Source
from .marks import Marks


@dataclass(frozen=True)
class Pack:
    """One checked pack: its heading, marking, series count and its questions as a source."""

    name: str  # the file name without .json
    title: str
    date: str  # YYYY-MM-DD
    class_name: str
    source: Source  # id "pack-<name>", the chosen questions, the facts they test
    marks: Marks = Marks()
    series: int = 1
    time_allowed: int | None = None  # minutes
    copies: int = 0  # numbered copies of each booklet (0: one, serial left blank)

    @classmethod
    def of(
        cls,
        name: str,
        raw: dict[str, Any],
        chosen: list[tuple[Source, Question]],
        *,
        dek: str,
    ) -> Pack:
        """The pack `raw` (checked) with its chosen questions; dek is its printed standfirst."""
        given = raw.get("marks", {})
        marks = Marks(
            per_question=float(given.get("per_question", 2.0)),
            negative_fraction=float(given.get("negative_fraction", 0.33)),
        )
        questions: list[Question] = []
        facts: dict[str, KeyFact] = {}
        for source, question in chosen:
            prefix = source.id
            questions.append(
                dataclasses.replace(
                    question,
                    id=f"{prefix}--{question.id}",
                    facts=tuple(f"{prefix}--{fact}" for fact in question.facts),
                )
            )
            for fact in source.key_facts:
                if fact.id in question.facts:
                    key = f"{prefix}--{fact.id}"
                    facts.setdefault(key, dataclasses.replace(fact, id=key))
        source = Source(
            id=f"pack-{name}",
            kind="editorial-analysis",
            title=raw["title"],
            dek=dek,
            published=raw["date"],
            key_facts=tuple(facts.values()),
            questions=tuple(questions),
        )
        return cls(
            name=name,
            title=raw["title"],
            date=raw["date"],
            class_name=raw["class"],
            source=source,
            marks=marks,
            series=int(raw.get("series", 1)),  # 2.0 is an integer to JSON Schema, not to range()
            time_allowed=int(raw["time_allowed"]) if "time_allowed" in raw else None,
            copies=int(raw.get("copies", 0)),
        )
