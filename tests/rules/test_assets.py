"""assets/: image paths stay inside assets/ and name real images."""

from __future__ import annotations

import pytest

from pipeline.checks.rules.assets import resolve_asset

from .helpers import problems


@pytest.mark.parametrize(
    "src",
    [
        "/etc/passwd",
        "../../etc/passwd",
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "a/../../x.png",
        "C:\\x.png",
    ],
)
def test_paths_outside_assets_are_refused(tmp_path, src):
    def edit(d):
        d["image"] = {"src": src, "alt": "x"}

    assert problems(tmp_path, edit) == [("assets/outside", "/image/src")]


def test_symlink_escaping_assets_is_refused(link_out_of_assets):
    with pytest.raises(ValueError, match="outside"):
        resolve_asset(link_out_of_assets.name)


def test_missing_and_wrong_type(tmp_path):
    def missing(d):
        d["image"] = {"src": "none/here.png", "alt": "x"}

    def wrong(d):
        d["image"] = {"src": "notes.txt", "alt": "x"}

    assert problems(tmp_path, missing) == [("assets/not-found", "/image/src")]
    assert problems(tmp_path, wrong) == [("assets/type", "/image/src")]
