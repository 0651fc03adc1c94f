"""The exports the export tests read, made once per test session (shared by xdist workers).

Every export of the seed and of the bilingual fixture, in every format, through the command
line a teacher uses; the bilingual fixture also in two series, in Hindi only, and as a
collect-only HTML page; and the class pack in packs/.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest

from pipeline import model

from .conftest import CASES, ROOT, SEED, run_cli, session_dir

BILINGUAL = CASES / "valid" / "bilingual.json"
PACK = ROOT / "packs" / "india-us-defence.json"
#: Where CI and the developers keep the official IMS schemas (beside the checkout).
QTI_SCHEMAS = ROOT.parent / "shared" / "qti"

VARIANTS: dict[str, tuple[str, ...]] = {
    "all": (str(SEED), str(BILINGUAL)),
    "series": (str(BILINGUAL), "--series", "2", "--format", "moodle,qti,gift,html"),
    "hindi": (str(BILINGUAL), "--lang", "hi", "--format", "moodle,qti,html"),
    "collect": (str(BILINGUAL), "--format", "html", "--collect-only"),
    "pack": (str(PACK), "--format", "moodle,qti,gift,html"),
}


def exported(factory: pytest.TempPathFactory) -> Path:
    """<session temp>/exported/<variant>/..., written by the first worker that asks."""
    root = session_dir(factory, "exported")
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / ".done").exists():
            for name, args in VARIANTS.items():
                result = run_cli("export", *args, "--out", str(root / name))
                assert result.returncode == 0, (name, result.stdout, result.stderr)
            (root / ".done").write_text("done", encoding="utf-8")
    return root


def source_model(path: Path) -> model.Source:
    return model.load(json.loads(path.read_text(encoding="utf-8")))
