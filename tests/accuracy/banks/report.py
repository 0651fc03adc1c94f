"""Print what the language rules do on each development bank present (see measure.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .measure import (
    Case,
    banks,
    english_cases,
    figures,
    grouped,
    hindi_cases,
    labels,
    sample,
    translation_findings,
)

#: translation/* findings labelled per rule and bank (a fixed random sample).
TRANSLATION_SAMPLE = 25


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def _recall(cases: list[Case], bank: str, kind: str, known: dict[Any, Any]) -> dict[str, Any]:
    """Recall on the labelled sample: caught among the planted cases a reader sees contradicted."""
    picked = sample(cases, hindi=kind.startswith("hindi"))
    explicit = caught = unread = 0
    misses, stale = [], []
    for case in picked:
        label = known.get((bank, case.raw.id, kind))
        if label is None:
            unread += 1
            continue
        if label["planted"] != case.planted:
            stale.append(case.raw.id)
            continue
        if label["states"] != "explicit":
            continue
        explicit += 1
        if case.caught:
            caught += 1
        else:
            misses.append(f"{case.raw.id} (planted {case.planted}): {label['pattern']}")
    return {
        "sampled": len(picked),
        "explicit": explicit,
        "caught": caught,
        "unread": unread,
        "stale": stale,
        "misses": misses,
    }


def _alarms(cases: list[Case], bank: str, kind: str, known: dict[Any, Any]) -> dict[str, Any]:
    alarmed = [c for c in cases if c.alarms]
    true = false = 0
    unlabelled, wrong = [], []
    for case in alarmed:
        label = known.get((bank, case.raw.id, kind))
        if label is None:
            unlabelled.append(f"{case.raw.id}: {case.alarms[0][:140]}")
        elif label["true"]:
            true += 1
        else:
            false += 1
            wrong.append(f"{case.raw.id}: {label['pattern']}")
    return {
        "alarms": len(alarmed),
        "true": true,
        "false": false,
        "unlabelled": unlabelled,
        "wrong": wrong,
    }


def _translation(raws: list[Any], bank: str, known: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for rule, items in sorted(grouped(translation_findings(raws)).items()):
        ranked = sorted(
            items,
            key=lambda x: hashlib.sha256(f"{bank}:{x[0].id}{x[1]}:{rule}".encode()).hexdigest(),
        )[:TRANSLATION_SAMPLE]
        true = false = 0
        unlabelled, wrong = [], []
        for raw, pointer, message in ranked:
            label = known.get((bank, f"{raw.id}{pointer}:{rule}", "translation"))
            if label is None:
                unlabelled.append(f"{raw.id}{pointer}: {message[:120]}")
            elif label["true"]:
                true += 1
            else:
                false += 1
                wrong.append(f"{raw.id}{pointer}: {label['pattern']}")
        found[rule] = {
            "fired": len(items),
            "sampled": len(ranked),
            "true": true,
            "false": false,
            "unlabelled": unlabelled,
            "wrong": wrong,
        }
    return found


def measure_banks(root: Path) -> dict[str, dict[str, Any]]:
    """Figures per bank present under root."""
    known = labels()
    result: dict[str, dict[str, Any]] = {}
    for bank, raws in banks(root).items():
        cases = english_cases(raws)
        f = figures(bank, cases)
        entry: dict[str, Any] = {
            "questions": f.questions,
            "formats": dict(f.formats),
            "planted": f.planted,
            "caught": f.caught,
            "refused": f.refused,
            "english": {
                **_alarms(cases, bank, "alarm", known),
                **_recall(cases, bank, "planted", known),
            },
        }
        hindi = hindi_cases(raws)
        if hindi:
            entry["hindi"] = {
                "questions": len(hindi),
                "planted": sum(1 for c in hindi if c.planted),
                "caught_all": sum(1 for c in hindi if c.caught),
                **_alarms(hindi, bank, "hindi-alarm", known),
                **_recall(hindi, bank, "hindi-planted", known),
            }
            entry["translation"] = _translation(raws, bank, known)
        result[bank] = entry
    return result


def print_banks(root: Path, *, verbose: bool) -> None:
    figures_ = measure_banks(root)
    if not figures_:
        print(
            f"development banks: none found under {root} (set UPSC_BANKS; see tests/accuracy/banks/README.md)"
        )
        return
    print(f"development banks under {root}:")
    for bank, e in figures_.items():
        en = e["english"]
        per = 1000 * en["false"] / e["questions"] if e["questions"] else 0.0
        print(
            f"  {bank}: {e['questions']} questions with explanations "
            f"({', '.join(f'{k} {v}' for k, v in sorted(e['formats'].items()))})"
        )
        print(
            f"    English: alarms {en['alarms']} (labelled true {en['true']}, false {en['false']} = "
            f"{per:.1f} per 1,000); planted answers caught {_pct(e['caught'], e['planted'])}; "
            f"recall on the read sample {_pct(en['caught'], en['explicit'])} ({en['sampled'] - en['unread']} of {en['sampled']} sampled read)"
        )
        if "hindi" in e:
            hi = e["hindi"]
            per = 1000 * hi["false"] / hi["questions"] if hi["questions"] else 0.0
            print(
                f"    Hindi: {hi['questions']} explanations; alarms {hi['alarms']} (true {hi['true']}, "
                f"false {hi['false']} = {per:.1f} per 1,000); planted caught {_pct(hi['caught_all'], hi['planted'])}; "
                f"recall on the read sample {_pct(hi['caught'], hi['explicit'])} ({hi['sampled'] - hi['unread']} of {hi['sampled']} sampled read)"
            )
            for rule, t in e["translation"].items():
                print(
                    f"    {rule}: fired {t['fired']}; precision on {t['sampled']} read "
                    f"{_pct(t['true'], t['true'] + t['false'])}"
                )
        print(f"    option wordings of statement-style questions refused: {len(e['refused'])}")
        if not verbose:
            continue
        for part in ("english", "hindi"):
            if part not in e:
                continue
            for line in e[part]["misses"]:
                print(f"      {part} miss: {line}")
            for line in e[part]["wrong"]:
                print(f"      {part} false alarm: {line}")
            for line in e[part]["unlabelled"]:
                print(f"      {part} alarm not labelled: {line}")
            if e[part]["unread"]:
                print(f"      {part}: {e[part]['unread']} sampled planted cases not read yet")
            if e[part]["stale"]:
                print(f"      {part} labels to redo (planted answer changed): {e[part]['stale']}")
        for rule, t in e.get("translation", {}).items():
            for line in t["wrong"]:
                print(f"      {rule} false: {line}")
            for line in t["unlabelled"]:
                print(f"      {rule} not labelled: {line}")
        for qid, text in e["refused"]:
            print(f"      refused: {qid}: {text!r}")
