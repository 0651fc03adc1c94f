"""Facts: questions test key facts of their own source, and key facts are tagged.

`facts/unknown-fact` (error)
    passes: "facts": ["us-largest-trading-partner"] with that id in key_facts
    fails:  "facts": ["no-such-fact"]
`facts/no-fact` (error): a question with "facts": [] tests nothing the article teaches.
`facts/no-tags` (error): a key fact with "tags": [] cannot be selected by a teacher.
`facts/untested` (info): a key fact no question tests; fine, but worth a question.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule, questions

NEEDS = ("questions", "key_facts")

RULES = (
    Rule(
        "facts/unknown-fact", Severity.ERROR, "A question's facts name key facts of the same source"
    ),
    Rule("facts/no-fact", Severity.ERROR, "Every question tests at least one key fact"),
    Rule("facts/no-tags", Severity.ERROR, "Every key fact has at least one tag"),
    Rule("facts/untested", Severity.INFO, "Key facts that no question tests"),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    data = source.data
    fact_ids = [fact["id"] for fact in data["key_facts"]]
    tested: set[str] = set()
    for index, fact in enumerate(data["key_facts"]):
        if not fact["tags"]:
            yield Problem(
                "facts/no-tags",
                f"/key_facts/{index}/tags",
                f"key fact '{fact['id']}' has no tags; add at least one from schemas/vocabulary.json",
            )
    for q_index, question in questions(source):
        if not question["facts"]:
            yield Problem(
                "facts/no-fact",
                f"/questions/{q_index}/facts",
                f"question '{question['id']}' tests no key fact; name the facts it tests",
            )
        for f_index, fact_id in enumerate(question["facts"]):
            if fact_id in fact_ids:
                tested.add(fact_id)
                continue
            close = difflib.get_close_matches(fact_id, fact_ids, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Problem(
                "facts/unknown-fact",
                f"/questions/{q_index}/facts/{f_index}",
                f"question '{question['id']}' cites key fact '{fact_id}', which is not in key_facts{hint}",
            )
    for index, fact_id in enumerate(fact_ids):
        if fact_id not in tested:
            yield Problem(
                "facts/untested", f"/key_facts/{index}", f"no question tests key fact '{fact_id}'"
            )
