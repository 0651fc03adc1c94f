"""Every semantic rule, registered here and nowhere else.

Each module has a docstring that is its user documentation, a `RULES` tuple declaring its
rule ids, severities and summaries, and a `check(source, context)` generator of problems.
The engine (pipeline/check.py) stamps severities; rules never render.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    answer_key,
    assets,
    content,
    explanation,
    facts,
    fixed,
    glyphs,
    ids,
    packs,
    tables,
    tags,
    translation,
    waivers,
)
from .base import Context, Problem, Rule

MODULES: tuple[ModuleType, ...] = (
    answer_key,
    explanation,
    translation,
    facts,
    tags,
    content,
    tables,
    glyphs,
    ids,
    assets,
)

#: Rules for class packs (packs/*.json) rather than sources; run by pipeline/packs.py.
PACK_MODULES: tuple[ModuleType, ...] = (packs,)

#: Rules the engine reports itself (loading, schema, rendering; waivers): listed, not run.
ENGINE_MODULES: tuple[ModuleType, ...] = (fixed, waivers)

RULES: dict[str, Rule] = {
    rule.id: rule for module in (*ENGINE_MODULES, *MODULES, *PACK_MODULES) for rule in module.RULES
}

__all__ = ["ENGINE_MODULES", "MODULES", "PACK_MODULES", "RULES", "Context", "Problem", "Rule"]
