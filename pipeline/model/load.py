"""Build the content model from a source that passed the checks: `load(data) -> Source`.

Called once per source, after the checks and before any output: renderers, series,
packs and exporters read the model this returns and never the JSON again. What needs a
reader of language (may options move, where does the explanation name them) is read here,
once, with the same readers the checks use.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..checks.movable import explanation_letters, hindi_letters, may_shuffle_options
from .content import KeyFact, Question, Source


def load(data: dict[str, Any]) -> Source:
    """The model of one checked source (a dict as `checks.sources.load` parsed it)."""
    facts = {f["id"]: KeyFact.of(f) for f in data.get("key_facts") or ()}
    syllabus = _syllabus()
    return Source.of(data, tuple(question(q, facts, syllabus) for q in data["questions"]))


def _syllabus() -> dict[str, tuple[str, str]]:
    """Every tag of the vocabulary (built in and the project's) -> (paper, topic)."""
    from ..checks.vocabulary import vocabulary

    return {
        tag: (paper, topic)
        for paper, body in vocabulary()["papers"].items()
        for topic, entry in body["topics"].items()
        for tag in entry["tags"]
    }


def question(
    raw: dict[str, Any], facts: dict[str, KeyFact], syllabus: dict[str, tuple[str, str]]
) -> Question:
    """One checked question, with its facts' tags and topics, and what series may do with
    its options."""
    tags = tuple(
        dict.fromkeys(t for f in raw.get("facts") or () if f in facts for t in facts[f].tags)
    )
    topics = tuple(dict.fromkeys(syllabus[t] for t in tags if t in syllabus))
    model = dataclasses.replace(Question.of(raw, tags=tags), topics=topics)
    if not may_shuffle_options(raw):
        return model
    spans, _ = explanation_letters(raw)
    hindi = model.hi
    if hindi is not None and hindi.explanation:
        hindi = dataclasses.replace(hindi, letters=tuple(hindi_letters(hindi.explanation)[0]))
    return dataclasses.replace(model, movable=True, letters=tuple(spans), hi=hindi)
