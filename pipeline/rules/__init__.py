"""Every semantic rule, registered here and nowhere else.

Each module has a docstring that is its user documentation, a `RULES` tuple declaring its
rule ids, severities and summaries, and a `check(source, context)` generator of problems.
"""

from __future__ import annotations

from types import ModuleType

from . import ids
from .base import Context, Problem, Rule

MODULES: tuple[ModuleType, ...] = (ids,)

RULES: dict[str, Rule] = {rule.id: rule for module in MODULES for rule in module.RULES}

__all__ = ["MODULES", "RULES", "Context", "Problem", "Rule"]
