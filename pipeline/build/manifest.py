"""build/manifest.json: what produced each target's files, so unchanged targets are skipped.

An entry records the source (or pack) file, a hash of its content (its text, its image and
whatever an SVG image embeds; for a pack, every source it draws on), and a hash of
everything else that shapes the bytes: templates, schemas, the code, the versions of the
rendering libraries, fonts, SOURCE_DATE_EPOCH, the paper and the series. A build rebuilds a
target when either hash changed or a file it wrote is missing or not the bytes it wrote
(each output's sha256 is recorded).

<out> is untrusted (a committed build/, a restored cache): the manifest is sealed with the
user's key (trust.py) and one whose seal does not verify claims nothing. Every field is
checked, so no entry can name anything outside <out>/<key>/.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import SCHEMAS_DIR, TEMPLATES_DIR, __version__
from ..checks.sources import Source
from ..diagnostics import clean
from . import trust
from .outputs import (
    KEY,
    MANIFEST,
    MANIFEST_MAX_BYTES,
    OUTPUT_NAME,
    file_hash,
    read_regular,
    real_folder,
    write_atomically,
)

NAME = MANIFEST
_FIELDS = ("source", "source_hash", "inputs_hash", "outputs")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Entry:
    source: str
    source_hash: str
    inputs_hash: str
    #: Every file the build wrote for the target, by name, with the sha256 of its bytes.
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)

    def is_current(
        self, key: str, source_hash: str, inputs_hash: str, out: Path, wanted: list[str]
    ) -> bool:
        """True if the recorded build used the same inputs and every file it wrote is on disk,
        byte for byte (a file replaced since, or reached through a link, is not current)."""
        entry = self.entries.get(key)
        if (
            entry is None
            or entry.source_hash != source_hash
            or entry.inputs_hash != inputs_hash
            or not set(wanted) <= set(entry.outputs)
        ):
            return False
        folder = real_folder(out, key)
        return folder is not None and all(
            file_hash(folder / name) == digest for name, digest in entry.outputs.items()
        )


#: Libraries whose version changes the bytes of a PDF.
def _subsetter() -> str:
    from .render.fonts import subsetter

    return subsetter()


def _world_map() -> str:
    from .render.naturalearth import fingerprint

    return fingerprint()


RENDERING_PACKAGES = (
    "fontpkg-noto-serif",
    "fontpkg-noto-sans",
    "fontpkg-noto-sans-devanagari",
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "cssselect2",
    "Jinja2",
    "pygal_maps_world",
    "Pillow",
)
_CODE = Path(__file__).resolve().parent


@cache
def inputs_hash(paper: str) -> str:
    """Hash of everything but the content that shapes the bytes: a change rebuilds everything."""
    digest = hashlib.sha256(f"{__version__}\0{paper}\0".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    digest.update(f"subsetter={_subsetter()}\0".encode())
    digest.update(f"worldmap={_world_map()}\0".encode())  # the outlines the maps are drawn from
    for package in RENDERING_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none\0".encode())
    for root, pattern in ((TEMPLATES_DIR, "*"), (SCHEMAS_DIR, "*"), (_CODE, "*.py"), *font_roots()):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def font_roots() -> tuple[tuple[Path, str], ...]:
    """The variable fonts the static faces are cut from (their file names carry the digest)."""
    from .render.fonts import FACES, source_of

    return tuple(dict.fromkeys((source_of(face).parent, "*.ttf") for face in FACES))


def source_hash(source: Source) -> str:
    """The source's text, its image, and every asset an SVG image refers to."""
    digest = hashlib.sha256(source.text.encode("utf-8"))
    image = source.data.get("image", {}) if isinstance(source.data, dict) else {}
    if image.get("src"):
        from ..checks.rules.assets import embedded_assets, resolve_asset

        with contextlib.suppress(OSError, ValueError):
            path = resolve_asset(image["src"])
            digest.update(path.read_bytes())
            for other in embedded_assets(path):
                digest.update(other.read_bytes())
    return digest.hexdigest()


def parse(raw: object) -> Manifest:
    """A manifest's entries, checked field by field; ValueError names the first bad one.

    Nothing in it is trusted: a key must be a target key and an output a name the build
    writes, so no entry can lead outside <out>/<key>/.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict):
        raise ValueError("not a build manifest (no 'sources' table)")
    entries: dict[str, Entry] = {}
    for key, value in raw["sources"].items():
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise ValueError(f"{clean(str(key))!r} is not a target key")
        if not isinstance(value, dict) or set(value) != set(_FIELDS):
            raise ValueError(f"{key}: an entry has exactly {', '.join(_FIELDS)}")
        if not all(isinstance(value[name], str) for name in _FIELDS[:3]):
            raise ValueError(f"{key}: source and hashes must be strings")
        outputs = value["outputs"]
        if not isinstance(outputs, dict) or not all(
            isinstance(name, str)
            and OUTPUT_NAME.fullmatch(name)
            and isinstance(digest, str)
            and _SHA256.fullmatch(digest)
            for name, digest in outputs.items()
        ):
            raise ValueError(
                f"{key}: outputs must map file names the build writes to sha256 hashes"
            )
        entries[key] = Entry(value["source"], value["source_hash"], value["inputs_hash"], outputs)
    return Manifest(entries)


def read(out: Path) -> tuple[dict[str, object], Manifest]:
    """The manifest file in out/ as written (never through a link), and its checked entries.

    Raises ValueError (bad content) or OSError (no such regular file).
    """
    data = read_regular(out / NAME, limit=MANIFEST_MAX_BYTES)
    if data is None:
        raise FileNotFoundError(
            errno.ENOENT, "no manifest (or not a regular file)", str(out / NAME)
        )
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply to be a build manifest") from None
    return raw if isinstance(raw, dict) else {}, parse(raw)


def load(out: Path) -> Manifest:
    """The manifest in out/ if this tool wrote it for this user (its seal verifies), else empty.

    A manifest anyone else wrote (a committed build/, a restored cache, another machine's
    shard) claims nothing: every target it lists is rendered again, and none of its files
    is deleted.
    """
    try:
        raw, manifest = read(out)
    except (OSError, ValueError):
        return Manifest()
    return manifest if sealed_by_us(raw) else Manifest()


def sealed_by_us(raw: dict[str, object]) -> bool:
    """Whether a manifest's seal verifies under this user's key (a key CI jobs can share)."""
    return raw.get("version") == __version__ and trust.verify(raw.get("seal"), _sealed(raw))


def save(out: Path, manifest: Manifest, *, sealed: bool = True) -> None:
    """Write the manifest atomically; sealed, it vouches for its files in a later build."""
    data: dict[str, object] = {
        "version": __version__,
        "sources": {k: asdict(v) for k, v in sorted(manifest.entries.items())},
    }
    if sealed:
        data["seal"] = trust.seal(_sealed(data))
    text = json.dumps(data, indent=2) + "\n"
    write_atomically(out / NAME, text.encode("utf-8"))


def _sealed(raw: dict[str, object]) -> bytes:
    """The bytes a seal covers: the version and every entry, canonically."""
    body = {"version": raw.get("version"), "sources": raw.get("sources")}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
