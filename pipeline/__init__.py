"""Check UPSC editorial-analysis sources and render them as print-ready PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.3.0"
#: Where the tool is published (README's `https://github.com/ORG/upsc-pipeline` stands for it).
HOME = "https://github.com/ORG/upsc-pipeline"

_CHECKOUT = Path(__file__).resolve().parent.parent
#: True when running from a clone of this repository (schemas/ and templates/ beside the package).
FROM_CHECKOUT = (_CHECKOUT / "schemas").is_dir() and (_CHECKOUT / "templates").is_dir()

# The tool's own data. In a clone it is the repository's schemas/ and templates/, where
# editors and designers find them; installed (pipx, uv tool, a pre-commit hook) it is
# packaged inside as pipeline/data/ (files beside this one in every installer's layout; no
# importlib.resources, which costs 14 ms of start-up). Where the content is (sources/,
# packs/, assets/) comes from the project's configuration (pipeline/config.py).
_DATA = _CHECKOUT if FROM_CHECKOUT else Path(__file__).resolve().parent / "data"
SCHEMAS_DIR = _DATA / "schemas"
TEMPLATES_DIR = _DATA / "templates"


def program() -> str:
    """The name the tool was started by, for messages that tell the user what to run.

    `python -m pipeline` in a checkout (and the nox sessions), `upsc-pipeline` installed
    (uv tool, pipx, the pre-commit hook) or called from Python.
    """
    started = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m pipeline" if started == "__main__.py" else "upsc-pipeline"


def rule_url(rule_id: str) -> str:
    """A rule's documentation, in this release's docs/rules.md (SARIF helpUri, `rules RULE`)."""
    return f"{HOME}/blob/v{__version__}/docs/rules.md#{rule_id.replace('/', '-')}"
