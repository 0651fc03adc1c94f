"""Run the rules over an edited copy of a fixture and list (rule, pointer) found."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from pipeline.checks.check import check_paths

from ..conftest import CASES, SEED


def english_only(data: dict) -> dict:
    """The fixture without its Hindi: rule tests that edit the English leave no stale twin."""
    for question in data.get("questions", []):
        question.pop("hi", None)
    data.pop("hi", None)
    return data


FIXTURES = {
    "seed": english_only(json.loads(SEED.read_text(encoding="utf-8"))),
    "seed-bilingual": json.loads(SEED.read_text(encoding="utf-8")),
    "bilingual": json.loads((CASES / "valid" / "bilingual.json").read_text(encoding="utf-8")),
    "minimal": json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8")),
    "all-formats": json.loads((CASES / "valid" / "all-formats.json").read_text(encoding="utf-8")),
}


def problems(tmp_path: Path, edit=None, *, base: str = "minimal") -> list[tuple[str, str]]:
    """(rule, pointer) of every warning and error for the edited fixture."""
    data = copy.deepcopy(FIXTURES[base])
    if edit is not None:
        edit(data)
    path = tmp_path / f"{data['id']}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = check_paths([path])
    return [(d.rule, d.pointer) for d in result.diagnostics if d.severity.value != "info"]
