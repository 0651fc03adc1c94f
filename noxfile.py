"""Sessions for checking content, building PDFs, testing and linting."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "validate", "tests", "integration"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(session: nox.Session, *groups: str) -> None:
    """Install the project and the named dependency groups, once per venv."""
    requirements = [*PYPROJECT["project"]["dependencies"]]
    for group in groups:
        requirements += PYPROJECT["dependency-groups"][group]
    # Install only when the venv is new or the requirements changed: a second run installs nothing.
    marker = f"{session.virtualenv.location}/.installed"
    wanted = "\n".join(sorted(requirements))
    try:
        with open(marker, encoding="utf-8") as handle:
            if handle.read() == wanted:
                return
    except FileNotFoundError:
        pass
    session.install(*requirements)
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write(wanted)


@nox.session
def validate(session: nox.Session) -> None:
    """Check every source in sources/ (or the paths given)."""
    install(session)
    session.run("python", "-m", "pipeline", "validate", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Validate, then render the PDFs of every valid source into build/."""
    install(session)
    session.run("python", "-m", "pipeline", "build", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (the end-to-end installs run in `integration`)."""
    install(session, "test")
    session.run("pytest", *(session.posargs or ("tests/", "-m", "not slow")))


@nox.session
def integration(session: nox.Session) -> None:
    """End-to-end: install the tool into fresh environments (pre-commit, a content repository)."""
    install(session, "test")
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
    session.run(
        "pytest", "tests/test_fuzz.py", *session.posargs, env={"HYPOTHESIS_PROFILE": "fuzz"}
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark validation and builds on synthetic sources; prints a table (--json for JSON)."""
    install(session, "bench")
    session.run("python", "benchmarks/bench.py", *session.posargs)


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
