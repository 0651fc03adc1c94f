"""QTI 2.1: a content package (a zip) any QTI 2.1 player or LMS importer reads.

The zip holds `imsmanifest.xml` (IMS CP 1.1), `test.xml` (the assessment test: one section
in the series' order, the map in its rubric, SCORE the sum of the items' SCOREs) and one
`items/<id>.xml` per question: a single-cardinality identifier response, a mapping with the
key worth the question's marks, every other option the penalty `score` deducts (-0.66) and
`lowerBound` at that penalty, response processing written inline (template URLs do not
resolve offline: a blank scores 0, any answer its mapped value), `fixed="true"` on options
whose place matters, the Hindi in `xml:lang="hi"` elements and the explanation as modal
feedback. Every image is listed in the manifest. Bytes are reproducible (fixed zip dates).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ..build.render.questions import option_letter
from ..build.render.worldmap import drawn
from ..model import Question
from .online import Cell, OnlineTest, Presented, explanation, options_move

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_LOCATION = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
MAP_FILE = "images/map.svg"
TEST_FILE = "test.xml"
#: 1980-01-01, the earliest date a zip can hold: the same bytes on every machine.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def export(test: OnlineTest) -> bytes:
    """The QTI 2.1 content package of one test, as zip bytes."""
    files: dict[str, bytes] = {}
    items: list[tuple[str, str]] = []  # (identifier, file)
    for question, shown in zip(test.source.questions, test.presented, strict=True):
        identifier = item_identifier(question)
        name = f"items/{question.id}.xml"
        files[name] = _xml(item(test, question, shown))
        items.append((identifier, name))
    images = []
    place = test.source.map
    svg = drawn(list(place.countries), title=place.title) if place is not None else None
    if svg is not None:  # None: the map's outlines are not installed, the map is left out
        files[MAP_FILE] = svg.encode("utf-8")
        images.append(MAP_FILE)
    files[TEST_FILE] = _xml(assessment_test(test, items, images))
    files["imsmanifest.xml"] = _xml(manifest(test, items, images), namespace=CP)
    return _zip(files)


def item_identifier(question: Question) -> str:
    return f"item-{question.id}"


def _xml(root: ET.Element, *, namespace: str = QTI) -> bytes:
    ET.register_namespace("", namespace)
    ET.register_namespace("xsi", XSI)
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _el(parent: ET.Element, tag: str, attrib: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, _q(tag), attrib or {})


def _value(parent: ET.Element, value: str, tag: str = "value") -> None:
    _el(parent, tag).text = value


def _number(value: float) -> str:
    return f"{value:g}"


def item(test: OnlineTest, question: Question, shown: Presented) -> ET.Element:
    """One question as an assessmentItem with inline response processing."""
    main = test.languages[0]
    root = ET.Element(
        _q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": QTI_LOCATION,
            "identifier": item_identifier(question),
            "title": question.id,
            "adaptive": "false",
            "timeDependent": "false",
            XML_LANG: main,
        },
    )
    marks, penalty = test.marks.per_question, test.penalty
    response = _el(
        root,
        "responseDeclaration",
        {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"},
    )
    _value(_el(response, "correctResponse"), question.answer)
    mapping = _el(
        response,
        "mapping",
        {"lowerBound": _number(-penalty), "upperBound": _number(marks), "defaultValue": "0"},
    )
    for option in question.options:
        worth = marks if option.label == question.answer else -penalty
        _el(mapping, "mapEntry", {"mapKey": option.label, "mappedValue": _number(worth)})
    for name, base, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", _number(marks))):
        outcome = _el(
            root,
            "outcomeDeclaration",
            {"identifier": name, "cardinality": "single", "baseType": base},
        )
        _value(_el(outcome, "defaultValue"), default)
    _el(
        root,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"},
    )
    _body(_el(root, "itemBody"), test, question, shown)
    _processing(_el(root, "responseProcessing"))
    feedback = _el(
        root,
        "modalFeedback",
        {
            "outcomeIdentifier": "FEEDBACK",
            "identifier": "EXPLANATION",
            "showHide": "show",
            "title": "Explanation",
        },
    )
    for lang, words in explanation(question, test.languages):
        paragraph = _el(feedback, "p", _lang(lang, main))
        paragraph.text = words
    return root


def _lang(lang: str, main: str) -> dict[str, str]:
    return {} if lang == main else {XML_LANG: lang}


def _cell(cell: Cell, lang: str) -> str:
    return next((words for one, words in cell if one == lang), cell[0][1])


def _body(body: ET.Element, test: OnlineTest, question: Question, shown: Presented) -> None:
    main = test.languages[0]
    for lang in test.languages:
        block = _el(body, "div", _lang(lang, main))
        table: ET.Element | None = None
        for line in shown.lines:
            if line.kind == "pair":
                if table is None:
                    table = _el(_el(block, "table"), "tbody")
                row = _el(table, "tr")
                for cell in line.cells:
                    _el(row, "td").text = _cell(cell, lang)
                continue
            table = None
            _el(block, "p").text = " ".join(_cell(cell, lang) for cell in line.cells)
    moves = options_move(question)
    interaction = _el(
        body,
        "choiceInteraction",
        {
            "responseIdentifier": "RESPONSE",
            "shuffle": "true" if moves else "false",
            "maxChoices": "1",
        },
    )
    for label, cell in shown.options:
        choice = _el(interaction, "simpleChoice", {"identifier": label, "fixed": _fixed(moves)})
        letter = "" if moves else f"{option_letter(label)} "
        choice.text = f"{letter}{_cell(cell, main)}"
        for lang, words in cell:
            if lang != main:
                _el(choice, "span", {XML_LANG: lang}).text = f" / {words}"


def _fixed(moves: bool) -> str:
    """Options an engine may not move: all of them unless series may move them."""
    return "false" if moves else "true"


def _processing(processing: ET.Element) -> None:
    """Blank: 0; an answer: its mapped value (bounded below by the penalty). Then the feedback."""
    condition = _el(processing, "responseCondition")
    blank = _el(condition, "responseIf")
    _el(_el(blank, "isNull"), "variable", {"identifier": "RESPONSE"})
    zero = _el(
        _el(blank, "setOutcomeValue", {"identifier": "SCORE"}), "baseValue", {"baseType": "float"}
    )
    zero.text = "0"
    answered = _el(condition, "responseElse")
    _el(
        _el(answered, "setOutcomeValue", {"identifier": "SCORE"}),
        "mapResponse",
        {"identifier": "RESPONSE"},
    )
    show = _el(processing, "setOutcomeValue", {"identifier": "FEEDBACK"})
    _el(show, "baseValue", {"baseType": "identifier"}).text = "EXPLANATION"


def assessment_test(
    test: OnlineTest, items: list[tuple[str, str]], images: list[str]
) -> ET.Element:
    """The test: one section with every item in order; SCORE is the sum of the items' SCOREs."""
    source = test.source
    series = f" (series {test.series})" if test.series else ""
    root = ET.Element(
        _q("assessmentTest"),
        {
            f"{{{XSI}}}schemaLocation": QTI_LOCATION,
            "identifier": f"test-{source.id}{'-' + test.series if test.series else ''}",
            "title": f"{source.title}{series}",
        },
    )
    for name in ("SCORE", "MAXSCORE"):
        outcome = _el(
            root,
            "outcomeDeclaration",
            {"identifier": name, "cardinality": "single", "baseType": "float"},
        )
        total = test.marks.per_question * len(items) if name == "MAXSCORE" else 0
        _value(_el(outcome, "defaultValue"), _number(total))
    part = _el(
        root,
        "testPart",
        {"identifier": "part", "navigationMode": "nonlinear", "submissionMode": "simultaneous"},
    )
    _el(
        part,
        "itemSessionControl",
        {"maxAttempts": "1", "showFeedback": "true", "allowReview": "true"},
    )
    section = _el(
        part,
        "assessmentSection",
        {"identifier": "questions", "title": source.title, "visible": "true"},
    )
    rubric = _el(section, "rubricBlock", {"view": "candidate"})
    _el(rubric, "p").text = test.marks.describe()
    for image in images:
        assert source.map is not None
        figure = _el(rubric, "p")
        _el(
            figure,
            "img",
            {"src": image, "alt": f"{source.map.title}: {', '.join(source.map.countries)}"},
        )
    for identifier, name in items:
        _el(section, "assessmentItemRef", {"identifier": identifier, "href": name})
    processing = _el(root, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        summed = _el(_el(processing, "setOutcomeValue", {"identifier": name}), "sum")
        _el(summed, "testVariables", {"variableIdentifier": name})
    return root


def manifest(test: OnlineTest, items: list[tuple[str, str]], images: list[str]) -> ET.Element:
    """imsmanifest.xml: the test, every item and every image, each file named."""

    def cp(parent: ET.Element, tag: str, attrib: dict[str, str] | None = None) -> ET.Element:
        return ET.SubElement(parent, f"{{{CP}}}{tag}", attrib or {})

    root = ET.Element(
        f"{{{CP}}}manifest",
        {
            f"{{{XSI}}}schemaLocation": CP_LOCATION,
            "identifier": f"manifest-{test.source.id}{'-' + test.series if test.series else ''}",
        },
    )
    metadata = cp(root, "metadata")
    cp(metadata, "schema").text = "QTIv2.1 Package"
    cp(metadata, "schemaversion").text = "1.0.0"
    cp(root, "organizations")
    resources = cp(root, "resources")
    main = cp(
        resources,
        "resource",
        {"identifier": "resource-test", "type": "imsqti_test_xmlv2p1", "href": TEST_FILE},
    )
    cp(main, "file", {"href": TEST_FILE})
    for identifier, _ in items:
        cp(main, "dependency", {"identifierref": f"resource-{identifier}"})
    for n, _ in enumerate(images, 1):
        cp(main, "dependency", {"identifierref": f"resource-image-{n}"})
    for identifier, name in items:
        resource = cp(
            resources,
            "resource",
            {"identifier": f"resource-{identifier}", "type": "imsqti_item_xmlv2p1", "href": name},
        )
        cp(resource, "file", {"href": name})
    for n, image in enumerate(images, 1):
        resource = cp(
            resources,
            "resource",
            {"identifier": f"resource-image-{n}", "type": "webcontent", "href": image},
        )
        cp(resource, "file", {"href": image})
    return root
