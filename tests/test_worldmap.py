"""The article's map draws India's boundaries as the Survey of India does (issue 21).

The outlines are Natural Earth's (public domain) from QGIS's world_map.gpkg (Debian's
qgis-common, installed by .ci/run); India's claimed areas are cut from Pakistan and China along
Natural Earth's own "Indian claim" lines. These tests read the map exactly as it is drawn: the
SVG path of the highlighted country, in the map's projected units.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import struct
from pathlib import Path

import pytest

from pipeline import model
from pipeline.build.render import claims, naturalearth, worldmap
from pipeline.build.render.documents import plan, render_document
from pipeline.build.render.naturalearth import MapDataError
from pipeline.model import Marks

from .conftest import SEED

#: The tests that read the outlines; the ones on a missing or broken file run everywhere.
needs_map = pytest.mark.skipif(
    naturalearth.locate() is None and not os.environ.get("CI"),
    reason=naturalearth.INSTALL_HINT,  # CI fetches it (noxfile.py): there a missing file fails
)

#: (longitude, latitude) of places the Survey of India's map puts in India, and some it does not.
IN_INDIA = {
    "Gilgit": (74.31, 35.92),
    "Muzaffarabad": (73.47, 34.37),
    "Aksai Chin": (79.5, 35.2),
    "Tawang": (91.87, 27.59),
}
NOT_IN_INDIA = {
    "Lahore": (74.35, 31.55),
    "Peshawar": (71.57, 34.01),
    "Lhasa": (91.11, 29.65),
    "Kashgar": (75.99, 39.47),
    "Kathmandu": (85.32, 27.71),
    "Thimphu": (89.64, 27.47),
}


def _drawn_rings(svg: str, fill: str) -> list[list[tuple[float, float]]]:
    """The rings of the SVG path filled with `fill` ("M x yL x y...Z" as draw() writes it)."""
    path = re.search(rf'<path d="([^"]*)" fill="{fill}"', svg)
    assert path is not None, f"no path filled {fill}"
    rings = []
    for ring in re.findall(r"M([^Z]*)Z", path.group(1)):
        rings.append([tuple(map(float, pair.split())) for pair in ring.split("L")])
    return rings


@pytest.fixture(scope="module")
def seed_map() -> str:
    """The seed article's map, as its article draws it."""
    spec = json.loads(SEED.read_text(encoding="utf-8"))["visuals"]["map"]
    return str(worldmap.draw(spec["countries"], title=spec["title"]))


@needs_map
def test_gilgit_muzaffarabad_aksai_chin_and_tawang_lie_inside_india_as_drawn(seed_map):
    india = _drawn_rings(seed_map, "#b5462f")  # the highlighted countries: India on this map
    others = _drawn_rings(seed_map, "#d9d9d4")  # every other country, drawn first, below
    assert seed_map.index('fill="#d9d9d4"') < seed_map.index('fill="#b5462f"')
    for place, (lon, lat) in IN_INDIA.items():
        assert claims.inside_any(worldmap.project(lon, lat), india), f"{place} is outside India"
    for place, (lon, lat) in NOT_IN_INDIA.items():
        point = worldmap.project(lon, lat)
        assert not claims.inside_any(point, india), f"{place} is drawn inside India"
        assert claims.inside_any(point, others), f"{place} is not drawn at all"


@needs_map
def test_pakistan_and_china_no_longer_hold_the_areas_india_claims():
    countries = claims.survey_of_india(naturalearth.world_map())
    pakistan = [r for polygon in countries["PK"] for r in polygon]
    china = [r for polygon in countries["CN"] for r in polygon]
    for place in ("Gilgit", "Muzaffarabad", "Aksai Chin"):
        point = IN_INDIA[place]
        assert not claims.inside_any(point, pakistan) and not claims.inside_any(point, china)
    assert claims.inside_any(NOT_IN_INDIA["Lahore"], pakistan)
    assert claims.inside_any(NOT_IN_INDIA["Peshawar"], pakistan)
    assert claims.inside_any(NOT_IN_INDIA["Kashgar"], china)
    assert claims.inside_any(NOT_IN_INDIA["Lhasa"], china)


@needs_map
def test_no_line_of_control_is_drawn_inside_india():
    """The borders Natural Earth draws between India and Pakistan north of Jammu (the Line of
    Control) and between India and China west of Aksai Chin are inside India's one outline."""
    world = naturalearth.world_map()
    india = claims.survey_of_india(world)["IN"]
    outline = [ring for polygon in india for ring in polygon]
    on_outline = {claims._key(p) for ring in outline for p in ring}

    def shared(code: str) -> set[tuple[float, float]]:
        theirs = {claims._key(p) for polygon in world.countries[code] for r in polygon for p in r}
        return {
            p
            for polygon in world.countries["IN"]
            for r in polygon
            for p in r
            if claims._key(p) in theirs
        }

    claim_ends = [
        end
        for line in world.disputed
        if line.name == "Indian claim"
        for part in line.parts
        for end in (part[0], part[-1])
    ]

    def away(point: tuple[float, float]) -> bool:  # where a claim line meets them is outline
        return all(abs(point[0] - x) + abs(point[1] - y) > 0.05 for x, y in claim_ends)

    line_of_control = {p for p in shared("PK") if p[1] > 33.2 and away(p)}
    actual_control = {p for p in shared("CN") if p[1] > 33.6 and p[0] < 79.0 and away(p)}
    assert len(line_of_control) > 20 and len(actual_control) > 20
    for point in line_of_control | actual_control:
        assert claims._key(point) not in on_outline
        assert claims.inside_any(point, outline)
    # merging left no slivers: as many rings as Natural Earth's India (mainland and islands)
    assert len(outline) == sum(len(polygon) for polygon in world.countries["IN"])


@needs_map
def test_the_claimed_areas_come_from_natural_earths_indian_claim_lines():
    world = naturalearth.world_map()
    names = {(line.name, line.country) for line in world.disputed}
    assert {("Indian claim", "PAK"), ("Indian claim", "CHN")} <= names
    without = naturalearth.WorldMap(
        world.countries,
        world.alpha3,
        world.unassigned,
        tuple(line for line in world.disputed if line.name != "Indian claim"),
    )
    india = [r for polygon in claims.survey_of_india(without)["IN"] for r in polygon]
    # without the claim lines only Siachen joins India: Gilgit and Aksai Chin stay out
    assert not claims.inside_any(IN_INDIA["Gilgit"], india)
    assert not claims.inside_any(IN_INDIA["Aksai Chin"], india)
    assert claims.inside_any(IN_INDIA["Tawang"], india)


@pytest.fixture
def map_file(monkeypatch):
    """Point the map at another file; the cached outlines are dropped before and after."""

    caches = (naturalearth.world_map, worldmap._rings_by_country, worldmap.draw_cached)

    def use(path: Path) -> None:
        monkeypatch.setenv(naturalearth.ENVIRONMENT, str(path))
        for cached in caches:
            cached.cache_clear()

    yield use
    monkeypatch.undo()
    for cached in caches:
        cached.cache_clear()


def test_a_missing_world_map_says_how_to_install_it(map_file, tmp_path):
    map_file(tmp_path / "absent.gpkg")
    with pytest.raises(MapDataError, match="qgis-common"):
        naturalearth.world_map()


def test_without_the_world_map_the_article_leaves_its_map_out_with_a_warning(map_file, tmp_path):
    """Never other boundaries: no map at all, and a warning that says how to get the outlines."""
    map_file(tmp_path / "absent.gpkg")
    source = model.load(json.loads(SEED.read_text(encoding="utf-8")))
    article = next(d for d in plan(source, marks=Marks(), epoch=0) if d.name == "article")
    html, rendered = render_document(article, paper="a4", key="seed", epoch=0)
    assert "<svg" not in html and "Shown:" not in html
    assert any("the map is left out" in w and "qgis-common" in w for w in rendered.warnings)
    assert rendered.pdf.startswith(b"%PDF")


def test_a_file_that_is_not_the_world_map_is_a_clear_error(map_file, tmp_path):
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"this is not a GeoPackage" * 100)
    map_file(junk)
    with pytest.raises(MapDataError, match="not the world map GeoPackage"):
        naturalearth.world_map()


def test_a_geometry_that_claims_more_points_than_it_holds_is_refused(map_file, tmp_path):
    path = tmp_path / "short.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE countries (iso_a2 TEXT, ISO_A3 TEXT, geom BLOB)")
        db.execute("CREATE TABLE disputed_borders (name TEXT, adm0_a3_l TEXT, geom BLOB)")
        # a polygon of one ring that says it has a billion points, and has two
        wkb = (
            struct.pack("<BII", 1, 3, 1) + struct.pack("<I", 10**9) + struct.pack("<4d", 0, 0, 1, 1)
        )
        db.execute(
            "INSERT INTO countries VALUES ('IN', 'IND', ?)", (b"GP\x00\x01" + b"\0" * 4 + wkb,)
        )
    map_file(path)
    with pytest.raises(MapDataError, match="more points than it holds"):
        naturalearth.world_map()
