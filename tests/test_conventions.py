"""Conventions users and maintainers rely on: --version, -q, colour, --strict, SARIF, pipes, no import circles."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from .conftest import CASES, ROOT, run_cli

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("upsc-pipeline 0.")


def test_every_command_says_what_it_does():
    listing = run_cli("--help").stdout
    for command in (
        "validate",
        "build",
        "pack",
        "export",
        "score",
        "scan",
        "merge",
        "rules",
        "config",
        "schema",
        "new",
        "docs",
    ):
        assert f"    {command}" in listing, command
        help_text = run_cli(command, "--help")
        assert help_text.returncode == 0
        assert "-q, --quiet" in help_text.stdout
    assert "default: every pack in the packs folder" in run_cli("pack", "--help").stdout


def test_sarif_is_valid_and_points_at_the_line():
    result = run_cli("validate", "--format", "sarif", str(CASES / "invalid"))
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r
        for r in run["results"]
    }
    mismatch = results[("answer-key/mismatch", "tests/cases/invalid/answer-mismatch.json")]
    region = mismatch["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1 and mismatch["level"] == "error"
    assert mismatch["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].endswith("/answer")
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids[mismatch["ruleIndex"]] == "answer-key/mismatch"


def test_colour_on_request_never_with_no_color():
    case = str(CASES / "invalid" / "answer-mismatch.json")
    forced = run_cli("validate", case, env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31merror answer-key/mismatch:\x1b[0m" in forced.stdout
    both = run_cli("validate", case, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in both.stdout
    assert "\x1b" not in run_cli("validate", case).stdout  # a pipe: no colour
    assert "\x1b[" in run_cli("validate", "--color", "always", case).stdout


def test_quiet_prints_problems_only_and_strict_fails_on_warnings():
    case = str(CASES / "invalid" / "acronym-unknown.json")  # one warning, no error
    plain = run_cli("validate", case)
    assert plain.returncode == 0 and "checked" in plain.stdout
    quiet = run_cli("validate", "-q", case)
    lines = quiet.stdout.splitlines()
    assert lines and all("warning content/unknown-acronym" in line for line in lines)
    assert run_cli("validate", "--strict", case).returncode == 1


def test_a_closed_pipe_exits_quietly():
    pipe = subprocess.run(
        f"{sys.executable} -m pipeline rules | head -1",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert pipe.stdout.count("\n") == 1
    assert pipe.stderr == ""


def test_a_missing_comma_says_where_with_a_caret(tmp_path):
    path = tmp_path / "comma.json"
    path.write_text('{\n  "id": "comma",\n  "title": "A"\n  "dek": "B"\n}\n', encoding="utf-8")
    result = run_cli("validate", str(path))
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        ":3:15: error json/syntax: a comma is missing after the value that ends on line 3; add ',' there"
    )
    assert lines[1] == '      "title": "A"'
    assert lines[2] == "    " + " " * 14 + "^"


def test_a_quoted_boolean_names_the_real_cause(tmp_path):
    data = json.loads((CASES / "valid" / "all-formats.json").read_text(encoding="utf-8"))
    reason = next(i for i, q in enumerate(data["questions"]) if q["format"] == "statement-reason")
    data["questions"][reason]["explains"] = "true"  # under oneOf: a boolean or a list of two
    data["questions"][0]["answer"] = "A"
    path = tmp_path / "all-formats.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    report = json.loads(run_cli("validate", "--format", "json", str(path)).stdout)
    [found] = [d for d in report["diagnostics"] if d["rule"].startswith("schema/")]
    assert found["rule"] == "schema/type"
    assert found["pointer"] == f"/questions/{reason}/explains"
    assert found["message"] == (
        f"'true' is a string at /questions/{reason}/explains; write true without quotes"
    )


def test_new_writes_a_schema_path_that_resolves_and_schema_writes_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.upsc-pipeline]\n", encoding="utf-8")
    made = run_cli("new", "first-one", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "`python -m pipeline schema` writes it" in made.stderr
    data = json.loads((tmp_path / "sources" / "first-one.json").read_text(encoding="utf-8"))
    assert data["$schema"] == "../schemas/editorial.schema.json"
    written = run_cli("schema", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    target = (tmp_path / "sources" / data["$schema"]).resolve()
    assert target == (tmp_path / "schemas" / "editorial.schema.json").resolve()
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith(
        "/v1/editorial.schema.json"
    )


def test_written_schemas_are_self_contained_and_agree_with_the_validator(tmp_path):
    from pipeline.checks.schema import ecma_pattern, is_valid
    from pipeline.checks.schema_export import bundled
    from pipeline.checks.sources import load

    editorial = bundled("editorial.schema.json")
    assert editorial["$id"] == "https://schemas.upsc-pipeline.invalid/v1/editorial.schema.json"
    text = json.dumps(editorial)
    assert "question.schema.json" not in text  # no reference an editor must resolve
    assert "quad" in editorial["$defs"]["key_fact"]["properties"]["tags"]["items"]["enum"]
    # `pattern` as editors (ECMA-262) read it: Python's `$` would also allow a final newline
    ecma = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": ecma_pattern})
    validator = ecma(editorial, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    cases = sorted((CASES / "valid").glob("*.json")) + sorted((CASES / "invalid").glob("*.json"))
    compared = 0
    for path in cases:
        source = load(path).source
        if source is None or path.name.startswith("tag"):  # JSON-broken, or a tag the enum refuses
            continue
        assert validator.is_valid(source.data) == is_valid(source.data), path.name
        compared += 1
    assert compared > 40
    pack = bundled("pack.schema.json")
    assert pack["$id"].endswith("/v1/pack.schema.json")


def _imports(path: Path, module: str, modules: set[str]) -> set[str]:
    """Modules of the package a module imports, at any depth of its code."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for name in (target, *(f"{target}.{alias.name}" for alias in node.names)):
                if name in modules and name != module:
                    found.add(name)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
    return found


def test_no_import_circles():
    """No module reaches itself through imports, not even through an import inside a function."""
    root = Path(__file__).resolve().parent.parent
    paths = {}
    for path in (root / "pipeline").rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: _imports(path, name, set(paths)) for name, path in paths.items()}
    circles = []
    for start in graph:
        seen, stack = set(), [(start, (start,))]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join((*trail, start)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
    assert circles == []
