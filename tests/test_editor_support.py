"""What a content repository uses: the pre-commit hook, the workflow, `new`, generated docs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.checks.check import check_paths
from pipeline.docs import GENERATED
from pipeline.skeleton import skeleton

from .conftest import CASES, ROOT, SEED, run_cli


def test_generated_docs_are_up_to_date():
    """docs/ is generated from the rules' docstrings and the vocabulary: run `nox -s docs`."""
    for name, make in GENERATED.items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == make(), f"docs/{name} is stale"


def test_new_skeleton_fails_on_placeholders_then_passes_filled(tmp_path):
    result = run_cli("new", "fresh-editorial", "--dir", str(tmp_path))
    assert result.returncode == 0
    path = tmp_path / "fresh-editorial.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    # The date is a TODO too: a skeleton dated today would pass with a date nobody checked.
    assert data["published"].startswith("TODO")
    data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    before = check_paths([path])
    assert not before.ok
    assert {d.rule for d in before.diagnostics if d.severity.value == "error"} <= {
        "content/placeholder",
        "tags/unknown",
        "schema/pattern",
        "schema/format",
    }
    assert ("schema/pattern", "/published") in {(d.rule, d.pointer) for d in before.diagnostics}
    assert "content/placeholder" in {d.rule for d in before.diagnostics}

    def fill(value):
        if isinstance(value, str):
            return (
                "quad"
                if value == "todo"
                else value.replace("TODO: ", "").replace("...", "the Quad")
            )
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    data["published"] = "2026-01-01"
    path.write_text(json.dumps(fill(data)), encoding="utf-8")
    after = check_paths([path])
    assert [d for d in after.diagnostics if d.severity.value != "info"] == []


def test_new_refuses_to_overwrite(tmp_path):
    assert run_cli("new", "once", "--dir", str(tmp_path)).returncode == 0
    result = run_cli("new", "once", "--dir", str(tmp_path))
    assert result.returncode == 2 and "already exists" in result.stderr


def test_skeleton_is_schema_valid():
    from pipeline.checks.schema import is_valid

    data = skeleton("x")
    assert not is_valid(data)  # only its date, a TODO
    data["published"] = "2026-01-01"
    assert is_valid(data)


def _content_repo(tmp_path: Path, sources: list[Path]) -> Path:
    repo = tmp_path / "content"
    (repo / "sources").mkdir(parents=True)
    for source in sources:
        shutil.copy(source, repo / "sources" / source.name)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_fails_on_bad_source_and_passes_on_seed(tmp_path):
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pc"),
    }
    pre_commit = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(ROOT),
        "check-editorial",
        "--all-files",
    ]
    good = _content_repo(tmp_path / "good", [SEED])
    passed = subprocess.run(
        pre_commit, cwd=good, env=env, capture_output=True, text=True, timeout=600
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    bad = _content_repo(tmp_path / "bad", [CASES / "invalid" / "answer-mismatch.json"])
    failed = subprocess.run(
        pre_commit, cwd=bad, env=env, capture_output=True, text=True, timeout=600
    )
    assert failed.returncode == 1
    assert "answer-key/mismatch" in failed.stdout


def test_exported_schemas_that_no_longer_match_are_a_stale_warning(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(SEED, tmp_path / "sources" / SEED.name)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.upsc-pipeline]\nvocabulary = "vocabulary.json"\n', encoding="utf-8"
    )
    (tmp_path / "vocabulary.json").write_text('{"papers": {}}', encoding="utf-8")
    assert run_cli("schema", cwd=tmp_path).returncode == 0
    fresh = run_cli("validate", cwd=tmp_path)
    assert "schema/stale" not in fresh.stdout
    (tmp_path / "vocabulary.json").write_text(
        '{"papers": {"GS2": {"topics": {"bilateral-relations": {"tags": '
        '{"india-japan-relations": "India-Japan relations"}}}}}}',
        encoding="utf-8",
    )
    stale = run_cli("validate", cwd=tmp_path)
    assert stale.returncode == 0  # a warning: the content is fine, the editor's copy is old
    assert [
        line.split(" schema/stale: ")[0] for line in stale.stdout.splitlines() if "stale" in line
    ] == [
        "schemas/editorial.schema.json:1:1: warning",
        "schemas/pack.schema.json:1:1: warning",
    ]
    assert "run `python -m pipeline schema` to update it" in stale.stdout
    assert run_cli("schema", cwd=tmp_path).returncode == 0
    assert "schema/stale" not in run_cli("validate", cwd=tmp_path).stdout


def test_this_repositorys_own_schemas_are_never_stale():
    assert "schema/stale" not in run_cli("validate").stdout
