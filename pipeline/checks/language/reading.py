"""What the explanation reader knows of a question (Shape) and what it reads (Reading)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Shape:
    """What the reader needs to know of a question."""

    format: str
    items: int  # number of statements or pairs
    options: tuple[tuple[str, str], ...] = ()  # (label, text)
    lefts: tuple[str, ...] = ()  # left-hand sides of pairs
    #: The question asks for what is NOT correct ("Which one of the following is not
    #: correct?"): in a `single` question, "option (c) is incorrect" then names the answer.
    negative: bool = False


@dataclass(frozen=True)
class Reading:
    """One thing the explanation says.

    kind: "item" (value: is the item correct), "explains" (item 2 or 3 explains Statement-I:
    value bool), "count" (value: (number, polarity)), "answer" (value: an option letter),
    "not-answer" (value: an option letter the explanation rules out).
    """

    kind: str
    item: int | None
    value: Any
    sure: bool
    start: int
    end: int
    quote: str = field(compare=False, default="")
