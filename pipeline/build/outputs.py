"""Writing build outputs: atomically, only inside <out>/<key>/, one build at a time."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import UsageError

#: What a build may write in <out>/<key>/; anything else there is left alone.
OUTPUT_PATTERNS = ("*.pdf", "*.html", "answer-key.json", "answer-sheet.json")
#: A target key: a source id, or packs/<pack name>. Nothing else names a folder under <out>.
KEY = re.compile(r"(?:packs/)?[a-z0-9]+(?:-[a-z0-9]+)*")
LOCK = ".build.lock"


def folder_of(out: Path, key: str) -> Path:
    """<out>/<key>, refusing any key that could lead elsewhere (a tampered manifest)."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a target key: {key!r}")
    return out / key


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_outputs(folder: Path) -> bool:
    """Remove the PDFs, previews and keys of a target that no longer builds."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    removed = False
    for pattern in (*OUTPUT_PATTERNS, ".*.tmp"):
        for target in folder.glob(pattern):
            if target.is_file() and not target.is_symlink():
                target.unlink(missing_ok=True)
                removed = True
    with contextlib.suppress(OSError):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


def sweep_temporary_files(out: Path) -> None:
    """Remove temporary files a killed worker may have left (never a finished file)."""
    for leftover in (*out.glob("*/.*.tmp"), *out.glob("packs/*/.*.tmp")):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold <out>/.build.lock for the whole build; a second build into <out> is refused."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / LOCK, "a+")  # noqa: SIM115 - held for the block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another build is writing to {out}/; wait for it to finish, or build into another --out"
            ) from None
        yield
    finally:
        handle.close()
