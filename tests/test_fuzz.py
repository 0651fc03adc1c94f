"""Property tests: whatever arrives, validate answers with diagnostics; worksheets never leak.

Bounded here (`nox -s tests`); `nox -s fuzz` runs the same properties with many more examples.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build.render.environment import render_html
from pipeline.build.render.view import worksheet_view
from pipeline.checks.answers import derive
from pipeline.checks.check import check_paths
from pipeline.model import Marks, load

from .conftest import CASES

settings.register_profile(
    "tests", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "tests"))

MINIMAL = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
FORMATS = json.loads((CASES / "valid" / "all-formats.json").read_text(encoding="utf-8"))
TMP = Path(tempfile.mkdtemp(prefix="upsc-fuzz-"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)


def _check_text(text: str | bytes, name: str = "fuzz.json"):
    path = TMP / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = check_paths([path])
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1 and "/" in d.rule
    return result


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    _check_text(data)


@given(json_values)
def test_arbitrary_json_never_raises(value):
    _check_text(json.dumps(value))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated_sources(draw):
    """A valid fixture with a few values replaced by arbitrary JSON, or deleted."""
    data = copy.deepcopy(draw(st.sampled_from([MINIMAL, FORMATS])))
    data["id"] = "fuzz"
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values)
        if not isinstance(data, dict):
            break
    return data


@given(mutated_sources())
def test_mutated_sources_never_raise(data):
    _check_text(json.dumps(data), "fuzz.json")


plain_text = (
    st.text(
        alphabet=st.characters(categories=["L", "N", "Zs"], exclude_characters="<>&"),
        min_size=3,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda t: len(t) >= 3)
)


@st.composite
def valid_sources(draw):
    """A valid source: random texts and flags, the answer derived from the flags."""
    data = copy.deepcopy(MINIMAL)
    data["id"] = "fuzz"
    data["title"] = draw(plain_text)
    question = data["questions"][0]
    question["stem"] = draw(plain_text)
    flags = [draw(st.booleans()), draw(st.booleans())]
    for statement, flag in zip(question["statements"], flags, strict=True):
        statement["text"] = draw(plain_text)
        statement["correct"] = flag
    key = derive(question)
    question["answer"] = key.label
    verdicts = " ".join(
        f"Statement {i} is {'correct' if f else 'incorrect'}." for i, f in enumerate(flags, 1)
    )
    question["explanation"] = f"{verdicts} Reason {draw(st.uuids()).hex}."
    return data


@given(valid_sources())
def test_worksheet_of_any_valid_source_holds_no_answer_or_explanation(data):
    result = _check_text(json.dumps(data), "fuzz.json")
    if not result.ok:  # random text can be an acronym or a placeholder word: not a valid source
        return
    html = render_html(
        "worksheet.html", worksheet_view(load(data), marks=Marks(), epoch=None), paper="a4"
    )
    text = re.sub(r"<[^>]+>", " ", html)
    question = data["questions"][0]
    assert question["explanation"].split("Reason ")[1].rstrip(".") not in text
    assert "is correct." not in text and "is incorrect." not in text
    assert "Explanation" not in text and "Answer:" not in text
