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
    text = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    outlines: dict[str, list[str]] = {}
    for group in root.iter(f"{_SVG_NS}g"):
        classes = group.get("class", "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        outlines[code] = [p.get("d", "") for p in group.iter(f"{_SVG_NS}path")]
    return outlines


def known_countries() -> frozenset[str]:
    return frozenset(_outlines())


@cache
def country_names() -> dict[str, str]:
    from pygal_maps_world.i18n import COUNTRIES

    return {code.upper(): name for code, name in COUNTRIES.items()}


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")


def _bounds(path: str) -> tuple[float, float, float, float]:
    """Bounding box of a path from its end points (close enough to frame a map)."""
    xs: list[float] = []
    ys: list[float] = []
    x = y = 0.0
    command = "M"
    args: list[float] = []
    arity = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "a": 7, "z": 0}
    for token in _NUMBER.findall(path):
        if token.isalpha():
            command = token
            args = []
            if command in "zZ":
                continue
            continue
        args.append(float(token))
        need = arity.get(command.lower(), 2)
        if len(args) < need:
            continue
        relative = command.islower()
        low = command.lower()
        if low == "h":
            x = x + args[0] if relative else args[0]
        elif low == "v":
            y = y + args[0] if relative else args[0]
        else:
            dx, dy = args[-2], args[-1]
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        xs.append(x)
        ys.append(y)
        args = []
        if command == "m":
            command = "l"
        elif command == "M":
            command = "L"
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


def draw(countries: list[str], *, title: str) -> Markup:
    """An inline SVG map with the listed countries highlighted and the view framed around them."""
    outlines = _outlines()
    boxes = [_bounds(d) for code in countries for d in outlines.get(code, [])]
    boxes = [b for b in boxes if b[2] - b[0] > 0.5 or b[3] - b[1] > 0.5]
    if boxes:
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        y1 = max(b[3] for b in boxes)
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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}" '
        f'role="img" aria-label="{escape(title)}" class="world-map">',
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" fill="#eef3f7"/>',
    ]
    for code, paths in sorted(outlines.items()):
        if code in highlighted:
            continue
        for d in paths:
            parts.append(f'<path d="{d}" fill="#d9d9d4" stroke="#ffffff" stroke-width="0.8"/>')
    for code in countries:
        for d in outlines.get(code, []):
            parts.append(f'<path d="{d}" fill="#b5462f" stroke="#ffffff" stroke-width="0.8"/>')
    parts.append("</svg>")
    # Built only from the shipped outlines and fixed attributes; the title is escaped.
    return Markup("".join(parts))
