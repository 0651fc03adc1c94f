"""Shared fixtures: case folders and a CLI runner."""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build.render.naturalearth import locate

ROOT = Path(__file__).resolve().parent.parent
#: The world map's outlines are there (noxfile.py fetches them; CI always has them): maps are
#: drawn. Without them a document leaves its map out, and tests of the map skip or check that.
WORLD_MAP = locate()
HAS_WORLD_MAP = bool(os.environ.get("CI")) or WORLD_MAP is not None
CASES = ROOT / "tests" / "cases"
SEED = ROOT / "sources" / "india-us-relations-parallel-track.json"


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m pipeline ARGS` as a user would (extra environment variables in env)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "SOURCE_DATE_EPOCH": "1767225600",
            **({"UPSC_WORLD_MAP": str(WORLD_MAP)} if WORLD_MAP else {}),  # as this run has it
            **(env or {}),
        },
    )


@pytest.fixture
def seed_copy(tmp_path: Path):
    """Write an edited copy of the seed source named after its id; returns a writer."""

    def write(edit=None, *, name: str = "india-us-relations-parallel-track") -> Path:
        data = json.loads(SEED.read_text(encoding="utf-8"))
        data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
        if edit is not None:
            edit(data)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def link_out_of_assets(tmp_path):
    """A symlink in assets/ pointing at a file outside the project; removed afterwards."""
    from pipeline.config import project

    ASSETS_DIR = project().assets
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG secret")
    link = ASSETS_DIR / f"test-link-{tmp_path.name}.png"
    os.symlink(outside, link)
    yield link
    link.unlink()


#: What the print tests read: the 2025 paper in four series with its keys, the bilingual
#: fixture (both languages, and Hindi only) and the seed's article. Rendered once a session.
BILINGUAL = CASES / "valid" / "bilingual.json"
CLASS_HEADER = {"class_name": "Prelims Batch A", "date": "30 November 2026", "day": "2026-11-30"}
PRINT_JOBS = (
    *(("paper", "paper", {"series": 4, "article": False}, f"worksheet-{x}") for x in "ABCD"),
    *(("paper", "paper", {"series": 4, "article": False}, f"answer-key-{x}") for x in "ABCD"),
    ("paper", "paper", {"series": 4, "article": False}, "explanations"),
    ("paper", "paper", {"series": 4, "article": False}, "master-key"),
    # The booklet as a class pack prints it: the class and date on its cover (the fullest cover).
    ("bilingual", str(BILINGUAL), {"lang": "bilingual", "header": CLASS_HEADER}, "worksheet"),
    *(
        ("bilingual", str(BILINGUAL), {"lang": "bilingual"}, name)
        for name in ("answer-key", "explanations", "article", "article-hi")
    ),
    *(
        ("hindi", str(BILINGUAL), {"lang": "hi"}, name)
        for name in ("worksheet", "answer-key", "explanations", "article")
    ),
    ("seed", str(SEED), {"lang": "en"}, "article"),
)


def session_dir(factory: pytest.TempPathFactory, name: str) -> Path:
    """<session temp>/<name>: one folder for the whole test session, every xdist worker's too
    (their temp folders share the session's parent, the folder is named after the run's id);
    whoever fills it holds an flock on a file in it while it does."""
    base = factory.getbasetemp()
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if os.environ.get("PYTEST_XDIST_WORKER") and run:
        base, name = base.parent, f"{name}-{run}"
    folder = base / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


#: The seed and every valid fixture, built together with the defaults (`built_cases`).
BUILT_CASES = (SEED, *sorted((CASES / "valid").glob("*.json")))


@pytest.fixture(scope="session")
def built_cases(tmp_path_factory) -> tuple[Path, str]:
    """(output folder, the build's stdout): `build` run once a session on BUILT_CASES, by the
    first xdist worker that asks; test_build and test_bilingual read the same PDFs."""
    root = session_dir(tmp_path_factory, "built-cases")
    out, log = root / "build", root / "stdout.txt"
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            src = root / "src"
            src.mkdir(exist_ok=True)
            for path in BUILT_CASES:
                shutil.copy(path, src / path.name)
            result = run_cli("build", str(src), "--out", str(out))
            assert result.returncode == 0, result.stdout + result.stderr
            log.write_text(result.stdout, encoding="utf-8")
    return out, log.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """{"paper/worksheet-A": (pdf path, layout or None), ...}: every print document, rendered
    once a session by the first xdist worker that asks (the others wait for it and read the
    same files); each page's text is extracted beside its PDF (render_helpers.page_texts)."""
    out = session_dir(tmp_path_factory, "printed")
    index = out / "index.pickle"
    with (out / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not index.exists():
            _print_all(out, index)
        found = pickle.loads(index.read_bytes())
    return {name: (out / file, layout) for name, (file, layout) in found.items()}


def _print_all(out: Path, index: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.build.render.pdf import warm_up

    from .render_helpers import TEXTS, render_one

    warm_up("a4")
    found = {}
    with ProcessPoolExecutor(min(2, os.cpu_count() or 1)) as pool:
        for name, pdf, layout, texts in pool.map(render_one, PRINT_JOBS):
            path = out / (name.replace("/", "--") + ".pdf")
            path.write_bytes(pdf)
            path.with_suffix(TEXTS).write_text(json.dumps(texts), encoding="utf-8")
            found[name] = (path.name, layout)
    partial = index.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(found))
    partial.replace(index)


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """A project folder holding only sources/minimal.json (the smallest valid source)."""
    folder = tmp_path / "project"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(CASES / "valid" / "minimal.json", folder / "sources" / "minimal.json")
    return folder
