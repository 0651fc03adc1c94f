"""Class packs: check a pack and the sources it draws on, then render its worksheet and key."""

from __future__ import annotations

import argparse
import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import SOURCES_DIR, manifest, rules, schema
from .build import finish, remove_outputs, render_data, stream_for
from .check import CheckResult, check_paths
from .diagnostics import Diagnostic, Severity, has_errors
from .render.documents import plan
from .render.view import Marks, format_date
from .report import emit
from .rules.base import Context
from .rules.packs import check as check_rules
from .rules.packs import select
from .sources import Source, find_sources, load

PACK_SCHEMA = "pack.schema.json"


@dataclass
class PackCheck:
    """A checked pack: its diagnostics, and what it selects when it has no errors."""

    path: Path
    pack: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    chosen: list[tuple[Source, dict[str, Any]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not has_errors(self.diagnostics)


def check_pack(path: Path, sources: CheckResult) -> PackCheck:
    """Load and check one pack against already-checked sources (family `pack/`)."""
    loaded = load(path)
    result = PackCheck(path, loaded.source, list(loaded.diagnostics))
    if loaded.source is None:
        return result
    problems = schema.check(loaded.source, schema=PACK_SCHEMA)
    result.diagnostics += problems
    if problems:
        return result
    invalid = {
        str(s.data.get("id"))
        for s in sources.sources
        if sources.errors_in(s) and isinstance(s.data, dict)
    }
    context = Context(schema.vocabulary(), sources.sources)
    for problem in check_rules(loaded.source, context, invalid=invalid):
        rule = rules.RULES[problem.rule]
        result.diagnostics.append(
            loaded.source.diagnostic(problem.pointer, rule.id, rule.severity, problem.message)
        )
    if not has_errors(result.diagnostics):
        valid = Context(schema.vocabulary(), sources.valid_sources)
        result.chosen = select(loaded.source.data, valid)
    return result


def check_packs(paths: list[Path], sources_dir: Path) -> tuple[CheckResult, list[PackCheck]]:
    sources = check_paths([sources_dir])
    return sources, [check_pack(path, sources) for path in paths]


def marks_of(pack: dict[str, Any]) -> Marks:
    given = pack.get("marks", {})
    return Marks(
        per_question=given.get("per_question", 2.0),
        negative_fraction=given.get("negative_fraction", 0.33),
    )


def pack_data(
    name: str, pack: dict[str, Any], chosen: list[tuple[Source, dict[str, Any]]]
) -> dict[str, Any]:
    """The pack as one source-shaped document: chosen questions, ids prefixed by their source."""
    questions: list[dict[str, Any]] = []
    facts: dict[str, dict[str, Any]] = {}
    for source, question in chosen:
        prefix = source.data["id"]
        copied = copy.deepcopy(question)
        copied["id"] = f"{prefix}--{question['id']}"
        copied["facts"] = [f"{prefix}--{fact}" for fact in question["facts"]]
        questions.append(copied)
        for fact in source.data["key_facts"]:
            if fact["id"] in question["facts"]:
                facts.setdefault(
                    f"{prefix}--{fact['id']}", dict(fact, id=f"{prefix}--{fact['id']}")
                )
    return {
        "id": f"pack-{name}",
        "kind": "editorial-analysis",
        "title": pack["title"],
        "dek": f"{pack['class']}, {format_date(pack['date'])}",
        "published": pack["date"],
        "key_facts": list(facts.values()),
        "questions": questions,
    }


def header_of(pack: dict[str, Any]) -> dict[str, str]:
    return {"class_name": pack["class"], "date": format_date(pack["date"]) or ""}


def pack_hash(checked: PackCheck) -> str:
    assert checked.pack is not None
    digest = hashlib.sha256(checked.pack.text.encode("utf-8"))
    for source in sorted({id(s): s for s, _ in checked.chosen}.values(), key=lambda s: s.display):
        digest.update(source.text.encode("utf-8"))
    return digest.hexdigest()


def pack_name(path: Path) -> str:
    return path.name.removesuffix(".json")


def build_packs(
    checked: list[PackCheck],
    out: Path,
    *,
    options: argparse.Namespace,
    state: manifest.Manifest,
    inputs: str,
) -> tuple[int, int, list[str], list[Diagnostic]]:
    """Render every pack without errors into out/packs/<name>/; returns built, unchanged, skipped, problems."""
    built = unchanged = 0
    skipped: list[str] = []
    problems: list[Diagnostic] = []
    emit_html = getattr(options, "emit_html", False)
    for one in checked:
        name = pack_name(one.path)
        key, folder = f"packs/{name}", out / "packs" / name
        if not one.ok or one.pack is None:
            skipped.append(str(one.path))
            remove_outputs(folder)
            state.entries.pop(key, None)
            continue
        pack = one.pack.data
        data = pack_data(name, pack, one.chosen)
        series = pack.get("series", 1)
        names = [
            d.name
            for d in plan(data, marks=marks_of(pack), epoch=None, series=series, article=False)
        ]
        wanted = ["answer-key.json", *(f"{n}.pdf" for n in names)]
        digest = pack_hash(one)
        if not getattr(options, "force", False) and state.is_current(
            key, digest, inputs, folder, wanted
        ):
            unchanged += 1
            continue
        found = render_data(
            data,
            folder,
            display=one.pack.display,
            paper=options.paper,
            marks=marks_of(pack),
            emit_html=emit_html,
            series=series,
            started=lambda name: None,
            article=False,
            header=header_of(pack),
        )
        problems += found
        if has_errors(found):
            skipped.append(one.pack.display)
            state.entries.pop(key, None)
            continue
        built += 1
        outputs = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        state.entries[key] = manifest.Entry(str(one.path.resolve()), digest, inputs, outputs)
        count = f"{len(one.chosen)} question{'s' if len(one.chosen) != 1 else ''}"
        print(f"built {folder}/ ({count}: {', '.join(outputs)})", file=stream_for(options))
    return built, unchanged, skipped, problems


def pack_command(options: argparse.Namespace) -> int:
    """`python -m pipeline pack PACK.json...`: check the packs and their sources, then render them."""
    paths = find_sources(options.paths)
    sources, checked = check_packs(paths, getattr(options, "sources", SOURCES_DIR))
    drawn = {s.display for one in checked for s, _ in one.chosen}
    relevant = [d for d in sources.diagnostics if d.file in drawn or d.severity is Severity.ERROR]
    diagnostics = relevant + [d for one in checked for d in one.diagnostics]
    emit(diagnostics, len(paths), fmt=options.format, output=options.output)
    out: Path = options.out
    state = manifest.load(out)
    try:
        built, unchanged, skipped, problems = build_packs(
            checked, out, options=options, state=state, inputs=manifest.inputs_hash(options.paper)
        )
    finally:
        manifest.save(out, state)
    summary = (
        f"{built} pack{'s' if built != 1 else ''} built, {unchanged} unchanged in {out}/packs/"
    )
    return finish(options, summary, skipped=skipped, problems=problems, count=len(checked))
