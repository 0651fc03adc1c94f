"""Identity: ids are unique and a source's id is its file name.

`ids/stem-mismatch` (error): the source's `id` must equal the file name without `.json`.
    passes: sources/india-us.json with "id": "india-us"
    fails:  sources/india-us.json with "id": "india-us-2"

`ids/duplicate-question` (error), `ids/duplicate-fact` (error): question ids and key-fact
ids are unique within a source.
    fails: two questions with "id": "q1"

`ids/duplicate-source` (error): no two files in one run share a source id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule, questions

NEEDS = ("id", "questions", "key_facts")

RULES = (
    Rule("ids/stem-mismatch", Severity.ERROR, "A source's id equals its file name without .json"),
    Rule("ids/duplicate-question", Severity.ERROR, "Question ids are unique within a source"),
    Rule("ids/duplicate-fact", Severity.ERROR, "Key-fact ids are unique within a source"),
    Rule("ids/duplicate-source", Severity.ERROR, "Source ids are unique across sources"),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    data = source.data
    stem = source.path.name.removesuffix(".json")
    if data["id"] != stem:
        yield Problem(
            "ids/stem-mismatch",
            "/id",
            f"id '{data['id']}' does not match the file name '{source.path.name}'; "
            f"rename the file or set the id to '{stem}'",
        )
    yield from _unique(questions(source), "/questions", "ids/duplicate-question", "question")
    yield from _unique(enumerate(data["key_facts"]), "/key_facts", "ids/duplicate-fact", "key fact")
    others = [s for s in context.sources_by_id.get(data["id"], []) if s is not source]
    if others:
        yield Problem(
            "ids/duplicate-source",
            "/id",
            f"source id '{data['id']}' is also used by {', '.join(o.display for o in others)}",
        )


def _unique(
    items: Iterable[tuple[int, dict[str, Any]]], base: str, rule: str, what: str
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item in items:
        if item["id"] in seen:
            yield Problem(
                rule,
                f"{base}/{index}/id",
                f"{what} id '{item['id']}' is already used by {base}/{seen[item['id']]}",
            )
        else:
            seen[item["id"]] = index
