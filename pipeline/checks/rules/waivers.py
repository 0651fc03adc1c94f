"""Waivers: set a rule aside for one question (or one source) where it is wrong, with a reason.

A rule that reads language can be wrong about a sentence it has never seen. Rather than
turn the rule off for everyone, the content says so where the problem is:

    "waive": [{"rule": "explanation/contradicts-flag",
               "reason": "Statement 2 quotes the minister's claim, which the note then refutes"}]

on a question (the rule is set aside for that question) or at the top of a source (for the
whole file). A waiver needs a reason of a few words; waived diagnostics are listed in the
report's summary and in the GitHub step summary, so a reviewer sees every one. A file that
breaks a `json/`, `files/`, `schema/` or `check/` rule cannot be checked or built, and one
that breaks an `ids/` rule would take another source's place (its build folder), so those
cannot be waived.

`waiver/unused` (warning): a waiver that no longer matches anything (the text was fixed,
    or the rule changed); remove it, as ruff asks of an unused `# noqa`.
`waiver/unknown-rule` (error): a waiver names a rule that does not exist or cannot be waived.
    fails: {"rule": "explanation/contradict-flag", ...} -> did you mean 'explanation/contradicts-flag'?
    fails: {"rule": "ids/stem-mismatch", ...} -> identity cannot be waived
`waiver/reason` (error): a waiver's reason is words (at least two of two letters or more).
    passes: "reason": "Statement 2 quotes the minister's claim; the note refutes it"
    fails:  "reason": "..........", or ten spaces
"""

from __future__ import annotations

from ...diagnostics import Severity
from .base import Rule

RULES = (
    Rule("waiver/unused", Severity.WARNING, "A waiver still matches a diagnostic"),
    Rule(
        "waiver/unknown-rule", Severity.ERROR, "A waiver names a rule that exists and can be waived"
    ),
    Rule("waiver/reason", Severity.ERROR, "A waiver's reason is words a reviewer can check"),
)
