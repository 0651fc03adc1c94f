"""What classrooms do to a filled answer sheet before it is scanned, in OpenCV: phone photos
on a cluttered desk, shadows, a curled, crumpled or folded sheet, "fit to page" printing,
photocopies, JPEG at quality 25, a thumb over a corner, a smudged QR code, two sheets in one
photo. Each takes a 200 dpi page (grey, 255 white) and a seeded random generator."""

from __future__ import annotations

import random

import cv2
import numpy as np

DPI = 200
PX = DPI / 25.4  # page pixels a millimetre


def _noise(image: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    gen = np.random.default_rng(rng.randrange(2**32))
    return np.clip(image.astype(np.float32) + gen.normal(0, sigma, image.shape), 0, 255).astype(np.uint8)  # fmt: skip


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def scanner(page: np.ndarray, rng: random.Random, *, jpeg: int | None = None) -> np.ndarray:
    """A flatbed scan: a slightly crooked page on a grey lid, a little noise."""
    pad = int(8 * PX)
    image = cv2.copyMakeBorder(page, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=232)
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.8, 1.8), 1.0)
    image = cv2.warpAffine(image, matrix, (w, h), borderValue=232, flags=cv2.INTER_LINEAR)
    image = _noise(image, rng, 3.0)
    return _jpeg(image, jpeg) if jpeg else image


def _clutter(h: int, w: int, rng: random.Random) -> np.ndarray:
    """A desk: wood-grey with a gradient, papers, pens, dark squares and printed text."""
    gen = np.random.default_rng(rng.randrange(2**32))
    desk = np.full((h, w), rng.randint(95, 150), np.float32)
    desk += np.linspace(-25, 25, w)[None, :] * rng.choice([-1, 1])
    desk += gen.normal(0, 6, (h, w))
    image = desk.astype(np.uint8)
    for _ in range(rng.randint(6, 12)):  # papers and notebooks
        x, y = rng.randrange(w), rng.randrange(h)
        pw, ph = rng.randint(w // 8, w // 3), rng.randint(h // 8, h // 3)
        box = cv2.boxPoints(((x, y), (pw, ph), rng.uniform(0, 90))).astype(np.int32)
        cv2.fillPoly(image, [box], rng.randint(170, 245))
        for line in range(rng.randint(0, 8)):
            tx = int(x - pw / 3)
            ty = int(y - ph / 3 + line * 30)
            cv2.putText(image, "Polity notes ch." + str(line), (tx, ty), cv2.FONT_HERSHEY_SIMPLEX, 0.9, rng.randint(20, 80), 2)  # fmt: skip
    for _ in range(rng.randint(4, 9)):  # sticky notes, erasers, dark squares the size of ours
        side = rng.uniform(5, 12) * PX
        box = cv2.boxPoints(((rng.randrange(w), rng.randrange(h)), (side, side), rng.uniform(0, 90))).astype(np.int32)  # fmt: skip
        cv2.fillPoly(image, [box], rng.randint(0, 60))
    for _ in range(rng.randint(2, 4)):  # pens
        x, y = rng.randrange(w), rng.randrange(h)
        angle = rng.uniform(0, np.pi)
        length = rng.uniform(100, 140) * PX
        end = (int(x + length * np.cos(angle)), int(y + length * np.sin(angle)))
        cv2.line(image, (x, y), end, rng.randint(10, 70), int(rng.uniform(6, 10) * PX))
    return image


def _place(canvas: np.ndarray, page: np.ndarray, corners: np.ndarray, paper: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """The page warped onto the canvas at the given corners (tl, tr, br, bl); `paper` (255
    where the sheet is) leaves a torn-off part showing the canvas."""
    h, w = page.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    size = (canvas.shape[1], canvas.shape[0])
    warped = cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_LINEAR, borderValue=0)
    whole = np.full(page.shape, 255, np.uint8) if paper is None else paper
    mask = cv2.warpPerspective(whole, matrix, size, flags=cv2.INTER_LINEAR)
    alpha = mask.astype(np.float32) / 255
    return (canvas * (1 - alpha) + warped * alpha).astype(np.uint8)


def _quad(cx: float, cy: float, w: float, h: float, angle: float, jitter: float, rng: random.Random) -> np.ndarray:  # fmt: skip
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    c, s = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    corners = corners @ np.array([[c, s], [-s, c]])
    corners += np.array([[rng.uniform(-jitter, jitter) * w for _ in range(2)] for _ in range(4)])
    return corners + np.array([cx, cy])


def _light(image: np.ndarray, rng: random.Random, strength: float = 0.25) -> np.ndarray:
    """A phone's uneven light: brighter towards a lamp, darker at the edges."""
    h, w = image.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0, w), rng.uniform(0, h)
    distance = np.hypot(xs - lx, ys - ly) / max(h, w)
    gain = 1.0 - strength * distance
    return np.clip(image * gain, 0, 255).astype(np.uint8)


def phone(page: np.ndarray, rng: random.Random, *, angle: float | None = None, under: np.ndarray | None = None, jitter: float = 0.05, clutter: bool = True, paper: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """A phone photo of the page on a desk: perspective, a turn, uneven light, blur, JPEG."""
    h, w = page.shape
    canvas_h, canvas_w = int(h * 1.3), int(w * 1.45)
    canvas = _clutter(canvas_h, canvas_w, rng) if clutter else np.full((canvas_h, canvas_w), 120, np.uint8)  # fmt: skip
    scale = rng.uniform(0.78, 0.88)
    turn = rng.uniform(-8, 8) if angle is None else angle
    if abs(turn) > 20:
        scale *= 0.8
    if under is not None:  # another sheet lies under this one, its corner squares showing
        quad = _quad(canvas_w * 0.5 + w * 0.16, canvas_h * 0.5 + h * 0.1, w * scale, h * scale, turn + rng.uniform(6, 12), 0.01, rng)  # fmt: skip
        canvas = _place(canvas, under, quad)
    quad = _quad(canvas_w / 2, canvas_h / 2, w * scale, h * scale, turn, jitter, rng)
    image = _place(canvas, page, quad, paper)
    image = _light(image, rng)
    image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.6, 1.1))
    return _jpeg(_noise(image, rng, 4.0), 80)


def shadow(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A hand's or a phone's shadow across one side, over two corner squares."""
    h, w = page.shape
    mask = np.zeros((h, w), np.float32)
    side = rng.choice(["left", "bottom", "right"])
    if side == "left":
        poly = [[0, 0], [w * rng.uniform(0.3, 0.5), 0], [w * rng.uniform(0.2, 0.45), h], [0, h]]
    elif side == "right":
        poly = [[w * rng.uniform(0.55, 0.7), 0], [w, 0], [w, h], [w * rng.uniform(0.5, 0.8), h]]
    else:
        poly = [[0, h * rng.uniform(0.55, 0.7)], [w, h * rng.uniform(0.6, 0.8)], [w, h], [0, h]]
    cv2.fillPoly(mask, [np.array(poly, np.int32)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), 25)
    depth = rng.uniform(0.4, 0.55)
    image = (page * (1 - depth * mask)).astype(np.uint8)
    return phone(image, rng, jitter=0.03, clutter=False)


def curl(page: np.ndarray, rng: random.Random, *, lift_mm: float = 33.0) -> np.ndarray:
    """The bottom third of the sheet curls up `lift_mm` towards a phone 400 mm above it: the
    bent part is foreshortened and, nearer the camera, drawn larger (wider than the flat top,
    on a desk that is left room for it, so no part of the sheet falls outside the photo)."""
    h, w = page.shape
    camera = 400 * PX
    start = h * rng.uniform(0.6, 0.68)
    length = h - start
    lift = lift_mm * PX
    # the radius of the bend that lifts the edge by `lift` over `length` of paper
    radius = length
    for _ in range(60):
        radius = max(radius, 1.0)
        f = radius * (1 - np.cos(length / radius)) - lift
        radius += f * 2  # bigger radius, lower lift
    rows = np.arange(h, dtype=np.float64)
    bent = rows > start
    arc = np.where(bent, rows - start, 0.0)
    depth = np.where(bent, radius * (1 - np.cos(arc / radius)), 0.0)
    seen_y = np.where(bent, start + radius * np.sin(arc / radius), rows)
    gain = camera / (camera - depth)
    cy, cx = h / 2, w / 2
    image_y = cy + (seen_y - cy) * gain
    # the photo's rows and columns, on a desk wide enough for the magnified bottom
    pad = int(np.ceil(max(w, h) / 2 * (gain.max() - 1))) + 4
    out_rows = np.arange(h + pad, dtype=np.float64)
    source_y = np.interp(out_rows, image_y, rows, left=-1, right=h + 1)
    source_gain = np.interp(out_rows, image_y, gain, left=1, right=1)
    xs = np.arange(-pad, w + pad, dtype=np.float64)
    map_x = (cx + (xs[None, :] - cx) / source_gain[:, None]).astype(np.float32)
    map_y = np.repeat(source_y[:, None], len(xs), axis=1).astype(np.float32)
    image = cv2.remap(page, map_x, map_y, cv2.INTER_LINEAR, borderValue=110)
    shade = np.interp(out_rows, image_y, np.where(bent, 1 - 0.25 * (arc / length), 1.0))
    image = np.clip(image * shade[:, None], 0, 255).astype(np.uint8)
    return phone(image, rng, jitter=0.02, clutter=False)


def crumple(page: np.ndarray, rng: random.Random, *, strength: float = 1.0) -> np.ndarray:
    """A crumpled sheet smoothed out: a wavy surface, creases and their shading (glare where
    the paper faces the lamp: light marks there fade towards white). `strength` scales the
    waves' height and the shading, and adds waves and creases."""
    h, w = page.shape
    gen = np.random.default_rng(rng.randrange(2**32))
    dx = np.zeros((h // 8 + 1, w // 8 + 1), np.float32)
    dy = np.zeros_like(dx)
    light = np.zeros_like(dx)
    ys, xs = np.mgrid[0 : dx.shape[0], 0 : dx.shape[1]].astype(np.float32) * 8
    reach = 1.2 * strength
    for _ in range(round(14 * strength)):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        sigma = rng.uniform(15, 45) * PX / strength**0.5
        bump = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * sigma**2))
        dx += bump * rng.uniform(-reach, reach) * PX
        dy += bump * rng.uniform(-reach, reach) * PX
        light += bump * rng.uniform(-0.1, 0.1) * strength
    for _ in range(round(8 * strength)):  # creases: a line across which the shading steps
        x0, y0 = rng.uniform(0, w), rng.uniform(0, h)
        angle = rng.uniform(0, np.pi)
        side = (xs - x0) * np.sin(angle) - (ys - y0) * np.cos(angle)
        light += 0.05 * strength * np.tanh(side / (1.5 * PX)) * rng.choice([-1, 1])
    map_x = cv2.resize(dx, (w, h)) + np.arange(w, dtype=np.float32)[None, :]
    map_y = cv2.resize(dy, (w, h)) + np.arange(h, dtype=np.float32)[:, None]
    image = cv2.remap(page, map_x, map_y, cv2.INTER_LINEAR, borderValue=120)
    shade = 1 + cv2.resize(light, (w, h))
    image = np.clip(image * shade + gen.normal(0, 2, (h, w)), 0, 255).astype(np.uint8)
    return phone(image, rng, jitter=0.03, clutter=False)


def fit_to_page(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Printed with "fit to page": the whole sheet shrunk to 94 % and centred, then scanned."""
    h, w = page.shape
    factor = rng.uniform(0.93, 0.95)
    small = cv2.resize(page, (int(w * factor), int(h * factor)), interpolation=cv2.INTER_AREA)
    image = np.full_like(page, 255)
    y, x = (h - small.shape[0]) // 2, (w - small.shape[1]) // 2
    image[y : y + small.shape[0], x : x + small.shape[1]] = small
    return scanner(image, rng)


def photocopy(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A photocopy of the sheet: a harsher tone curve, toner specks, a grey streak, skew."""
    image = scanner(page, rng).astype(np.float32)
    image = np.clip((image - 35) * 1.3, 0, 255)
    gen = np.random.default_rng(rng.randrange(2**32))
    specks = gen.random(image.shape) < 0.0008
    image[specks] = gen.uniform(20, 120, specks.sum())
    x = rng.randrange(image.shape[1])
    image[:, x : x + 6] *= 0.85
    image = cv2.GaussianBlur(image, (0, 0), 0.8)
    return scanner(image.astype(np.uint8), rng)


def jpeg25(page: np.ndarray, rng: random.Random) -> np.ndarray:
    return scanner(page, rng, jpeg=25)


def fold(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """Folded in half and opened: the lower half tilts a little, a crease with its shading."""
    h, w = page.shape
    at = int(h * rng.uniform(0.42, 0.58))
    image = page.copy()
    lower = image[at:].copy()
    turn = cv2.getRotationMatrix2D((w / 2, 0), rng.uniform(-0.5, 0.5), 1.0)
    turn[:, 2] += [rng.uniform(-0.5, 0.5) * PX, rng.uniform(0, 0.6) * PX]
    image[at:] = cv2.warpAffine(lower, turn, (w, h - at), borderValue=255)
    ys = np.arange(h, dtype=np.float32)[:, None]
    shade = 1 - 0.18 * np.exp(-((ys - at) ** 2) / (2 * (2.5 * PX) ** 2))
    image = (image * shade).astype(np.uint8)
    cv2.line(image, (0, at), (w, at + rng.randint(-8, 8)), 150, 1, cv2.LINE_AA)
    return phone(image, rng, jitter=0.03, clutter=False)


def thumb(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A thumb over a corner square (not the top-left one, whose mark says which way is up)."""
    h, w = page.shape
    corner = rng.choice([(w, h), (0, h), (w, 0)])
    image = page.astype(np.float32)
    mask = np.zeros((h, w), np.float32)
    cx = corner[0] + (-1 if corner[0] else 1) * 10 * PX
    cy = corner[1] + (-1 if corner[1] else 1) * 10 * PX
    cv2.ellipse(mask, (int(cx), int(cy)), (int(13 * PX), int(20 * PX)), rng.uniform(20, 70), 0, 360, 1.0, -1)  # fmt: skip
    mask = cv2.GaussianBlur(mask, (0, 0), 6)
    skin = rng.uniform(120, 160)
    image = image * (1 - mask) + skin * mask
    return phone(image.astype(np.uint8), rng, jitter=0.03, clutter=False)


def torn(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A corner torn off (not the top-left one), its square with it: the desk shows there."""
    h, w = page.shape
    corner = rng.choice([(w, h), (0, h), (w, 0)])
    a, b = rng.uniform(18, 30) * PX, rng.uniform(18, 30) * PX
    sx, sy = (-1 if corner[0] else 1), (-1 if corner[1] else 1)
    tear = [corner, (corner[0] + sx * a, corner[1]), (corner[0] + sx * a * 0.8, corner[1] + sy * b * 0.8), (corner[0], corner[1] + sy * b)]  # fmt: skip
    mask = np.full(page.shape, 255, np.uint8)
    cv2.fillPoly(mask, [np.array(tear, np.int32)], 0)
    return phone(page, rng, jitter=0.03, paper=mask)


def smudged_qr(page: np.ndarray, rng: random.Random, *, qr: tuple[float, float, float]) -> np.ndarray:  # fmt: skip
    """A sticker over half the QR code, or a smear across it: the code cannot be read."""
    x, y, size = qr
    image = page.copy()
    x0, y0 = int((x - size / 2) * PX), int((y - size / 2) * PX)
    s = int(size * PX)
    if rng.random() < 0.5:
        cv2.rectangle(image, (x0 + s // 4, y0 + s // 5), (x0 + s, y0 + int(s * 0.8)), 246, -1)
    else:
        mask = np.zeros(image.shape, np.float32)
        cv2.line(mask, (x0, y0 + s), (x0 + s, y0), 1.0, int(s * 0.35))
        mask = cv2.GaussianBlur(mask, (0, 0), 6)
        image = (image * (1 - mask) + 90 * mask).astype(np.uint8)
    return scanner(image, rng)


def two_sheets(page: np.ndarray, other: np.ndarray, rng: random.Random) -> np.ndarray:
    """Two filled sheets side by side in one photo."""
    h, w = page.shape
    canvas = np.full((int(h * 1.15), int(w * 2.2)), 110, np.uint8)
    for i, sheet in enumerate((page, other)):
        quad = _quad(canvas.shape[1] * (0.26 + 0.48 * i), canvas.shape[0] / 2, w * 0.95, h * 0.95, rng.uniform(-4, 4), 0.01, rng)  # fmt: skip
        canvas = _place(canvas, sheet, quad)
    canvas = cv2.GaussianBlur(canvas, (0, 0), 0.8)
    return _jpeg(_noise(canvas, rng, 3.0), 85)
