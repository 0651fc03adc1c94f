"""What an install gets: the locked versions, a small editor's install, the scan extra on demand."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from packaging.requirements import Requirement

from pipeline import __version__ as VERSION

from .conftest import ROOT

LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The scan extra's libraries: an editor's install (validate, build) has none of them.
SCAN_ONLY = {"opencv-python-headless", "numpy", "zxing-cpp", "pypdfium2"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in LOCK["package"]:
        found.setdefault(_norm(package["name"]), set()).add(package["version"])
    return found


def closure(extras: bool) -> set[str]:
    """Every package the tool needs at run time according to uv.lock (with or without extras)."""
    packages = {_norm(p["name"]): p for p in LOCK["package"]}
    tool = packages["upsc-pipeline"]
    wanted = list(tool.get("dependencies", []))
    if extras:
        wanted += [d for deps in tool.get("optional-dependencies", {}).values() for d in deps]
    seen: set[tuple[str, str]] = set()
    while wanted:  # (package, extra) pairs: fonttools[woff] brings brotli and zopfli
        item = wanted.pop()
        package = packages[_norm(item["name"])]
        for extra in ("", *item.get("extra", ())):
            if (package["name"], extra) in seen:
                continue
            seen.add((package["name"], extra))
            deps = package.get("optional-dependencies", {}).get(extra, []) if extra else None
            wanted += package.get("dependencies", []) if deps is None else deps
    return {_norm(name) for name, _ in seen}


def test_every_runtime_dependency_is_pinned_to_the_lock():
    locked = locked_versions()
    requirements = [Requirement(r) for r in PROJECT["dependencies"]]
    requirements += [
        Requirement(r) for deps in PROJECT["optional-dependencies"].values() for r in deps
    ]
    for requirement in requirements:
        [spec] = requirement.specifier  # exactly one specifier ...
        assert spec.operator == "==", f"pin {requirement.name} exactly (uv.lock's version)"
        assert spec.version in locked[_norm(requirement.name)], (
            f"{requirement.name}=={spec.version} is not uv.lock's version; run `nox -s lock`"
        )


def test_constraints_file_is_the_locked_closure():
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [Requirement(line) for line in lines if line and not line.lstrip().startswith("#")]
    locked = locked_versions()
    for pin in pins:
        [spec] = pin.specifier
        assert spec.version in locked[_norm(pin.name)], f"{pin}: stale; run `nox -s lock`"
    assert {_norm(p.name) for p in pins} == closure(extras=True), "run `nox -s lock`"


def test_the_editors_install_leaves_the_scanning_libraries_out():
    assert closure(extras=True) >= SCAN_ONLY
    assert not SCAN_ONLY & closure(extras=False)
    assert set(PROJECT["optional-dependencies"]) == {"scan"}


def test_scan_without_its_libraries_says_how_to_install_them(tmp_path):
    # As in an editor's install: the scanning modules cannot be imported.
    hide = "import sys; sys.modules.update(cv2=None, numpy=None); "
    run = "from pipeline.__main__ import main; sys.exit(main(['scan', 'a.png', '--key', 'k.json']))"
    result = subprocess.run(
        [sys.executable, "-c", hide + run],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert "has no opencv-python-headless, numpy." in result.stderr
    assert "uv tool install --reinstall 'upsc-pipeline[scan] @ git+https://" in result.stderr
    assert "uv sync --extra scan" in result.stderr
    # the release's locked versions, not a fresh resolution of every library (the hint reinstalls)
    constraints = f"https://github.com/ORG/upsc-pipeline/raw/v{VERSION}/constraints.txt"
    assert f"' --constraints {constraints}\n" in result.stderr
    assert f"--pip-args='--constraint {constraints}'" in result.stderr
    assert f"' -c {constraints}" in result.stderr


def test_one_version_everywhere_a_release_is_named():
    from pipeline import __version__

    version = PROJECT["version"]
    assert __version__ == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (\d+\.\d+\.\d+)$", changelog, re.M)[0] == version
    workflow = (ROOT / ".github" / "workflows" / "editorial.yml").read_text(encoding="utf-8")
    assert f'default: "{version}"' in workflow and f"editorial.yml@v{version}" in workflow
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"(?:@|rev: |raw/)v(\d+\.\d+\.\d+)", readme)
    assert len(named) >= 6 and set(named) == {version}, named
