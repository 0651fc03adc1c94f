"""Moodle XML: a question bank file a teacher imports into a course (Question bank > Import).

Each question is a `multichoice` with `<single>true</single>`, `defaultgrade` the marks per
question (2), `penalty` 0 (no retries in an exam), the key at fraction 100 and every other
option at the wrong-answer fraction Moodle's importer accepts (-33.33333 for UPSC's third:
Moodle checks every fraction against its list within 1e-5, `match_grade_options`), the
explanation as general feedback, the facts' tags as tags, `<source id>/<question id>` as
`idnumber`, and `shuffleanswers` only where the options may move. A source with a map gets
a `description` item first, its SVG embedded as a base64 `<file>` that the text names with
@@PLUGINFILE@@. Hindi goes in multilang spans (markup.py).
"""

from __future__ import annotations

import base64
import hashlib
import xml.etree.ElementTree as ET
from typing import Any

from ..build.render.worldmap import drawn
from ..model import Question
from . import markup
from .online import OnlineTest, Presented, explanation, options_move

#: Moodle keeps a question's idnumber in a column of 100 characters.
IDNUMBER_CHARS = 100
MAP_FILE = "map.svg"


def export(test: OnlineTest) -> bytes:
    """The Moodle XML file of one test."""
    quiz = ET.Element("quiz")
    quiz.append(_comment(test))
    category = _sub(_question(quiz, "category"), "category")
    _text(category, f"$course$/top/UPSC/{test.source.id}")
    if test.source.map is not None:
        _map(quiz, test)
    for question, shown in zip(test.source.questions, test.presented, strict=True):
        _multichoice(quiz, test, question, shown)
    ET.indent(quiz, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def _comment(test: OnlineTest) -> Any:
    series = f", series {test.series}" if test.series else ""
    comment = ET.Comment(
        f" {test.source.id}{series}: a right answer {test.marks.per_question:g} marks, a wrong one "
        f"{test.moodle_fraction}% of them (Moodle's nearest to the {test.penalty:g} `score` "
        "deducts; see docs/classroom.md) "
    )
    return comment  # an ElementTree comment node, typed apart from elements


def _question(quiz: ET.Element, kind: str) -> ET.Element:
    return ET.SubElement(quiz, "question", {"type": kind})


def _sub(parent: ET.Element, tag: str, attrib: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, attrib or {})


def _text(parent: ET.Element, value: str) -> ET.Element:
    _sub(parent, "text").text = value
    return parent


def _html(parent: ET.Element, tag: str, html: str) -> ET.Element:
    return _text(_sub(parent, tag, {"format": "html"}), html)


def _map(quiz: ET.Element, test: OnlineTest) -> None:
    """The source's map, before the questions: a description item with the SVG embedded."""
    assert test.source.map is not None
    place = test.source.map
    svg = drawn(list(place.countries), title=place.title)
    if svg is None:  # the map's outlines are not installed: the map is left out
        return
    item = _question(quiz, "description")
    _text(_sub(item, "name"), place.title)
    alt = f"{place.title}: {', '.join(place.countries)}"
    caption = (
        f"<p>{markup.text(((test.languages[0], place.description),))}</p>"
        if (place.description)
        else ""
    )
    body = _html(
        item,
        "questiontext",
        f"<p><strong>{markup.text(((test.languages[0], place.title),))}</strong></p>"
        f'<p><img src="@@PLUGINFILE@@/{MAP_FILE}" alt="{markup.text(((test.languages[0], alt),))}" '
        f'width="600"></p>{caption}',
    )
    _sub(
        body, "file", {"name": MAP_FILE, "path": "/", "encoding": "base64"}
    ).text = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    _html(item, "generalfeedback", "")
    _sub(item, "defaultgrade").text = "0"
    _sub(item, "penalty").text = "0"
    _sub(item, "hidden").text = "0"


def _multichoice(quiz: ET.Element, test: OnlineTest, question: Question, shown: Presented) -> None:
    item = _question(quiz, "multichoice")
    _text(_sub(item, "name"), question.id)
    _html(item, "questiontext", markup.question_html(shown))
    _html(item, "generalfeedback", markup.paragraph(explanation(question, test.languages)))
    _sub(item, "defaultgrade").text = f"{test.marks.per_question:g}"
    _sub(item, "penalty").text = "0"
    _sub(item, "hidden").text = "0"
    _sub(item, "idnumber").text = idnumber(test.source.id, question.id)
    _sub(item, "single").text = "true"
    _sub(item, "shuffleanswers").text = "true" if options_move(question) else "false"
    _sub(item, "answernumbering").text = "abc"  # (a)-(d), as UPSC prints them
    _sub(item, "showstandardinstruction").text = "0"
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _html(item, tag, "")
    wrong = test.moodle_fraction
    for label, cell in shown.options:
        answer = _html(item, "answer", markup.text(cell))
        answer.set("fraction", "100" if label == question.answer else wrong)
        _html(answer, "feedback", "")
    tags = _sub(item, "tags")
    for tag in (*question.tags, f"format-{question.format}"):
        _text(_sub(tags, "tag"), tag)


def idnumber(source_id: str, question_id: str) -> str:
    """`<source id>/<question id>`, unique in a category; shortened with a hash past 100 characters."""
    full = f"{source_id}/{question_id}"
    if len(full) <= IDNUMBER_CHARS:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:12]
    return f"{full[: IDNUMBER_CHARS - 13]}-{digest}"
