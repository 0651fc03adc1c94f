"""A pull request's configuration cannot quietly replace the maintainers' (issue 22, item 11).

Two configuration files in one folder are an error naming both; a `[tool.upsc-pipeline]`
that is not a table, and a table whose settings are malformed, are errors with their line,
every one of them shown. Each case fails on a main that read the first file it found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CASES, run_cli

MAINTAINERS = '[project]\nname = "content"\n\n[tool.upsc-pipeline]\nsources = "sources"\n'


def content_repo(tmp_path: Path, pyproject: str = MAINTAINERS) -> Path:
    """A content repository whose only source has a wrong answer (answer-key/mismatch)."""
    (tmp_path / "sources").mkdir()
    wrong = json.loads((CASES / "invalid" / "answer-mismatch.json").read_text("utf-8"))
    (tmp_path / "sources" / "answer-mismatch.json").write_text(json.dumps(wrong), "utf-8")
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return tmp_path


def test_the_repository_fails_on_the_wrong_answer_as_configured(tmp_path):
    repo = content_repo(tmp_path)
    result = run_cli("validate", cwd=repo)
    assert result.returncode == 1 and "answer-key/mismatch" in result.stdout


def test_an_added_upsc_pipeline_toml_does_not_replace_the_maintainers_table(tmp_path):
    repo = content_repo(tmp_path)
    (repo / "upsc-pipeline.toml").write_text('[rules]\n"answer-key" = "off"\n', "utf-8")
    result = run_cli("validate", cwd=repo)
    assert result.returncode == 2, result.stdout  # not 0: the wrong answer must not pass
    assert result.stderr == (
        "error: two configurations: upsc-pipeline.toml and [tool.upsc-pipeline] in "
        "pyproject.toml; keep one (they take the same settings)\n"
    )
    assert result.stdout == ""


def test_a_configuration_file_alone_is_still_used(tmp_path):
    repo = content_repo(tmp_path, pyproject='[project]\nname = "content"\n')
    (repo / "upsc-pipeline.toml").write_text('[rules]\n"answer-key" = "warning"\n', "utf-8")
    result = run_cli("validate", cwd=repo)
    assert result.returncode == 0 and "warning answer-key/mismatch" in result.stdout


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (
            '[project]\nname = "c"\n\n[tool]\nupsc-pipeline = 5\n',
            "pyproject.toml:5: [tool.upsc-pipeline] must be a table, not a number",
        ),
        (
            '[tool]\nupsc-pipeline = ["sources"]\n',
            "pyproject.toml:2: [tool.upsc-pipeline] must be a table, not a list",
        ),
        ('tool = "upsc-pipeline"\n', "pyproject.toml:1: 'tool' must be a table ([tool.NAME])"),
    ],
)
def test_a_table_that_is_not_a_table_is_an_error_not_ignored(tmp_path, pyproject, message):
    repo = content_repo(tmp_path, pyproject)
    result = run_cli("validate", cwd=repo)
    assert result.returncode == 2 and result.stderr == f"error: {message}\n"


def test_every_malformed_setting_is_reported_with_its_line(tmp_path):
    repo = content_repo(
        tmp_path,
        MAINTAINERS + "packs = 3\n" + "rules = 5\n" + 'overrides = "sources/old/*"\n',
    )
    result = run_cli("validate", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: pyproject.toml:6: 'packs' must be a path (a string), relative to " + str(repo),
        "error: pyproject.toml:7: rules must be a table of rule id = level",
        "error: pyproject.toml:8: 'overrides' must be a list of tables ([[...overrides]])",
    ]


def test_a_rule_name_cannot_smuggle_a_workflow_command_into_the_log(tmp_path):
    repo = content_repo(
        tmp_path, MAINTAINERS + '[tool.upsc-pipeline.rules]\n"x\\n::error::owned" = "off"\n'
    )
    result = run_cli("validate", "--format", "github", cwd=repo)
    assert result.returncode == 2
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    assert "'x\\n::error::owned' is neither a rule nor a family" in result.stderr
