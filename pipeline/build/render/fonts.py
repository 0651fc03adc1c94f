"""The fonts the PDFs use: pinned Python packages, never whatever the machine has.

Body text is Noto Serif, a text face designed for long reading whose Devanagari companion
is drawn in the same family; headings and labels are Noto Sans; Hindi is Noto Sans
Devanagari, drawn to match Noto's Latin. All three come as variable fonts in the
fontpkg-* wheels pinned in uv.lock.

WeasyPrint can instantiate variable fonts itself, but does it again for every document
(about 0.35 s per face). So each weight and style the stylesheet uses is instantiated once,
cut to the scripts the project prints, and cached on disk (keyed by the font's bytes and the
fontTools version): the same static fonts on every machine, and no instancing per document.

The cache is a folder anyone may write to (a CI cache is restored from an earlier run), so
every cached font carries a seal (trust.py) of its bytes; one that is truncated, replaced
or unsealed is cut again before any document uses it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ...diagnostics import UsageError
from .. import trust
from ..outputs import read_regular, write_atomically

#: What the project prints: Latin with the letters of Indian transliteration (ā ī ū ś ṛ ṣ ṭ
#: ḍ ṇ ṅ ṃ ḥ ḷ), the Greek letters of science, punctuation, sub- and superscripts (CO₂),
#: currency (₹), arrows and the common mathematical signs; and Devanagari.
LATIN = (
    (0x0020, 0x007E), (0x00A0, 0x017F), (0x0391, 0x03C9), (0x1E0C, 0x1E0D), (0x1E24, 0x1E25),
    (0x1E36, 0x1E39), (0x1E42, 0x1E47), (0x1E5A, 0x1E5D), (0x1E62, 0x1E63), (0x1E6C, 0x1E6D),
    (0x2010, 0x2027), (0x2030, 0x203A), (0x2070, 0x2094), (0x20A8, 0x20B9), (0x2103, 0x2103),
    (0x2116, 0x2116), (0x2122, 0x2122), (0x2153, 0x215E), (0x2190, 0x2195), (0x2212, 0x2212),
    (0x2248, 0x2248), (0x2260, 0x2265), (0x25CF, 0x25CF),
)  # fmt: skip
DEVANAGARI = (
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x0900, 0x097F), (0x1CD0, 0x1CFF), (0x200B, 0x200D),
    (0x2010, 0x2027), (0x20B9, 0x20B9), (0x25CC, 0x25CC), (0xA8E0, 0xA8FF),
)  # fmt: skip


@dataclass(frozen=True)
class Face:
    family: str  # the CSS family name the stylesheet uses
    package: str
    file: str
    style: str  # "normal" or "italic"
    weight: int
    ranges: tuple[tuple[int, int], ...]


def _faces() -> tuple[Face, ...]:
    serif, sans = ("fontpkg_noto_serif", "NotoSerif"), ("fontpkg_noto_sans", "NotoSans")
    faces = []
    # The stylesheet sets text in Noto Serif (roman and italic, regular and bold) and labels in
    # Noto Sans (roman, regular and bold); nothing asks for italic sans.
    for family, (package, stem), styles in (
        ("Noto Serif", serif, (("normal", ""), ("italic", "-Italic"))),
        ("Noto Sans", sans, (("normal", ""),)),
    ):
        for style, suffix in styles:
            for weight in (400, 700):
                faces.append(
                    Face(family, package, f"{stem}{suffix}[wdth,wght].ttf", style, weight, LATIN)
                )
    devanagari = ("fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf")
    for weight in (400, 700):
        faces.append(Face("Noto Sans Devanagari", *devanagari, "normal", weight, DEVANAGARI))
    return tuple(faces)


FACES = _faces()
FAMILIES = tuple(dict.fromkeys(face.family for face in FACES))


class FontsMissing(RuntimeError):
    """A pinned font package is not installed (run the README's set-up)."""


def source_of(face: Face) -> Path:
    """The variable font a face is cut from, inside its installed package."""
    try:
        folder = resources.files(face.package) / "files"
    except ModuleNotFoundError as err:
        raise FontsMissing(
            f"the font package {face.package.replace('_', '-')} is not installed; "
            "run the set-up in README.md (nox installs it from uv.lock)"
        ) from err
    return Path(str(folder / face.file))


def cache_dir() -> Path:
    """Where static instances live: $UPSC_PIPELINE_CACHE, else the user's cache folder."""
    base = os.environ.get("UPSC_PIPELINE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return (root if os.environ.get("UPSC_PIPELINE_CACHE") else root / "upsc-pipeline") / "fonts"


@cache
def _digest(face: Face) -> str:
    from fontTools import version

    digest = hashlib.sha256(source_of(face).read_bytes())
    digest.update(f"{face.style}/{face.weight}/{face.ranges}/{version}".encode())
    return digest.hexdigest()[:20]


def static_path(face: Face) -> Path:
    name = face.family.replace(" ", "")
    return cache_dir() / f"{name}-{face.style}-{face.weight}-{_digest(face)}.ttf"


def _instantiate(face: Face) -> str:
    """Cut a face to its scripts and instantiate its weight; write it atomically."""
    import tempfile

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    target = static_path(face)
    font = TTFont(str(source_of(face)))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    keep = subset.Subsetter(options)
    keep.populate(unicodes=[u for low, high in face.ranges for u in range(low, high + 1)])
    keep.subset(font)
    static = instantiateVariableFont(font, {"wght": face.weight, "wdth": 100}, static=True)
    static.recalcTimestamp = False  # the source's date, not today's: the same bytes every time
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.fchmod(fd, 0o644)
    os.close(fd)
    try:
        static.save(tmp)
        data = Path(tmp).read_bytes()
        write_atomically(_seal_path(target), trust.seal(data).encode("ascii"))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return str(target)


def _seal_path(font: Path) -> Path:
    return font.with_name(font.name + ".seal")


def verified(face: Face) -> bool:
    """Whether the cached font is, byte for byte, the one this tool cut (its seal verifies)."""
    path = static_path(face)
    data, tag = read_regular(path), read_regular(_seal_path(path))
    return (
        data is not None and tag is not None and trust.verify(tag.decode("ascii", "replace"), data)
    )


@cache
def static_fonts() -> tuple[tuple[Face, Path], ...]:
    """Every face as a static font file, cutting (in parallel) those not cached, or not as cut."""
    trust.key()  # made once, here: the processes below seal with the same key
    missing = [face for face in FACES if not verified(face)]
    for face in missing:
        if static_path(face).exists():
            print(
                f"note: the cached font {static_path(face)} is not the one this tool cut "
                "(changed, truncated or unsealed); cutting it again",
                file=sys.stderr,
            )
    if missing:
        try:
            _probe(cache_dir())  # before seconds of cutting: can the cache take the result?
            _cut(missing)
        except OSError as err:
            raise UsageError(
                f"the font cache {cache_dir()} cannot be written ({err.strerror or err}); "
                "set UPSC_PIPELINE_CACHE to a writable folder"
            ) from None
    return tuple((face, static_path(face)) for face in FACES)


def _probe(folder: Path) -> None:
    """Raise OSError unless a file can be written in folder (made if missing)."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)


def _cut(faces: list[Face]) -> None:
    import multiprocessing

    workers = min(len(faces), os.cpu_count() or 1)
    if multiprocessing.current_process().daemon:  # a render worker may have no children
        workers = 1
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_instantiate, faces))
    else:
        for face in faces:
            _instantiate(face)


def font_roots() -> tuple[Path, ...]:
    """Folders the restricted fetcher may serve fonts from."""
    return (cache_dir().resolve(),)


@cache
def font_face_css() -> str:
    """@font-face rules for every face, by absolute file URL (served by the restricted fetcher)."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{path.resolve().as_uri()}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}\n"
        for face, path in static_fonts()
    )


@cache
def coverage() -> frozenset[int]:
    """Every code point some face can draw: its source's cmap within the scripts it keeps.

    Read from the variable fonts, so checking a source never waits for instancing; read by
    cmap.py, not fontTools, so a `validate` does not pay for fontTools (start-up).
    """
    from .cmap import covered

    found: set[int] = set()
    for source, faces in _by_source().items():
        found |= covered(source, faces[0].ranges)
    return frozenset(found)


def _by_source() -> dict[Path, list[Face]]:
    grouped: dict[Path, list[Face]] = {}
    for face in FACES:
        grouped.setdefault(source_of(face), []).append(face)
    return grouped


#: Characters that never need a glyph: layout controls the renderer handles itself.
_LAYOUT = frozenset(map(ord, "\n\r\t\u200c\u200d"))


def missing_glyphs(text: str) -> list[str]:
    """Characters of text no face can draw, in order of first appearance.

    Control and format characters draw nothing (content/hidden-character reports them).
    """
    known = coverage()
    if text.isascii() and _ascii_covered():
        return []  # the common case: ASCII draws, and its controls draw nothing
    odd = {
        c
        for c in set(text)  # a set first: a page of text has a hundred distinct characters
        if ord(c) not in known
        and ord(c) not in _LAYOUT
        and unicodedata.category(c) not in ("Cc", "Cf", "Cs")
    }
    return [c for c in dict.fromkeys(text) if c in odd] if odd else []


@cache
def _ascii_covered() -> bool:
    known = coverage()
    return all(code in known for code in range(0x20, 0x7F))


def describe(char: str) -> str:
    """'✓' (U+2713 CHECK MARK)."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


@cache
def subsetter() -> str:
    """Which library WeasyPrint will subset fonts with: HarfBuzz's (fast) or fontTools (slow).

    Found the way WeasyPrint finds it, without importing WeasyPrint (a no-op build stays fast).
    """
    import ctypes
    import ctypes.util

    names = ["libharfbuzz-subset.so.0", "libharfbuzz-subset-0.dll", "libharfbuzz-subset.0.dylib"]
    found = ctypes.util.find_library("harfbuzz-subset")
    for name in ([found] if found else []) + names:
        try:
            ctypes.CDLL(name)
            return "harfbuzz"
        except OSError:
            continue
    return "fonttools"
