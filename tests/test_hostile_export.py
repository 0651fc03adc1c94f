"""`export` beside `build`: a committed link never takes its files out of the project, and
exporting first never locks `build` out of its own folder."""

from __future__ import annotations

import os

import pytest

from .conftest import run_cli


@pytest.mark.parametrize("link", ["build", "build/export"])
def test_export_never_writes_through_a_committed_link(minimal_project, tmp_path, link):
    victim = tmp_path / "victim"
    victim.mkdir()
    (minimal_project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(victim, minimal_project / link)
    result = run_cli("export", "--format", "gift", cwd=minimal_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{link} is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(victim.iterdir()) == []


def test_an_explicit_out_outside_the_project_is_still_written(minimal_project, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "tests"
    result = run_cli("export", "--format", "gift", "--out", str(elsewhere), cwd=minimal_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (elsewhere / "minimal" / "gift.txt").is_file()


def test_build_after_export_builds_beside_the_exports(minimal_project):
    exported = run_cli("export", "--format", "gift", cwd=minimal_project)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    built = run_cli("build", cwd=minimal_project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (minimal_project / "build" / "minimal" / "article.pdf").is_file()
    assert (minimal_project / "build" / "export" / "minimal" / "gift.txt").is_file()


def test_a_build_folder_holding_someone_elses_export_link_is_still_refused(
    minimal_project, tmp_path
):
    victim = tmp_path / "victim"
    victim.mkdir()
    (minimal_project / "build").mkdir()
    os.symlink(victim, minimal_project / "build" / "export")
    result = run_cli("build", cwd=minimal_project)
    assert result.returncode == 2 and "did not write" in result.stderr
    assert list(victim.iterdir()) == []
