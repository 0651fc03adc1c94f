"""Sessions for checking content, building PDFs, testing and linting."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "validate", "tests", "integration"]


CONSTRAINTS_HEADER = """\
# Every library the tool runs with (its `scan` extra included), pinned to uv.lock's versions.
# Written by `nox -s lock`; published with each release so an installer gets what the tests
# ran with: uv tool install -c constraints.txt ..., pip install -c constraints.txt ...
"""


def install(session: nox.Session, *groups: str) -> None:
    """Sync the session's venv to uv.lock (dependencies, every extra, the named groups), once.

    The versions come from the lock file, so every machine renders with the same libraries;
    the extras (`scan`: OpenCV, numpy, ...) are installed too, so every session can run every
    command; a second run finds the marker and installs nothing.
    """
    lock = Path("uv.lock").read_bytes() + Path("pyproject.toml").read_bytes()
    wanted = hashlib.sha256(lock + " ".join(groups).encode()).hexdigest()
    marker = Path(session.virtualenv.location) / ".installed"
    if marker.is_file() and marker.read_text(encoding="utf-8") == wanted:
        return
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--no-install-project",
        "--no-default-groups",
        "--all-extras",
        *(f"--group={group}" for group in groups),
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
        external=True,
    )
    marker.write_text(wanted, encoding="utf-8")


#: The world map's outlines (Natural Earth, public domain) as QGIS ships them; see
#: pipeline/build/render/naturalearth.py, which looks in the same places.
SYSTEM_WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
DEB_WORLD_MAP = "usr/share/qgis/resources/data"


def world_map(session: nox.Session) -> None:
    """Make sure the maps can be drawn: fetch world_map.gpkg from Debian's qgis-common once.

    `apt-get download` takes the package alone (23 MB, none of the 150 MB of Qt that
    installing it would bring) and `dpkg-deb -x` unpacks it; the file and QGIS's README on its
    sources go to ~/.cache/upsc-pipeline/. Where there is no apt (macOS, Windows) nothing is
    fetched: a document with a map then leaves it out with a warning.
    """
    if os.environ.get("UPSC_WORLD_MAP") or SYSTEM_WORLD_MAP.is_file():
        return
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "upsc-pipeline"
    target = cache / "world_map.gpkg"
    if _is_sqlite(target):
        session.env["UPSC_WORLD_MAP"] = str(target)
        return
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        session.log("note: no apt-get here to fetch qgis-common: maps are left out")
        return
    with tempfile.TemporaryDirectory() as folder:
        download = ["apt-get", "download", "qgis-common"]
        fetched = subprocess.run(download, cwd=folder, capture_output=True).returncode == 0
        if not fetched and hasattr(os, "geteuid") and os.geteuid() == 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True)  # lists may be absent
            fetched = subprocess.run(download, cwd=folder, capture_output=True).returncode == 0
        debs = sorted(Path(folder).glob("qgis-common_*.deb"))
        if not fetched or not debs:
            session.log("note: could not fetch qgis-common (apt-get download): maps are left out")
            return
        unpacked = Path(folder) / "unpacked"
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(unpacked)], check=True)
        source = unpacked / DEB_WORLD_MAP
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / "README_world_map.md", cache / "README_world_map.md")
        partial = cache / "world_map.gpkg.part"
        shutil.copyfile(source / "world_map.gpkg", partial)
        partial.replace(target)
    session.log(f"world map: {target} (Natural Earth, from Debian's qgis-common)")
    session.env["UPSC_WORLD_MAP"] = str(target)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return path.stat().st_size > 1_000_000 and file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@nox.session
def validate(session: nox.Session) -> None:
    """Check every source in sources/ (or the paths given)."""
    install(session)
    session.run("python", "-m", "pipeline", "validate", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Validate, then render the PDFs of every valid source into build/."""
    install(session)
    world_map(session)
    session.run("python", "-m", "pipeline", "build", *session.posargs)


@nox.session
def export(session: nox.Session) -> None:
    """Export sources/ and packs/ as online tests (Moodle XML, QTI, GIFT, HTML) into build/export/."""
    install(session)
    world_map(session)
    session.run("python", "-m", "pipeline", "export", *session.posargs)


@nox.session
def paper(session: nox.Session) -> None:
    """Write UPSC's 2025 GS Paper I (tests/corpus) as a source in build/paper/, to build as a mock test."""
    install(session)
    session.run("python", "-m", "tests.corpus.paper", *session.posargs)


@nox.session
def pipeline(session: nox.Session) -> None:
    """Run any command of the tool, e.g. `nox -s pipeline -- new my-editorial`."""
    install(session)
    world_map(session)
    session.run("python", "-m", "pipeline", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (the end-to-end installs run in `integration`)."""
    install(session, "test")
    world_map(session)
    session.run("pytest", *(session.posargs or ("tests/", "-m", "not slow", "-n", "auto")))


@nox.session
def integration(session: nox.Session) -> None:
    """End-to-end: install the tool into fresh environments (pre-commit, a content repository)."""
    install(session, "test")
    world_map(session)
    session.run("pytest", *(session.posargs or ("tests/", "-m", "slow")))


@nox.session
def docs(session: nox.Session) -> None:
    """Regenerate docs/rules.md and docs/vocabulary.md from the rules and the vocabulary."""
    install(session)
    session.run("python", "-m", "pipeline", "docs", "--out", "docs")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The property tests with many more examples (HYPOTHESIS_PROFILE=fuzz)."""
    install(session, "test")
    world_map(session)
    session.run(
        "pytest", "tests/test_fuzz.py", *session.posargs, env={"HYPOTHESIS_PROFILE": "fuzz"}
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark validation and builds on synthetic sources; prints a table (--json for JSON)."""
    install(session, "bench")
    world_map(session)
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Re-lock after changing a dependency: uv.lock, then constraints.txt from it."""
    session.run("uv", "lock", *session.posargs, external=True)
    export = ("uv", "export", "--frozen", "--no-hashes", "--no-default-groups", "--no-emit-project")
    constraints = session.run(*export, "--all-extras", external=True, silent=True)
    Path("constraints.txt").write_text(CONSTRAINTS_HEADER + str(constraints), encoding="utf-8")


@nox.session(name="scan_suite")
def scan_suite(session: nox.Session) -> None:
    """The scanning degradation suite: eight seeded sheets per degradation, a table of results."""
    install(session, "test")
    session.run("python", "-m", "tests.scan_suite", *(session.posargs or ("8",)))


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check) and mypy on pipeline/."""
    install(session, "lint")
    session.run("ruff", "check", "pipeline", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "pipeline", "tests", "noxfile.py")
    session.run("mypy", "pipeline")


@nox.session
def accuracy(session: nox.Session) -> None:
    """Precision and recall of every rule that reads language, on the corpus in tests/accuracy/."""
    install(session)
    session.run("python", "tests/accuracy/measure.py", *session.posargs)


@nox.session
def i18n(session: nox.Session) -> None:
    """Extract the PDFs' fixed texts (templates, Python, vocabulary) and update the catalogs.

    Translators then fill in templates/locale/hi/LC_MESSAGES/messages.po; the build reads
    the .po files directly (no .mo to compile or commit), and a test fails while any
    message is left untranslated.
    """
    install(session)
    pot = "build/messages.pot"
    Path("build").mkdir(exist_ok=True)
    session.run(
        "pybabel", "extract", "-F", "babel.cfg", "--no-location", "--sort-output",
        "-k", "N_", "-k", "tr:2", "-k", "ntr:2,3", "--width=100", "-o", pot, ".",
        env={"PYTHONPATH": "."},  # the vocabulary extractor lives in the (uninstalled) package
    )  # fmt: skip
    session.run(
        "pybabel", "update", "-i", pot, "-d", "templates/locale", "-l", "hi", "--width=100",
        "--no-fuzzy-matching", "--ignore-obsolete", "--init-missing",
    )  # fmt: skip
