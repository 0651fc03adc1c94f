"""Every case under tests/cases/: valid ones pass, each invalid one gives its rule at its place."""

from __future__ import annotations

import json

import pytest

from pipeline.checks.check import check_paths
from pipeline.diagnostics import Severity

from .conftest import CASES, run_cli

EXPECTED: dict[str, dict] = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
VALID = sorted((CASES / "valid").glob("*.json"))


def test_every_invalid_case_has_an_expectation():
    files = {p.stem for p in (CASES / "invalid").glob("*.json")}
    assert files == set(EXPECTED)
    assert len(files) >= 60


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case_has_no_errors_or_warnings(path):
    result = check_paths([path])
    problems = [d for d in result.diagnostics if d.severity is not Severity.INFO]
    assert problems == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_case_reports_rule_pointer_and_line(name):
    expected = EXPECTED[name]
    result = check_paths([CASES / "invalid" / f"{name}.json"])
    found = [(d.rule, d.pointer, d.line) for d in result.diagnostics]
    assert (expected["rule"], expected["pointer"], expected["line"]) in found, found


def test_seed_source_passes():
    # With no paths, validate checks the sources folder and the packs folder (one each here).
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("2 files checked, 0 errors, 0 warnings, 2 info")


def test_one_broken_file_does_not_hide_another():
    result = run_cli(
        "validate",
        "--format",
        "json",
        str(CASES / "invalid" / "trailing-comma.json"),
        str(CASES / "invalid" / "answer-mismatch.json"),
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == 2
    assert {d["rule"] for d in report["diagnostics"]} >= {
        "json/trailing-comma",
        "answer-key/mismatch",
    }


def test_a_schema_error_does_not_hide_a_wrong_answer():
    result = check_paths([CASES / "invalid" / "unknown-property-and-wrong-answer.json"])
    found = {(d.rule, d.pointer) for d in result.diagnostics}
    assert ("schema/unknown-property", "/questions/0/answr") in found
    assert ("answer-key/mismatch", "/questions/0/answer") in found
