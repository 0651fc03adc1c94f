"""`export` beside `build`: a committed link never takes its files out of the project, and
exporting first never locks `build` out of its own folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import CASES, run_cli

MINIMAL = CASES / "valid" / "minimal.json"


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(MINIMAL, folder / "sources" / "minimal.json")
    return folder


@pytest.mark.parametrize("link", ["build", "build/export"])
def test_export_never_writes_through_a_committed_link(project, tmp_path, link):
    victim = tmp_path / "victim"
    victim.mkdir()
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(victim, project / link)
    result = run_cli("export", "--format", "gift", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{link} is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(victim.iterdir()) == []


def test_an_explicit_out_outside_the_project_is_still_written(project, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "tests"
    result = run_cli("export", "--format", "gift", "--out", str(elsewhere), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (elsewhere / "minimal" / "gift.txt").is_file()


def test_build_after_export_builds_beside_the_exports(project):
    exported = run_cli("export", "--format", "gift", cwd=project)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "build" / "minimal" / "article.pdf").is_file()
    assert (project / "build" / "export" / "minimal" / "gift.txt").is_file()


def test_a_build_folder_holding_someone_elses_export_link_is_still_refused(project, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (project / "build").mkdir()
    os.symlink(victim, project / "build" / "export")
    result = run_cli("build", cwd=project)
    assert result.returncode == 2 and "did not write" in result.stderr
    assert list(victim.iterdir()) == []
