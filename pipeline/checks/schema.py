"""The local registry of schemas/, and schema errors -> diagnostics.

Schemas reference each other by relative file name; the registry holds every file in
schemas/ and retrieves nothing else, so validation never touches the network.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import SCHEMAS_DIR
from ..diagnostics import Diagnostic, Severity
from .positions import pointer_of
from .sources import Source

if TYPE_CHECKING:  # jsonschema is imported only to explain a failing document (0.2 s)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry, Resource

EDITORIAL_SCHEMA = "editorial.schema.json"


def _refuse_retrieval(uri: str) -> Resource:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry() -> Registry:
    """Every schema file in schemas/, keyed by its file name; nothing is ever fetched."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # Without its $schema a referenced schema is checked by our validator class (below),
        # not by the stock one that $schema would pick.
        contents.pop("$schema", None)
        resources.append((path.name, DRAFT202012.create_resource(contents)))
    return Registry(retrieve=_refuse_retrieval).with_resources(resources)  # type: ignore[call-arg]


@cache
def validator(name: str = EDITORIAL_SCHEMA) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, validators

    schema = registry().contents(name)
    strict = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})
    return strict(schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """`pattern` as JSON Schema means it: `$` is the end of the text (ECMA-262), where Python's
    `$` also matches before a final newline (so "q1\\n" would pass ^[a-z0-9]+$)."""
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not re.search(_ecma(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma(pattern: str) -> str:
    """pattern with every `$` anchor (not escaped, not in a class) made Python's `\\Z`."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = "\\Z"
        out.append(char)
    return "".join(out)


_BASE = "file:///upsc-pipeline/schemas/"


@cache
def fast_validator(name: str = EDITORIAL_SCHEMA) -> Any:
    """A compiled validator (jsonschema-rs) that only says valid or not; None if unavailable.

    Set UPSC_PIPELINE_PURE_PYTHON=1 to use jsonschema alone (the benchmark compares both).
    """
    if os.environ.get("UPSC_PIPELINE_PURE_PYTHON"):
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMAS_DIR.glob("*.schema.json")
    }
    registry = jsonschema_rs.Registry([(_BASE + n, c) for n, c in schemas.items()])
    return jsonschema_rs.validator_for(
        schemas[name], registry=registry, base_uri=_BASE + name, validate_formats=True
    )


def check(source: Source, *, schema: str = EDITORIAL_SCHEMA) -> list[Diagnostic]:
    """Validate one source against its schema; one diagnostic per independent problem.

    The compiled validator decides; jsonschema runs only on a failing document, to explain it.
    """
    fast = fast_validator(schema)
    if fast is not None and fast.is_valid(source.data):
        return []
    from jsonschema.exceptions import best_match

    diagnostics: list[Diagnostic] = []
    broken: set[str] = set()
    for error in validator(schema).iter_errors(source.data):
        chosen = best_match([error])
        broken |= _broken_parts(chosen)
        diagnostics.extend(_diagnose(source, chosen, schema))
    if not diagnostics and fast is not None:
        # The two validators disagree (e.g. "$" before a trailing newline): never pass silently.
        for fast_error in fast.iter_errors(source.data):
            pointer = pointer_of(fast_error.instance_path)
            broken.add(pointer)
            diagnostics.append(
                source.diagnostic(
                    pointer, "schema/invalid", Severity.ERROR, _fast_message(fast_error, pointer)
                )
            )
    source.broken = frozenset(broken)
    # "TODO" as a date breaks its pattern and its format: one problem, said once.
    patterned = {d.pointer for d in diagnostics if d.rule == "schema/pattern"}
    diagnostics = [
        d for d in diagnostics if d.rule != "schema/format" or d.pointer not in patterned
    ]
    return sorted(set(diagnostics), key=lambda d: (d.line, d.column, d.rule, d.message))


def _fast_message(error: Any, pointer: str) -> str:
    message = str(getattr(error, "message", error))
    if "\n" in message or len(message) > 200:
        message = message.replace("\n", "\\n")[:200]
    return f"{message}{_where(pointer)}"


def _broken_parts(error: ValidationError) -> set[str]:
    """Pointers of what an error makes unusable; an unknown property breaks nothing else."""
    pointer = pointer_of(error.absolute_path)
    if error.validator == "additionalProperties":
        return set()
    if error.validator == "required" and isinstance(error.instance, dict):
        return {f"{pointer}/{name}" for name in error.validator_value if name not in error.instance}
    return {pointer}


def _required(data: Any, path: list[str | int], schema: str) -> bool:
    """Whether the schema requires the property at path (so "leave it out" is no advice).

    Asked of the document without that property: is a `required` naming it among the errors
    at its parent? Run only for an empty value, on a document that already failed.
    """
    if not path or not isinstance(path[-1], str):
        return False
    trimmed = copy.deepcopy(data)
    parent = trimmed
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    stack = list(validator(schema).iter_errors(trimmed))
    for _ in range(10_000):  # bounded: a broken document has finitely many, nested errors
        if not stack:
            break
        error = stack.pop()
        if (
            error.validator == "required"
            and list(error.absolute_path) == path[:-1]
            and path[-1] in error.validator_value
        ):
            return True
        stack.extend(error.context or ())
    return False


def _empty(what: str, pointer: str, source: Source, error: ValidationError, schema: str) -> str:
    """An empty text, list or object: fill it in if required, else it may be left out."""
    if _required(source.data, list(error.absolute_path), schema):
        wanted = _wanted(error.schema)
        if what == "text":
            return f"empty text{_where(pointer)}; it is required, so write {wanted}"
        fill = "add its items" if what == "list" else "fill it in"
        return f"empty {what}{_where(pointer)}; it is required, so {fill}" + (
            f" ({wanted})" if wanted != "it" else ""
        )
    if what == "text":
        return f"empty text{_where(pointer)}; write the text or leave the property out"
    return f"empty {what}{_where(pointer)}; leave the property out when there is nothing in it"


def _wanted(schema: object) -> str:
    """What a required text should say, from its schema's description, else "it"."""
    described = schema.get("description") if isinstance(schema, dict) else None
    if not isinstance(described, str) or len(described) > 120 or not described:
        return "it"
    return described[0].lower() + described[1:].rstrip(".")


def is_valid(data: Any, *, schema: str = EDITORIAL_SCHEMA) -> bool:
    return bool(validator(schema).is_valid(data))


def _diagnose(
    source: Source, error: ValidationError, schema: str = EDITORIAL_SCHEMA
) -> Iterator[Diagnostic]:
    pointer = pointer_of(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance

    def at(rule: str, message: str, where: str = pointer, *, key: bool = False) -> Diagnostic:
        return source.diagnostic(where, f"schema/{rule}", Severity.ERROR, message, key=key)

    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        for extra in sorted(set(instance) - set(known)):
            hint = _did_you_mean(extra, known)
            where = pointer + "/" + extra.replace("~", "~0").replace("/", "~1")
            yield at("unknown-property", f"unknown property '{extra}'{hint}", where, key=True)
        return
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        for name in missing:
            yield at("required", f"missing required property '{name}'{_where(pointer)}")
        return
    if kind == "enum":
        hint = _did_you_mean(instance, value)
        choices = ", ".join(json.dumps(v) for v in value)
        yield at(
            "enum",
            f"{json.dumps(instance)} is not allowed{_where(pointer)}: expected one of {choices}{hint}",
        )
        return
    if kind == "const":
        yield at(
            "const",
            f"{json.dumps(instance)} is not allowed{_where(pointer)}; it must be {json.dumps(value)}",
        )
        return
    if kind == "type":
        wanted_types = [value] if isinstance(value, str) else list(value)
        yield at(
            "type",
            _quoted(instance, wanted_types, pointer)
            or _type_message(
                " or ".join(f"{_article(t)} {t}" for t in wanted_types), instance, pointer
            ),
        )
        return
    if kind in ("oneOf", "anyOf") and isinstance(value, list):
        fits = [b for b in value if isinstance(b, dict) and _type_fits(b.get("type"), instance)]
        if not fits and all(isinstance(b, dict) and "type" in b for b in value):
            types = [
                t for b in value for t in ([b["type"]] if isinstance(b["type"], str) else b["type"])
            ]
            described = " or ".join(_describe(b) for b in value)
            yield at(
                "type",
                _quoted(instance, types, pointer) or _type_message(described, instance, pointer),
            )
            return
        inner = (
            [e for e in error.context or [] if e.relative_schema_path[0] == value.index(fits[0])]
            if len(fits) == 1
            else []
        )
        if inner:
            from jsonschema.exceptions import best_match

            yield from _diagnose(source, best_match(inner), schema)
            return
    if kind is None or kind == "false" or error.schema is False:
        yield _not_allowed(source, error, pointer, at)
        return
    if kind == "minLength" and isinstance(instance, str) and value > 1 and instance.strip():
        yield at(
            "min-length",
            f"text is {len(instance)} characters{_where(pointer)}; at least {value} needed",
        )
        return
    if kind == "minLength":
        yield at("empty", _empty("text", pointer, source, error, schema))
        return
    if kind == "minItems":
        if isinstance(instance, list) and not instance:
            yield at("empty", _empty("list", pointer, source, error, schema))
        else:
            yield at(
                "min-items",
                f"at least {value} items needed{_where(pointer)}, found {len(instance)}",
            )
        return
    if kind == "maxItems":
        yield at(
            "max-items", f"at most {value} items allowed{_where(pointer)}, found {len(instance)}"
        )
        return
    if kind == "maxLength":
        yield at(
            "max-length",
            f"text is {len(instance):,} characters{_where(pointer)}; at most {value} allowed",
        )
        return
    if kind == "pattern":
        yield at(
            "pattern",
            f"{json.dumps(instance)[:80]} does not have the expected form{_where(pointer)} ({_pattern_hint(value)})",
        )
        return
    if kind == "format":
        yield at(
            "format",
            f"{json.dumps(instance)} is not a valid {value}{_where(pointer)} (use YYYY-MM-DD)",
        )
        return
    if kind == "uniqueItems":
        yield at("unique", f"items must be unique{_where(pointer)}")
        return
    if kind == "dependentRequired":
        yield at("required", f"{error.message}")
        return
    if kind == "minProperties":
        yield at(
            "empty",
            _empty("object", pointer, source, error, schema),
        )
        return
    yield at("invalid", f"{error.message[:200]}{_where(pointer)}")


def _not_allowed(source: Source, error: ValidationError, pointer: str, at: Any) -> Diagnostic:
    """A property forbidden for this format (a `false` subschema): name it and point at its key."""
    parent = source.data
    for part in error.absolute_path:
        parent = parent[part]
    name = "this property"
    if isinstance(parent, dict):
        found = [key for key, value in parent.items() if value is error.instance]
        if found:
            name = found[0]
            pointer = pointer + "/" + name.replace("~", "~0").replace("/", "~1")
    fmt = parent.get("format") if isinstance(parent, dict) else None
    where = f"a '{fmt}' question" if isinstance(fmt, str) else "this place"
    return at("not-allowed", f"'{name}' is not allowed in {where}", pointer, key=True)


def _where(pointer: str) -> str:
    return f" at {pointer}" if pointer else ""


def _did_you_mean(value: object, choices: list[Any]) -> str:
    if not isinstance(value, str):
        return ""
    names = [str(c) for c in choices]
    for name in names:
        if name.lower() == value.lower():
            return f"; did you mean '{name}'?"
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _type_message(wanted: str, instance: object, pointer: str) -> str:
    return f"expected {wanted}{_where(pointer)}, found {_json_type(instance)}"


def _quoted(instance: object, types: list[str], pointer: str) -> str | None:
    """A value written in quotes where a boolean, number or null belongs: say so plainly."""
    if not isinstance(instance, str):
        return None
    bare = instance.strip()
    if bare.lower() in ("true", "false") and "boolean" in types:
        word = bare.lower()
    elif bare.lower() == "null" and "null" in types:
        word = "null"
    elif re.fullmatch(r"-?\d+(\.\d+)?", bare) and {"number", "integer"} & set(types):
        word = bare
    else:
        return None
    return f"'{instance}' is a string{_where(pointer)}; write {word} without quotes"


def _type_fits(wanted: object, instance: object) -> bool:
    names = [wanted] if isinstance(wanted, str) else wanted if isinstance(wanted, list) else []
    return any(
        _json_type(instance) == _json_type(_SAMPLE[name]) for name in names if name in _SAMPLE
    )


_SAMPLE: dict[str, object] = {
    "boolean": True,
    "integer": 1,
    "number": 1.0,
    "string": "",
    "array": [],
    "object": {},
    "null": None,
}


def _describe(branch: dict[str, Any]) -> str:
    """A oneOf branch in words: 'a boolean', 'a list of 2 booleans'."""
    kind = branch["type"] if isinstance(branch["type"], str) else " or ".join(branch["type"])
    items = branch.get("items")
    if kind == "array" and isinstance(items, dict) and isinstance(items.get("type"), str):
        size = branch.get("minItems") if branch.get("minItems") == branch.get("maxItems") else None
        return f"a list of {size or ''} {items['type']}s".replace("  ", " ")
    return f"{_article(kind)} {kind}"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _pattern_hint(pattern: str) -> str:
    hints = {
        "^[a-z0-9]+(-[a-z0-9]+)*$": "lower-case letters and digits joined by single hyphens, e.g. 'key-fact-1'",
        "^[A-Z]{2}$": "an ISO 3166-1 alpha-2 code in capitals, e.g. 'IN'",
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date as YYYY-MM-DD",
        "^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "a rule id, e.g. 'explanation/contradicts-flag'",
    }
    return hints.get(pattern, f"pattern {pattern}")
