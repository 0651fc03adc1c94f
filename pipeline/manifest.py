"""build/manifest.json: what produced each source's PDFs, so unchanged sources are skipped.

An entry records the source file, a hash of its text (and its image), and a hash of
everything else that shapes the PDFs: templates, schemas, the package version and the
paper size. A build rebuilds a source when either hash changed or a PDF is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from . import SCHEMAS_DIR, TEMPLATES_DIR, __version__
from .sources import Source

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


@cache
def inputs_hash(paper: str) -> str:
    """Hash of the templates, schemas, package version and paper: a change rebuilds everything."""
    digest = hashlib.sha256(f"{__version__}\0{paper}\0".encode())
    for root in (TEMPLATES_DIR, SCHEMAS_DIR):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def source_hash(source: Source) -> str:
    digest = hashlib.sha256(source.text.encode("utf-8"))
    image = source.data.get("image", {}) if isinstance(source.data, dict) else {}
    if image.get("src"):
        from .rules.assets import resolve_asset

        with contextlib.suppress(OSError, ValueError):
            digest.update(resolve_asset(image["src"]).read_bytes())
    return digest.hexdigest()


def load(out: Path) -> Manifest:
    """The manifest in out/, or an empty one if it is missing or unreadable."""
    try:
        raw = json.loads((out / NAME).read_text(encoding="utf-8"))
        entries = {key: Entry(**value) for key, value in raw["sources"].items()}
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
