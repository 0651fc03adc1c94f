"""A content repository's configuration: discovery, severities, overrides, its own tags."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline import config as config_module
from pipeline.checks import policy
from pipeline.checks.check import check_paths
from pipeline.config import Config, load
from pipeline.diagnostics import Severity, UsageError

from .conftest import CASES, ROOT, SEED, run_cli


@pytest.fixture
def project(tmp_path: Path):
    """A throwaway content project in tmp_path; its configuration is used while the test runs."""

    def make(settings: str = "", *, file: str = "pyproject.toml") -> Config:
        (tmp_path / "sources").mkdir(exist_ok=True)
        body = settings if file == "upsc-pipeline.toml" else "[tool.upsc-pipeline]\n" + settings
        (tmp_path / file).write_text(body, encoding="utf-8")
        found = load(tmp_path)
        config_module.use(found)
        policy.verify(found)
        return found

    yield make
    config_module.use(None)


def copy_case(folder: Path, name: str, *, edit=None) -> Path:
    data = json.loads((CASES / "invalid" / f"{name}.json").read_text(encoding="utf-8"))
    if edit is not None:
        edit(data)
    path = folder / "sources" / f"{name}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_found_by_walking_up_from_a_subfolder(tmp_path):
    (tmp_path / "upsc-pipeline.toml").write_text('sources = "content"\n', encoding="utf-8")
    deep = tmp_path / "content" / "drafts"
    deep.mkdir(parents=True)
    found = load(deep)
    assert found.file == tmp_path / "upsc-pipeline.toml"
    assert found.root == tmp_path and found.sources == tmp_path / "content"
    assert found.packs == tmp_path / "packs"


def test_pyproject_without_the_table_is_not_a_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    found = load(tmp_path / "a")
    assert found.file is None and found.root == tmp_path / "a"


def test_this_repository_is_configured_by_its_pyproject():
    found = load(ROOT / "tests")
    assert found.file == ROOT / "pyproject.toml" and found.sources == ROOT / "sources"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('source = "x"\n', "unknown setting 'source'; did you mean 'sources'?"),
        ('sources = "../elsewhere"\n', "leaves the project"),
        ('[tool.upsc-pipeline.rules]\n"explanation/unsure" = "of"\n', "the level is one of"),
        ('[tool.upsc-pipeline.rules]\n"schema/required" = "off"\n', "cannot be changed"),
        (
            '[tool.upsc-pipeline.rules]\n"explanation/unsur" = "off"\n',
            "did you mean 'explanation/unsure'?",
        ),
        ("sources = [1\n", "not valid TOML"),
    ],
)
def test_mistakes_in_the_configuration_are_usage_errors(project, settings, message):
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("(", r"\(")):
        project(settings.replace("[tool.upsc-pipeline.rules]", "[tool.upsc-pipeline.rules]"))


def test_config_command_shows_the_file_and_a_bad_rule_exits_2(tmp_path):
    (tmp_path / "upsc-pipeline.toml").write_text(
        '[rules]\n"content/unknown-acronym" = "off"\n', encoding="utf-8"
    )
    shown = run_cli("config", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"configuration: {tmp_path / 'upsc-pipeline.toml'}" in shown.stdout
    assert "content/unknown-acronym = off" in shown.stdout
    (tmp_path / "upsc-pipeline.toml").write_text('[rules]\n"content/nope" = "off"\n')
    bad = run_cli("validate", cwd=tmp_path)
    assert bad.returncode == 2 and "'content/nope' is neither a rule nor a family" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_rule_turned_off_disappears_and_a_family_changes_severity(project, tmp_path):
    project('[tool.upsc-pipeline.rules]\n"explanation" = "warning"\n"facts/untested" = "off"\n')
    copy_case(tmp_path, "explanation-contradicts-flag")
    result = check_paths([tmp_path / "sources"])
    found = {(d.rule, d.severity) for d in result.diagnostics}
    assert ("explanation/contradicts-flag", Severity.WARNING) in found
    assert not any(rule == "facts/untested" for rule, _ in found)
    assert result.ok  # a warning no longer fails the file


def test_an_override_applies_only_to_its_paths(project, tmp_path):
    project(
        '[[tool.upsc-pipeline.overrides]]\npaths = ["sources/archive-*.json"]\n'
        'rules = { "explanation/contradicts-flag" = "info" }\n'
    )
    copy_case(tmp_path, "explanation-contradicts-flag")
    archived = tmp_path / "sources" / "archive-2019.json"
    data = json.loads((tmp_path / "sources" / "explanation-contradicts-flag.json").read_text())
    data["id"] = "archive-2019"
    archived.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = check_paths([tmp_path / "sources"])
    levels = {
        Path(d.file).name: d.severity
        for d in result.diagnostics
        if d.rule == "explanation/contradicts-flag"
    }
    assert levels == {
        "archive-2019.json": Severity.INFO,
        "explanation-contradicts-flag.json": Severity.ERROR,
    }


def test_the_projects_own_tags_extend_the_builtin_vocabulary(project, tmp_path):
    (tmp_path / "vocabulary.json").write_text(
        json.dumps(
            {
                "papers": {
                    "GS2": {
                        "topics": {
                            "bilateral-relations": {
                                "tags": {"india-japan-relations": "India-Japan relations"}
                            },
                            "health-diplomacy": {
                                "title": "Health diplomacy",
                                "tags": {"vaccine-maitri": "Vaccine exports as diplomacy"},
                            },
                        }
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    project('vocabulary = "vocabulary.json"\n')
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["key_facts"][0]["tags"] = ["india-japan-relations", "vaccine-maitri"]
    data["exam_angles"][0] = {"paper": "GS2", "topic": "health-diplomacy", "text": "Vaccines"}
    (tmp_path / "sources" / SEED.name).write_text(json.dumps(data), encoding="utf-8")
    result = check_paths([tmp_path / "sources"])
    assert result.ok, result.diagnostics
    data["key_facts"][0]["tags"] = ["india-japn-relations"]
    (tmp_path / "sources" / SEED.name).write_text(json.dumps(data), encoding="utf-8")
    bad = check_paths([tmp_path / "sources"])
    [message] = [d.message for d in bad.diagnostics if d.rule == "tags/unknown"]
    assert message.startswith(
        "unknown tag 'india-japn-relations'; did you mean 'india-japan-relations'? If it is a "
        "new tag, add it to "
    )
    assert message.endswith("vocabulary.json")


def test_a_broken_vocabulary_file_is_reported_with_its_line(project, tmp_path):
    (tmp_path / "vocabulary.json").write_text(
        '{"papers": {"GS2": {"topics": {\n'
        '  "bilateral-relations": {"tags": {"quad": "again"}},\n'
        '  "new-topic": {"tags": {"x-tag": "no title"}}\n'
        "}}}}\n",
        encoding="utf-8",
    )
    project('vocabulary = "vocabulary.json"\n')
    result = check_paths([SEED])
    found = {(d.rule, d.line) for d in result.diagnostics if d.rule.startswith("vocabulary/")}
    assert found == {("vocabulary/duplicate-tag", 2), ("vocabulary/no-title", 3)}


def test_unknown_tag_names_the_file_to_add_it_to(project, tmp_path, seed_copy):
    project()
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["key_facts"][0]["tags"] = ["zzzzzz"]
    (tmp_path / "sources" / SEED.name).write_text(json.dumps(data), encoding="utf-8")
    message = next(
        d.message
        for d in check_paths([tmp_path / "sources"]).diagnostics
        if d.rule == "tags/unknown"
    )
    assert "schemas/vocabulary.json" not in message  # not a file a content repository has
    assert "vocabulary file of your own" in message and "[tool.upsc-pipeline]" in message


def test_packs_in_the_packs_folder_are_validated_as_packs():
    result = run_cli("validate", "packs/india-us-defence.json")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("1 file checked, 0 errors, 0 warnings")


def test_a_bad_pack_gets_pack_rules_not_source_rules(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    (tmp_path / "packs").mkdir()
    pack = json.loads((ROOT / "packs" / "india-us-defence.json").read_text(encoding="utf-8"))
    pack["select"]["tags"] = ["quadd"]
    (tmp_path / "packs" / "week-1.json").write_text(json.dumps(pack, indent=2), encoding="utf-8")
    result = run_cli("validate", "packs/week-1.json", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert {d["rule"].split("/")[0] for d in report["diagnostics"]} == {"pack"}


def test_every_configuration_mistake_is_shown_with_its_line(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "content"\n\n[tool.upsc-pipeline]\nsource = "sources"\n\n'
        '[tool.upsc-pipeline.rules]\n"explanation/unsure" = "warn"\n"facts/untestd" = "off"\n'
        '"schema/required" = "off"\n',
        encoding="utf-8",
    )
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: pyproject.toml:5: unknown setting 'source'; did you mean 'sources'?",
        "error: pyproject.toml:8: 'explanation/unsure' = 'warn': the level is one of error, "
        "warning, info, off",
        "error: pyproject.toml:10: 'schema/required' cannot be changed: a file that breaks it "
        "cannot be checked or built",
        "error: pyproject.toml:9: 'facts/untestd' is neither a rule nor a family; did you mean "
        "'facts/untested'? (`python -m pipeline rules` lists them)",
    ]


def test_an_override_mistake_names_its_line(tmp_path):
    (tmp_path / "upsc-pipeline.toml").write_text(
        '[[overrides]]\npaths = ["sources/a/*"]\nrules = { "content" = "off" }\n\n'
        '[[overrides]]\npaths = ["sources/b/*"]\nrules = { "explanation" = "loud" }\n',
        encoding="utf-8",
    )
    result = run_cli("config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: upsc-pipeline.toml:7: 'explanation' = 'loud': the level is one of error, "
        "warning, info, off\n"
    )
