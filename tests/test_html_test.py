"""The offline HTML test in a real headless Chromium (Debian's package, driven by Playwright):
taken with the keyboard only, every non-file request blocked, Devanagari fonts present, the
score equal to `score`'s for the same answers, and axe-core finding no violations."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline import model
from pipeline.classroom.score import score_rows
from pipeline.model.series import make_series

from .exported import BILINGUAL, SEED, exported, source_model

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: A known answer pattern per question position: right, wrong, blank, then repeating.
PATTERN = ("right", "wrong", "blank")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return exported(tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        message = f"Chromium is not installed ({CHROMIUM}); .ci/run installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: its absence there is a broken install step
        pytest.skip(message)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Opened:
    """A page of the test, with every request that is not file: blocked and recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_page(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield open_page
    for one in pages:
        one.close()


def _tab_to(page, predicate: str, limit: int = 200) -> None:
    """Press Tab until the focused element satisfies predicate (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => !!el && ({predicate}))(document.activeElement)"):
            return
    raise AssertionError(f"never reached {predicate} with Tab")


def _answers(source: model.Source, start: int) -> list[str]:
    """The pattern's answer letter per question ("" for blank), from PATTERN[start] on."""
    answers = []
    for index, question in enumerate(source.questions):
        kind = PATTERN[(index + start) % len(PATTERN)]
        wrong = next(o.label for o in question.options if o.label != question.answer)
        answers.append({"right": question.answer, "wrong": wrong, "blank": ""}[kind])
    return answers


def _take_with_keyboard(page, answers: list[str]) -> None:
    _tab_to(page, "el.id === 'student-name'")
    page.keyboard.type('Asha, "A" Rao')
    page.keyboard.press("Tab")
    page.keyboard.type("101")
    for number, letter in enumerate(answers, 1):
        if not letter:
            continue
        _tab_to(page, f"el.name === 'q{number}'")
        page.keyboard.press("Space")  # checks option (a), the first the group focuses
        for _ in range("ABCD".index(letter)):
            page.keyboard.press("ArrowDown")  # moves and checks the next option
        assert (
            page.evaluate(f"document.querySelector('input[name=q{number}]:checked').value")
            == letter
        )
    _tab_to(page, "el.id === 'submit'")
    page.keyboard.press("Enter")


def _expected_score(source: model.Source, answers: list[str]) -> float:
    key = model.AnswerKey.of(
        source, make_series(source.questions, 1, seed=source.id), marks=model.Marks()
    )
    csv = "name,roll,series," + ",".join(map(str, range(1, len(answers) + 1))) + "\n"
    csv += "X,1,A," + ",".join(answers) + "\n"
    return score_rows(key, csv)[0].score


@pytest.mark.parametrize(
    ("path", "start"), [(SEED, 1), (BILINGUAL, 0)], ids=["seed-wrong", "bilingual-mixed"]
)
def test_taken_with_the_keyboard_it_scores_as_score_does(out, opened, path, start, tmp_path):
    source = source_model(path)
    opened_page = opened(out / "all" / source.id / "test.html")
    page = opened_page.page
    answers = _answers(source, start)
    _take_with_keyboard(page, answers)
    expected = _expected_score(source, answers)
    line = page.locator("#score")
    assert line.get_attribute("aria-live") == "polite"
    maximum = 2 * len(answers)
    assert re.search(
        rf"^Score[^:]*: {expected:.2f} \(maximum[^0-9]*{maximum:g};", line.inner_text()
    ), (
        line.inner_text(),
        expected,
    )
    # each question's verdict and explanation are shown after submit
    for number, question in enumerate(source.questions, 1):
        result = page.locator(f"#q{number}-result")
        assert result.is_visible()
        verdict = result.locator(".verdict").inner_text()
        kind = PATTERN[(number - 1 + start) % len(PATTERN)]
        word = {"right": "Right", "wrong": "Wrong", "blank": "Not answered"}[kind]
        assert word in verdict and f"({question.answer.lower()})" in verdict
        assert question.explanation[:40] in result.inner_text()
    # the answers download, with the keyboard, as the CSV `score` reads; it scores the same
    _tab_to(page, "el.id === 'download'")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "responses.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "name,roll,series," + ",".join(
        str(n) for n in range(1, len(answers) + 1)
    )
    key = model.AnswerKey.of(
        source, make_series(source.questions, 1, seed=source.id), marks=model.Marks()
    )
    (student,) = score_rows(key, text)
    assert student.name == 'Asha, "A" Rao' and student.roll == "101"
    assert f"{student.score:.2f}" == f"{expected:.2f}"
    # nothing asked for the network, and nothing broke
    assert opened_page.blocked == [] and opened_page.errors == []


def test_every_request_that_is_not_a_file_is_blocked_and_nothing_breaks(out, opened):
    """The page makes no request at all: fonts, map and script are inside the file."""
    one = opened(out / "all" / "india-us-relations-parallel-track" / "test.html")
    page = one.page
    assert page.evaluate("document.querySelectorAll('[src],[href^=http],link').length") == 0
    page.locator("#submit").click()
    assert ": 0.00 (maximum" in page.locator("#score").inner_text()  # all blank: 0
    assert one.blocked == [] and one.errors == []
    html = (out / "all" / "india-us-relations-parallel-track" / "test.html").read_text("utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_devanagari_renders_with_the_embedded_fonts(out, opened):
    one = opened(out / "all" / "bilingual" / "test.html")
    page = one.page
    faces = page.evaluate(
        "Array.from(document.fonts).map(f => [f.family.replace(/\"/g, ''), f.status])"
    )
    assert ["Noto Sans Devanagari", "loaded"] in faces
    assert page.evaluate(
        "document.fonts.check('16px \"Noto Sans Devanagari\"', 'निम्नलिखित में से कौन-सा')"
    )
    data = json.loads(BILINGUAL.read_text(encoding="utf-8"))
    hindi = page.locator(".v-hi").first
    assert (
        hindi.get_attribute("lang") == "hi"
        and data["questions"][0]["hi"]["stem"] in hindi.inner_text()
    )
    # a Devanagari glyph is drawn by the embedded face, not a fallback box: the text's width
    # in the embedded font differs from the same text in a font that has no Devanagari
    widths = page.evaluate(
        """() => {
            const c = document.createElement('canvas').getContext('2d');
            const text = 'निम्नलिखित';
            c.font = '20px "Noto Sans Devanagari"'; const ours = c.measureText(text).width;
            c.font = '20px "No Such Font", monospace'; const other = c.measureText(text).width;
            return [ours, other];
        }"""
    )
    assert widths[0] > 0 and widths[0] != widths[1]


def test_the_language_switch_shows_one_language(out, opened):
    one = opened(out / "all" / "bilingual" / "test.html")
    page = one.page
    _tab_to(page, "el.name === 'language'")  # the checked one: both languages
    assert page.locator(".v-en").first.is_visible() and page.locator(".v-hi").first.is_visible()
    page.keyboard.press("ArrowLeft")  # Hindi (arrows move and check)
    assert page.evaluate("document.documentElement.lang") == "hi"
    assert page.locator(".v-hi").first.is_visible() and not page.locator(".v-en").first.is_visible()
    assert not page.locator(".t-en").first.is_visible()
    page.keyboard.press("ArrowLeft")  # English
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".v-en").first.is_visible() and not page.locator(".v-hi").first.is_visible()


def test_a_collect_only_page_holds_no_key_and_records_answers(out, opened, tmp_path):
    path = out / "collect" / "bilingual" / "collect.html"
    html = path.read_text(encoding="utf-8")
    source = source_model(BILINGUAL)
    data = json.loads(re.search(r'id="test-data">(.*?)</script>', html).group(1))
    assert "answers" not in data and data["collect_only"] is True
    for question in source.questions:
        assert question.explanation not in html
    one = opened(path)
    page = one.page
    page.locator("#q1-A").check()
    page.locator("#submit").click()
    assert "Answers recorded" in page.locator("#score").inner_text()
    with page.expect_download() as download:
        page.locator("#download").click()
    saved = tmp_path / "collected.csv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").splitlines()[1].startswith(",,A,A")
    assert one.blocked == [] and one.errors == []


def test_a_hindi_page_says_so(out, opened):
    one = opened(out / "hindi" / "bilingual" / "test-hi.html")
    page = one.page
    assert page.evaluate("document.documentElement.lang") == "hi"
    assert page.locator("legend").nth(1).inner_text().startswith("प्रश्न")


@pytest.mark.parametrize(
    "variant", ["all/bilingual/test.html", "all/india-us-relations-parallel-track/test.html",
                "collect/bilingual/collect.html", "hindi/bilingual/test-hi.html"]
)  # fmt: skip
def test_axe_finds_no_accessibility_violations(out, opened, variant):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    one = opened(out / variant)
    page = one.page
    axe = axe_module.Axe()
    before = axe.run(page)
    assert before.violations_count == 0, before.generate_report()
    passed = {rule["id"] for rule in before.response["passes"]}
    assert {"label", "html-has-lang", "valid-lang", "color-contrast"} <= passed  # axe did check
    page.locator("#submit").click()  # the results and explanations, shown
    after = axe.run(page)
    assert after.violations_count == 0, after.generate_report()
    assert one.blocked == []
