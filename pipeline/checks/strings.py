"""Every string of a document, and the prose among them: walked once per source for all rules."""

from __future__ import annotations

from typing import Any

#: Keys whose values are codes or references, never prose an editor wrote.
CODE_KEYS = frozenset(
    {"id", "label", "answer", "src", "topic", "paper", "format", "countries", "facts", "tags"}
    | {"waive", "kind", "published"}
)


def strings_of(value: Any) -> tuple[list[str], list[str]]:
    """All strings, and the prose among them (not codes, not the glossary), without pointers."""
    everything: list[str] = []
    prose: list[str] = []
    stack: list[tuple[Any, bool]] = [(value, True)]
    pop, push, add, add_prose = stack.pop, stack.append, everything.append, prose.append
    while stack:
        item, is_prose = pop()
        kind = type(item)  # parsed JSON holds exactly str, dict and list: no isinstance needed
        if kind is str:
            add(item)
            if is_prose:
                add_prose(item)
        elif kind is dict:
            for key, child in item.items():
                if key != "$schema":
                    push((child, is_prose and key not in CODE_KEYS and key != "glossary"))
        elif kind is list:
            stack.extend([(child, is_prose) for child in reversed(item)])
    return everything, prose
