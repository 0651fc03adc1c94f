"""Exports: Moodle's import rules, GIFT's escaping, QTI against the official XSDs and scored by a
real QTI engine (pyslet), and the same answers and marks as the booklets and `score`."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline import model
from pipeline.classroom.score import score_rows
from pipeline.exports import gift
from pipeline.exports.online import ExportError, OnlineTest, options_move
from pipeline.model.series import apply, make_series

from .conftest import CASES, HAS_WORLD_MAP, SEED, run_cli
from .exported import BILINGUAL, PACK, QTI_SCHEMAS, exported, source_model

#: Moodle's grade options (question_bank::fraction_options_full): these and their negatives.
MOODLE_GRADES = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)  # fmt: skip
ANSWER_NUMBERING = {"abc", "ABCD", "123", "iii", "IIII", "none"}
QTI_NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCES = {"india-us-relations-parallel-track": SEED, "bilingual": BILINGUAL}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return exported(tmp_path_factory)


def _moodle_files(out: Path) -> list[Path]:
    return sorted(out.rglob("moodle*.xml"))


def _matches_moodle(fraction: float) -> bool:
    """question/format.php: match_grade_options(..., 'error') within 0.00001."""
    return any(abs(fraction - g) < 0.00001 or abs(fraction + g) < 0.00001 for g in MOODLE_GRADES)


def test_every_source_and_format_was_exported(out):
    for stem in ("india-us-relations-parallel-track", "bilingual"):
        names = sorted(p.name for p in (out / "all" / stem).iterdir())
        assert names == ["gift.txt", "moodle.xml", "qti.zip", "test.html"]
    assert sorted(p.name for p in (out / "series" / "bilingual").iterdir()) == [
        "gift-A.txt", "gift-B.txt", "moodle-A.xml", "moodle-B.xml",
        "qti-A.zip", "qti-B.zip", "test-A.html", "test-B.html",
    ]  # fmt: skip
    assert (out / "hindi" / "bilingual" / "test-hi.html").is_file()
    assert (out / "collect" / "bilingual" / "collect.html").is_file()
    assert (out / "pack" / "packs" / "india-us-defence" / "moodle-B.xml").is_file()


def test_moodle_import_rules_hold_for_every_question(out):
    """What Moodle's XML import checks (format.php, qtype_multichoice), for every export."""
    files = _moodle_files(out)
    assert len(files) >= 6
    for path in files:
        quiz = etree.parse(str(path)).getroot()
        assert quiz.tag == "quiz"
        idnumbers = set()
        for question in quiz.iter("question"):
            kind = question.get("type")
            assert kind in {"category", "description", "multichoice"}, kind
            for text in question.iter("text"):  # every @@PLUGINFILE@@ has its <file>
                holder = text.getparent()
                files_here = {f.get("name") for f in holder.findall("file")}
                for name in re.findall(r"@@PLUGINFILE@@/([^\"'\s>]+)", text.text or ""):
                    assert name in files_here, (path, name)
                    data = base64.b64decode(holder.find(f"file[@name='{name}']").text)
                    assert data.startswith(b"<svg") or b"<svg" in data[:200]
            if kind != "multichoice":
                continue
            assert question.findtext("single") == "true"
            assert question.findtext("answernumbering") in ANSWER_NUMBERING
            assert float(question.findtext("defaultgrade")) == 2
            assert float(question.findtext("penalty")) == 0
            assert question.findtext("name/text")
            fractions = [float(a.get("fraction")) / 100 for a in question.findall("answer")]
            assert len(fractions) == 4
            assert all(_matches_moodle(f) for f in fractions), (path, fractions)
            assert max(fractions) == 1.0 and fractions.count(1.0) == 1  # single: one at 100%
            assert all(abs(f + 1 / 3) < 0.00001 for f in fractions if f != 1.0)
            idnumber = question.findtext("idnumber")
            assert idnumber and len(idnumber) <= 100 and idnumber not in idnumbers
            idnumbers.add(idnumber)
            assert question.findtext("generalfeedback/text")


def test_moodle_carries_the_key_explanation_tags_and_shuffles_only_movable_options(out):
    for stem, path in SOURCES.items():
        source = source_model(path)
        quiz = etree.parse(str(out / "all" / stem / "moodle.xml")).getroot()
        questions = [q for q in quiz.iter("question") if q.get("type") == "multichoice"]
        assert [q.findtext("name/text") for q in questions] == [q.id for q in source.questions]
        for element, question in zip(questions, source.questions, strict=True):
            right = [a for a in element.findall("answer") if a.get("fraction") == "100"]
            assert question.key.text in right[0].findtext("text")
            assert element.findtext("idnumber") == f"{source.id}/{question.id}"
            feedback = element.findtext("generalfeedback/text")
            assert question.explanation.replace("'", "'")[:40] in feedback.replace("&#x27;", "'")
            tags = [t.findtext("text") for t in element.findall("tags/tag")]
            assert set(question.tags) <= set(tags)
            shuffles = element.findtext("shuffleanswers") == "true"
            assert shuffles == options_move(question)
    # the seed has a map: a description item embeds it (left out without the outlines)
    seed = etree.parse(str(out / "all" / "india-us-relations-parallel-track" / "moodle.xml"))
    found = seed.find(".//question[@type='description']/questiontext/file")
    assert (found is not None) == HAS_WORLD_MAP


def test_moodle_hindi_is_in_multilang_spans(out):
    quiz = etree.parse(str(out / "all" / "bilingual" / "moodle.xml")).getroot()
    first = next(q for q in quiz.iter("question") if q.get("type") == "multichoice")
    text = first.findtext("questiontext/text")
    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    assert f'<span lang="hi" class="multilang">{data["questions"][0]["hi"]["stem"]}</span>' in text
    assert f'<span lang="en" class="multilang">{data["questions"][0]["stem"]}</span>' in text
    hindi_only = (out / "hindi" / "bilingual" / "moodle-hi.xml").read_text(encoding="utf-8")
    assert "multilang" not in hindi_only and data["questions"][0]["hi"]["stem"] in hindi_only


def test_the_penalty_moodle_can_take():
    source = source_model(SEED)
    assert OnlineTest(source, "en").moodle_fraction == "-33.33333"
    quarter = OnlineTest(source, "en", model.Marks(negative_fraction=0.25))
    assert quarter.moodle_fraction == "-25"
    with pytest.raises(ExportError, match="Moodle accepts only"):
        _ = OnlineTest(source, "en", model.Marks(negative_fraction=0.35)).moodle_fraction


def _gift_questions(text: str) -> list[dict[str, object]]:
    """A reader of GIFT as Moodle's importer reads it: unescaped braces delimit the answers,
    unescaped = and ~ start them, #### starts the general feedback; \\x is the character x."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        body = "\n".join(lines).strip()
        if not body.startswith("::"):
            continue
        parts = _split_unescaped(body, "{")
        head, answers = parts[0], _split_unescaped(parts[1], "}")[0]
        name_end = head.index("::", 2)
        items = _split_unescaped(answers, "####")
        options = re.split(r"(?<!\\)(?=[=~])", items[0].strip())
        found.append(
            {
                "name": _unescape(head[2:name_end]),
                "text": _unescape(head[name_end + 2 :].removeprefix("[html]")),
                "options": [
                    (o[0], *_weight(_unescape(o[1:].strip()))) for o in options if o.strip()
                ],
                "feedback": _unescape(items[1].strip()) if len(items) > 1 else "",
            }
        )
    return found


def _split_unescaped(text: str, mark: str) -> list[str]:
    return re.split(rf"(?<!\\){re.escape(mark)}", text, maxsplit=1)


def _weight(answer: str) -> tuple[str, str]:
    match = re.match(r"%(-?[\d.]+)%", answer)
    return (match.group(1), answer[match.end() :]) if match else ("", answer)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def test_every_gift_file_reads_back_with_one_key_and_moodle_weights(out):
    files = sorted(out.rglob("gift*.txt"))
    assert len(files) >= 5
    for path in files:
        questions = _gift_questions(path.read_text(encoding="utf-8"))
        assert questions, path
        for parsed in questions:
            marks = [(kind, weight) for kind, weight, _ in parsed["options"]]  # type: ignore[attr-defined]
            assert marks.count(("=", "")) == 1 and len(marks) == 4, (path, parsed["name"])
            assert all(_matches_moodle(float(w) / 100) for kind, w in marks if kind == "~")
            assert parsed["feedback"]


def test_gift_weights_feedback_and_key(out):
    for stem, path in SOURCES.items():
        source = source_model(path)
        questions = _gift_questions((out / "all" / stem / "gift.txt").read_text(encoding="utf-8"))
        assert [q["name"] for q in questions] == [q.id for q in source.questions]
        for parsed, question in zip(questions, source.questions, strict=True):
            marks = [(kind, weight) for kind, weight, _ in parsed["options"]]  # type: ignore[attr-defined]
            assert len(marks) == 4 and marks.count(("=", "")) == 1
            assert all(m == ("~", "-33.33333") for m in marks if m[0] == "~")
            right = next(t for kind, _, t in parsed["options"] if kind == "=")  # type: ignore[attr-defined]
            assert question.key.text in right.replace("&#x27;", "'")
            assert question.explanation[:30] in str(parsed["feedback"])


def test_gift_escapes_every_reserved_character():
    data = json.loads((CASES / "valid" / "all-formats.json").read_text(encoding="utf-8"))
    tricky = "Set {A} = B ~ C # D: a \\ path"
    data["questions"][0]["stem"] = tricky
    data["questions"][0]["options"][0]["text"] = "x = y {z}"  # a wrong option (the key is B)
    data["questions"][0]["explanation"] = "Note #1: ~ = {} and \\ all print as written."
    source = model.load(data)
    parsed = _gift_questions(gift.export(OnlineTest(source, "en")).decode("utf-8"))
    first = parsed[0]
    assert first["text"] == f"<p>{tricky}</p>"
    assert first["options"][0] == ("~", "-33.33333", "x = y {z}")  # type: ignore[index]
    assert first["feedback"] == f"<p>{data['questions'][0]['explanation']}</p>"
    assert gift.escape("a:b=c~d#e{f}g\\h") == "a\\:b\\=c\\~d\\#e\\{f\\}g\\\\h"


def _qti_schemas():
    if not QTI_SCHEMAS.is_dir():
        pytest.skip(f"the official QTI/CP schemas are not here ({QTI_SCHEMAS}): XSD checks skipped")

    class Local(etree.Resolver):
        """Imports answered from ../shared/qti; any network location refused."""

        def resolve(self, url, pubid, context):
            if url in ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/XML/1998/namespace"):
                return self.resolve_filename(str(QTI_SCHEMAS / "w3" / "xml.xsd"), context)
            if url.startswith(("http:", "https:")):
                raise AssertionError(f"schema import would reach the network: {url}")
            return self.resolve_filename(url, context)

    def compile_schema(path: Path) -> etree.XMLSchema:
        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(Local())
        return etree.XMLSchema(etree.parse(str(path), parser))

    return (
        compile_schema(QTI_SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd"),
        compile_schema(QTI_SCHEMAS / "imscp_v1p1.xsd"),
    )


@pytest.fixture(scope="module")
def schemas():
    return _qti_schemas()


def _packages(out: Path) -> list[Path]:
    return sorted(out.rglob("qti*.zip"))


def test_qti_packages_are_valid_against_the_official_schemas(out, schemas):
    qti, cp = schemas
    packages = _packages(out)
    assert len(packages) >= 6
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            names = set(archive.namelist())
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            assert cp.validate(etree.ElementTree(manifest)), (package, cp.error_log)
            listed = {f.get("href") for f in manifest.iter("{*}file")}
            assert listed == names - {"imsmanifest.xml"}  # every file listed, nothing missing
            types = {r.get("type") for r in manifest.iter("{*}resource")}
            assert {"imsqti_test_xmlv2p1", "imsqti_item_xmlv2p1"} <= types
            for name in sorted(n for n in names if n.endswith(".xml") and n != "imsmanifest.xml"):
                document = etree.ElementTree(etree.fromstring(archive.read(name)))
                assert qti.validate(document), (package, name, qti.error_log)


def test_qti_items_say_what_the_issue_asks(out):
    source = source_model(BILINGUAL)
    with zipfile.ZipFile(out / "all" / "bilingual" / "qti.zip") as archive:
        for question in source.questions:
            item = etree.fromstring(archive.read(f"items/{question.id}.xml"))
            declaration = item.find("q:responseDeclaration", QTI_NS)
            assert (declaration.get("cardinality"), declaration.get("baseType")) == (
                "single",
                "identifier",
            )
            mapping = declaration.find("q:mapping", QTI_NS)
            assert float(mapping.get("lowerBound")) == -0.66
            values = {e.get("mapKey"): float(e.get("mappedValue")) for e in mapping}
            assert values == {
                o.label: 2.0 if o.label == question.answer else -0.66 for o in question.options
            }
            assert item.find("q:responseProcessing", QTI_NS).get("template") is None  # inline
            choices = item.findall(".//q:simpleChoice", QTI_NS)
            if not options_move(question):
                assert {c.get("fixed") for c in choices} == {"true"}
            assert item.findall(".//q:div[@{*}lang='hi']", QTI_NS) or item.xpath(
                ".//*[@xml:lang='hi']"
            )
            feedback = item.find("q:modalFeedback", QTI_NS)
            assert question.explanation in "".join(feedback.itertext())
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    seed_zip = out / "all" / "india-us-relations-parallel-track" / "qti.zip"
    with zipfile.ZipFile(seed_zip) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        images = [r for r in manifest.iter("{*}resource") if r.get("type") == "webcontent"]
        if HAS_WORLD_MAP:  # without the outlines the map is left out, never drawn otherwise
            assert [r.get("href") for r in images] == ["images/map.svg"]
            assert archive.read("images/map.svg").lstrip().startswith(b"<svg")
        else:
            assert images == [] and "images/map.svg" not in archive.namelist()


def _pyslet_score(item_xml: bytes, response: str | None) -> float:
    """Run the item's response processing in pyslet's QTI 2.1 engine."""
    import pyslet.qtiv2.variables as variables
    import pyslet.qtiv2.xml as qtixml

    document = qtixml.QTIDocument()
    document.read(src=item_xml)
    state = variables.ItemSessionState(document.root)
    state.begin_session()
    state.begin_attempt()
    if response is not None:
        state["RESPONSE"].set_value(response)
    state.end_attempt()
    assert state["FEEDBACK"].value == "EXPLANATION"  # the explanation is shown
    return float(state["SCORE"].value)


@pytest.mark.filterwarnings("ignore::SyntaxWarning", "ignore::DeprecationWarning")
def test_a_qti_engine_scores_right_wrong_and_blank_as_score_does(out):
    """pyslet runs each item's inline response processing: right 2, wrong -0.66, blank 0."""
    for path, package in (
        (SEED, out / "all" / "india-us-relations-parallel-track" / "qti.zip"),
        (BILINGUAL, out / "all" / "bilingual" / "qti.zip"),
    ):
        source = source_model(path)
        with zipfile.ZipFile(package) as archive:
            for question in source.questions:
                item = archive.read(f"items/{question.id}.xml")
                assert _pyslet_score(item, None) == 0.0
                for option in question.options:
                    expected = 2.0 if option.label == question.answer else -0.66
                    assert _pyslet_score(item, option.label) == pytest.approx(expected)


def test_every_series_exports_the_booklets_key(out):
    """Series B online holds the same questions, order and answers as booklet series B."""
    source = source_model(BILINGUAL)
    all_series = make_series(source.questions, 2, seed=source.id)
    key = model.AnswerKey.of(source, all_series, marks=model.Marks())
    for one in all_series:
        placed = apply(source, one)
        with zipfile.ZipFile(out / "series" / "bilingual" / f"qti-{one.letter}.zip") as archive:
            test = etree.fromstring(archive.read("test.xml"))
            refs = [r.get("identifier") for r in test.iter("{*}assessmentItemRef")]
            assert refs == [f"item-{q.id}" for q in placed.questions]
            for entry in key.series[one.letter]:
                item = etree.fromstring(archive.read(f"items/{entry.question}.xml"))
                assert (
                    item.findtext(".//q:correctResponse/q:value", namespaces=QTI_NS) == entry.answer
                )
        page = (out / "series" / "bilingual" / f"test-{one.letter}.html").read_text(
            encoding="utf-8"
        )
        data = json.loads(re.search(r'id="test-data">(.*?)</script>', page).group(1))
        assert data["answers"] == [e.answer for e in key.series[one.letter]]
        assert data["series"] == one.letter


def test_pack_exports_use_the_pack_marks_and_series(out):
    folder = out / "pack" / "packs" / "india-us-defence"
    assert sorted(p.name for p in folder.glob("moodle-*.xml")) == ["moodle-A.xml", "moodle-B.xml"]
    page = (folder / "test-A.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="test-data">(.*?)</script>', page).group(1))
    assert data["per_question"] == 2 and data["penalty"] == 0.66
    assert all(q.startswith("india-us-relations-parallel-track--") for q in data["questions"])
    assert PACK.is_file()


def test_an_export_of_a_source_with_errors_is_refused(tmp_path):
    bad = CASES / "invalid" / "answer-mismatch.json"
    result = run_cli("export", str(bad), str(BILINGUAL), "--format", "gift", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "answer-key/mismatch" in result.stdout
    assert "refused 1 with errors" in result.stdout and "answer-mismatch.json" in result.stdout
    assert not (tmp_path / "answer-mismatch").exists()
    assert (tmp_path / "bilingual" / "gift.txt").is_file()  # the valid one is still exported


def test_scores_from_an_export_csv_match_the_html_rules():
    """The HTML page's CSV is the shape `score` reads; `score` applies the same marks."""
    source = source_model(BILINGUAL)
    key = model.AnswerKey.of(
        source, make_series(source.questions, 1, seed=source.id), marks=model.Marks()
    )
    answers = [q.answer for q in source.questions]
    answers[1] = "A" if answers[1] != "A" else "B"  # one wrong
    answers[2] = ""  # one blank
    csv = "name,roll,series," + ",".join(str(n) for n in range(1, len(answers) + 1)) + "\n"
    csv += "Asha,1,A," + ",".join(answers) + "\n"
    (student,) = score_rows(key, csv)
    assert (student.correct, student.wrong, student.blank) == (len(answers) - 2, 1, 1)
    assert student.score == round((len(answers) - 2) * 2 - 0.66, 2)


def test_export_writes_nothing_for_unknown_formats(tmp_path):
    result = run_cli("export", str(BILINGUAL), "--format", "pdf", "--out", str(tmp_path))
    assert result.returncode == 2 and "not one of moodle, qti, gift, html" in result.stderr
    assert not any(tmp_path.iterdir())


def test_export_zip_is_reproducible(out, tmp_path):
    again = run_cli("export", str(BILINGUAL), "--format", "qti", "--out", str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "bilingual" / "qti.zip").read_bytes() == (
        out / "all" / "bilingual" / "qti.zip"
    ).read_bytes()
    assert io.BytesIO  # zip dates are fixed (1980-01-01): the bytes depend on the content only


def test_build_can_export_too(tmp_path):
    """`build --export` writes <out>/export/<id>/ beside the PDFs; a source with errors gets
    neither, and the build exits 1 naming it."""
    minimal = CASES / "valid" / "minimal.json"
    bad = CASES / "invalid" / "answer-mismatch.json"
    result = run_cli(
        "build", str(minimal), str(bad), "--out", str(tmp_path), "--export", "gift,moodle"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (tmp_path / "minimal" / "worksheet.pdf").is_file()
    assert sorted(p.name for p in (tmp_path / "export" / "minimal").iterdir()) == [
        "gift.txt",
        "moodle.xml",
    ]
    assert not (tmp_path / "export" / "answer-mismatch").exists()
    assert result.stdout.count("answer-key/mismatch") == 1  # reported once, by the build
