"""The configuration file itself: a committed link out of the project is never read, and a
pipe or folder by its name is never silently skipped (the defaults would then hold)."""

from __future__ import annotations

import os

import pytest

from .conftest import run_cli


@pytest.mark.parametrize("name", ["pyproject.toml", "upsc-pipeline.toml"])
def test_a_configuration_linked_out_of_the_project_is_not_read(minimal_project, tmp_path, name):
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[tool.upsc-pipeline]\nsources = "sources"\nsources = 1\n', "utf-8")
    os.symlink(outside, minimal_project / name)
    result = run_cli("validate", cwd=minimal_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{name} is a symbolic link out of its folder" in result.stderr
    assert "not valid TOML" not in result.stderr  # refused before it was read
    assert "Traceback" not in result.stderr


def test_a_configuration_linked_inside_its_folder_is_read(minimal_project):
    (minimal_project / "settings.toml").write_text(
        '[tool.upsc-pipeline]\nsources = "nowhere"\n', "utf-8"
    )
    os.symlink("settings.toml", minimal_project / "pyproject.toml")
    result = run_cli("config", cwd=minimal_project)
    assert result.returncode == 0, result.stderr
    assert "nowhere" in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_configuration_that_is_not_a_file_is_an_error(minimal_project, kind):
    path = minimal_project / "pyproject.toml"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    result = run_cli("validate", cwd=minimal_project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "pyproject.toml is not a regular file" in result.stderr
