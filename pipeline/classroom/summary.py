"""The teacher's summary.pdf as a view: what to check first, scores, questions, topics, ranks.

Python decides every figure and word here; templates/score-summary.html only lays them out.
Texts that came from a sheet or a register (names, roll numbers) are made printable.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import clean
from ..model import AnswerKey
from .analysis import RELIABLE_CLASS, Analysis, Item
from .marking import Student
from .ranks import UNTAGGED, Rank, class_topics

#: Rows of the rank list printed (ranks.csv has every student).
MAX_PRINTED_RANKS = 300
#: Topic columns printed beside each student (ranks.csv has every topic).
MAX_PRINTED_TOPICS = 6
BANDS = 10


def pct(value: float | None) -> str:
    return f"{100 * value:.0f}%" if value is not None else "–"


def signed(value: float | None) -> str:
    return f"{value:+.2f}".replace("-", "−") if value is not None else "–"


def marks(value: float | None) -> str:
    return f"{value:.2f}".replace("-", "−") if value is not None else "–"


def printable(text: str, limit: int = 60) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def topic_title(tag: str) -> str:
    """How the summary names a topic: the vocabulary's title of its tag ("quad" is "The
    Quadrilateral Security Dialogue"); a tag the vocabulary lacks, as written."""
    from ..checks.vocabulary import vocabulary

    for paper in vocabulary().get("papers", {}).values():
        for topic in paper.get("topics", {}).values():
            title = topic.get("tags", {}).get(tag)
            if isinstance(title, str) and title:
                return title
    return "Untagged" if tag == UNTAGGED else tag


def band_label(index: int, step: float) -> str:
    """ "0 – under 20", ..., "180 – 200": a score on a boundary belongs to one band only."""
    low, high = index * step, (index + 1) * step
    return f"{low:g} – {high:g}" if index == BANDS - 1 else f"{low:g} – under {high:g}"


def _distribution(scores: list[float], maximum: float) -> list[dict[str, Any]]:
    """Scores in ten bands of the maximum, negative ones in a band of their own (never clamped).

    The last band holds the maximum itself."""
    counts, below = [0] * BANDS, 0
    for score in scores:
        if score < 0:
            below += 1
            continue
        share = score / maximum if maximum else 0.0
        counts[min(BANDS - 1, int(share * BANDS))] += 1
    top = max([*counts, below]) or 1
    step = maximum / BANDS
    rows = [
        {"label": "below 0", "count": below, "width": round(100 * below / top, 1), "negative": True}
    ]
    rows += [
        {
            "label": band_label(i, step),
            "count": c,
            "width": round(100 * c / top, 1),
            "negative": False,
        }
        for i, c in enumerate(counts)
    ]
    return rows


def _item(item: Item) -> dict[str, Any]:
    low, high = item.wilson
    return {
        "number": item.number,
        "id": printable(item.question, 40),
        "key": f"({item.answer.lower()})",
        "right": pct(item.difficulty),
        "interval": f"{100 * low:.0f}–{100 * high:.0f}",
        "width": round(100 * item.difficulty, 1),
        "attempted": pct(item.attempt_rate),
        "accuracy": pct(item.accuracy),
        "item_rest": signed(item.item_rest),
        "discrimination": signed(item.discrimination),
        "alpha_if_deleted": f"{item.alpha_if_deleted:.2f}"
        if item.alpha_if_deleted is not None
        else "–",
        "options": [
            {
                "letter": f"({o.letter.lower()})",
                "share": pct(o.share),
                "mean": marks(o.mean_score) if o.mean_score is not None else "",
                "key": o.key,
                "upper": o.upper,
            }
            for o in item.options
        ],
        "blank": pct(item.blank),
        "multiple": pct(item.multiple) if item.multiple else "",
        "flags": list(item.flags),
        "suspect": item.suspect,
    }


def _student(s: Student) -> str:
    return printable(s.name or (f"roll {s.roll}" if s.roll else f"line {s.line}"), 40)


def summary_view(
    key: AnswerKey,
    students: list[Student],
    analysis: Analysis,
    ranks: list[Rank],
    *,
    pending_as_blank: bool = False,
) -> dict[str, Any]:
    """Everything summary.pdf prints, decided and formatted."""
    maximum = key.per_question * len(key.questions)
    scores = sorted(s.score for s in students)
    n = len(scores)
    median = (scores[n // 2] if n % 2 else (scores[n // 2 - 1] + scores[n // 2]) / 2) if n else None
    topics = class_topics(ranks)
    printed_topics = [t.name for t in topics][:MAX_PRINTED_TOPICS]
    pending = [
        {
            "student": _student(s),
            "roll": printable(s.roll, 20) if s.name else "",  # else the name is "roll ..."
            "series": s.series,
            "questions": ", ".join(str(q) for q in s.pending),
            "several": len(s.pending) > 1,
        }
        for s in students
        if s.pending
    ]
    return {
        "meta": {
            "title": f"{key.title} — Class results",
            "subject": "Class results",
            "keywords": "",
            "date": None,
            "short_title": key.title,
            "document": "Class results",
        },
        "series": None,
        "title": key.title,
        "class_name": key.class_name,
        "date": key.date,
        "students": n,
        "series_count": len(key.series),
        "questions_count": len(key.questions),
        "maximum": f"{maximum:g}",
        "penalty": f"{key.penalty:g}",
        "per_question": f"{key.per_question:g}",
        "mean": marks(analysis.mean if n else None),
        "median": marks(median),
        "sd": marks(analysis.sd if n else None),
        "highest": marks(scores[-1] if n else None),
        "lowest": marks(scores[0] if n else None),
        "alpha": f"{analysis.alpha:.2f}" if analysis.alpha is not None else "–",
        "sem": marks(analysis.sem),
        "reliable": analysis.reliable,
        "reliable_class": RELIABLE_CLASS,
        "group": analysis.group,
        "distribution": _distribution(scores, maximum),
        "suspects": [_item(i) for i in analysis.suspects],
        "questions": [_item(i) for i in analysis.items],
        "pending": pending if pending_as_blank else [],
        "topics": [
            {
                "name": printable(topic_title(t.name), 70),
                "questions": t.questions,
                "right": pct(t.share),
                "width": round(100 * t.share, 1),
                "accuracy": pct(t.accuracy),
                "marks": marks(t.marks),
                "maximum": f"{t.questions * key.per_question:g}",
            }
            for t in topics
        ],
        "topic_names": [printable(topic_title(name), 40) for name in printed_topics],
        "more_topics": len(topics) > len(printed_topics),
        "ranks": [
            {
                "rank": r.rank,
                "name": _student(r.student),
                "roll": printable(r.student.roll, 20),
                "series": r.student.series,
                "score": marks(r.student.score),
                "percentile": f"{r.percentile:.1f}",
                "accuracy": pct(r.student.accuracy),
                "right": f"{r.student.correct}/{r.student.attempted}",
                "pending": bool(r.student.pending),
                "topics": [pct(t.share) for t in r.topics[: len(printed_topics)]],
            }
            for r in ranks[:MAX_PRINTED_RANKS]
        ],
        "more_ranks": max(0, len(ranks) - MAX_PRINTED_RANKS),
    }
