"""`python -m pipeline merge SHARD...`: join the build folders of sharded builds into one.

Each shard (`build --shard K/N`) renders a disjoint share of the targets into its own
folder with its own manifest; merge copies every target's files into one folder and writes
one manifest, the same a full build would have written.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..diagnostics import UsageError, clean
from . import manifest
from .outputs import folder_of, locked


def merge(folders: list[Path], out: Path) -> int:
    combined = manifest.Manifest()
    sources: dict[str, Path] = {}
    for folder in folders:
        if not (folder / manifest.NAME).is_file():
            raise UsageError(f"{folder}: no {manifest.NAME}; is it the --out of a build?")
        for key, entry in manifest.load(folder).entries.items():
            if key in combined.entries and combined.entries[key] != entry:
                raise UsageError(
                    f"{clean(key)} was built differently in {sources[key]} and {folder}"
                )
            combined.entries[key] = entry
            sources[key] = folder
    with locked(out):
        for key, entry in sorted(combined.entries.items()):
            source, target = folder_of(sources[key], key), folder_of(out, key)
            target.mkdir(parents=True, exist_ok=True)
            for name in entry.outputs:
                shutil.copyfile(source / name, target / f".{name}.tmp")
                (target / f".{name}.tmp").replace(target / name)
        manifest.save(out, combined)
    print(
        f"merged {len(combined.entries)} targets from {len(folders)} shards into {out}/",
        file=sys.stdout,
    )
    return 0
