"""Natural Earth's country outlines and disputed-area lines, from the GeoPackage QGIS ships.

Debian's `qgis-common` (installed by .ci/run) puts QGIS's world map at
/usr/share/qgis/resources/data/world_map.gpkg. Its README says where the layers come from:
`countries` is Natural Earth's 1:10m Admin 0 - Countries v4.1.0 (generalised, one feature per
country), `disputed_borders` is Natural Earth's Admin 0 - Breakaway, Disputed Areas v4.1.0
boundary lines, imported as they are. Natural Earth is in the public domain.

The file is SQLite; each geometry is a GeoPackage header followed by standard WKB. Both are
read here with sqlite3 and struct, every count checked against the bytes left, so a build
needs no GIS library. The file is opened read-only and never written.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import RenderError

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the exterior ring first, then its holes

#: Where the world map lives: an explicit path first, then Debian's qgis-common, QGIS on
#: macOS, and the copy `nox` fetches from Debian's qgis-common into the user's cache.
ENVIRONMENT = "UPSC_WORLD_MAP"
PLACES = (
    Path("/usr/share/qgis/resources/data/world_map.gpkg"),
    Path("/Applications/QGIS.app/Contents/Resources/resources/data/world_map.gpkg"),
)
INSTALL_HINT = (
    "the world map's outlines (Natural Earth, in QGIS's world_map.gpkg) are not installed: "
    "`nox -s build` fetches them from Debian's qgis-common; elsewhere `apt-get install "
    "qgis-common`, or set UPSC_WORLD_MAP to a world_map.gpkg"
)


def cached() -> Path | None:
    """Where `nox` keeps the world map it fetched (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:  # no home directory to speak of
        return None
    return root / "upsc-pipeline" / "world_map.gpkg"


class MapDataError(RenderError):
    """The world map's outlines cannot be read."""


@dataclass(frozen=True)
class DisputedLine:
    """A Natural Earth disputed-area boundary line: whose claim it draws, inside which country."""

    name: str  # "Indian claim", "Chinese claim", ...
    country: str  # ISO alpha-3 of the country the line runs through (adm0_a3_l)
    parts: tuple[tuple[Point, ...], ...]


@dataclass(frozen=True)
class WorldMap:
    countries: dict[str, list[Polygon]]  # ISO alpha-2 (upper case) -> polygons
    alpha3: dict[str, str]  # ISO alpha-3 -> alpha-2
    unassigned: list[Polygon]  # land Natural Earth gives no country code (Siachen, Bir Tawil...)
    disputed: tuple[DisputedLine, ...]


def locate() -> Path | None:
    """The world map file, or None when it is not installed."""
    named = os.environ.get(ENVIRONMENT)
    candidates = (Path(named),) if named else (*PLACES, cached())
    return next((path for path in candidates if path is not None and path.is_file()), None)


@cache
def fingerprint() -> str:
    """What identifies the outlines a build drew (part of the build's inputs hash)."""
    path = locate()
    if path is None:
        return "none"
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def world_map() -> WorldMap:
    path = locate()
    if path is None:
        raise MapDataError(INSTALL_HINT)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            countries_rows = connection.execute(
                "SELECT iso_a2, ISO_A3, geom FROM countries"
            ).fetchall()
            disputed_rows = connection.execute(
                "SELECT name, adm0_a3_l, geom FROM disputed_borders"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as err:
        raise MapDataError(
            f"{path}: not the world map GeoPackage this reader knows ({err})"
        ) from err
    countries: dict[str, list[Polygon]] = {}
    alpha3: dict[str, str] = {}
    unassigned: list[Polygon] = []
    for a2, a3, blob in countries_rows:
        polygons = [p for p in _geometry(blob) if p and isinstance(p[0], list)]
        code = str(a2 or "").upper()
        if len(code) == 2 and code.isalpha():
            countries.setdefault(code, []).extend(polygons)
            if a3:
                alpha3[str(a3)] = code
        else:
            unassigned.extend(polygons)
    disputed = tuple(
        DisputedLine(str(name or ""), str(a3 or ""), tuple(tuple(part) for part in _lines(blob)))
        for name, a3, blob in disputed_rows
    )
    return WorldMap(countries, alpha3, unassigned, disputed)


def _geometry(blob: bytes | None) -> list[Polygon] | list[Ring]:
    """The polygons (or lines) of a GeoPackage geometry blob."""
    if not blob or len(blob) < 8 or blob[:2] != b"GP":
        raise MapDataError("a geometry is not a GeoPackage blob")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        raise MapDataError("a geometry has an unknown envelope")
    if flags & 0b10000:  # an empty geometry
        return []
    reader = _Wkb(memoryview(blob)[8 + envelope :])
    return reader.geometry()


def _lines(blob: bytes | None) -> list[Ring]:
    return [part for part in _geometry(blob) if part and isinstance(part[0], tuple)]


class _Wkb:
    """A reader of 2-D WKB (ISO): points, lines, polygons and their multi- forms."""

    def __init__(self, data: memoryview) -> None:
        self.data, self.at = data, 0

    def _take(self, fmt: str) -> tuple[float | int, ...]:
        size = struct.calcsize(fmt)
        if self.at + size > len(self.data):
            raise MapDataError("a geometry ends early")
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += size
        return values

    def _points(self, order: str) -> list[Point]:
        (count,) = self._take(order + "I")
        if count * 16 > len(self.data) - self.at:
            raise MapDataError("a geometry claims more points than it holds")
        flat = self._take(f"{order}{2 * int(count)}d")
        return list(zip(flat[0::2], flat[1::2], strict=True))

    def geometry(self) -> list[Polygon] | list[Ring]:
        order = "<" if self._take("B")[0] == 1 else ">"
        (kind,) = self._take(order + "I")
        if kind == 2:  # LineString
            return [self._points(order)]
        if kind == 3:  # Polygon
            (rings,) = self._take(order + "I")
            if rings * 4 > len(self.data) - self.at:
                raise MapDataError("a polygon claims more rings than it holds")
            return [[self._points(order) for _ in range(int(rings))]]
        if kind in (5, 6):  # MultiLineString, MultiPolygon
            (parts,) = self._take(order + "I")
            if parts * 9 > len(self.data) - self.at:
                raise MapDataError("a geometry claims more parts than it holds")
            result: list = []
            for _ in range(int(parts)):
                result.extend(self.geometry())
            return result
        raise MapDataError(f"a geometry of WKB type {kind} is not drawn")
