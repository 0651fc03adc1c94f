"""End-to-end, as a new user: README's commands verbatim, and a content repository of its own.

Slow (they install the tool into fresh environments): `nox -s integration` runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, SEED

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Where README says this repository lives; the tests put the checkout's clone there.
PLACEHOLDER = "https://github.com/ORG/upsc-pipeline"
#: The command that runs this very suite: running it here would recurse.
RECURSIVE = "nox -s tests"


def section(title: str) -> list[tuple[str, str]]:
    """The fenced blocks (language, body) of one `## ` section of the README."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return re.findall(r"^```(\w*)\n(.*?)^```", match.group(1), re.M | re.S)


def script(body: str) -> str:
    """A block as a bash script; a line marked `# exits 1` must exit 1, every other 0."""
    lines = ["set -euo pipefail"]
    for line in body.splitlines():
        command = line.split("  #")[0].strip()
        if not command:
            continue
        if "# exits 1" in line:
            lines.append(
                f"rc=0; {command} || rc=$?; "
                f'[ "$rc" = 1 ] || {{ echo "expected exit 1, got $rc: {command}" >&2; exit 99; }}'
            )
        else:
            lines.append(command)
    return "\n".join(lines) + "\n"


def bash(body: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["bash", "-c", script(body)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, (
        f"{body}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result


def clone(tmp_path: Path) -> Path:
    """The checkout as a fresh clone would have it: tracked and new files, committed on main."""
    target = tmp_path / "upsc-pipeline"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "snapshot"], cwd=target, check=True)
    return target


def fresh_shell(tmp_path: Path) -> dict[str, str]:
    """A shell with only a new Python (its own pip) on PATH, as on a fresh machine."""
    venv = tmp_path / "python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    tools = tmp_path / "tools"
    # The machine's own settings (certificates, proxies, package indexes) stay, as in any new
    # shell; nothing of this test's environment (its venv, PYTHONPATH, nox) leaks in.
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT")
        and not key.startswith(("NOX", "PYTEST", "UPSC_"))
    }
    return inherited | {
        "PATH": f"{tools / 'bin'}:{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "UV_TOOL_DIR": str(tools / "uv"),
        "UV_TOOL_BIN_DIR": str(tools / "bin"),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "SOURCE_DATE_EPOCH": "1767225600",
        "LANG": "C.UTF-8",
    }


def test_setup_commands_work_as_written(tmp_path):
    checkout = clone(tmp_path)
    env = fresh_shell(tmp_path)
    blocks = [body for lang, body in section("Set up") if lang == "sh"]
    assert RECURSIVE in blocks[0] and "nox -s build" in blocks[0]
    setup = "\n".join(line for line in blocks[0].splitlines() if RECURSIVE not in line)
    bash(setup, checkout, env)
    assert (checkout / "build" / SEED.stem / "worksheet.pdf").is_file()
    done = bash(blocks[1], checkout, env)
    assert "upsc-pipeline 0." in done.stdout
    assert (checkout / "sources" / "my-editorial.json").is_file()


def test_a_content_repository_as_readme_says(tmp_path):
    checkout = clone(tmp_path)
    env = fresh_shell(tmp_path)
    url = checkout.as_uri()
    blocks = [
        (lang, body.replace(PLACEHOLDER, url)) for lang, body in section("In a content repository")
    ]
    shells = [body for lang, body in blocks if lang == "sh"]
    files = {lang: body for lang, body in blocks if lang in ("toml", "json", "yaml")}
    assert len(shells) == 4, shells

    bash(shells[0], tmp_path, env)  # install the tool from the git URL
    bash(shells[1], tmp_path, env)  # make the repository
    repo = tmp_path / "my-content"
    assert files["toml"].startswith("# pyproject.toml") and files["yaml"].startswith(
        "# .pre-commit-config.yaml"
    )
    (repo / "pyproject.toml").write_text(files["toml"], encoding="utf-8")
    (repo / "vocabulary.json").write_text(files["json"], encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(files["yaml"], encoding="utf-8")

    bash(shells[2], repo, env)  # schema, new, validate (exits 1 on the TODOs)
    schema = json.loads((repo / "schemas" / "editorial.schema.json").read_text(encoding="utf-8"))
    assert "india-japan-relations" in json.dumps(schema)  # the editor knows the project's tag
    skeleton = json.loads((repo / "sources" / "india-japan-ties.json").read_text(encoding="utf-8"))
    assert skeleton["$schema"] == "../schemas/editorial.schema.json"

    # Filled in: the seed's content, the project's own tag, and a waiver that is used.
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data.update({"$schema": skeleton["$schema"], "id": "india-japan-ties"})
    data["questions"][0].pop("hi")  # this repository writes in English only
    data["key_facts"][0]["tags"].append("india-japan-relations")
    data["questions"][0]["explanation"] += " Compare the JIMEX naval exercise with Japan."
    data["questions"][0]["waive"] = [
        {"rule": "content/unknown-acronym", "reason": "JIMEX is the exercise's own name"}
    ]
    (repo / "sources" / "india-japan-ties.json").write_text(json.dumps(data, indent=2), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    done = bash(shells[3], repo, env)  # validate, sarif, build, pre-commit
    assert "waived content/unknown-acronym: JIMEX is the exercise's own name" in done.stdout
    assert "1 file checked, 0 errors, 0 warnings, 1 waived" in done.stdout
    sarif = json.loads((repo / "validate.sarif").read_text(encoding="utf-8"))
    sarif_schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.Draft4Validator(sarif_schema).validate(sarif)
    [result] = sarif["runs"][0]["results"]
    assert result["suppressions"][0]["justification"] == "JIMEX is the exercise's own name"
    pdfs = sorted(p.name for p in (repo / "build" / "india-japan-ties").glob("*.pdf"))
    assert pdfs == ["answer-key.pdf", "answer-sheet.pdf", "article.pdf", "worksheet.pdf"]
    assert re.search(r"check UPSC editorial sources and packs\.+Passed", done.stdout), done.stdout
