"""Failures of the machine, not of the content: what each means and what to do about it.

A full disk, a read-only checkout, a name too long for the file system, a symbolic-link
loop, a file nested deeper than any parser goes, a console that cannot print Hindi: none
is a bug in the tool, and none may end as a traceback or an "internal error". The command
line maps every such exception here, in one place, to one line naming the file (when the
system says which) and the remedy, and exits 2.
"""

from __future__ import annotations

import errno

from .diagnostics import clean

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "run where the tool may write, or write somewhere else: --out, --dir, --output",
    errno.EACCES: "make it writable (or readable), or write somewhere else: --out, --dir, --output",
    errno.EPERM: "make it writable, or write somewhere else: --out, --dir, --output",
    errno.ENAMETOOLONG: "use a shorter id or path",
    errno.ELOOP: "a symbolic link loops, or is refused here: remove the link",
    errno.ENOTDIR: "a file is in the way where a folder is needed: remove it or choose "
    "another path",
    errno.EEXIST: "a file is in the way (where a folder is needed?): remove it or choose "
    "another path",
    errno.EISDIR: "a folder is where a file is needed: choose a file",
    errno.EIO: "the device failed: check the disk",
    errno.EMFILE: "raise the limit (ulimit -n) or use fewer --jobs",
}


def explain(err: BaseException) -> str | None:
    """One line for a failure of the system or of a file's format; None for anything else."""
    if isinstance(err, OSError):
        return _os_error(err)
    if isinstance(err, RecursionError):
        return (
            "a file is nested too deeply to read (thousands of levels of brackets); "
            "no real configuration, source or manifest is: look for a damaged or generated file"
        )
    if isinstance(err, UnicodeEncodeError):
        return (
            f"this terminal's encoding ({err.encoding}) cannot show "
            f"{clean(err.object[err.start : err.end])!r}: set PYTHONIOENCODING=utf-8, or write "
            "the report to a file with --output"
        )
    if isinstance(err, UnicodeDecodeError):
        return f"a file is not UTF-8 text (byte {err.start}: {clean(err.reason)}): save it as UTF-8"
    if isinstance(err, RuntimeError) and str(err).startswith("Symlink loop"):  # Path.resolve
        return f"{clean(str(err))}: a symbolic link loops; remove the link"
    if isinstance(err, MemoryError):
        return "ran out of memory: use fewer --jobs, or a machine with more memory"
    return None


def _os_error(err: OSError) -> str:
    what = err.strerror or type(err).__name__
    advice = _ADVICE.get(err.errno or 0)
    where = ""
    if err.filename is not None:
        where = f"{clean(str(err.filename))}: "
        if err.filename2 is not None:
            where = f"{clean(str(err.filename))} -> {clean(str(err.filename2))}: "
    return f"{where}{clean(what)}" + (f" ({advice})" if advice else "")
