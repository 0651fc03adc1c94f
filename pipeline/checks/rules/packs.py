"""Packs: a class pack names sources and filters that exist, and selects enough questions.

`pack/unknown-source` (error)
    fails: "sources": ["no-such-editorial"]
`pack/unknown-tag` (error): a tag in "select" is not in the vocabulary (with "did you mean").
`pack/source-invalid` (error): a source the pack draws on has errors; fix it first.
`pack/too-few` (error): "count" asks for more questions than the filters select.
`pack/empty` (error): the filters select no question at all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ...diagnostics import Severity
from ..sources import Source
from .base import Context, Problem, Rule

RULES = (
    Rule("pack/unknown-source", Severity.ERROR, "A pack draws only on sources that exist"),
    Rule("pack/unknown-tag", Severity.ERROR, "A pack selects by tags from the vocabulary"),
    Rule("pack/source-invalid", Severity.ERROR, "Every source a pack draws on is valid"),
    Rule("pack/too-few", Severity.ERROR, "The filters select at least `count` questions"),
    Rule("pack/empty", Severity.ERROR, "The filters select at least one question"),
)


def drawn_sources(pack: dict[str, Any], context: Context) -> list[Source]:
    """The sources a pack draws on, in its order (all sources by id when it names none)."""
    by_id = context.sources_by_id
    if "sources" in pack:
        return [by_id[i][0] for i in pack["sources"] if i in by_id]
    return sorted(
        (s for s in context.sources if isinstance(s.data, dict)),
        key=lambda s: str(s.data.get("id")),
    )


def question_papers(source: Source, question: dict[str, Any], context: Context) -> set[str]:
    tags = {t for f in source.data["key_facts"] if f["id"] in question["facts"] for t in f["tags"]}
    return {context.tags[t][0] for t in tags if t in context.tags}


def matches(
    pack: dict[str, Any], source: Source, question: dict[str, Any], context: Context
) -> bool:
    select = pack.get("select", {})
    if "formats" in select and question["format"] not in select["formats"]:
        return False
    tags = {t for f in source.data["key_facts"] if f["id"] in question["facts"] for t in f["tags"]}
    if "tags" in select and not tags & set(select["tags"]):
        return False
    return not (
        "papers" in select
        and not question_papers(source, question, context) & set(select["papers"])
    )


def select(pack: dict[str, Any], context: Context) -> list[tuple[Source, dict[str, Any]]]:
    """The questions a pack takes: those matching every filter, in source order, up to count."""
    chosen = [
        (source, question)
        for source in drawn_sources(pack, context)
        for question in source.data["questions"]
        if matches(pack, source, question, context)
    ]
    return chosen[: int(pack["count"])] if "count" in pack else chosen


def check(pack_source: Source, context: Context, *, invalid: set[str]) -> Iterator[Problem]:
    """Check a schema-valid pack against the loaded sources; `invalid` holds ids with errors."""
    pack = pack_source.data
    known = set(context.sources_by_id)
    for index, source_id in enumerate(pack.get("sources", [])):
        if source_id not in known:
            close = difflib.get_close_matches(source_id, [str(k) for k in known], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Problem(
                "pack/unknown-source", f"/sources/{index}", f"no source with id '{source_id}'{hint}"
            )
        elif source_id in invalid:
            yield Problem(
                "pack/source-invalid",
                f"/sources/{index}",
                f"source '{source_id}' has errors; fix them before building this pack",
            )
    for index, tag in enumerate(pack.get("select", {}).get("tags", [])):
        if tag not in context.tags:
            close = difflib.get_close_matches(tag, list(context.tags), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Problem("pack/unknown-tag", f"/select/tags/{index}", f"unknown tag '{tag}'{hint}")
    if "sources" not in pack and invalid:
        yield Problem(
            "pack/source-invalid",
            "",
            f"sources with errors: {', '.join(sorted(invalid))}; fix them before building this pack",
        )
    valid_context = Context(
        context.vocabulary,
        [s for ids, group in context.sources_by_id.items() if ids not in invalid for s in group],
    )
    full = select({k: v for k, v in pack.items() if k != "count"}, valid_context)
    if not full:
        yield Problem(
            "pack/empty", "/select" if "select" in pack else "", "the filters select no question"
        )
    elif "count" in pack and len(full) < pack["count"]:
        yield Problem(
            "pack/too-few",
            "/count",
            f"count is {pack['count']} but the filters select only {len(full)} questions",
        )
