"""Start-up: a small run imports only what it needs (the speed itself is in `nox -s bench`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fontTools.ttLib import TTFont

from pipeline.build.render import cmap, fonts

from .conftest import ROOT, SEED

#: Libraries a `validate` of one source never needs: rendering, scanning, progress bars.
HEAVY = (
    "fontTools",
    "weasyprint",
    "jinja2",
    "cv2",
    "numpy",
    "pypdfium2",
    "rich",
    "jsonschema",  # the slow explainer: only when the compiled validator finds an error
    "concurrent.futures.process",
    "pipeline.build.engine",
    "pipeline.classroom.packs",
    "pipeline.report.sarif",
)


def imported_by(*args: str) -> set[str]:
    """The modules `python -m pipeline ARGS` has imported when it exits."""
    code = (
        "import sys, json, atexit\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        "from pipeline.__main__ import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.splitlines()[-1]))


def test_validating_one_source_imports_nothing_it_does_not_use():
    modules = imported_by("validate", str(SEED), "-q")
    assert "pipeline.checks.rules.glyphs" in modules  # the glyph check ran, from the cmap
    assert not {name for name in HEAVY if name in modules}


def test_version_imports_none_of_the_checks():
    modules = imported_by("--version")
    assert not {m for m in modules if m.startswith(("pipeline.checks", "pipeline.build"))}


@pytest.mark.parametrize("source", sorted({face.file for face in fonts.FACES}))
def test_the_cmap_reader_agrees_with_fonttools(source):
    face = next(f for f in fonts.FACES if f.file == source)
    path = fonts.source_of(face)
    table = cmap._cmap_table(path)
    subtables = cmap._subtables(table)
    best = TTFont(str(path), lazy=True).getBestCmap()
    wanted = [(0, 0x10FFFF)]
    assert cmap.covered(path, wanted) == set(best)  # format 12, the whole repertoire
    bmp = {code for code in range(0x10000) if cmap._format4_glyph(table, subtables[(3, 1)], code)}
    assert bmp == {code for code in best if code < 0x10000}  # format 4, the BMP


def test_a_file_that_is_not_a_font_is_a_cmap_error(tmp_path):
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"\x00\x01\x00\x00\x00\x01" + b"\x00" * 6 + b"cmap" + b"\xff" * 12)
    with pytest.raises(cmap.CmapError):
        cmap.covered(bogus, [(0x20, 0x7E)])
