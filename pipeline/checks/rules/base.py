"""What a rule module declares and yields; the engine stamps ids and severities."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...diagnostics import Severity
from ..sources import Source


@dataclass(frozen=True)
class Rule:
    """One rule id, its severity and its one-line description."""

    id: str
    severity: Severity
    summary: str


@dataclass(frozen=True)
class Problem:
    """What a rule found: which of its rule ids, where, and why."""

    rule: str
    pointer: str
    message: str
    key: bool = False


@dataclass
class Context:
    """What a rule may read besides its source: the vocabulary and every loaded source."""

    vocabulary: dict[str, Any]
    sources: list[Source] = field(default_factory=list)

    @cached_property
    def sources_by_id(self) -> dict[object, list[Source]]:
        """Every source under each id, for cross-file rules."""
        found: dict[object, list[Source]] = {}
        for source in self.sources:
            if isinstance(source.data, dict) and isinstance(source.data.get("id"), str):
                found.setdefault(source.data["id"], []).append(source)
        return found

    @cached_property
    def tags(self) -> dict[str, tuple[str, str]]:
        """Every tag -> (paper, topic)."""
        found: dict[str, tuple[str, str]] = {}
        for paper, body in self.vocabulary["papers"].items():
            for topic, entry in body["topics"].items():
                for tag in entry["tags"]:
                    found[tag] = (paper, topic)
        return found


def part_ok(source: Source, pointer: str) -> bool:
    """Whether the part at pointer (and everything in it) passed the schema.

    A broken waiver inside it does not count: the waiver is ignored, the question still read.
    """
    prefix = pointer + "/"
    return (
        not any(
            p == pointer
            or (p.startswith(prefix) and not p[len(pointer) :].startswith("/waive/"))
            or pointer.startswith(p + "/")
            for p in source.broken
        )
        and "" not in source.broken
    )


def questions(source: Source) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, question) for every question whose shape is valid, even if others are not."""
    items = source.data.get("questions") if isinstance(source.data, dict) else None
    if not isinstance(items, list) or "/questions" in source.broken or "" in source.broken:
        return
    for index, question in enumerate(items):
        if isinstance(question, dict) and part_ok(source, f"/questions/{index}"):
            yield index, question


def usable(source: Source, needs: tuple[str, ...]) -> bool:
    """Whether the top-level fields a rule module needs passed the schema.

    "questions" counts as usable when only some of its questions are broken: rules read the
    valid ones through questions().
    """
    if "" in source.broken or not isinstance(source.data, dict):
        return False
    for name in needs:
        pointer = f"/{name}"
        for broken in source.broken:
            if broken == pointer:
                return False
            if broken.startswith(pointer + "/") and not (
                name == "questions" and broken.count("/") >= 2
            ):
                return False
    return True
