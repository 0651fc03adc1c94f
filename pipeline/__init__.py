"""Check UPSC editorial-analysis sources and render them as print-ready PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.1.0"

_CHECKOUT = Path(__file__).resolve().parent.parent
#: True when running from a clone of this repository (schemas/ and templates/ beside the package).
FROM_CHECKOUT = (_CHECKOUT / "schemas").is_dir() and (_CHECKOUT / "templates").is_dir()

# Installed (e.g. as a pre-commit hook), schemas and templates live in <prefix>/share and
# the content (sources/, assets/) is the repository the tool runs in.
PROJECT_ROOT = _CHECKOUT if FROM_CHECKOUT else Path.cwd()
_DATA = _CHECKOUT if FROM_CHECKOUT else Path(sys.prefix) / "share" / "upsc-pipeline"
SCHEMAS_DIR = _DATA / "schemas"
TEMPLATES_DIR = _DATA / "templates"
ASSETS_DIR = PROJECT_ROOT / "assets"
SOURCES_DIR = PROJECT_ROOT / "sources"
PACKS_DIR = PROJECT_ROOT / "packs"
