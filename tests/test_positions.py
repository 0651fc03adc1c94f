"""JSON pointer lookups: a lookup that starts from members passed on earlier lookups (the
`seen` cache validation keeps per source) lands exactly where a fresh walk and a full scan do."""

from __future__ import annotations

import random

from pipeline.checks.positions import find, scan

from .conftest import CASES

SEED = (CASES.parent.parent / "sources" / "india-us-relations-parallel-track.json").read_text(
    encoding="utf-8"
)
# keys that need escaping, nesting in arrays and objects
ODD = (
    '{"a/b": [1, {"~k": [[2, 3], {"x": 4}]}, "s"], "n": 1, "m": [5, 6],\n'
    ' "list": [ {"id": "q1", "options": ["p", "q"]}, {"id": "q2", "options": ["r"]} ]}'
)


def test_lookups_in_any_order_agree_with_a_fresh_walk_and_a_scan():
    for text in (SEED, ODD):
        mapped = scan(text)
        pointers = [p for p in mapped.values if p]
        assert len(pointers) > 10
        for order in range(3):
            random.Random(order).shuffle(pointers)
            seen: dict[str, int] = {}
            for pointer in pointers:
                fresh = find(text, pointer)
                assert find(text, pointer, seen=seen) == fresh == mapped.values[pointer], pointer
                if pointer in mapped.keys:
                    assert find(text, pointer, key=True, seen=seen) == mapped.keys[pointer]


def test_a_missing_member_is_none_after_its_siblings_were_cached():
    seen: dict[str, int] = {}
    assert find(ODD, "/list/1/options/0", seen=seen) is not None
    assert find(ODD, "/list/1/options/1", seen=seen) is None
    assert find(ODD, "/list/2", seen=seen) is None
    assert find(ODD, "/list/0/answer", seen=seen) is None
