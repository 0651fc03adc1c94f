"""A static world map as SVG, drawn from the country outlines pygal_maps_world ships.

The outlines are already projected (a 2475 x 1388 viewBox, countries as <g class="xx
country">); we copy them, colour the listed countries, and crop the view to them, so a
build needs no network and no GIS stack.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from xml.etree import ElementTree as ET

from markupsafe import Markup, escape

_SVG_NS = "{http://www.w3.org/2000/svg}"
WIDTH, HEIGHT = 2475.0, 1388.0


@cache
def _outlines() -> dict[str, list[str]]:
    """ISO alpha-2 (upper case) -> the path data of that country's outlines."""
    root = ET.fromstring(_svg_text())
    outlines: dict[str, list[str]] = {}
    for group in root.iter(f"{_SVG_NS}g"):
        classes = group.get("class", "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        outlines[code] = [p.get("d", "") for p in group.iter(f"{_SVG_NS}path")]
    return outlines


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


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")
_ARITY = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "a": 7, "z": 0}


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """The path as closed rings of absolute points (curve control points dropped)."""
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command = "M"
    args: list[float] = []
    for token in _NUMBER.findall(path):
        if token.isalpha():
            command, args = token, []
            if command in "zZ":
                if ring:
                    rings.append(ring)
                ring, (x, y) = [], start
            continue
        args.append(float(token))
        if len(args) < _ARITY.get(command.lower(), 2):
            continue
        relative, low = command.islower(), command.lower()
        if low == "h":
            x = x + args[0] if relative else args[0]
        elif low == "v":
            y = y + args[0] if relative else args[0]
        else:
            x, y = (x + args[-2], y + args[-1]) if relative else (args[-2], args[-1])
        if low == "m":
            if ring:
                rings.append(ring)
            ring, start = [], (x, y)
            command = "l" if relative else "L"
        ring.append((x, y))
        args = []
    if ring:
        rings.append(ring)
    return rings


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
    """Every country's rings of absolute points with their bounding boxes, once per process."""
    result = {}
    for code, paths in _outlines().items():
        rings = []
        for d in paths:
            for ring in _rings(d):
                if len(ring) >= 3:
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
