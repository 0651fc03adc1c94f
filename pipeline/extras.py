"""Optional parts of the install: `scan` needs libraries an editor's install leaves out.

`pip install upsc-pipeline` (or `uv tool install`, `pipx install`) gives validate and build;
reading filled answer sheets needs the `scan` extra (OpenCV, numpy, zxing-cpp, pypdfium2,
about 225 MB), and so does `score` (numpy, for its item analysis). Without them `scan` and
`score` say how to add them, naming the install it runs from.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from . import HOME as PUBLISHED
from . import __version__
from .diagnostics import UsageError

#: The modules `scan` imports, and the packages that provide them.
SCAN = {
    "cv2": "opencv-python-headless",
    "numpy": "numpy",
    "zxingcpp": "zxing-cpp",
    "pypdfium2": "pypdfium2",
}
#: Where the tool is published; a git install records its own URL (PEP 610), used instead.
HOME = f"git+{PUBLISHED}@v{__version__}"


def missing(modules: dict[str, str]) -> list[str]:
    """The packages whose modules cannot be imported here."""
    return [package for module, package in modules.items() if not _importable(module)]


def require_scan() -> None:
    """A usage error saying how to install the scan extra, unless its libraries are here."""
    absent = missing(SCAN)
    if absent:
        raise UsageError(
            "reading answer sheets needs the optional `scan` libraries (OpenCV, numpy, "
            f"zxing-cpp, pypdfium2), and this install has no {', '.join(absent)}.",
            hint=_scan_hint(),
        )


def require_numpy() -> None:
    """`score`'s item analysis computes in numpy, one of the scan extra's libraries."""
    if missing({"numpy": "numpy"}):
        raise UsageError(
            "scoring a class (its item analysis) needs numpy, one of the optional `scan` "
            "libraries, and this install has no numpy.",
            hint=_scan_hint(),
        )


def _scan_hint() -> str:
    origin = _installed_from()
    spec = f"upsc-pipeline[scan] @ {origin}"
    pins = _constraints(origin)  # a reinstall resolves every library again: keep the locked ones
    return (
        "Add them by installing the tool with its scan extra, as you installed it:\n"
        f"  uv tool install --reinstall '{spec}' --constraints {pins}\n"
        f"  pipx install --force '{spec}' --pip-args='--constraint {pins}'\n"
        f"  {Path(sys.executable).name} -m pip install '{spec}' -c {pins}   (in a virtualenv)\n"
        "or, in a checkout of the tool: uv sync --extra scan"
    )


def _constraints(origin: str) -> str:
    """The constraints.txt published with the release installed from `origin` (README)."""
    url, _, revision = origin.removeprefix("git+").partition("@")
    if url.startswith("https://github.com/") and revision:
        return f"{url.removesuffix('.git')}/raw/{revision}/constraints.txt"
    if url.startswith("file://"):
        return f"{url.removeprefix('file://')}/constraints.txt"
    return f"{PUBLISHED}/raw/v{__version__}/constraints.txt"


def broken_install(err: ImportError) -> UsageError:
    """What to say when a library the tool needs cannot be imported, and how to repair it."""
    name = (err.name or str(err)).split(".")[0]
    if name in SCAN:
        try:
            require_scan()
        except UsageError as scan:
            return scan
    origin = _installed_from()
    spec, pins = f"upsc-pipeline @ {origin}", _constraints(origin)
    return UsageError(
        f"this install of upsc-pipeline is incomplete: the library '{name}' cannot be imported "
        f"({type(err).__name__}: {err})",
        hint="Reinstall the tool as you installed it, e.g.\n"
        f"  uv tool install --reinstall '{spec}' --constraints {pins}\n"
        f"  pipx install --force '{spec}' --pip-args='--constraint {pins}'\n"
        "or, in a checkout of the tool: uv sync (the nox sessions do it for you)",
    )


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _installed_from() -> str:
    """The URL (and tag) this copy was installed from, or the project's home."""
    from importlib import metadata

    try:
        recorded = metadata.distribution("upsc-pipeline").read_text("direct_url.json")
        origin = json.loads(recorded or "{}")
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return HOME
    url = origin.get("url") if isinstance(origin, dict) else None
    vcs = origin.get("vcs_info") if isinstance(origin, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "file://")):
        return HOME
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        revision = vcs.get("requested_revision")
        return f"git+{url}" + (f"@{revision}" if isinstance(revision, str) else "")
    return url
