"""Contributors' content is untrusted: markup prints as text, nothing outside the project is read."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline import TEMPLATES_DIR
from pipeline.build.render.documents import plan, render_document
from pipeline.build.render.fetcher import RefusedURL, RestrictedFetcher
from pipeline.build.render.pdf import RenderError, render_pdf
from pipeline.checks.check import check_paths
from pipeline.config import project
from pipeline.model import Marks, load

from .conftest import CASES

ASSETS_DIR = project().assets

HOSTILE = CASES / "render" / "hostile-markup.json"
SECRET = "root:x:0:0"


def test_validation_refuses_markup():
    result = check_paths([HOSTILE])
    assert {d.rule for d in result.diagnostics} == {"content/markup"}
    assert not result.ok


@pytest.fixture(scope="module")
def hostile_pdfs():
    """Render the hostile source directly, as if validation had been bypassed."""
    data = json.loads(HOSTILE.read_text(encoding="utf-8"))
    return {
        d.name: render_document(d, paper="a4", key=data["id"], epoch=0)[1].pdf
        for d in plan(load(data), marks=Marks(), epoch=0)
    }


def test_markup_prints_as_text(hostile_pdfs, tmp_path):
    from .render_helpers import pdf_text

    path = tmp_path / "article.pdf"
    path.write_bytes(hostile_pdfs["article"])
    text = pdf_text(path)
    assert "<script>alert(1)</script>" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "{{ 7 * 7 }}" in text


def test_no_file_outside_the_project_reaches_a_pdf(hostile_pdfs):
    for pdf in hostile_pdfs.values():
        assert SECRET.encode() not in pdf
        assert b"/EmbeddedFile" not in pdf


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<img src="../../../../etc/passwd">',
        '<img src="http://127.0.0.1/x.png">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        "<style>@import url(file:///etc/passwd);</style>",
        '<div style="background: url(file:///etc/passwd)">x</div>',
        '<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>',
        '<a rel="attachment" href="file:///etc/passwd">x</a>',
        '<link rel="attachment" href="file:///etc/hostname">',
        '<img src="ftp://127.0.0.1/x.png">',
    ],
    ids=[
        "img",
        "img-dotdot",
        "http",
        "stylesheet",
        "css-import",
        "css-url",
        "svg-image",
        "a-attachment",
        "link-attachment",
        "ftp",
    ],
)
def test_every_route_to_an_outside_file_is_refused(html):
    page = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>text</p>{html}</body></html>'
    try:
        pdf = render_pdf(page, paper="a4", identifier=b"0" * 32, epoch=0).pdf
    except RenderError as err:
        assert "refused" in str(err)
    else:  # WeasyPrint may skip some constructs entirely; then nothing was read
        assert SECRET.encode() not in pdf and b"/EmbeddedFile" not in pdf


def test_fetcher_serves_templates_and_data_uris():
    fetcher = RestrictedFetcher()
    css = fetcher.fetch((TEMPLATES_DIR / "print.css").as_uri())
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/a.png",
        "ftp://x/y",
        f"file://{TEMPLATES_DIR}/../pyproject.toml",
    ],
)
def test_fetcher_refuses(url):
    with pytest.raises(RefusedURL):
        RestrictedFetcher().fetch(url)


def test_fetcher_refuses_symlink_out_of_assets(link_out_of_assets):
    with pytest.raises(RefusedURL):
        RestrictedFetcher().fetch(link_out_of_assets.as_uri())


def test_an_image_inside_assets_is_printed(tmp_path):
    """The fetcher is strict, not broken: a real image in assets/ reaches the article."""
    import base64

    from pypdf import PdfReader

    folder = ASSETS_DIR / "test-allowed"
    folder.mkdir(exist_ok=True)
    # a 1x1 red PNG
    (folder / "lead.png").write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4YGAAAAJ8AT1sQYcRAAAAAElFTkSuQmCC"
        )
    )
    try:
        data = json.loads((CASES / "valid" / "minimal.json").read_text(encoding="utf-8"))
        data["image"] = {"src": "test-allowed/lead.png", "alt": "A red square", "credit": "Test"}
        assert check_paths([_write(tmp_path, data)]).ok
        article = plan(load(data), marks=Marks(), epoch=0)[0]
        pdf = render_document(article, paper="a4", key=data["id"], epoch=0)[1].pdf
        (tmp_path / "article.pdf").write_bytes(pdf)
        assert len(PdfReader(tmp_path / "article.pdf").pages[0].images) == 1
    finally:
        shutil.rmtree(folder)


def _write(tmp_path, data):
    path = tmp_path / f"{data['id']}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
