"""The tag vocabulary: the built-in one, extended by the project's own file if it names one.

A content repository adds tags without forking the tool: `vocabulary = "vocabulary.json"`
in its configuration names a file shaped like the built-in one (papers -> topics -> tags).
Its tags join the built-in ones; a new topic needs a title; a tag the built-in vocabulary
already has under another topic is an error. The file is content, checked like a source:
its problems are diagnostics with a line and column.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from .. import SCHEMAS_DIR
from ..config import project
from ..diagnostics import Diagnostic, Severity
from . import schema
from .sources import load

SCHEMA = "vocabulary.schema.json"


@cache
def builtin() -> dict[str, Any]:
    """The vocabulary that ships with the tool."""
    data: dict[str, Any] = json.loads((SCHEMAS_DIR / "vocabulary.json").read_text(encoding="utf-8"))
    return data


def vocabulary() -> dict[str, Any]:
    """The vocabulary this project uses: the built-in one plus its own file, if valid."""
    return _merged(project().vocabulary)[0]


def problems() -> list[Diagnostic]:
    """What is wrong with the project's own vocabulary file (nothing without one)."""
    return _merged(project().vocabulary)[1]


@cache
def _merged(path: Path | None) -> tuple[dict[str, Any], list[Diagnostic]]:
    base = builtin()
    if path is None:
        return base, []
    loaded = load(path)
    if loaded.source is None:
        return base, loaded.diagnostics
    source = loaded.source
    found = schema.check(source, schema=SCHEMA)
    if found:
        return base, found
    merged = copy.deepcopy(base)
    owner = {
        tag: (paper, topic)
        for paper, body in base["papers"].items()
        for topic, entry in body["topics"].items()
        for tag in entry["tags"]
    }
    for paper, body in source.data["papers"].items():
        target = merged["papers"].setdefault(
            paper, {"title": body.get("title", paper), "topics": {}}
        )
        for topic, entry in body["topics"].items():
            where = f"/papers/{paper}/topics/{topic}"
            if topic not in target["topics"]:
                if "title" not in entry:
                    found.append(
                        _error(source, where, "vocabulary/no-title", _new_topic(base, paper, topic))
                    )
                    continue
                target["topics"][topic] = {"title": entry["title"], "tags": {}}
            for tag, meaning in entry["tags"].items():
                if tag in owner and owner[tag] != (paper, topic):
                    home = "/".join(owner[tag])
                    found.append(
                        _error(
                            source,
                            f"{where}/tags/{tag}",
                            "vocabulary/duplicate-tag",
                            f"'{tag}' is already a built-in tag under {home}; use it, or "
                            "choose another name",
                            key=True,
                        )
                    )
                    continue
                target["topics"][topic]["tags"][tag] = meaning
                owner[tag] = (paper, topic)
    return merged, found


def _new_topic(base: dict[str, Any], paper: str, topic: str) -> str:
    """Why a topic needs a title, and the existing topic a misspelling probably meant."""
    import difflib

    papers = base["papers"]
    known = list(papers.get(paper, {}).get("topics", {}))
    elsewhere = [p for p, body in papers.items() if topic in body["topics"]]
    close = difflib.get_close_matches(topic, known, n=1, cutoff=0.8)
    if elsewhere:
        hint = f" ({topic} is a {elsewhere[0]} topic: move its tags there)"
    elif close:
        hint = f"; did you mean '{close[0]}'?"
    else:
        hint = ""
    return (
        f"'{topic}' is not a built-in {paper} topic{hint}{'' if close else ';'} "
        f'{"A" if close else "a"} new topic needs a "title", as the syllabus words it'
    )


def _error(source: Any, pointer: str, rule: str, message: str, *, key: bool = False) -> Diagnostic:
    return source.diagnostic(pointer, rule, Severity.ERROR, message, key=key)


def where_to_add() -> str:
    """Where an editor adds a tag in this project, for the unknown-tag message."""
    from .. import FROM_CHECKOUT

    config = project()
    if config.vocabulary is not None:
        return f"add it to {_shown(config.vocabulary)}"
    builtin_file = SCHEMAS_DIR / "vocabulary.json"
    if FROM_CHECKOUT and builtin_file.resolve().is_relative_to(config.root.resolve()):
        return f"add it to {_shown(builtin_file)}"
    return (
        'add it to a vocabulary file of your own, named by `vocabulary = "vocabulary.json"` '
        "under [tool.upsc-pipeline] in pyproject.toml"
    )


def _shown(path: Path) -> str:
    import os

    return os.path.relpath(path) if path.is_absolute() else str(path)


def extract_vocabulary(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Any:
    """A Babel extractor (babel.cfg) for vocabulary.json: the paper and topic titles the
    article prints, translated through the catalogs (build/render/i18n.py)."""
    data = json.load(fileobj)
    for paper in data.get("papers", {}).values():
        yield 1, None, paper["title"], ["GS paper title (vocabulary.json)"]
        for topic in paper.get("topics", {}).values():
            yield 1, None, topic["title"], ["Syllabus topic (vocabulary.json)"]
