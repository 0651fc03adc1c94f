"""What the tool trusts across runs: a secret key in the user's state folder, and nothing else.

A build folder, a shard folder, a restored CI cache or the font cache can be written by
anyone who can open a pull request or hand back an artifact, so their contents prove
nothing: a manifest's hashes can be recomputed by whoever forged the files. What such a
writer cannot compute is an HMAC under a key they never saw. The tool keeps one random key
per user (`$UPSC_PIPELINE_STATE`, else `$XDG_STATE_HOME/upsc-pipeline`, else
`~/.local/state/upsc-pipeline`; mode 0600, never inside a project or a cache) and seals
with it what it writes into those places: the build manifest, the cached fonts. A seal
that does not verify means "not written by this tool for this user": the build renders
again, the font is cut again. Without a usable state folder a key lives for one run only,
so nothing from an earlier run is trusted (every build is then a full build).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import tempfile
from functools import cache
from pathlib import Path

KEY_BYTES = 32


def state_dir() -> Path:
    """Where the key lives: the user's state folder, never a project, a cache or <out>."""
    explicit = os.environ.get("UPSC_PIPELINE_STATE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME")
    return (Path(base) if base else Path.home() / ".local" / "state") / "upsc-pipeline"


@cache
def key() -> bytes:
    """This user's key: read, or made on first use; a key for this run only if neither works."""
    path = state_dir() / "key"
    try:
        return _read_key(path)
    except OSError:
        pass
    fresh = os.urandom(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(fresh)
            os.link(tmp, path)  # whole or not at all: a second process finds it complete
        finally:
            os.unlink(tmp)
    except FileExistsError:  # another process made it first, or a bad file is in the way
        try:
            return _read_key(path)
        except OSError:
            return fresh
    except OSError:
        return fresh
    return fresh


def _read_key(path: Path) -> bytes:
    """The key file's bytes, if it is this user's private regular file of the right size."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        info = os.fstat(fd)
        private = info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) == 0
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES or not private:
            raise OSError(f"{path}: not a key this tool wrote")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise OSError(f"{path}: owned by another user")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise OSError(f"{path}: not a key this tool wrote")
    return data


def seal(*parts: bytes) -> str:
    """An HMAC of parts under this user's key: only this tool, for this user, can make it."""
    mac = hmac.new(key(), digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def verify(tag: object, *parts: bytes) -> bool:
    """Whether tag is the seal of parts (compared in constant time)."""
    return isinstance(tag, str) and hmac.compare_digest(tag, seal(*parts))
