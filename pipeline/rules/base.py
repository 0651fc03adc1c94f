"""What a rule module declares and yields; the engine stamps ids and severities."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..diagnostics import Severity
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
            if isinstance(source.data, dict):
                found.setdefault(source.data.get("id"), []).append(source)
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
