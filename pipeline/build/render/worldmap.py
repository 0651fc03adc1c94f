"""A static world map as SVG, drawn from Natural Earth's country outlines.

The outlines are Natural Earth's (public domain), read from the GeoPackage QGIS ships
(naturalearth.py), with India drawn as the Survey of India draws it (claims.py): the whole of
Jammu and Kashmir and Ladakh, and Arunachal Pradesh. They are projected here (Miller
cylindrical, 2475 units from 180 W to 180 E), the listed countries coloured and the view
cropped to them, so a build needs no network and no GIS stack. The country codes a source
may name, and their names, are pygal_maps_world's (validation reads only those).
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

from markupsafe import Markup, escape

WIDTH = 2475.0
#: Miller's y of a latitude (radians in, unitless out); the map runs from 84 N to 60 S.
_NORTH, _SOUTH = 84.0, -60.0


def _miller(lat: float) -> float:
    lat = max(min(lat, 89.0), -89.0)
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


_SCALE = WIDTH / (2 * math.pi)
HEIGHT = round((_miller(_NORTH) - _miller(_SOUTH)) * _SCALE, 1)


def project(lon: float, lat: float) -> tuple[float, float]:
    """A longitude and latitude (degrees) in the map's units: x east, y down from 84 N."""
    return (lon + 180.0) * WIDTH / 360.0, (_miller(_NORTH) - _miller(lat)) * _SCALE


@cache
def _svg_text() -> str:
    return resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text(encoding="utf-8")


@cache
def known_countries() -> frozenset[str]:
    """The ISO codes the map can draw, read cheaply (validation needs no outlines)."""
    return frozenset(code.upper() for code in re.findall(r'class="([a-z]{2}) country', _svg_text()))


@cache
def country_names() -> dict[str, str]:
    from pygal_maps_world.i18n import COUNTRIES

    return {code.upper(): name for code, name in COUNTRIES.items()}


#: Named regions a map title may frame, by member countries (their extent is the frame).
REGIONS: dict[str, tuple[str, ...]] = {
    "indo-pacific": ("KE", "MG", "IN", "AU", "ID", "JP", "PH"),
    "indian ocean": ("ZA", "KE", "MG", "OM", "IN", "ID", "AU"),
    "south asia": ("AF", "PK", "IN", "NP", "BT", "BD", "LK"),
    "west asia": ("TR", "EG", "SA", "YE", "OM", "IR", "IQ"),
    "middle east": ("TR", "EG", "SA", "YE", "OM", "IR", "IQ"),
    "gulf": ("IQ", "SA", "OM", "AE", "QA", "KW", "IR"),
    "central asia": ("KZ", "UZ", "TM", "KG", "TJ", "AF"),
    "east asia": ("CN", "MN", "KR", "KP", "JP"),
    "south-east asia": ("MM", "TH", "VN", "PH", "MY", "ID"),
    "southeast asia": ("MM", "TH", "VN", "PH", "MY", "ID"),
    "asean": ("MM", "TH", "VN", "PH", "MY", "ID"),
    "europe": ("PT", "ES", "GB", "NO", "FI", "UA", "GR", "IT"),
    "africa": ("MA", "EG", "SN", "SO", "ZA", "MG"),
    "latin america": ("MX", "CO", "BR", "PE", "CL", "AR"),
    "south america": ("CO", "VE", "BR", "PE", "CL", "AR"),
    "north america": ("CA", "US", "MX"),
    "arctic": ("GL", "CA", "NO", "RU"),
}
#: The map prints about this wide; detail finer than PRINT_TOLERANCE_MM is invisible.
PRINT_WIDTH_MM = 174.0
PRINT_TOLERANCE_MM = 0.5


def region_of(title: str) -> str | None:
    """The region a map's title names ("... in the Indo-Pacific (2026)"), if any."""
    lowered = title.lower().replace("\u2013", "-")
    found = [name for name in REGIONS if name in lowered]
    return max(found, key=len) if found else None


def _decimate(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    kept = [ring[0]]
    for point in ring[1:]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
            kept.append(point)
    return kept


@cache
def _rings_by_country() -> dict[
    str, list[tuple[list[tuple[float, float]], tuple[float, float, float, float]]]
]:
    """Every country's projected rings with their bounding boxes, once per process.

    Raises MapDataError (a RenderError) when the outlines are not installed.
    """
    from .claims import survey_of_india
    from .naturalearth import world_map

    result = {}
    for code, polygons in survey_of_india(world_map()).items():
        rings = []
        for polygon in polygons:
            for outline in polygon:
                if len(outline) < 3 or max(lat for _, lat in outline) < _SOUTH:
                    continue  # Antarctica lies below the map
                ring = [project(lon, lat) for lon, lat in outline]
                xs, ys = [p[0] for p in ring], [p[1] for p in ring]
                rings.append((_decimate(ring, 0.8), (min(xs), min(ys), max(xs), max(ys))))
        result[code] = rings
    return result


def _simplified() -> dict[
    str, list[tuple[list[tuple[float, float]], tuple[float, float, float, float]]]
]:
    """Parsed outlines (kept under its old name: the parent warms it before forking)."""
    return _rings_by_country()


def _main_box(code: str) -> tuple[float, float, float, float] | None:
    rings = _rings_by_country().get(code, [])
    boxes = [box for _, box in rings if box[2] - box[0] > 0.5 or box[3] - box[1] > 0.5]
    if not boxes:
        return None
    return max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))


def frame(countries: list[str], title: str) -> tuple[float, float, float, float]:
    """The view: the region the title names, else the listed countries, at a 2:1 aspect."""
    region = region_of(title)
    members = REGIONS[region] if region else tuple(countries)
    boxes = [b for b in map(_main_box, members) if b]
    if not boxes:
        return 0.0, 0.0, WIDTH, HEIGHT
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    margin = max(x1 - x0, y1 - y0) * 0.06 + 20
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    aspect = 2.0
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        grow = height * aspect - width
        x0, x1 = x0 - grow / 2, x1 + grow / 2
    else:
        grow = width / aspect - height
        y0, y1 = y0 - grow / 2, y1 + grow / 2
    return max(x0, 0.0), max(y0, 0.0), min(x1, WIDTH), min(y1, HEIGHT)


def outside(countries: list[str], title: str) -> list[str]:
    """Listed countries the framed view does not show."""
    x0, y0, x1, y1 = frame(countries, title)
    gone = []
    for code in countries:
        box = _main_box(code)
        if box is None or box[2] < x0 or box[0] > x1 or box[3] < y0 or box[1] > y1:
            gone.append(code)
    return gone


def _path(
    rings: list[tuple[list[tuple[float, float]], tuple[float, float, float, float]]],
    view: tuple[float, float, float, float],
    tolerance: float,
) -> str:
    """Path data of the rings that touch the view, clamped to it and thinned to print detail.

    Islands smaller than the tolerance cannot be seen at print size and are left out.
    """
    x0, y0, x1, y1 = view
    pad = (x1 - x0) * 0.02
    lo_x, lo_y, hi_x, hi_y = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    parts = []
    for ring, box in rings:
        if box[2] < lo_x or box[0] > hi_x or box[3] < lo_y or box[1] > hi_y:
            continue
        if box[2] - box[0] < tolerance and box[3] - box[1] < tolerance:
            continue
        clamped = [(min(max(x, lo_x), hi_x), min(max(y, lo_y), hi_y)) for x, y in ring]
        kept = _decimate(clamped, tolerance)
        if len(kept) >= 3:
            parts.append("M" + "L".join(f"{px:.0f} {py:.0f}" for px, py in kept) + "Z")
    return "".join(parts)


@cache
def draw_cached(countries: tuple[str, ...], title: str) -> str:
    x0, y0, x1, y1 = view = frame(list(countries), title)
    tolerance = PRINT_TOLERANCE_MM * (x1 - x0) / PRINT_WIDTH_MM
    rings = _rings_by_country()
    highlighted = set(countries)
    background = _path(
        [r for code, rs in sorted(rings.items()) if code not in highlighted for r in rs],
        view,
        tolerance * 1.6,  # the grey context needs less detail than the countries it is about
    )
    foreground = _path([r for code in countries for r in rings.get(code, [])], view, tolerance)
    size = 3.2 * (x1 - x0) / PRINT_WIDTH_MM  # 3.2 mm letters
    names = country_names()
    labels = []
    for code in countries:
        box = _main_box(code)
        if box is None or code in outside(list(countries), title):
            continue
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        labels.append(
            f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="{size:.1f}" font-family="Noto Sans" '
            f'font-weight="700" text-anchor="middle" fill="#1a1a1a">{escape(names.get(code, code))}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}" '
        f'role="img" aria-label="{escape(title)}" class="world-map">'
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" fill="#eef3f7"/>'
        f'<path d="{background}" fill="#d9d9d4" stroke="#ffffff" stroke-width="{0.25 * (x1 - x0) / PRINT_WIDTH_MM:.2f}" fill-rule="evenodd"/>'
        f'<path d="{foreground}" fill="#b5462f" stroke="#ffffff" stroke-width="{0.25 * (x1 - x0) / PRINT_WIDTH_MM:.2f}" fill-rule="evenodd"/>'
        + "".join(labels)
        + "</svg>"
    )


def draw(countries: list[str], *, title: str) -> Markup:
    """An inline SVG map framed to the region its title names, listed countries highlighted
    and labelled. Built only from the shipped outlines and fixed attributes; text is escaped."""
    return Markup(draw_cached(tuple(countries), title))


def drawn(countries: list[str], *, title: str) -> Markup | None:
    """draw(), or None where the outlines are not installed: a map is left out, never drawn
    with other boundaries (the online exports; a build says so in a warning, view.py)."""
    from .naturalearth import MapDataError

    try:
        return draw(countries, title=title)
    except MapDataError:
        return None
