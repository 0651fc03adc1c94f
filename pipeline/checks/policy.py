"""The project's policy over the diagnostics: configured severities, then waivers.

One pass after every check: a rule the configuration turns `off` is dropped, one it sets
to another level is re-stamped; then each waiver in the content sets aside the diagnostics
of its rule inside its question (or its whole source), and a waiver that matched nothing
becomes `waiver/unused`.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import program
from ..config import FIXED_FAMILIES, FIXED_RULES, Config, load, name_problems, severity_of, use
from ..diagnostics import Diagnostic, UsageError, Waived
from . import rules
from .positions import escape
from .rules.base import part_ok
from .sources import Source


def known_names() -> list[str]:
    """What a configuration may name: every rule id and every family."""
    return [*rules.RULES, *dict.fromkeys(rule.split("/")[0] for rule in rules.RULES)]


def verify(config: Config) -> None:
    """Every rule and family the configuration names exists; else a usage error naming each."""
    problems = name_problems(config, known_names())
    if problems:
        raise UsageError(*problems)


def configure(start: Path | None = None) -> Config:
    """Load the configuration for this run, every mistake in it reported at once, and use it."""
    found = load(start, known=known_names())
    use(found)
    return found


def apply(
    diagnostics: Iterable[Diagnostic], sources: Iterable[Source], config: Config
) -> tuple[list[Diagnostic], list[Waived]]:
    """Diagnostics after configured severities and the waivers in sources; what was waived."""
    leveled = list(_levels(diagnostics, config))
    waivers = [w for source in sources for w in waivers_of(source)]
    if not waivers:
        return leveled, []
    kept: list[Diagnostic] = []
    waived: list[Waived] = []
    used: set[tuple[str, str]] = set()
    by_file: dict[str, list[Waiver]] = {}
    for waiver in waivers:
        by_file.setdefault(waiver.file, []).append(waiver)
    for d in leveled:
        match = next((w for w in by_file.get(d.file, []) if w.covers(d)), None)
        if match is None:
            kept.append(d)
            continue
        used.add((match.file, match.pointer))
        waived.append(Waived(d, match.reason, match.pointer))
    for waiver in waivers:
        problem = waiver.problem()
        if problem is not None:
            kept.append(problem)
        elif (waiver.file, waiver.pointer) not in used:
            kept.extend(
                _levels(
                    [
                        waiver.source.diagnostic(
                            waiver.pointer,
                            "waiver/unused",
                            rules.RULES["waiver/unused"].severity,
                            f"nothing here breaks {waiver.rule} any more; remove this waiver",
                        )
                    ],
                    config,
                )
            )
    kept.sort(key=lambda d: (d.file, d.line, d.column, d.rule))
    return kept, waived


def _levels(diagnostics: Iterable[Diagnostic], config: Config) -> Iterator[Diagnostic]:
    if not config.rules and not config.overrides:
        yield from diagnostics
        return
    for d in diagnostics:
        level = config.level(d.rule, d.file)
        if level is None:
            yield d
            continue
        severity = severity_of(level)
        if severity is not None:
            yield dataclasses.replace(d, severity=severity)


def waivable(rule: str) -> bool:
    """Rules a waiver may set aside: the rule modules', not the engine's (json/, schema/ ...)."""
    family = rule.split("/")[0]
    return (
        rule in rules.RULES
        and family not in FIXED_FAMILIES
        and rule not in FIXED_RULES
        and family != "waiver"
    )


@dataclass(frozen=True)
class Waiver:
    """One entry of a `waive` list: a rule set aside in scope (a question or the whole source)."""

    source: Source
    scope: str
    pointer: str
    rule: str
    reason: str

    @property
    def file(self) -> str:
        return self.source.display

    def covers(self, d: Diagnostic) -> bool:
        if d.rule != self.rule or not self.waivable or not is_words(self.reason):
            return False
        return not self.scope or d.pointer == self.scope or d.pointer.startswith(self.scope + "/")

    @property
    def waivable(self) -> bool:
        family = self.rule.split("/")[0]
        return (
            self.rule in rules.RULES
            and family not in FIXED_FAMILIES
            and self.rule not in FIXED_RULES
            and family != "waiver"
        )

    def problem(self) -> Diagnostic | None:
        if self.waivable:
            if is_words(self.reason):
                return None
            rule = rules.RULES["waiver/reason"]
            return self.source.diagnostic(
                self.pointer + "/reason",
                rule.id,
                rule.severity,
                "a reason is words a reviewer can check (why the rule is wrong here), "
                "not spaces or punctuation",
            )
        if self.rule in rules.RULES:
            message = (
                f"'{self.rule}' cannot be waived: a file that breaks it cannot be checked or "
                "built, or would take another source's place"
            )
        else:
            waivable = [r for r in rules.RULES if Waiver(self.source, "", "", r, "").waivable]
            close = difflib.get_close_matches(self.rule, waivable, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = f"'{self.rule}' is not a rule{hint} (`{program()} rules` lists them)"
        rule = rules.RULES["waiver/unknown-rule"]
        return self.source.diagnostic(self.pointer + "/rule", rule.id, rule.severity, message)


def is_words(reason: str) -> bool:
    """At least two words of two or more letters: 'ten spaces' or '..........' is no reason."""
    return sum(1 for word in reason.split() if sum(c.isalpha() for c in word) >= 2) >= 2


def waivers_of(source: Source) -> list[Waiver]:
    """The waivers a source declares (those whose shape passed the schema)."""
    data = source.data
    if not isinstance(data, dict):
        return []
    found = list(_entries(source, "", data))
    questions = data.get("questions")
    if isinstance(questions, list):
        for index, question in enumerate(questions):
            if isinstance(question, dict):
                found += _entries(source, f"/questions/{index}", question)
    return found


def _entries(source: Source, scope: str, holder: dict[str, Any]) -> Iterator[Waiver]:
    entries = holder.get("waive")
    if not isinstance(entries, list) or not part_ok(source, f"{scope}/waive"):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
            pointer = f"{scope}/{escape('waive')}/{index}"
            yield Waiver(source, scope, pointer, entry["rule"], str(entry.get("reason", "")))
