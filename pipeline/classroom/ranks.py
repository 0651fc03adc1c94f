"""The rank list: students by score, with percentiles, accuracy and a breakdown by topic.

Ranks are competition ranks (equal scores share a rank; the next rank skips: 1, 2, 2, 4). The
percentile is the share of the class scoring at most the student's score (100 for the top, as
NTA reports percentiles). Accuracy is right answers among those attempted. Topics are the
tags of the facts each question tests (a pack draws them from several sources); a question
with several tags counts under each, one with none under "untagged".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..model import AnswerKey
from .marking import Student, marks_for
from .tables import Figure, csv_text

UNTAGGED = "untagged"


@dataclass(frozen=True)
class Topic:
    """One topic's results, for one student or the class."""

    name: str
    questions: int  # how many questions of the test are on it
    right: float  # per student: right answers; for the class: the mean
    attempted: float
    marks: float  # the marks earned on it (negative marking included)

    @property
    def share(self) -> float:
        return self.right / self.questions if self.questions else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.attempted if self.attempted else None


@dataclass(frozen=True)
class Rank:
    rank: int
    percentile: float
    student: Student
    topics: tuple[Topic, ...]


def topics_of(key: AnswerKey) -> dict[str, list[str]]:
    """topic -> the master question ids on it, topics in first-use order."""
    found: dict[str, list[str]] = {}
    for question in key.questions:
        for tag in key.tags.get(question) or (UNTAGGED,):
            found.setdefault(tag, []).append(question)
    return found


def student_topics(
    key: AnswerKey, student: Student, topics: dict[str, list[str]]
) -> tuple[Topic, ...]:
    answers = key.master_answers()
    result = []
    for name, questions in topics.items():
        marked = [student.choices.get(q, "") for q in questions]
        right = sum(m == answers[q] for m, q in zip(marked, questions, strict=True))
        attempted = sum(m != "" for m in marked)
        result.append(
            Topic(name, len(questions), right, attempted, marks_for(key, right, attempted - right))
        )
    return tuple(result)


def rank(key: AnswerKey, students: list[Student]) -> list[Rank]:
    """The class by score, highest first; equal scores in the responses' order."""
    topics = topics_of(key)
    ordered = sorted(students, key=lambda s: (-s.score, s.line))
    scores = sorted(s.score for s in students)
    ranks, previous, position = [], None, 0
    for index, student in enumerate(ordered, 1):
        if student.score != previous:
            position, previous = index, student.score
        at_most = bisect_right(scores, student.score)
        ranks.append(
            Rank(
                position,
                100 * at_most / len(scores),
                student,
                student_topics(key, student, topics),
            )
        )
    return ranks


def class_topics(ranks: list[Rank]) -> tuple[Topic, ...]:
    """Each topic's mean results over the class."""
    if not ranks:
        return ()
    n = len(ranks)
    return tuple(
        Topic(
            first.name,
            first.questions,
            sum(r.topics[i].right for r in ranks) / n,
            sum(r.topics[i].attempted for r in ranks) / n,
            sum(r.topics[i].marks for r in ranks) / n,
        )
        for i, first in enumerate(ranks[0].topics)
    )


def percent(value: float | None) -> Figure | str:
    return Figure(f"{100 * value:.1f}") if value is not None else ""


def ranks_csv(key: AnswerKey, ranks: list[Rank]) -> str:
    """ranks.csv: the rank list, and per topic the share of its questions each student got right."""
    names = list(topics_of(key))
    header = [
        "rank",
        "name",
        "roll",
        "series",
        "score",
        "max",
        "percentile",
        "correct",
        "attempted",
        "accuracy %",
        *(f"{name} % right" for name in names),
    ]
    maximum = Figure(f"{key.per_question * len(key.questions):g}")
    return csv_text(
        header,
        (
            [
                r.rank,
                r.student.name,
                r.student.roll,
                r.student.series,
                Figure(f"{r.student.score:.2f}"),
                maximum,
                Figure(f"{r.percentile:.1f}"),
                r.student.correct,
                r.student.attempted,
                percent(r.student.accuracy),
                *(percent(t.share) for t in r.topics),
            ]
            for r in ranks
        ),
    )
