"""build/manifest.json: what produced each target's files, so unchanged targets are skipped.

An entry records the source (or pack) file, a hash of its content (its text, its image and
whatever an SVG image embeds; for a pack, every source it draws on), and a hash of
everything else that shapes the bytes: templates, schemas, the code, the versions of the
rendering libraries, fonts, SOURCE_DATE_EPOCH, the paper and the series. A build rebuilds a
target when either hash changed or a file is missing. Keys that are not target keys (a
tampered manifest) are dropped, so nothing outside <out>/<key>/ is ever touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import SCHEMAS_DIR, TEMPLATES_DIR, __version__
from ..checks.sources import Source
from .outputs import KEY

NAME = "manifest.json"


@dataclass
class Entry:
    source: str
    source_hash: str
    inputs_hash: str
    outputs: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)

    def is_current(
        self, source_id: str, source_hash: str, inputs_hash: str, folder: Path, wanted: list[str]
    ) -> bool:
        """True if the recorded build used the same inputs and every wanted file is there."""
        entry = self.entries.get(source_id)
        return (
            entry is not None
            and entry.source_hash == source_hash
            and entry.inputs_hash == inputs_hash
            and set(wanted) <= set(entry.outputs)
            and all((folder / name).is_file() for name in entry.outputs)
        )


#: Libraries whose version changes the bytes of a PDF.
def _subsetter() -> str:
    from .render.fonts import subsetter

    return subsetter()


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


def load(out: Path) -> Manifest:
    """The manifest in out/, or an empty one if it is missing or unreadable."""
    try:
        raw = json.loads((out / NAME).read_text(encoding="utf-8"))
        entries = {
            key: Entry(**value) for key, value in raw["sources"].items() if KEY.fullmatch(key)
        }
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()
    return Manifest(entries)


def save(out: Path, manifest: Manifest) -> None:
    """Write the manifest atomically."""
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "version": __version__,
        "sources": {k: asdict(v) for k, v in sorted(manifest.entries.items())},
    }
    fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{NAME}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.write("\n")
        os.replace(tmp, out / NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
