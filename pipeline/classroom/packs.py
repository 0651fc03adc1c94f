"""Class packs: check a pack and the sources it draws on, and make it a target to build."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import model
from ..build.render.view import format_date
from ..build.targets import Target
from ..checks import policy, rules, schema
from ..checks.check import CheckResult, check_paths
from ..checks.rules.base import Context
from ..checks.rules.packs import check as check_rules
from ..checks.rules.packs import select
from ..checks.sources import Source, load
from ..checks.vocabulary import vocabulary
from ..config import project
from ..diagnostics import Diagnostic, has_errors
from ..model import Pack

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
    context = Context(vocabulary(), sources.sources)
    for problem in check_rules(loaded.source, context, invalid=invalid):
        rule = rules.RULES[problem.rule]
        result.diagnostics.append(
            loaded.source.diagnostic(problem.pointer, rule.id, rule.severity, problem.message)
        )
    result.diagnostics, _ = policy.apply(result.diagnostics, [], project())
    if not has_errors(result.diagnostics):
        valid = Context(vocabulary(), sources.valid_sources)
        result.chosen = select(loaded.source.data, valid)
    return result


def check_packs(paths: list[Path], sources_dir: Path) -> tuple[CheckResult, list[PackCheck]]:
    sources = check_paths([sources_dir])
    return sources, [check_pack(path, sources) for path in paths]


def pack_model(name: str, raw: dict[str, Any], chosen: list[tuple[Source, dict[str, Any]]]) -> Pack:
    """The pack as the model holds it: the chosen questions, read from their sources' models."""
    models: dict[int, model.Source] = {}
    picked: list[tuple[model.Source, model.Question]] = []
    for source, question in chosen:
        if id(source) not in models:
            models[id(source)] = model.load(source.data)
        whole = models[id(source)]
        index = next(i for i, q in enumerate(source.data["questions"]) if q is question)
        picked.append((whole, whole.questions[index]))
    return Pack.of(name, raw, picked, dek=f"{raw['class']}, {format_date(raw['date'])}")


def header_of(pack: Pack) -> dict[str, str]:
    """What a pack pre-fills on its booklets. `date` is written out in English (the key's JSON
    keeps it so); `day` and `time_allowed` (minutes) are printed in the booklet's language."""
    header = {"class_name": pack.class_name, "date": format_date(pack.date) or "", "day": pack.date}
    if pack.time_allowed is not None:
        header["time_allowed"] = str(pack.time_allowed)
    return header


def pack_hash(checked: PackCheck) -> str:
    assert checked.pack is not None
    digest = hashlib.sha256(checked.pack.text.encode("utf-8"))
    for source in sorted({id(s): s for s, _ in checked.chosen}.values(), key=lambda s: s.display):
        digest.update(source.text.encode("utf-8"))
    return digest.hexdigest()


def pack_name(path: Path) -> str:
    return path.name.removesuffix(".json")


def pack_target(
    checked: PackCheck, inputs: str, lang: str | None = None, copies: int = 0
) -> Target:
    """The folder packs/<name>/ a valid pack becomes; `copies` (build --copies) overrides the
    pack's own setting."""
    from ..build.render.bilingual import resolve

    assert checked.pack is not None
    name = pack_name(checked.path)
    pack = pack_model(name, checked.pack.data, checked.chosen)
    return Target(
        key=f"packs/{name}",
        display=checked.pack.display,
        path=str(checked.path.resolve()),
        source=pack.source,
        digest=pack_hash(checked) + inputs,
        marks=pack.marks,
        series=pack.series,
        article=False,
        header=tuple(header_of(pack).items()),
        lang=resolve(pack.source, lang),
        copies=copies or pack.copies,
    )
