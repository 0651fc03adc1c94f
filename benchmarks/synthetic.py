"""Synthetic but realistic sources for benchmarks: the seed with varied ids, facts and questions.

Every generated source is valid: statement flags are drawn at random among the sets the
options name, the answer is derived from them, and the explanation states each verdict.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "india-us-relations-parallel-track.json"
BILINGUAL = ROOT / "tests" / "cases" / "valid" / "bilingual.json"

CODES = [
    ("1 and 2 only", {1, 2}),
    ("2 only", {2}),
    ("1 and 3 only", {1, 3}),
    ("1, 2 and 3", {1, 2, 3}),
]
FACT_TEXTS = [
    ("Malabar is a naval exercise with Quad partners.", ["defence-cooperation"]),
    ("Yudh Abhyas is a joint army exercise.", ["defence-cooperation"]),
    ("The 123 Agreement was signed in 2008.", ["india-us-relations"]),
    ("2+2 Ministerial Dialogues are held regularly.", ["diplomacy"]),
    ("Supply chain resilience is a pillar of IPEF.", ["supply-chains", "ipef"]),
]


def make_source(index: int, rng: random.Random) -> dict:
    data = copy.deepcopy(json.loads(SEED.read_text(encoding="utf-8")))
    data["id"] = f"bench-{index:05d}"
    data["title"] = f"{data['title']} (part {index})"
    extra = rng.sample(FACT_TEXTS, k=rng.randint(1, len(FACT_TEXTS)))
    for n, (text, tags) in enumerate(extra):
        data["key_facts"].append({"id": f"extra-fact-{n}", "text": text, "tags": tags})
    seed_question = data["questions"][0]
    seed_question.pop("hi", None)  # the variants change the English; Hindi is benched apart
    questions = []
    for n in range(rng.randint(3, 6)):
        question = copy.deepcopy(seed_question)
        question["id"] = f"q{n + 1}"
        label, (code, wanted) = rng.choice(list(zip("ABCD", CODES, strict=True)))
        for number, statement in enumerate(question["statements"], 1):
            statement["correct"] = number in wanted
        question["answer"] = label
        question["explanation"] = " ".join(
            f"Statement {number} is {'correct' if number in wanted else 'incorrect'}: {s['text']}"
            for number, s in enumerate(question["statements"], 1)
        )
        question["facts"] = ["key-defence-agreements", f"extra-fact-{rng.randrange(len(extra))}"]
        questions.append(question)
    data["questions"] = questions
    return data


def write_sources(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data = make_source(index, rng)
        data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def english_only(value: object) -> object:
    """A document without its Hindi ("hi" everywhere)."""
    if isinstance(value, dict):
        return {k: english_only(v) for k, v in value.items() if k != "hi"}
    if isinstance(value, list):
        return [english_only(v) for v in value]
    return value


def write_seed_copies(folder: Path, count: int) -> list[Path]:
    """Copies of the seed editorial, English only, each under its own id: sources of real size
    (long article texts, a real explanation), as a content team's repository holds them."""
    seed = english_only(json.loads(SEED.read_text(encoding="utf-8")))
    assert isinstance(seed, dict)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data = dict(seed, id=f"seed-copy-{index:05d}")
        data["$schema"] = str(ROOT / "schemas" / "editorial.schema.json")
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths
