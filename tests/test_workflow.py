"""The workflow a content repository reuses (.github/workflows/editorial.yml), read as GitHub
would: every step a content repository runs is there, scripts take their inputs from `env:`,
actions are pinned, the plan sizes the matrix. actionlint checks it when it is installed
(the test group ships it as a wheel); tests/test_content_repo.py runs its scripts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from pipeline.build.matrix import MATRIX_LIMIT, jobs_for

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
EDITORIAL = yaml.safe_load((WORKFLOWS / "editorial.yml").read_text(encoding="utf-8"))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def steps(job: str) -> dict[str, dict]:
    """A job's steps by name (an unnamed `uses:` step by its action)."""
    return {
        step.get("name") or step["uses"].split("@")[0]: step
        for step in EDITORIAL["jobs"][job]["steps"]
    }


def test_it_is_a_reusable_workflow_pinned_to_this_release():
    called = EDITORIAL[True]["workflow_call"]  # YAML reads the key `on` as True
    assert called["inputs"]["version"]["default"] == VERSION
    assert called["secrets"]["build-key"]["required"] is False
    assert EDITORIAL["permissions"] == {"contents": "read"}
    assert list(EDITORIAL["jobs"]) == ["validate", "build", "merge"]


def test_every_step_a_content_repository_runs_is_there():
    validate, build, merge = steps("validate"), steps("build"), steps("merge")
    assert {
        "Install upsc-pipeline",
        "Validate (annotations on the pull request)",
        "Validate (SARIF for code scanning)",
        "Upload SARIF (waived diagnostics appear as suppressed)",
        "Restore build/",
        "Plan the build",
    } <= set(validate)
    assert (
        "upsc-pipeline validate --format github"
        in validate["Validate (annotations on the pull request)"]["run"]
    )
    assert validate["Upload SARIF (waived diagnostics appear as suppressed)"]["uses"].startswith(
        "github/codeql-action/upload-sarif@"
    )
    assert "upsc-pipeline plan --format github" in validate["Plan the build"]["run"]
    assert EDITORIAL["jobs"]["validate"]["outputs"]["shards"] == "${{ steps.plan.outputs.shards }}"
    matrix = EDITORIAL["jobs"]["build"]["strategy"]["matrix"]
    assert matrix["shard"] == "${{ fromJSON(needs.validate.outputs.shards) }}"
    assert 'upsc-pipeline build --shard "$SHARD"' in build["Build this job's share"]["run"]
    assert build["Restore build/"]["uses"].startswith("actions/cache/restore@")
    assert (
        "upsc-pipeline merge shards/* --out build"
        in merge["Join the shards into one build folder"]["run"]
    )
    assert merge["Save build/ for the next run"]["uses"].startswith("actions/cache/save@")
    assert merge["Upload PDFs for reviewers"]["with"]["path"] == "build/**/*.pdf"


def test_the_cache_is_keyed_by_the_content_and_the_release():
    keys = {
        step["with"]["key"]
        for job in ("validate", "build", "merge")
        for name, step in steps(job).items()
        if "cache" in step.get("uses", "")
    }
    [key] = keys  # restored and saved under one key
    assert key.startswith("editorial-build-${{ inputs.version }}-${{ hashFiles('sources/**'")
    for source in ("packs/**", "assets/**", "vocabulary.json", "pyproject.toml"):
        assert f"'{source}'" in key


def test_scripts_take_inputs_from_env_and_install_the_same_way_everywhere():
    installs = set()
    for job in EDITORIAL["jobs"].values():
        assert job["timeout-minutes"] <= 30
        for step in job["steps"]:
            if "uses" in step:  # every action pinned to a full commit SHA
                assert re.fullmatch(r"[0-9a-f]{40}", step["uses"].split("@")[1]), step["uses"]
            script = step.get("run", "")
            assert "${{" not in script, f"{step.get('name')}: pass values through env:"
            if step.get("name") == "Install upsc-pipeline":
                installs.add(script)
    assert len(installs) == 1  # validate, build and merge install the same release


def test_this_repository_checks_its_own_content_with_the_same_workflow():
    content = yaml.safe_load((WORKFLOWS / "content.yml").read_text(encoding="utf-8"))
    job = content["jobs"]["editorial"]
    assert job["uses"] == "./.github/workflows/editorial.yml" and job["with"] == {"tool": "."}


@pytest.mark.parametrize(
    ("to_build", "targets", "per_job", "max_jobs", "jobs"),
    [
        (0, 40, 8, 16, 1),  # nothing changed: one job finds everything current
        (2, 40, 8, 16, 1),
        (17, 40, 8, 16, 3),
        (400, 400, 8, 16, 16),  # at most --max-jobs
        (3, 3, 1, 16, 3),
        (5000, 5000, 1, 1000, MATRIX_LIMIT),  # never more than GitHub's 256
        (5, 2, 1, 16, 2),  # never more shards than targets
    ],
)
def test_the_plan_sizes_the_matrix(to_build, targets, per_job, max_jobs, jobs):
    assert jobs_for(to_build, targets, per_job=per_job, max_jobs=max_jobs) == jobs


def actionlint() -> str | None:
    found = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.executable).parent)
    )
    return found


@pytest.mark.skipif(actionlint() is None, reason="actionlint is not installed")
def test_actionlint_finds_nothing_in_the_workflows():
    result = subprocess.run(
        [actionlint(), "-no-color", *map(str, sorted(WORKFLOWS.glob("*.yml")))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_plan_counts_what_a_build_would_render(tmp_path):
    from .conftest import CASES, run_cli

    src = tmp_path / "src"
    src.mkdir()
    for name in ("minimal.json", "all-formats.json"):
        shutil.copy(CASES / "valid" / name, src / name)
    shutil.copy(CASES / "invalid" / "answer-mismatch.json", src / "answer-mismatch.json")
    result = run_cli(
        "plan", str(src), "--out", str(tmp_path / "build"), "--per-job", "1", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "targets": 2,
        "to_build": 2,
        "skipped": 1,  # the source with an error builds nothing
        "jobs": 2,
        "shards": ["1/2", "2/2"],
    }
    github = run_cli(
        "plan", str(src), "--out", str(tmp_path / "b"), "--per-job", "8", "--format", "github", "-q"
    )
    assert github.stdout.splitlines() == ["targets=2", "to-build=2", "jobs=1", 'shards=["1/1"]']
    assert github.stderr == ""
