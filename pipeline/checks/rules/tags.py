"""Tags and exam angles come from the controlled vocabulary.

The vocabulary is organised by paper (GS1-GS4, Essay), then syllabus topic, then tag.
To add a tag, add it under the topic it belongs to, with a one-line meaning: in this
repository schemas/vocabulary.json; in a content repository, the file its configuration
names (`vocabulary = "vocabulary.json"`), which extends the built-in one.

`tags/unknown` (error)
    passes: "tags": ["quad"]
    fails:  "tags": ["quadd"]  -> unknown tag 'quadd'; did you mean 'quad'? If it is a new
            tag, add it to vocabulary.json (the file the configuration names)
    fails:  "tags": ["indirect-taxation"] -> unknown tag 'indirect-taxation'; add it to ...
            (no suggestion: no known tag is close enough to be a typo)
`tags/unknown-topic` (error): an exam angle's topic is not a syllabus topic of its paper.
    fails: {"paper": "GS3", "topic": "bilateral-relations"} (a GS2 topic)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ...diagnostics import Severity
from ..sources import Source
from ..vocabulary import where_to_add
from .base import Context, Problem, Rule

NEEDS = ("key_facts", "exam_angles")
#: How alike (difflib's ratio) a name must be to a known one to be offered as a typo's fix.
TYPO = 0.8

RULES = (
    Rule("tags/unknown", Severity.ERROR, "Fact tags come from the controlled vocabulary"),
    Rule("tags/unknown-topic", Severity.ERROR, "Exam angles name syllabus topics of their paper"),
)


def check(source: Source, context: Context) -> Iterator[Problem]:
    known = context.tags
    for f_index, fact in enumerate(source.data["key_facts"]):
        for t_index, tag in enumerate(fact["tags"]):
            if tag not in known:
                # A suggestion only for a likely typo: 'indirect-taxation' is a new tag, not
                # a misspelt 'india-us-relations' (ratio 0.63); 'quadd' is 'quad' (0.89).
                close = difflib.get_close_matches(tag, list(known), n=1, cutoff=TYPO)
                hint = (
                    f"; did you mean '{close[0]}'? If it is a new tag, {where_to_add()}"
                    if close
                    else f"; {where_to_add()}"
                )
                yield Problem(
                    "tags/unknown",
                    f"/key_facts/{f_index}/tags/{t_index}",
                    f"unknown tag '{tag}'{hint}",
                )
    papers = context.vocabulary["papers"]
    for index, angle in enumerate(source.data["exam_angles"]):
        topics = papers.get(angle["paper"], {}).get("topics", {})
        if angle["topic"] in topics:
            continue
        elsewhere = [p for p, body in papers.items() if angle["topic"] in body["topics"]]
        if elsewhere:
            hint = f"; it is a {elsewhere[0]} topic"
        else:
            close = difflib.get_close_matches(angle["topic"], list(topics), n=1, cutoff=TYPO)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else f"; {angle['paper']} topics are: {', '.join(topics)}"
            )
        yield Problem(
            "tags/unknown-topic",
            f"/exam_angles/{index}/topic",
            f"'{angle['topic']}' is not a {angle['paper']} syllabus topic{hint}",
        )
