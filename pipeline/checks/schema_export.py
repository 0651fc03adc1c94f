"""`python -m pipeline schema`: the schemas, self-contained, for a content repository's editor.

The tool validates with the schemas inside it; an editor in a content repository needs its
own copy (`"$schema": "../schemas/editorial.schema.json"`). Each written schema:
- has a stable `$id` (`https://schemas.upsc-pipeline.invalid/v1/<name>`: an identifier,
  never fetched; `.invalid` can never resolve), bumped only when the format breaks;
- is one file: the question schema is bundled under `$defs`, so no editor has to resolve a
  reference to another file (editors disagree on whether `$id` or the file's location is
  the base of a relative reference);
- lists the project's tags and topics (the built-in vocabulary plus the project's own file)
  as `enum`s, so the editor completes them and flags a misspelt one as you type.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from .. import SCHEMAS_DIR, program
from ..diagnostics import Diagnostic, Severity
from .vocabulary import vocabulary

ID_BASE = "https://schemas.upsc-pipeline.invalid/v1/"
WRITTEN = ("editorial.schema.json", "pack.schema.json", "vocabulary.schema.json")


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))
    return data


def _rewrite_refs(node: Any, mapping: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: mapping.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, mapping)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, mapping) for item in node]
    return node


def bundled(name: str) -> dict[str, Any]:
    """One schema with every other schema it refers to inlined, and the project's vocabulary."""
    schema = _read(name)
    if name == "editorial.schema.json":
        question = _read("question.schema.json")
        inner = {f"#/$defs/{key}": f"#/$defs/question-{key}" for key in question.get("$defs", {})}
        question = _rewrite_refs(question, inner)
        defs = schema.setdefault("$defs", {})
        for key, value in question.pop("$defs", {}).items():
            defs[f"question-{key}"] = value
        question.pop("$schema", None)
        defs["question"] = question
        outer = {"question.schema.json": "#/$defs/question"}
        outer |= {
            f"question.schema.json#/$defs/{key[len('question-') :]}": f"#/$defs/{key}"
            for key in defs
            if key.startswith("question-")
        }
        schema = _rewrite_refs(schema, outer)
        _add_vocabulary(schema)
    if name == "pack.schema.json":
        tags = schema["properties"]["select"]["properties"]["tags"]["items"]
        tags["enum"] = _tags()
    leftover = [ref for ref in _refs(schema) if not ref.startswith("#")]
    if leftover:  # a new cross-file reference this function does not bundle yet
        raise ValueError(f"{name}: cannot bundle reference {leftover[0]}")
    return {"$schema": schema.pop("$schema"), "$id": ID_BASE + name, **schema}


def _tags() -> list[str]:
    papers = vocabulary()["papers"]
    return sorted({tag for p in papers.values() for t in p["topics"].values() for tag in t["tags"]})


def _add_vocabulary(schema: dict[str, Any]) -> None:
    papers = vocabulary()["papers"]
    defs = schema["$defs"]
    defs["key_fact"]["properties"]["tags"]["items"] = {"enum": _tags()}
    topics = sorted({topic for p in papers.values() for topic in p["topics"]})
    defs["exam_angle"]["properties"]["topic"] = {
        **{k: v for k, v in defs["exam_angle"]["properties"]["topic"].items() if k != "$ref"},
        "enum": topics,
    }


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def write_schemas(folder: Path, *, quiet: bool = False) -> int:
    """Write the editor schemas into folder (saying so unless quiet); returns the exit code."""
    from ..build.outputs import write_atomically
    from ..config import confine, project

    confine(folder, project().root, command="schema")
    folder.mkdir(parents=True, exist_ok=True)
    for name in WRITTEN:
        write_atomically(folder / name, text_of(name).encode("utf-8"))
        if not quiet:
            print(f"wrote {os.path.relpath(folder / name)}", file=sys.stderr)
    return 0


def text_of(name: str) -> str:
    """The text `schema` writes for one schema."""
    return json.dumps(bundled(name), indent=2, ensure_ascii=False) + "\n"


def stale(folder: Path) -> list[Diagnostic]:
    """A `schema/stale` warning for each schema exported in folder that `schema` would now
    write differently (the vocabulary or the tool changed). None for a folder that holds
    the tool's own schemas (this repository), or schemas never exported."""
    if not folder.is_dir() or folder.resolve() == SCHEMAS_DIR.resolve():
        return []
    found = []
    for name in WRITTEN:
        path = folder / name
        if path.is_symlink() or not path.is_file():
            continue
        expected = text_of(name).encode("utf-8")
        try:  # a size that differs is stale without reading a byte
            same = path.stat().st_size == len(expected) and path.read_bytes() == expected
        except OSError:
            same = False
        if not same:
            shown = os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
            found.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "",
                    "schema/stale",
                    Severity.WARNING,
                    f"not what `{program()} schema` writes now (the vocabulary or the tool "
                    "changed since): your editor completes and checks against old rules; run "
                    f"`{program()} schema` to update it",
                )
            )
    return found
