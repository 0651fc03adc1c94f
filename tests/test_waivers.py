"""Waivers in the content: a rule set aside where it is wrong, with a reason, always reported."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.checks.check import check_paths

from .conftest import CASES, run_cli

REASON = "Statement 2 quotes the minister's claim; the note then refutes it"


def write_case(tmp_path: Path, name: str, edit) -> Path:
    data = json.loads((CASES / "invalid" / f"{name}.json").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def waive(rule: str, reason: str = REASON):
    def edit(data):
        data["questions"][0]["waive"] = [{"rule": rule, "reason": reason}]

    return edit


def test_a_question_waiver_sets_its_rule_aside_and_is_listed(tmp_path):
    path = write_case(
        tmp_path, "explanation-contradicts-flag", waive("explanation/contradicts-flag")
    )
    result = check_paths([path])
    assert result.ok
    assert "explanation/contradicts-flag" not in {d.rule for d in result.diagnostics}
    [waived] = result.waived
    assert waived.diagnostic.rule == "explanation/contradicts-flag"
    assert waived.diagnostic.pointer == "/questions/0/explanation"
    assert waived.reason == REASON and waived.waiver == "/questions/0/waive/0"
    shown = run_cli("validate", str(path))
    assert shown.returncode == 0
    assert f"waived explanation/contradicts-flag: {REASON}" in shown.stdout
    assert shown.stdout.strip().endswith("1 waived")


def test_a_waiver_covers_only_its_own_question(tmp_path):
    def edit(data):
        data["questions"].append(dict(data["questions"][0], id="q-copy"))
        data["questions"][1]["waive"] = [{"rule": "explanation/contradicts-flag", "reason": REASON}]

    path = write_case(tmp_path, "explanation-contradicts-flag", edit)
    result = check_paths([path])
    left = [(d.rule, d.pointer) for d in result.diagnostics if d.rule.startswith("explanation/")]
    assert left == [("explanation/contradicts-flag", "/questions/0/explanation")]
    assert [w.diagnostic.pointer for w in result.waived] == ["/questions/1/explanation"]


def test_a_source_waiver_covers_the_whole_file(tmp_path):
    def edit(data):
        data["waive"] = [
            {"rule": "content/unknown-acronym", "reason": "CET is the class's own term"}
        ]

    path = write_case(tmp_path, "acronym-unknown", edit)
    result = check_paths([path])
    assert "content/unknown-acronym" not in {d.rule for d in result.diagnostics}
    assert [w.diagnostic.pointer for w in result.waived] == ["/summary"]


def test_an_unused_waiver_is_a_warning_at_the_waiver(tmp_path):
    path = write_case(tmp_path, "explanation-contradicts-flag", waive("answer-key/mismatch"))
    result = check_paths([path])
    unused = [
        (d.rule, d.pointer, d.severity.value)
        for d in result.diagnostics
        if d.rule.startswith("waiver/")
    ]
    assert unused == [("waiver/unused", "/questions/0/waive/0", "warning")]
    strict = run_cli("validate", "--strict", str(path))
    assert strict.returncode == 1


def test_a_misspelt_or_unwaivable_rule_is_an_error(tmp_path):
    path = write_case(
        tmp_path, "explanation-contradicts-flag", waive("explanation/contradict-flag")
    )
    [problem] = [d for d in check_paths([path]).diagnostics if d.rule.startswith("waiver/")]
    assert problem.rule == "waiver/unknown-rule" and problem.pointer == "/questions/0/waive/0/rule"
    assert "did you mean 'explanation/contradicts-flag'?" in problem.message
    path = write_case(tmp_path, "explanation-contradicts-flag", waive("schema/required"))
    [problem] = [d for d in check_paths([path]).diagnostics if d.rule.startswith("waiver/")]
    assert "cannot be waived" in problem.message


def test_a_waiver_needs_a_reason(tmp_path):
    path = write_case(
        tmp_path, "explanation-contradicts-flag", waive("explanation/contradicts-flag", "ok")
    )
    found = {(d.rule, d.pointer) for d in check_paths([path]).diagnostics}
    assert ("schema/min-length", "/questions/0/waive/0/reason") in found
    assert ("explanation/contradicts-flag", "/questions/0/explanation") in found  # not waived


def test_waivers_reach_every_report(tmp_path, monkeypatch):
    path = write_case(
        tmp_path, "explanation-contradicts-flag", waive("explanation/contradicts-flag")
    )
    as_json = json.loads(run_cli("validate", "--format", "json", str(path)).stdout)
    assert as_json["waived"][0]["reason"] == REASON
    assert as_json["waived"][0]["rule"] == "explanation/contradicts-flag"
    summary = tmp_path / "summary.md"
    github = run_cli(
        "validate", "--format", "github", str(path), env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert "waived explanation/contradicts-flag" in github.stdout
    table = summary.read_text(encoding="utf-8")
    assert "#### Waived (1)" in table and REASON in table
    sarif = json.loads(run_cli("validate", "--format", "sarif", str(path)).stdout)
    [result] = [
        r for r in sarif["runs"][0]["results"] if r["ruleId"] == "explanation/contradicts-flag"
    ]
    assert result["suppressions"] == [{"kind": "inSource", "justification": REASON}]
