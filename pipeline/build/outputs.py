"""Writing build outputs: atomically, only inside <out>/<key>/, one build at a time.

<out> is a folder anyone may have written to (a committed `build/`, a restored cache), so
what it may hold is decided here, not read from it: a target's folder is a real folder
made by the tool (a symbolic link is refused, never followed), a file is read without
following links, and only files the tool wrote (named in a sealed manifest, bytes
unchanged) are ever deleted. A folder that is neither new, empty nor a build folder (it has
no build manifest.json) is refused as --out: it holds someone's files.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Mapping
from io import BufferedReader
from pathlib import Path

from ..diagnostics import UsageError

#: A target key: a source id, or packs/<pack name>. Nothing else names a folder under <out>.
KEY = re.compile(r"(?:packs/)?[a-z0-9]+(?:-[a-z0-9]+)*")
#: What a build may write in <out>/<key>/: documents (a series' carry its letter) and the keys.
OUTPUT_NAME = re.compile(r"[a-z]+(?:-[a-z]+)*(?:-[A-D])?\.(?:pdf|html)|answer-(?:key|sheet)\.json")
#: What write_atomically leaves if killed: ".<output name>.<8 random characters>.tmp".
_TEMPORARY = re.compile(rf"\.(?:{OUTPUT_NAME.pattern})\.[a-z0-9_]{{8}}\.tmp")
LOCK = ".build.lock"
#: Where `export` writes by default, inside a build folder (`build/export`).
EXPORTS = "export"
MANIFEST = "manifest.json"
#: Far more than the manifest of thousands of targets; a bigger one is not read (memory).
MANIFEST_MAX_BYTES = 64 * 1024 * 1024


def folder_of(out: Path, key: str) -> Path:
    """<out>/<key>, refusing any key that could lead elsewhere (a tampered manifest)."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a target key: {key!r}")
    return out / key


def check_out(out: Path, *, what: str = "--out") -> None:
    """Refuse an <out> that is a link, a file, or a folder of someone else's files."""
    try:
        info = out.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(
            f"{what} {out} is a symbolic link; a build writes only into a real folder. "
            f"Pass the folder it points to as {what} if you mean it, or remove the link"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{what} {out} is a file, not a folder; choose another {what}")
    with os.scandir(out) as entries:
        names = {entry.name for entry in entries if not _own_leftover(entry.name, entry)}
    if names and not _manifest_like(out / MANIFEST):
        raise UsageError(
            f"{what} {out} holds files the tool did not write (it has no build {MANIFEST}); "
            f"a build never writes into or deletes from such a folder: choose a new or empty {what}"
        )


def _manifest_like(path: Path) -> bool:
    """Whether path is shaped like a build manifest (not whether it is true: see manifest.py)."""
    data = read_regular(path, limit=MANIFEST_MAX_BYTES)
    try:
        raw = json.loads(data) if data is not None else None
    except (ValueError, RecursionError):
        return False
    return isinstance(raw, dict) and "version" in raw and isinstance(raw.get("sources"), dict)


def _own_leftover(name: str, entry: os.DirEntry[str]) -> bool:
    """The lock, what an interrupted build or merge leaves (its temporary files), or the real
    folder `export` writes to by default (<out>/export), so that exporting first is no bar."""
    if name == EXPORTS:
        return entry.is_dir(follow_symlinks=False)
    return name == LOCK or name.startswith((".merge-", f".{MANIFEST}."))


def make_out(out: Path, *, what: str = "--out") -> None:
    """Create <out> as real folders. Inside the current folder every step of it must be a real
    folder (a committed `build` link is refused, never followed); outside it, <out> itself."""
    here = Path.cwd()
    absolute = out if out.is_absolute() else here / out
    if absolute.is_relative_to(here):
        parts = absolute.relative_to(here).parts
        steps = [here.joinpath(*parts[: n + 1]) for n in range(len(parts))]
    else:
        absolute.parent.mkdir(parents=True, exist_ok=True)
        steps = [absolute]
    for step in steps:
        with contextlib.suppress(FileExistsError):
            step.mkdir()
        info = step.lstat()
        shown = step.relative_to(here) if step.is_relative_to(here) else step
        if stat.S_ISLNK(info.st_mode):
            raise UsageError(
                f"{what} {out}: {shown} is a symbolic link; files are written only into real "
                f"folders. Remove the link (its target is not touched), or pass the folder it "
                f"points to as {what}"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise UsageError(
                f"{what} {out}: {shown} is a file, not a folder; choose another {what}"
            )


def make_folder(out: Path, key: str) -> Path:
    """Create <out>/<key> as real folders; a link or a file on the way is a usage error."""
    folder = out
    for part in folder_of(out, key).relative_to(out).parts:
        folder = folder / part
        try:
            folder.mkdir()
        except FileExistsError:
            info = folder.lstat()
            if not stat.S_ISDIR(info.st_mode):
                kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a folder"
                raise UsageError(
                    f"{folder} is {kind}; a build writes only into folders it made. "
                    "Remove it (a link's target is not touched) and build again"
                ) from None
    return folder


def real_folder(out: Path, key: str) -> Path | None:
    """<out>/<key> if every step of it is a real folder (no links), else None."""
    folder = out
    for part in folder_of(out, key).relative_to(out).parts:
        folder = folder / part
        try:
            if not stat.S_ISDIR(folder.lstat().st_mode):
                return None
        except OSError:
            return None
    return folder


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BufferedReader | None]:
    """A regular file opened for reading, never through a symbolic link; None if it is not."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        yield None
        return
    with os.fdopen(fd, "rb") as handle:
        yield handle if stat.S_ISREG(os.fstat(fd).st_mode) else None


def read_regular(path: Path, *, limit: int | None = None) -> bytes | None:
    """A regular file's bytes (at most limit), never through a link; None if it is not one."""
    try:
        with open_regular(path) as handle:
            if handle is None or (limit is not None and os.fstat(handle.fileno()).st_size > limit):
                return None
            return handle.read()
    except OSError:
        return None


def file_hash(path: Path) -> str | None:
    """sha256 of a regular file's bytes (not through a link); None if there is no such file."""
    try:
        with open_regular(path) as handle:
            return None if handle is None else hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename: readers see old or new, never half.

    The rename replaces whatever is at path, a symbolic link included, never its target.
    A failure (a full disk says only "No space left on device") names path.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        err.filename = err.filename or str(path)
        raise
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError) and err.filename is None:
            err.filename = str(path)
        raise


def remove_written(out: Path, key: str, written: Mapping[str, str]) -> None:
    """Remove the files the tool wrote for key (names and hashes from a sealed manifest).

    A file whose bytes changed since is not the tool's any more and stays, as does anything
    else in the folder; the folder goes only if that leaves it empty.
    """
    folder = real_folder(out, key)
    if folder is None:
        return
    for name, digest in written.items():
        if OUTPUT_NAME.fullmatch(name) and file_hash(folder / name) == digest:
            (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if empty
        if key.startswith("packs/"):
            folder.parent.rmdir()


def sweep_temporary_files(out: Path, keys: list[str]) -> None:
    """Remove temporary files a killed worker may have left in the folders of keys."""
    for key in keys:
        folder = real_folder(out, key)
        if folder is None:
            continue
        for leftover in folder.glob(".*.tmp"):
            if _TEMPORARY.fullmatch(leftover.name) and _is_regular(leftover):
                leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold <out>/.build.lock for the whole build; a second build into <out> is refused.

    The lock file is opened without following a link: a link planted there is refused,
    and its target is never created.
    """
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as err:
        if _is_regular(path) or not path.is_symlink():
            raise
        raise UsageError(
            f"{path} is a symbolic link, not the tool's lock file; remove it (its target is "
            "not touched) and build again"
        ) from err
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"{path} is not a file; remove it and build again")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another build is writing to {out}/; wait for it to finish, or build into another --out"
            ) from None
        yield
    finally:
        os.close(fd)
