"""The command line as an editor or CI uses it: exit codes, positions, no tracebacks."""

from __future__ import annotations

import json

import pytest

from .conftest import CASES, SEED, run_cli


def _edited(tmp_path, old: str, new: str):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / SEED.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "rule", "marker"),
    [
        (
            '"tags": ["strategic-autonomy"]',
            '"tags": ["strategic-autonomy",]',
            "json/trailing-comma",
            '"strategic-autonomy",]',
        ),
        (
            '"kind": "editorial-analysis",',
            '"kind": "editorial-analysis",\n  "kind": "news",',
            "json/duplicate-key",
            '"kind": "news"',
        ),
        ('"dek":', '"deck":', "schema/unknown-property", '"deck"'),
        ('"correct": false', '"correct": "no"', "schema/type", '"correct": "no"'),
        ('"paper": "GS3"', '"paper": "GS 3"', "schema/enum", '"GS 3"'),
    ],
    ids=["trailing-comma", "duplicate-key", "misspelt-property", "wrong-type", "bad-enum"],
)
def test_broken_seed_copies_exit_1_at_the_right_line(tmp_path, old, new, rule, marker):
    path, text = _edited(tmp_path, old, new)
    line = text[: text.index(marker)].count("\n") + 1
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f":{line}:" in next(row for row in result.stdout.splitlines() if rule in row)
    assert "Traceback" not in result.stderr


def test_misspelt_property_suggests_the_right_one(tmp_path):
    path, _ = _edited(tmp_path, '"dek":', '"deck":')
    result = run_cli("validate", str(path))
    assert "unknown property 'deck'; did you mean 'dek'?" in result.stdout


def test_missing_path_is_a_usage_error():
    result = run_cli("validate", "no/such/file.json")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_unknown_option_is_a_usage_error():
    assert run_cli("validate", "--frobnicate").returncode == 2


def test_every_invalid_case_exits_1_without_traceback():
    result = run_cli("validate", "--format", "json", str(CASES / "invalid"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == len(list((CASES / "invalid").glob("*.json")))
    failing = {d["file"] for d in report["diagnostics"] if d["severity"] == "error"}
    from pipeline.checks.rules import RULES

    expected = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
    warning_only = {
        name for name, e in expected.items() if RULES[e["rule"]].severity.value == "warning"
    }
    assert len(failing) >= report["files"] - len(warning_only)


def test_rules_lists_every_rule_with_description():
    result = run_cli("rules")
    assert result.returncode == 0
    assert "answer-key/mismatch" in result.stdout and "The declared answer" in result.stdout


def test_output_file_gets_the_report_and_terminal_the_summary(tmp_path):
    out = tmp_path / "report.xml"
    result = run_cli("validate", "--format", "junit", "--output", str(out), str(SEED))
    assert result.stdout.strip() == "1 file checked, 0 errors, 0 warnings, 2 info"
    assert out.read_text(encoding="utf-8").startswith("<?xml")
