"""`python -m pipeline merge SHARD...`: join the build folders of sharded builds into one.

Each shard (`build --shard K/N`) renders a disjoint share of the targets into its own
folder with its own manifest; merge copies every target's files into one folder and writes
one manifest, the same a full build would have written. It is sealed only if every shard's
manifest carries this user's seal (CI jobs that share a key, see docs/security.md):
otherwise the files were written by machines this one cannot vouch for, and a later build
into the merged folder renders them again.

A shard is an artifact handed back by a CI runner: nothing in it is trusted. Its manifest
must come from this version of the tool, name only target keys and output file names,
and every file it lists must be a regular file (never a link) with the bytes its hash
says. Everything is checked and copied into a hidden folder inside --out first; only
then are the files moved into place, so a bad shard leaves --out as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from .. import __version__
from ..diagnostics import UsageError, clean
from . import manifest
from .outputs import check_out, folder_of, locked, make_folder, open_regular, real_folder


def merge(folders: list[Path], out: Path) -> int:
    combined = manifest.Manifest()
    origin: dict[str, Path] = {}
    vouched = True
    for folder in folders:
        found, sealed = _shard(folder)
        vouched = vouched and sealed
        for key, entry in found.entries.items():
            if key in combined.entries and combined.entries[key] != entry:
                raise UsageError(f"{key} was built differently in {origin[key]} and {folder}")
            combined.entries[key] = entry
            origin[key] = folder
    check_out(out)
    with locked(out):
        staging = Path(tempfile.mkdtemp(dir=out, prefix=".merge-"))
        try:
            for key, entry in sorted(combined.entries.items()):
                _stage(origin[key], key, entry, staging)
            for key in sorted(combined.entries):
                make_folder(out, key)
            for key, entry in sorted(combined.entries.items()):
                for name in entry.outputs:
                    (folder_of(staging, key) / name).replace(folder_of(out, key) / name)
            manifest.save(out, combined, sealed=vouched)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print(
        f"merged {len(combined.entries)} targets from {len(folders)} shards into {out}/",
        file=sys.stdout,
    )
    return 0


def _shard(folder: Path) -> tuple[manifest.Manifest, bool]:
    """A shard's manifest, checked (this version, naming nothing but outputs), and whether
    it carries this user's seal."""
    where = clean(str(folder))
    try:
        raw, found = manifest.read(folder)
    except FileNotFoundError:
        raise UsageError(
            f"{where}: no {manifest.NAME} (a regular file); is it the --out of a build?"
        ) from None
    except (OSError, ValueError) as err:
        raise UsageError(f"{where}/{manifest.NAME}: {clean(str(err))}") from None
    version = raw.get("version")
    if version != __version__:
        raise UsageError(
            f"{where} was built by upsc-pipeline {clean(str(version))}, this is {__version__}; "
            "build every shard with the same version"
        )
    return found, manifest.sealed_by_us(raw)


def _stage(shard: Path, key: str, entry: manifest.Entry, staging: Path) -> None:
    """Copy key's files from shard into staging, each a regular file with its recorded hash."""
    source = real_folder(shard, key)
    if source is None:
        raise UsageError(
            f"{clean(str(shard))}/{key} is missing or a symbolic link; rebuild that shard"
        )
    target = make_folder(staging, key)
    for name, digest in entry.outputs.items():
        copied = hashlib.sha256()
        with open_regular(source / name) as handle:
            if handle is None:
                raise UsageError(
                    f"{clean(str(source / name))} is missing or not a regular file; "
                    "rebuild that shard"
                )
            with open(target / name, "wb") as copy:
                while chunk := handle.read(1 << 20):
                    copied.update(chunk)
                    copy.write(chunk)
        if copied.hexdigest() != digest:
            raise UsageError(
                f"{clean(str(source / name))} is not the file its manifest records; "
                "rebuild that shard"
            )
