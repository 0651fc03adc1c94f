"""The messages a content team met on its first day (issue 25), each as they should read now."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import HOME, __version__
from pipeline.checks.rules.answer_key import check_question

from .conftest import CASES, ROOT, SEED, run_cli


def seed(edit=None) -> dict:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    if edit is not None:
        edit(data)
    return data


def repo(tmp_path: Path, *sources: dict, pyproject: str = "") -> Path:
    (tmp_path / "sources").mkdir()
    for data in sources:
        data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
        (tmp_path / "sources" / f"{data['id']}.json").write_text(json.dumps(data, indent=2))
    if pyproject:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return tmp_path


def lines_with(output: str, rule: str) -> list[str]:
    return [line.split(": ", 2)[-1] for line in output.splitlines() if f" {rule}:" in line]


def test_unknown_tags_suggest_only_typos_and_always_say_where_to_add_one(tmp_path):
    def tags(data):
        data["key_facts"][0]["tags"] += ["indirect-taxation", "quadd"]

    folder = repo(
        tmp_path, seed(tags), pyproject='[tool.upsc-pipeline]\nvocabulary = "vocabulary.json"\n'
    )
    (folder / "vocabulary.json").write_text('{"papers": {}}', encoding="utf-8")
    result = run_cli("validate", cwd=folder)
    assert lines_with(result.stdout, "tags/unknown") == [
        "unknown tag 'indirect-taxation'; add it to vocabulary.json",
        "unknown tag 'quadd'; did you mean 'quad'? If it is a new tag, add it to vocabulary.json",
    ]


def test_a_misspelt_topic_in_the_vocabulary_gets_a_did_you_mean(tmp_path):
    folder = repo(tmp_path, seed(), pyproject='[tool.upsc-pipeline]\nvocabulary = "v.json"\n')
    (folder / "v.json").write_text(
        '{"papers": {"GS3": {"topics": {"econmy": {"tags": {"indirect-taxation": "GST"}}}}}}',
        encoding="utf-8",
    )
    result = run_cli("validate", cwd=folder)
    assert lines_with(result.stdout, "vocabulary/no-title") == [
        "'econmy' is not a built-in GS3 topic; did you mean 'economy'? A new topic needs a "
        '"title", as the syllabus words it'
    ]


def test_an_empty_waiver_reason_asks_for_the_reason_not_its_removal(tmp_path):
    def waive(data):
        data["questions"][0]["waive"] = [{"rule": "explanation/unsure", "reason": ""}]

    result = run_cli("validate", cwd=repo(tmp_path, seed(waive)))
    assert lines_with(result.stdout, "schema/empty") == [
        "empty text at /questions/0/waive/0/reason; it is required, so write why the rule is "
        "wrong here, in a sentence a reviewer can check"
    ]


def test_an_empty_optional_list_may_be_left_out_a_required_one_filled_in(tmp_path):
    result = run_cli("validate", cwd=repo(tmp_path, seed(lambda d: d.update(glossary=[]))))
    assert lines_with(result.stdout, "schema/empty") == [
        "empty list at /glossary; leave the property out when there is nothing in it"
    ]
    result = run_cli("validate", str(CASES / "invalid" / "empty-array.json"))
    assert lines_with(result.stdout, "schema/empty") == [
        "empty list at /exam_angles; it is required, so add its items (where this editorial "
        "meets the syllabus: one entry per GS paper and syllabus topic)"
    ]


def test_the_new_skeleton_reports_its_date_once_and_no_acronyms(tmp_path):
    folder = repo(tmp_path)
    assert run_cli("new", "india-japan-ties", cwd=folder).returncode == 0
    result = run_cli("validate", cwd=folder)
    assert "content/unknown-acronym" not in result.stdout
    assert [line for line in result.stdout.splitlines() if "/published" in line] == [
        'sources/india-japan-ties.json:7:16: error schema/pattern: "TODO: YYYY-MM-DD as '
        'published, or remove this line if it has no date" does not have the expected form at '
        "/published (a date as YYYY-MM-DD)"
    ]
    places = [line.split(" error ")[0] for line in result.stdout.splitlines() if " error " in line]
    assert len(places) == len(set(places))  # one error a place: 'todo' is a placeholder, no tag
    assert "error tags/unknown: unknown tag 'todo'" not in result.stdout


def test_strict_says_that_its_warnings_fail_the_run(tmp_path):
    def warn(data):
        data["questions"][0]["explanation"] += " See the JIMEX exercise."
        data["questions"][0].pop("hi", None)

    folder = repo(tmp_path, seed(warn))
    result = run_cli("validate", "--strict", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].endswith(
        "0 errors, 1 warning, 2 info (--strict: the warning fails the run)"
    )
    plain = run_cli("validate", cwd=folder)
    assert plain.returncode == 0 and "--strict" not in plain.stdout
    github = run_cli("validate", "--strict", "--format", "github", cwd=folder)
    assert github.stdout.splitlines()[-1].endswith("(--strict: the warning fails the run)")


def test_quiet_build_schema_and_new_print_problems_only(tmp_path):
    folder = repo(tmp_path, seed(lambda d: d.update(title="")))
    build = run_cli("build", "-q", cwd=folder)
    assert build.returncode == 1
    assert [line.split(": ")[1] for line in build.stdout.splitlines()] == ["error schema/empty"]
    assert build.stderr == ""
    schema = run_cli("schema", "-q", cwd=folder)
    assert schema.returncode == 0 and schema.stdout == schema.stderr == ""
    assert (folder / "schemas" / "editorial.schema.json").is_file()
    new = run_cli("new", "another-one", "-q", cwd=folder)
    assert new.returncode == 0 and new.stdout == new.stderr == ""
    loud = run_cli("schema", cwd=folder)
    assert "wrote schemas/editorial.schema.json" in loud.stderr


def in_process(
    *args: str, hide: tuple[str, ...] = (), cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    """Run main() as the installed console script does (sys.argv[0] is its path)."""
    code = (
        "import sys\n"
        f"sys.modules.update(dict.fromkeys({list(hide)!r}))\n"
        "sys.argv[0] = '/home/editor/.local/bin/upsc-pipeline'\n"
        "from pipeline.__main__ import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_the_tool_calls_itself_by_the_name_it_was_started_with(tmp_path):
    folder = repo(tmp_path)
    installed = in_process("new", "india-japan-ties", cwd=folder)
    assert "then run `upsc-pipeline validate sources/india-japan-ties.json`" in installed.stderr
    assert "`upsc-pipeline schema` writes it" in installed.stderr
    assert "python -m" not in installed.stderr
    module = run_cli("new", "second", cwd=folder)
    assert "then run `python -m pipeline validate sources/second.json`" in module.stderr
    assert "usage: upsc-pipeline" in in_process("--help").stdout


def test_a_missing_library_is_an_incomplete_install_not_a_bug():
    result = in_process("validate", str(CASES / "invalid" / "answer-e.json"), hide=("jsonschema",))
    assert result.returncode == 2
    assert "bug" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith(
        "error: this install of upsc-pipeline is incomplete: the library 'jsonschema' cannot be "
        "imported"
    )
    assert "  Reinstall the tool as you installed it" in result.stderr


QUESTION = {
    "id": "q1",
    "format": "single",
    "stem": "Under which Article of the Constitution is the GST Council constituted?",
    "options": [
        {"label": "A", "text": "Article 279A"},
        {"label": "B", "text": "Article 280"},
        {"label": "C", "text": "Article 269A"},
        {"label": "D", "text": "Article 246A"},
    ],
    "answer": "A",
    "shuffle_options": True,
    "explanation": "Option (a): Article 279A, inserted in 2016, provides for the GST Council.",
}


@pytest.mark.parametrize(
    ("edit", "quoted"),
    [
        ({}, None),  # "Article 279A" names an article, not an option
        ({"hi": {"explanation": "अनुच्छेद 279A जीएसटी परिषद का प्रावधान करता है।"}}, None),
        (
            {"explanation": "The right choice is A Article 279A."},
            'at "The right choice is A Article 279A.")',
        ),
        (
            {"hi": {"explanation": "अनुच्छेद 279A जीएसटी परिषद का प्रावधान करता है, उत्तर b है।"}},
            'in the Hindi, at "...वधान करता है, उत्तर b है।")',
        ),
    ],
)
def test_fixed_options_quotes_the_letter_it_could_not_place(edit, quoted):
    found = [p for p in check_question({**QUESTION, **edit}, "/questions/0")]
    fixed = [p.message for p in found if p.rule == "answer-key/fixed-options"]
    if quoted is None:
        assert fixed == []
    else:
        [message] = fixed
        assert f"cannot place for certain ({quoted}, so booklet series" in message


def test_rules_rule_prints_its_documentation_and_how_to_set_it():
    result = run_cli("rules", "tags/unknown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "tags/unknown  error    Fact tags come from the controlled vocabulary"
    assert lines[2] == "`tags/unknown` (error)"
    assert '    passes: "tags": ["quad"]' in lines
    assert (
        'Waive it where it is wrong: "waive": [{"rule": "tags/unknown", "reason": "..."}]' in lines
    )
    assert lines[-1] == (
        "Documentation: https://github.com/ORG/upsc-pipeline/blob/v"
        f"{__version__}/docs/rules.md#tags-unknown"
    )
    fixed = run_cli("rules", "json/syntax").stdout
    assert "It cannot be turned off or waived" in fixed and "`json/` (error)" in fixed
    family = run_cli("rules", "waiver").stdout
    assert family.startswith("waiver/unused ") and "`waiver/unknown-rule` (error)" in family


def test_an_unknown_rule_is_a_usage_error_with_a_suggestion():
    result = run_cli("rules", "tag/unknown")
    assert result.returncode == 2 and result.stdout == ""
    assert "did you mean 'tags/unknown'?" in result.stderr


def test_every_sarif_rule_links_to_its_row_in_the_rule_docs():
    rows = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    result = run_cli("validate", str(CASES / "invalid" / "answer-e.json"), "--format", "sarif")
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["help"]["text"] for rule in rules)
    for rule in rules:
        anchor = rule["helpUri"].rsplit("#", 1)[1]
        assert rule["helpUri"].startswith(f"{HOME}/blob/v{__version__}/docs/rules.md#")
        assert f'<a id="{anchor}"></a>`{rule["id"]}`' in rows
