"""End-to-end, as a new user: README's commands verbatim, and a content repository of its own.

Slow (they install the tool into fresh environments): `nox -s integration` runs them.

The content repository is built from README's "In a content repository" section as written:
the tool installed from a local tag of this checkout (the README's URL pointed at it), the
files it shows, its commands; then the shipped workflow's own scripts (validate, plan, one
build per shard, merge) run as a runner would run them, twice, the second time after one
source changed, with the cache, artifacts and build key handed from job to job.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml
from packaging.version import Version

from .conftest import ROOT, SEED

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

README = (ROOT / "README.md").read_text(encoding="utf-8")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TAG = f"v{VERSION}"
#: Where README says this repository lives; the tests put the checkout's clone there.
PLACEHOLDER = "https://github.com/ORG/upsc-pipeline"
#: The command that runs this very suite: running it here would recurse.
RECURSIVE = "nox -s tests"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]


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


def bash(body: str, cwd: Path, env: dict[str, str], *, raw: bool = False) -> str:
    """Run a block (or a raw script); it must succeed. Returns stdout and stderr together."""
    result = subprocess.run(
        ["bash", "-c", body if raw else script(body)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, (
        f"{body}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result.stdout + result.stderr


def clone(tmp_path: Path) -> Path:
    """The checkout as a fresh clone would have it (tracked and new files), committed and tagged."""
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
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "snapshot"], cwd=target, check=True)
    subprocess.run([*GIT, "tag", TAG], cwd=target, check=True)
    # What GitHub serves at <repository>/raw/<tag>/constraints.txt
    raw = target / "raw" / TAG
    raw.mkdir(parents=True)
    shutil.copy2(target / "constraints.txt", raw / "constraints.txt")
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
        and not key.startswith(("NOX", "PYTEST", "UPSC_", "GITHUB_"))
    }
    return inherited | {
        "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",  # the tools' bin: README's step
        "HOME": str(tmp_path / "home"),
        "UV_TOOL_DIR": str(tools / "uv"),
        "UV_TOOL_BIN_DIR": str(tools / "bin"),
        "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv")),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "UPSC_PIPELINE_STATE": str(tmp_path / "state"),
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
    assert f"upsc-pipeline {VERSION}" in done
    assert (checkout / "sources" / "my-editorial.json").is_file()


def local(text: str, checkout: Path) -> str:
    """README's text with this repository's URLs pointed at the local tagged clone."""
    return text.replace(PLACEHOLDER, f"file://{checkout}").replace(
        "ORG/upsc-pipeline", str(checkout)
    )


def fill_in(repo: Path, skeleton: dict) -> None:
    """Fill the skeleton in as an editor would: the seed's content, the project's own tag, and
    a waiver that is used; and a second, bilingual editorial beside it."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    bilingual = json.loads(json.dumps(data))
    data.update({"$schema": skeleton["$schema"], "id": "india-japan-ties"})
    data["questions"][0].pop("hi")  # this one is in English only
    data["key_facts"][0]["tags"].append("india-japan-relations")
    data["questions"][0]["explanation"] += " Compare the JIMEX naval exercise with Japan."
    data["questions"][0]["waive"] = [
        {"rule": "content/unknown-acronym", "reason": "JIMEX is the exercise's own name"}
    ]
    (repo / "sources" / "india-japan-ties.json").write_text(json.dumps(data, indent=2), "utf-8")
    bilingual.update({"$schema": skeleton["$schema"], "id": "india-us-track"})
    (repo / "sources" / "india-us-track.json").write_text(json.dumps(bilingual, indent=2), "utf-8")


def test_a_content_repository_as_readme_says(tmp_path):
    checkout = clone(tmp_path)
    env = fresh_shell(tmp_path)
    blocks = [(lang, local(body, checkout)) for lang, body in section("In a content repository")]
    shells = [body for lang, body in blocks if lang == "sh"]
    files = {body.splitlines()[0].lstrip("# "): body for lang, body in blocks if lang != "sh"}
    assert len(shells) == 4, shells
    assert "export PATH=" in shells[0]  # the PATH step after `uv tool install`

    installed = bash(shells[0], tmp_path, env)  # install the tool from the tag, as README says
    assert f"upsc-pipeline {VERSION}" in installed
    env["PATH"] = f"{tmp_path / 'tools' / 'bin'}:{env['PATH']}"  # what the export did
    tool = tmp_path / "tools" / "uv" / "upsc-pipeline"
    _the_install_is_the_locked_editors_install(tool, checkout)

    bash(shells[1], tmp_path, env)  # make the repository
    repo = tmp_path / "my-content"
    for name in ("pyproject.toml", ".gitignore", ".pre-commit-config.yaml"):
        (repo / name).write_text(files[name], encoding="utf-8")
    [vocabulary] = [body for lang, body in blocks if lang == "json"]
    (repo / "vocabulary.json").write_text(vocabulary, encoding="utf-8")
    workflow = files[".github/workflows/editorial.yml"]
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "editorial.yml").write_text(workflow, encoding="utf-8")
    _the_workflow_is_a_dozen_lines_calling_the_tagged_one(workflow, checkout)

    first = bash(shells[2], repo, env)  # schema, new, validate (exits 1 on the TODOs)
    assert "then run `upsc-pipeline validate sources/india-japan-ties.json`" in first
    assert "python -m pipeline" not in first  # the tool names itself as it was started
    schema = json.loads((repo / "schemas" / "editorial.schema.json").read_text(encoding="utf-8"))
    assert "india-japan-relations" in json.dumps(schema)  # the editor knows the project's tag
    skeleton = json.loads((repo / "sources" / "india-japan-ties.json").read_text(encoding="utf-8"))
    assert skeleton["$schema"] == "../schemas/editorial.schema.json"
    assert "unknown-acronym" not in first  # the skeleton's YYYY-MM-DD is no acronym

    fill_in(repo, skeleton)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    done = bash(shells[3], repo, env)  # validate, sarif, build, pre-commit
    assert "waived content/unknown-acronym: JIMEX is the exercise's own name" in done
    assert "2 files checked, 0 errors, 0 warnings, 1 waived" in done
    sarif = json.loads((repo / "validate.sarif").read_text(encoding="utf-8"))
    sarif_schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.Draft4Validator(sarif_schema).validate(sarif)
    [result] = sarif["runs"][0]["results"]
    assert result["suppressions"][0]["justification"] == "JIMEX is the exercise's own name"
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["tags/unknown"]["helpUri"].endswith(f"/blob/{TAG}/docs/rules.md#tags-unknown")
    pdfs = sorted(p.name for p in (repo / "build" / "india-japan-ties").glob("*.pdf"))
    assert pdfs == [
        "answer-key.pdf",
        "answer-sheet.pdf",
        "article.pdf",
        "explanations.pdf",
        "worksheet.pdf",
    ]
    assert re.search(r"check UPSC editorial sources and packs\.+Passed", done), done
    assert re.search(r"update the editor's schemas.*\.+Passed", done), done
    ignored = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=repo, capture_output=True, text=True
    ).stdout
    assert "!! build/" in ignored and "!! validate.sarif" in ignored  # .gitignore as README says

    _what_the_installed_tool_says(repo, env)
    _stale_schemas_are_noticed_and_the_hook_rewrites_them(repo, env)
    _the_shipped_workflow_runs_as_a_runner_would(repo, checkout, env, tmp_path)


def _the_install_is_the_locked_editors_install(tool: Path, checkout: Path) -> None:
    """Every library at constraints.txt's version; no scanning libraries; under half the size."""
    python = tool / "bin" / "python"
    listed = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m, json; "
            "print(json.dumps({d.metadata['Name'].lower().replace('_', '-'): d.version "
            "for d in m.distributions()}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installed = json.loads(listed)
    pins = {}
    for line in (checkout / "constraints.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^ ;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    for name, version in installed.items():
        if name in pins:
            assert Version(version) == Version(pins[name]), f"{name} {version}, locked {pins[name]}"
    assert installed["upsc-pipeline"] == VERSION
    assert not {"opencv-python-headless", "numpy", "zxing-cpp", "pypdfium2"} & set(installed)
    size = sum(p.stat().st_size for p in tool.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 358e6 / 2, f"the editor's install is {size / 1e6:.0f} MB"


def _the_workflow_is_a_dozen_lines_calling_the_tagged_one(workflow: str, checkout: Path) -> None:
    lines = [line for line in workflow.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) <= 14, lines
    caller = yaml.safe_load(workflow)
    job = caller["jobs"]["editorial"]
    path, ref = job["uses"].split("@")
    assert ref == TAG and path.endswith("/.github/workflows/editorial.yml")
    shipped = subprocess.run(
        ["git", "show", f"{TAG}:.github/workflows/editorial.yml"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    called = yaml.safe_load(shipped)[True]["workflow_call"]
    assert set(job.get("with", {})) <= set(called["inputs"])
    assert set(job.get("secrets", {})) <= set(called["secrets"])
    assert job["permissions"]["security-events"] == "write"  # SARIF upload


def _what_the_installed_tool_says(repo: Path, env: dict[str, str]) -> None:
    documented = bash("upsc-pipeline rules tags/unknown", repo, env)
    assert "`tags/unknown` (error)" in documented and f"/blob/{TAG}/docs/rules.md" in documented
    scan = subprocess.run(
        ["upsc-pipeline", "scan", "sheet.png", "--key", "build/india-japan-ties/answer-key.json"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scan.returncode == 2
    assert "uv tool install --reinstall 'upsc-pipeline[scan] @ git+file://" in scan.stderr
    assert f"@{TAG}'" in scan.stderr  # the tag it was installed from


def _stale_schemas_are_noticed_and_the_hook_rewrites_them(repo: Path, env: dict[str, str]) -> None:
    vocabulary = json.loads((repo / "vocabulary.json").read_text(encoding="utf-8"))
    topic = vocabulary["papers"]["GS2"]["topics"]["bilateral-relations"]
    topic["tags"]["india-korea-relations"] = "India-Korea relations"
    (repo / "vocabulary.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    stale = bash("upsc-pipeline validate", repo, env)
    assert "schemas/editorial.schema.json:1:1: warning schema/stale:" in stale
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    hook = subprocess.run(
        ["pre-commit", "run", "update-schemas", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert hook.returncode == 1 and "files were modified by this hook" in hook.stdout
    assert "india-korea-relations" in (repo / "schemas" / "editorial.schema.json").read_text()
    assert "schema/stale" not in bash("upsc-pipeline validate", repo, env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)


class Runner:
    """The shipped workflow's jobs, run as GitHub runs them: each job on a fresh checkout of
    the content repository, its `run:` scripts with the env GitHub would give them, and the
    actions it uses (cache, artifacts) done by hand."""

    def __init__(self, workflow: dict, repo: Path, checkout: Path, env: dict, work: Path):
        self.workflow, self.repo, self.work = workflow, repo, work
        called = workflow[True]["workflow_call"]["inputs"]
        self.inputs = {name: spec.get("default") for name, spec in called.items()} | {
            "per-job": 1  # as a content repository's `with: {per-job: 1}`
        }
        self.env = env | {
            "UPSC_PIPELINE_VERSION": self.inputs["version"],
            "UPSC_PIPELINE_TOOL": "",
            "UPSC_PIPELINE_HOME": f"file://{checkout}",
            "PAPER": self.inputs["paper"],
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
        self.cache: dict[str, Path] = {}
        self.runs = 0

    def job(self, name: str, run: int, **extra: str) -> tuple[Path, dict[str, str]]:
        """A fresh checkout for one job, and its environment."""
        folder = self.work / f"run{run}-{name}-{extra.get('SHARD', '').replace('/', 'of')}"
        shutil.copytree(self.repo, folder, ignore=shutil.ignore_patterns("build", ".git"))
        env = (
            self.env
            | {
                "UPSC_PIPELINE_STATE": str(folder.parent / f"{folder.name}-state"),
                "GITHUB_OUTPUT": str(folder.parent / f"{folder.name}-output"),
                "GITHUB_PATH": str(folder.parent / f"{folder.name}-path"),
                "GITHUB_STEP_SUMMARY": str(folder.parent / f"{folder.name}-summary"),
                "KEY": "ab" * 32,  # the build-key secret
            }
            | extra
        )
        return folder, env

    def step(self, job: str, name: str, folder: Path, env: dict[str, str]) -> str:
        [step] = [s for s in self.workflow["jobs"][job]["steps"] if s.get("name") == name]
        step_env = {key: self._expand(value, env) for key, value in step.get("env", {}).items()}
        return bash(step["run"], folder, env | step_env, raw=True)

    def _expand(self, value: object, env: dict[str, str]) -> str:
        text = str(value)
        text = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: str(self.inputs[m[1]]), text)
        text = text.replace("${{ secrets.build-key }}", env["KEY"])
        return text.replace("${{ matrix.shard }}", env.get("SHARD", ""))

    def cache_key(self, folder: Path) -> str:
        import hashlib

        digest = hashlib.sha256()
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and re.match(
                r"(sources|packs|assets)/|vocabulary\.json$|pyproject\.toml$", relative
            ):
                digest.update(relative.encode() + path.read_bytes())
        return f"editorial-build-{self.inputs['version']}-{digest.hexdigest()}"

    def restore(self, folder: Path) -> None:
        """actions/cache/restore: the exact key, else the newest with the prefix."""
        key = self.cache_key(folder)
        found = self.cache.get(key) or (list(self.cache.values())[-1] if self.cache else None)
        if found is not None:
            shutil.copytree(found, folder / "build")

    def run(self, number: int) -> dict[str, str]:
        """One workflow run: validate and plan, each shard, merge. Returns the plan's outputs."""
        folder, env = self.job("validate", number)
        for name in ("Share the build key", "Validate (annotations on the pull request)"):
            self.step("validate", name, folder, env)
        self.step("validate", "Validate (SARIF for code scanning)", folder, env)
        assert json.loads((folder / "validate.sarif").read_text())["version"] == "2.1.0"
        self.restore(folder)
        self.step("validate", "Plan the build", folder, env)
        outputs = dict(
            line.split("=", 1) for line in Path(env["GITHUB_OUTPUT"]).read_text().splitlines()
        )
        artifacts = self.work / f"run{number}-artifacts"
        for shard in json.loads(outputs["shards"]):
            folder, env = self.job("build", number, SHARD=shard)
            self.step("build", "Share the build key", folder, env)
            self.restore(folder)
            built = self.step("build", "Build this job's share", folder, env)
            outputs.setdefault("built", "")
            outputs["built"] += built
            self.step("build", "Name the artifact", folder, env)
            name = Path(env["GITHUB_OUTPUT"]).read_text().split("name=")[1].strip()
            shutil.copytree(folder / "build", artifacts / name)  # upload, then download
        folder, env = self.job("merge", number)
        self.step("merge", "Share the build key", folder, env)
        shutil.copytree(artifacts, folder / "shards")
        outputs["merged"] = self.step("merge", "Join the shards into one build folder", folder, env)
        self.cache.setdefault(self.cache_key(folder), folder / "build")  # cache/save
        outputs["pdfs"] = " ".join(
            sorted(str(p.relative_to(folder)) for p in folder.glob("build/**/*.pdf"))
        )
        return outputs


def _the_shipped_workflow_runs_as_a_runner_would(
    repo: Path, checkout: Path, env: dict[str, str], tmp_path: Path
) -> None:
    shipped = subprocess.run(
        ["git", "show", f"{TAG}:.github/workflows/editorial.yml"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    workflow = yaml.safe_load(shipped)
    work = tmp_path / "runner"
    work.mkdir()
    runner = Runner(workflow, repo, checkout, env, work)
    # The install step, once: every job installs the same way (tests/test_workflow.py).
    folder, job_env = runner.job("install", 0)
    runner.step("validate", "Install upsc-pipeline", folder, job_env)
    assert str(tmp_path / "tools" / "bin") in Path(job_env["GITHUB_PATH"]).read_text()

    cold = runner.run(1)  # nothing cached: both sources built, one shard each
    assert cold["to-build"] == "2" and json.loads(cold["shards"]) == ["1/2", "2/2"]
    assert cold["built"].count("1 built, 0 unchanged") == 2
    assert "merged 2 targets from 2 shards" in cold["merged"]
    assert "build/india-japan-ties/answer-key.pdf" in cold["pdfs"].split()
    assert "build/india-us-track/worksheet.pdf" in cold["pdfs"].split()  # the bilingual one

    source = repo / "sources" / "india-japan-ties.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["dek"] = "Tokyo and New Delhi widen their partnership, a changed standfirst."
    source.write_text(json.dumps(data, indent=2), encoding="utf-8")
    warm = runner.run(2)  # the restored build/ is trusted (the key): only the change renders
    assert warm["to-build"] == "1" and json.loads(warm["shards"]) == ["1/1"]
    assert "1 built, 1 unchanged" in warm["built"]
    assert "merged 2 targets from 1 shards" in warm["merged"]
