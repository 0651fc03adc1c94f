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


def _simplify(path: str, tolerance: float = 1.5) -> tuple[str, tuple[float, float, float, float]]:
    """A lighter absolute path (points closer than tolerance dropped) and its bounding box.

    At print size one map unit is under 0.1 mm, so the dropped detail is invisible; the
    PDF gets far fewer points to draw.
    """
    parts: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    for ring in _rings(path):
        kept = [ring[0]]
        for point in ring[1:]:
            if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
                kept.append(point)
        if len(kept) < 3:
            continue
        xs += [p[0] for p in kept]
        ys += [p[1] for p in kept]
        parts.append("M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in kept) + "Z")
    if not xs:
        return "", (0.0, 0.0, 0.0, 0.0)
    return "".join(parts), (min(xs), min(ys), max(xs), max(ys))


@cache
def _simplified() -> dict[str, list[tuple[str, tuple[float, float, float, float]]]]:
    """Every country's simplified outlines with their bounding boxes, computed once per process."""
    result = {}
    for code, paths in _outlines().items():
        shapes = [_simplify(d) for d in paths]
        result[code] = [(d, box) for d, box in shapes if d]
    return result


def draw(countries: list[str], *, title: str) -> Markup:
    """An inline SVG map with the listed countries highlighted and the view framed around them."""
    shapes = _simplified()
    boxes = [box for code in countries for _, box in shapes.get(code, [])]
    boxes = [b for b in boxes if b[2] - b[0] > 0.5 or b[3] - b[1] > 0.5]
    if boxes:
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, WIDTH, HEIGHT
    # Frame with a margin, at the printed aspect ratio (wide), clipped to the world.
    margin = max(x1 - x0, y1 - y0) * 0.12 + 40
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    aspect = 2.0
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        grow = height * aspect - width
        x0, x1 = x0 - grow / 2, x1 + grow / 2
    else:
        grow = width / aspect - height
        y0, y1 = y0 - grow / 2, y1 + grow / 2
    x0, y0 = max(x0, 0.0), max(y0, 0.0)
    x1, y1 = min(x1, WIDTH), min(y1, HEIGHT)
    highlighted = set(countries)

    def visible(box: tuple[float, float, float, float]) -> bool:
        return box[2] >= x0 and box[0] <= x1 and box[3] >= y0 and box[1] <= y1

    background = "".join(
        d
        for code, outlines in sorted(shapes.items())
        if code not in highlighted
        for d, box in outlines
        if visible(box)
    )
    foreground = "".join(d for code in countries for d, _ in shapes.get(code, []))
    # Built only from the shipped outlines and fixed attributes; the title is escaped.
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}" '
        f'role="img" aria-label="{escape(title)}" class="world-map">'
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" fill="#eef3f7"/>'
        f'<path d="{background}" fill="#d9d9d4" stroke="#ffffff" stroke-width="0.8" fill-rule="evenodd"/>'
        f'<path d="{foreground}" fill="#b5462f" stroke="#ffffff" stroke-width="0.8" fill-rule="evenodd"/>'
        "</svg>"
    )
