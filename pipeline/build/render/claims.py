"""India's outline as the Survey of India draws it, made from Natural Earth's own layers.

Natural Earth draws each country as it is administered and publishes the claims as separate
lines: its disputed-area lines named "Indian claim" run through Pakistan and China and close
off what India claims there (Gilgit-Baltistan and the rest of Pakistan-occupied Kashmir, Aksai
Chin, the Shaksgam valley). Each such line cuts its country's outline in two; the smaller side
is India's, the larger stays the country's. Those sides, the land Natural Earth gives no country
that borders India (the Siachen glacier) and India's own outline (which already holds
Arunachal Pradesh) are merged into one outline by cancelling the edges they share, so no line
of control is drawn inside India. Nothing here is drawn by hand: every vertex is Natural Earth's,
or the point where a claim line meets an outline.

Every loop is bounded by the number of vertices and lines in the file.
"""

from __future__ import annotations

from collections import Counter

from .naturalearth import Point, Polygon, Ring, WorldMap

INDIA = "IN"
CLAIM = "Indian claim"
#: A claim line's end this close to an outline (degrees, about 2 km) meets it there.
MEETS = 0.02
#: Two points closer than this (degrees) are one vertex.
SAME = 1e-9
#: A claim line's end this close to an outline's vertex (degrees, about 10 cm) is that vertex.
SNAP = 1e-6


def survey_of_india(world: WorldMap) -> dict[str, list[Polygon]]:
    """The countries, with India's claimed areas moved from their neighbours to India."""
    countries = {
        code: [list(map(list, polygon)) for polygon in polygons]
        for code, polygons in world.countries.items()
    }
    lines_by_country: dict[str, list[tuple[Point, ...]]] = {}
    for line in world.disputed:
        code = world.alpha3.get(line.country)
        if line.name == CLAIM and code in countries and code != INDIA:
            lines_by_country.setdefault(code, []).extend(line.parts)
    unassigned = [list(map(list, polygon)) for polygon in world.unassigned]
    rings = [ring for polygons in countries.values() for polygon in polygons for ring in polygon]
    rings += [ring for polygon in unassigned for ring in polygon]
    boxed = [(ring, _box(ring)) for ring in rings]
    anchored = {}
    for code, parts in sorted(lines_by_country.items()):  # every end on every outline first
        exteriors = [polygon[0] for polygon in countries[code]]
        anchored[code] = [_anchor(path, exteriors, boxed) for path in _paths(parts, exteriors)]
    claimed: list[Polygon] = []
    for code, paths in sorted(anchored.items()):
        faces, countries[code] = _cut(countries[code], paths)
        claimed += faces
    india_vertices = {
        _key(point) for polygon in countries[INDIA] for ring in polygon for point in ring
    }
    for polygon in unassigned:
        shared = sum(_key(point) in india_vertices for point in polygon[0])
        if shared >= 2:  # borders India: Siachen
            claimed.append(polygon)
    countries[INDIA] = [[ring] for ring in _union(countries[INDIA] + claimed)]
    return countries


def _key(point: Point) -> tuple[int, int]:
    return round(point[0] / SAME), round(point[1] / SAME)


def _paths(parts: list[tuple[Point, ...]], rings: list[Ring]) -> list[list[Point]]:
    """The claim lines chained into paths from one outline crossing to another."""
    ends: dict[tuple[int, int], list[int]] = {}
    for index, part in enumerate(parts):
        if len(part) >= 2:
            ends.setdefault(_key(part[0]), []).append(index)
            ends.setdefault(_key(part[-1]), []).append(index)
    terminals = [
        key
        for key, at in ends.items()
        if len(at) == 1 and _nearest(_point_of(key, parts, at[0]), rings)[0] <= MEETS
    ]
    paths: list[list[Point]] = []
    for start in terminals:
        # depth-first over the parts, each used once per path: bounded by the parts' count
        stack: list[tuple[tuple[int, int], list[Point], frozenset[int]]] = [
            (start, [], frozenset())
        ]
        while stack:
            key, points, used = stack.pop()
            if key != start and key in terminals:
                if start < key:  # each path once
                    paths.append(points)
                continue
            for index in ends.get(key, []):
                if index in used:
                    continue
                chain = list(parts[index])
                if _key(chain[0]) != key:
                    chain.reverse()
                stack.append(
                    (_key(chain[-1]), points + (chain if not points else chain[1:]), used | {index})
                )
    return paths


def _point_of(key: tuple[int, int], parts: list[tuple[Point, ...]], index: int) -> Point:
    part = parts[index]
    return part[0] if _key(part[0]) == key else part[-1]


def _nearest(point: Point, rings: list[Ring]) -> tuple[float, int, int, Point]:
    """Distance to the closest ring, which ring, which segment, and the closest point."""
    best = (float("inf"), -1, -1, point)
    for r, ring in enumerate(rings):
        for i in range(len(ring) - 1):
            candidate = _project(point, ring[i], ring[i + 1])
            distance = ((candidate[0] - point[0]) ** 2 + (candidate[1] - point[1]) ** 2) ** 0.5
            if distance < best[0]:
                best = (distance, r, i, candidate)
    return best


def _project(p: Point, a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    )
    return a[0] + t * dx, a[1] + t * dy


def _box(ring: Ring) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _anchor(
    path: list[Point],
    rings: list[Ring],
    everyone: list[tuple[Ring, tuple[float, float, float, float]]],
) -> list[Point]:
    """The path with its ends on the outline, each end a vertex of every ring passing there."""
    ends = []
    for end in (path[0], path[-1]):
        _, r, i, point = _nearest(end, rings)
        for vertex in (rings[r][i], rings[r][i + 1]):  # a vertex already there is the vertex
            if _distance(vertex, point) <= SNAP:
                point = vertex
        _insert(point, everyone)
        ends.append(point)
    inner = path[:]
    if _distance(inner[0], ends[0]) <= SNAP:
        inner = inner[1:]
    if inner and _distance(inner[-1], ends[1]) <= SNAP:
        inner = inner[:-1]
    return [ends[0], *inner, ends[1]]


def _distance(a: Point, b: Point) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def _insert(point: Point, rings: list[tuple[Ring, tuple[float, float, float, float]]]) -> None:
    """Make point a vertex of every ring one of whose edges it lies on (shared borders stay shared)."""
    x, y = point
    for ring, (x0, y0, x1, y1) in rings:
        if not (x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6):
            continue
        if _key(point) in {_key(vertex) for vertex in ring}:
            continue
        for i in range(len(ring) - 1):
            on = _project(point, ring[i], ring[i + 1])
            if abs(on[0] - point[0]) <= 1e-7 and abs(on[1] - point[1]) <= 1e-7:
                ring.insert(i + 1, point)
                break


def _cut(polygons: list[Polygon], paths: list[list[Point]]) -> tuple[list[Polygon], list[Polygon]]:
    """Cut the country by its claim paths: (India's sides, what stays the country's).

    The path that cuts off most goes first; a path whose ends are no longer both on what is
    left (it ran inside a side already cut off) cuts nothing.
    """
    faces: list[Polygon] = []
    remaining = list(paths)
    for _ in range(len(paths)):
        best = None
        for path in remaining:
            for p, polygon in enumerate(polygons):
                split = _split(polygon[0], path)
                if split is not None and (
                    best is None or abs(_area(split[0])) > abs(_area(best[2][0]))
                ):
                    best = (path, p, split)
        if best is None:
            break
        path, p, (small, large) = best
        remaining.remove(path)
        faces.append([small])
        polygons[p] = [large, *polygons[p][1:]]
    return faces, polygons


def _split(ring: Ring, path: list[Point]) -> tuple[Ring, Ring] | None:
    """The two rings the path cuts the ring into, smaller first, or None if it does not cut it."""
    keys = [_key(point) for point in ring]
    start, end = _key(path[0]), _key(path[-1])
    if start not in keys or end not in keys or start == end or len(path) < 2:
        return None
    closed = keys[0] == keys[-1]
    body = ring[:-1] if closed else ring[:]
    body_keys = keys[:-1] if closed else keys
    a, b = body_keys.index(start), body_keys.index(end)
    n = len(body)
    forward = [body[(a + k) % n] for k in range((b - a) % n + 1)]  # a .. b along the ring
    backward = [body[(b + k) % n] for k in range((a - b) % n + 1)]  # b .. a along the ring
    inner = path[1:-1]
    one = forward + inner[::-1]
    two = backward + inner
    middle = _middle(path)
    if not _inside(middle, body):
        return None
    one.append(one[0])
    two.append(two[0])
    return (one, two) if abs(_area(one)) <= abs(_area(two)) else (two, one)


def _middle(path: list[Point]) -> Point:
    """A point on the path away from its ends: the middle of its longest segment."""
    segments = list(zip(path, path[1:], strict=False))
    a, b = max(segments, key=lambda s: (s[1][0] - s[0][0]) ** 2 + (s[1][1] - s[0][1]) ** 2)
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _inside(point: Point, ring: Ring) -> bool:
    """Even-odd point in ring."""
    x, y = point
    inside = False
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def inside_any(point: Point, rings: list[Ring]) -> bool:
    """Even-odd over all rings: how the map fills a country."""
    return sum(_inside(point, ring) for ring in rings) % 2 == 1


def _area(ring: Ring) -> float:
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def _union(polygons: list[Polygon]) -> list[Ring]:
    """The outline of polygons that meet along shared edges: the edges both sides share cancel."""
    edges: Counter[tuple[tuple[int, int], tuple[int, int]]] = Counter()
    points: dict[tuple[int, int], Point] = {}
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            clockwise = _area(ring) < 0
            if clockwise != (index > 0):  # exteriors counter-clockwise, holes clockwise
                ring = ring[::-1]
            for p, q in zip(ring, ring[1:] + ring[:1], strict=True):
                kp, kq = _key(p), _key(q)
                if kp == kq:
                    continue
                points[kp], points[kq] = p, q
                if edges[(kq, kp)]:
                    edges[(kq, kp)] -= 1
                else:
                    edges[(kp, kq)] += 1
    following: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (kp, kq), count in edges.items():
        following.setdefault(kp, []).extend([kq] * count)
    rings: list[Ring] = []
    for _ in range(sum(edges.values()) + 1):  # each walk uses up at least one edge
        start = next((k for k, nexts in following.items() if nexts), None)
        if start is None:
            break
        ring_keys = [start]
        key = following[start].pop()
        for _ in range(sum(len(n) for n in following.values()) + 1):
            if key == start:
                break
            ring_keys.append(key)
            if not following.get(key):
                break
            key = following[key].pop()
        if len(ring_keys) >= 3:
            rings.append([points[k] for k in ring_keys] + [points[ring_keys[0]]])
    return rings
