"""SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`).

One run; the driver lists every rule (id, description, default level); each diagnostic
is a result at its file, line and column, with its JSON pointer as a logical location.
A waived diagnostic is a result with an in-source suppression carrying the waiver's
reason, so code scanning shows it as dismissed rather than hiding it. File URIs are
relative to the project root (`%SRCROOT%`), as code scanning expects.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__, rule_url
from ..diagnostics import SURROGATES, Diagnostic, Report, Severity
from .style import PLAIN, Style

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, style: Style = PLAIN) -> str:
    from ..checks.rules import RULES
    from ..config import project
    from ..docs import rule_help

    helps = rule_help()

    used = sorted({d.rule for d in report.diagnostics} | {w.diagnostic.rule for w in report.waived})
    ids = sorted(set(RULES) | set(used))
    index = {rule: i for i, rule in enumerate(ids)}
    root = project().root

    def rule_entry(rule: str) -> dict[str, object]:
        known = RULES.get(rule)
        entry: dict[str, object] = {"id": rule}
        if known is not None:
            entry["shortDescription"] = {"text": known.summary}
            entry["defaultConfiguration"] = {"level": _LEVEL[known.severity]}
            entry["helpUri"] = rule_url(rule)
            entry["help"] = {"text": helps.get(rule) or known.summary}
        return entry

    def result(d: Diagnostic) -> dict[str, object]:
        uri = project().relative(d.file)
        location: dict[str, object] = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(uri)}
                | ({} if uri.startswith("/") else {"uriBaseId": "%SRCROOT%"}),
                "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
            }
        }
        if d.pointer:
            location["logicalLocations"] = [
                {"fullyQualifiedName": _text(d.pointer), "kind": "member"}
            ]
        return {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _LEVEL[d.severity],
            "message": {"text": _text(d.message)},
            "locations": [location],
        }

    results = [result(d) for d in report.diagnostics]
    for w in report.waived:
        suppressed = result(w.diagnostic)
        suppressed["suppressions"] = [{"kind": "inSource", "justification": _text(w.reason)}]
        results.append(suppressed)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "upsc-pipeline",
                        "version": __version__,
                        "rules": [rule_entry(rule) for rule in ids],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    return "file://" + quote(path) if path.startswith("/") else quote(path)


def _text(value: str) -> str:
    return SURROGATES.sub("\ufffd", value)
