"""Incremental builds: the manifest skips unchanged sources and rebuilds what changed."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import CASES, ROOT

MINIMAL = CASES / "valid" / "minimal.json"
FORMATS = CASES / "valid" / "all-formats.json"


def _project(tmp_path: Path) -> Path:
    """A copy of the project (code, schemas, templates) with two sources, to change freely."""
    project = tmp_path / "project"
    for folder in ("pipeline", "schemas", "templates"):
        shutil.copytree(
            ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (project / "sources").mkdir()
    (project / "assets").mkdir()
    shutil.copy(MINIMAL, project / "sources" / "minimal.json")
    shutil.copy(FORMATS, project / "sources" / "all-formats.json")
    return project


def _build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--jobs", "2", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", "CI": "true"},
    )


def _mtimes(project: Path) -> dict[str, int]:
    return {
        str(p.relative_to(project)): p.stat().st_mtime_ns
        for p in (project / "build").rglob("*.pdf")
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = _project(tmp_path_factory.mktemp("incremental"))
    first = _build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.strip().endswith("2 built, 0 unchanged in build/")
    return project


def test_unchanged_sources_are_skipped(project):
    before = _mtimes(project)
    result = _build(project)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("0 built, 2 unchanged in build/")
    assert _mtimes(project) == before


def test_changing_one_source_rebuilds_only_it(project):
    before = _mtimes(project)
    data = json.loads((project / "sources" / "minimal.json").read_text(encoding="utf-8"))
    data["dek"] = "A changed standfirst."
    (project / "sources" / "minimal.json").write_text(json.dumps(data), encoding="utf-8")
    result = _build(project)
    assert result.stdout.strip().endswith("1 built, 1 unchanged in build/")
    after = _mtimes(project)
    assert all(after[k] != before[k] for k in before if k.startswith("build/minimal/"))
    assert all(after[k] == before[k] for k in before if k.startswith("build/all-formats/"))


def test_force_rebuilds_all(project):
    assert _build(project, "--force").stdout.strip().endswith("2 built, 0 unchanged in build/")


def test_template_change_rebuilds_everything(project):
    css = project / "templates" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert _build(project).stdout.strip().endswith("2 built, 0 unchanged in build/")


def test_deleting_a_source_removes_its_pdfs(project):
    (project / "sources" / "all-formats.json").unlink()
    result = _build(project)
    assert result.returncode == 0
    assert not (project / "build" / "all-formats").exists()
    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["sources"]) == ["minimal"]
    shutil.copy(FORMATS, project / "sources" / "all-formats.json")


def test_emit_html_writes_previews(project):
    result = _build(project, "--emit-html")
    assert result.returncode == 0
    html = (project / "build" / "minimal" / "worksheet.html").read_text(encoding="utf-8")
    assert "print.css" in html and "Consider the following statements" in html


def test_interrupted_build_leaves_complete_pdfs_and_a_consistent_manifest(tmp_path):
    project = _project(tmp_path)
    assert _build(project).returncode == 0
    old = {p: p.read_bytes() for p in (project / "build").rglob("*.pdf")}
    for name in ("minimal.json", "all-formats.json"):
        path = project / "sources" / name
        data = json.loads(path.read_text(encoding="utf-8"))
        data["dek"] = "Changed before an interrupted build."
        path.write_text(json.dumps(data), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--jobs", "2"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", "CI": "true"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.5)  # validation done, workers rendering
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    for path, before in old.items():
        now = path.read_bytes() if path.exists() else None
        if now is not None and now != before:
            PdfReader(path)  # a new PDF must be complete: it parses
    assert not list((project / "build").rglob("*.tmp"))
    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    for key, entry in manifest["sources"].items():
        for name in entry["outputs"]:
            if name.endswith(".pdf"):
                PdfReader(project / "build" / key / name)
    # whatever was interrupted is rebuilt next time, and then everything is current
    assert _build(project).returncode == 0
    assert _build(project).stdout.strip().endswith("0 built, 2 unchanged in build/")
