"""The content model: one typed, immutable view of a checked source, read by every output.

`load(data)` builds a `Source` once from a source that passed the checks; booklet series
(`series.apply`) return new models; render, packs, score, scan and every export read the
model and nothing else. The types are in `content.py` (one place to add a field), the
marking scheme in `marks.py`, the answer key `score` reads in `key.py`.
"""

from __future__ import annotations

from .content import (
    ArticleHindi,
    Dashboard,
    ExamAngle,
    GlossaryEntry,
    Image,
    Indicator,
    KeyFact,
    Map,
    Option,
    Pair,
    Question,
    QuestionHindi,
    Source,
    Statement,
)
from .key import AnswerKey, KeyEntry
from .load import load
from .marks import Marks
from .pack import Pack

__all__ = [
    "AnswerKey",
    "ArticleHindi",
    "Dashboard",
    "ExamAngle",
    "GlossaryEntry",
    "Image",
    "Indicator",
    "KeyEntry",
    "KeyFact",
    "Map",
    "Marks",
    "Option",
    "Pack",
    "Pair",
    "Question",
    "QuestionHindi",
    "Source",
    "Statement",
    "load",
]
