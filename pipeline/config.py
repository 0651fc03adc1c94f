"""Project configuration: where the content is, extra tags, rule severities, per-path overrides.

Found as ruff and yamllint find theirs: walking up from the current directory, the first
`upsc-pipeline.toml` (keys at the top level) or `pyproject.toml` with a
`[tool.upsc-pipeline]` table. Without one the current directory is the project and every
default holds. Paths in the file are relative to the file's folder.

    [tool.upsc-pipeline]
    sources = "sources"            # default
    packs = "packs"                # default
    assets = "assets"              # default
    schemas = "schemas"            # where `schema --out` writes; what new sources' $schema names
    vocabulary = "vocabulary.json" # extra papers/topics/tags, merged into the built-in ones

    [tool.upsc-pipeline.rules]     # a rule id or a whole family -> error, warning, info or off
    "explanation/unsure" = "off"
    "content" = "warning"

    [[tool.upsc-pipeline.overrides]]
    paths = ["sources/archive/*.json"]   # shell-style patterns, relative to the project
    rules = { "explanation" = "warning" }
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import stat
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import program
from .diagnostics import Severity, UsageError, clean
from .toml_lines import key_lines

FILES = ("upsc-pipeline.toml", "pyproject.toml")
TABLE = "upsc-pipeline"
PATH_KEYS = ("sources", "packs", "assets", "schemas", "vocabulary")
KEYS = (*PATH_KEYS, "rules", "overrides")
LEVELS = ("error", "warning", "info", "off")
#: Families the engine itself reports: a file that breaks them cannot be checked or built,
#: or (ids/) would take another source's place and build folder. Never off, never waived.
FIXED_FAMILIES = ("json", "files", "schema", "check", "vocabulary", "ids")
FIXED_RULES = ("render/failed", "render/timeout", "render/memory", "render/warning")


@dataclass(frozen=True)
class Override:
    """Severities for the files matching any of paths (relative to the project)."""

    paths: tuple[str, ...]
    rules: Mapping[str, str]

    def matches(self, relative: str) -> bool:
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.paths)


@dataclass(frozen=True)
class Config:
    """The project a run works in, and how its rules are set."""

    root: Path
    file: Path | None = None
    sources: Path = Path("sources")
    packs: Path = Path("packs")
    assets: Path = Path("assets")
    schemas: Path = Path("schemas")
    vocabulary: Path | None = None
    rules: Mapping[str, str] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    #: The line of each key of the table in its file, for messages (("rules", "content"): 12).
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def level(self, rule_id: str, file: str) -> str | None:
        """The configured level of rule_id in file (error/warning/info/off), or None (default).

        A rule's own id beats its family; an override that matches the file beats the
        top-level table, and a later override beats an earlier one.
        """
        tables = [self.rules]
        if self.overrides:
            relative = self.relative(file)
            tables += [o.rules for o in self.overrides if o.matches(relative)]
        found = None
        family = rule_id.split("/", 1)[0]
        for table in tables:
            found = table.get(rule_id, table.get(family, found))
        return found

    def relative(self, file: str) -> str:
        """A file's path relative to the project, with forward slashes (for overrides)."""
        absolute = Path(os.path.abspath(file))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def describe(self) -> str:
        """What `pipeline config` prints: where the settings come from and what they are."""
        lines = [
            f"configuration: {self.file or '(none found; defaults)'}",
            f"project root:  {self.root}",
        ]
        for name in PATH_KEYS:
            value = getattr(self, name)
            lines.append(f"{name + ':':<14} {value if value is not None else '(built-in only)'}")
        if self.rules:
            lines.append("rules:")
            lines += [f"  {rule} = {level}" for rule, level in self.rules.items()]
        for override in self.overrides:
            lines.append(f"override for {', '.join(override.paths)}:")
            lines += [f"  {rule} = {level}" for rule, level in override.rules.items()]
        return "".join(clean(line) + "\n" for line in lines)  # a rule name may hold escapes


def inside(path: Path, root: Path) -> bool:
    """Whether path, followed through every symbolic link, stays in root (also followed)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, RuntimeError, ValueError):  # a link loop leads nowhere safe
        return False


def confine(folder: Path, root: Path, *, command: str) -> None:
    """Refuse a folder named inside the project that a symbolic link leads out of.

    `schema` and `new` write where the configuration (or a committed link) says; a folder
    given outside the project by name is the user's own choice and is left to them.
    """
    if Path(os.path.abspath(folder)).is_relative_to(root) and not inside(folder, root):
        raise UsageError(
            f"{folder} leads outside the project ({root}) through a symbolic link; "
            f"`{command}` writes only inside the project: replace the link with a folder"
        )


def severity_of(level: str) -> Severity | None:
    """error/warning/info -> Severity; off -> None."""
    return None if level == "off" else Severity(level)


@dataclass(frozen=True)
class Found:
    """A configuration file, its data, the line of each key, and where its table is."""

    path: Path
    data: dict[str, Any]
    lines: Mapping[tuple[str, ...], int]
    prefix: tuple[str, ...] = ()

    def where(self, keys: tuple[str, ...] = ()) -> str:
        return _where(self.path, self.lines, (*self.prefix, *keys))


def find_file(start: Path) -> Found | None:
    """The nearest configuration at or above start (None if there is none).

    In one folder, `upsc-pipeline.toml` and a `[tool.upsc-pipeline]` table in pyproject.toml
    together are an error naming both: neither silently replaces the other (a pull request
    that adds the first must not override the maintainers' second).
    """
    for folder in (start, *start.parents):
        found = []
        own = folder / "upsc-pipeline.toml"
        if _config_file(own):
            found.append(Found(own, *_read_toml(own)))
        pyproject = folder / "pyproject.toml"
        if _config_file(pyproject):
            candidate = Found(pyproject, *_read_toml(pyproject), prefix=("tool", TABLE))
            tool = candidate.data.get("tool")
            if tool is not None and not isinstance(tool, dict):
                raise UsageError(f"{candidate.where()}: 'tool' must be a table ([tool.NAME])")
            if isinstance(tool, dict) and TABLE in tool:
                found.append(candidate)
        if len(found) == 2:
            raise UsageError(
                f"two configurations: {_where(found[0].path)} and [tool.{TABLE}] in "
                f"{_where(found[1].path)}; keep one (they take the same settings)"
            )
        if found:
            table = _table(found[0])
            if not isinstance(table, dict):
                what = f"[tool.{TABLE}]" if found[0].prefix else "the configuration"
                raise UsageError(f"{found[0].where()}: {what} must be a table, not {_kind(table)}")
            return found[0]
    return None


def _config_file(path: Path) -> bool:
    """Whether a configuration file is here to be read. A link out of its folder (a committed
    `pyproject.toml` -> /etc/passwd), or a pipe or folder by that name, is an error: never read
    from outside the project, never skipped so that the defaults silently hold."""
    try:
        info = path.lstat()
    except OSError:  # absent (or a parent that is no folder)
        return False
    if stat.S_ISLNK(info.st_mode):
        if not inside(path, path.parent):
            raise UsageError(
                f"{_where(path)} is a symbolic link out of its folder; a configuration is read "
                "only inside the project: copy the file in instead"
            )
        try:
            info = path.stat()
        except OSError:
            return False  # a dangling link names no file (git checks links out this way too)
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{_where(path)} is not a regular file (a folder, pipe or device); a configuration "
            "is a TOML file: remove it or put the file there"
        )
    return True


def _table(found: Found) -> object:
    table: object = found.data
    for key in found.prefix:
        table = table[key] if isinstance(table, dict) else None
    return table


def load(start: Path | None = None, *, known: Collection[str] | None = None) -> Config:
    """The configuration for a run started in start (default: the current directory).

    Every mistake in the file is reported at once, each with its line, as one usage error;
    with known (every rule id and family), rule names that are neither are mistakes too.
    """
    start = Path(os.path.abspath(start or Path.cwd()))
    found = find_file(start)
    if found is None:
        return Config(root=start)
    config, problems = parse(found)
    if known is not None:
        problems += name_problems(config, known)
    if problems:
        raise UsageError(*problems)
    return config


def parse(found: Found) -> tuple[Config, list[str]]:
    """A Config from a configuration file's table, and every mistake found in it."""
    table = _table(found)
    assert isinstance(table, dict)
    problems: list[str] = []

    def problem(keys: tuple[str, ...], message: str) -> None:
        problems.append(f"{found.where(keys)}: {message}")

    for key in table:
        if key not in KEYS:
            problem((key,), f"unknown setting '{key}'{_hint(key, KEYS)}")
    root = found.path.parent
    paths: dict[str, Any] = {}
    for name in PATH_KEYS:
        if name not in table:
            continue
        value = table[name]
        if not isinstance(value, str) or not value:
            problem((name,), f"'{name}' must be a path (a string), relative to {root}")
            continue
        resolved = Path(os.path.normpath(root / value))
        if not resolved.is_relative_to(root) or not inside(resolved, root):
            problem((name,), f"'{name}' = '{value}' leaves the project ({root})")
            continue
        paths[name] = resolved
    for name in ("sources", "packs", "assets", "schemas"):
        paths.setdefault(name, root / name)
    rules = _levels(table.get("rules", {}), ("rules",), problem)
    overrides = []
    raw_overrides = table.get("overrides", [])
    if not isinstance(raw_overrides, list):
        problem(("overrides",), "'overrides' must be a list of tables ([[...overrides]])")
        raw_overrides = []
    for index, item in enumerate(raw_overrides):
        keys = ("overrides", str(index))
        label = f"override {index + 1}"
        if not isinstance(item, dict) or set(item) - {"paths", "rules"}:
            problem(keys, f"{label}: an override has 'paths' and 'rules', nothing else")
            continue
        patterns = item.get("paths")
        if (
            not isinstance(patterns, list)
            or not patterns
            or not all(isinstance(p, str) and p for p in patterns)
        ):
            problem(
                (*keys, "paths"),
                f"{label}: 'paths' must be a list of patterns, e.g. ['sources/old/*']",
            )
            continue
        levels = _levels(item.get("rules", {}), (*keys, "rules"), problem)
        overrides.append(Override(tuple(patterns), levels))
    size = len(found.prefix)
    lines = {keys[size:]: n for keys, n in found.lines.items() if keys[:size] == found.prefix}
    config = Config(
        root=root,
        file=found.path,
        rules=rules,
        overrides=tuple(overrides),
        lines=lines,
        **paths,
    )
    return config, problems


def name_problems(config: Config, known: Collection[str]) -> list[str]:
    """A problem for every rule name in the configuration that is neither a rule nor a family."""
    problems = []
    tables: list[tuple[tuple[str, ...], Mapping[str, str]]] = [(("rules",), config.rules)]
    tables += [(("overrides", str(i), "rules"), o.rules) for i, o in enumerate(config.overrides)]
    for keys, table in tables:
        for name in table:
            if name in known:
                continue
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            where = _where(config.file or config.root, config.lines, (*keys, name))
            problems.append(
                f"{where}: '{name}' is neither a rule nor a family{hint} "
                f"(`{program()} rules` lists them)"
            )
    return problems


def _levels(
    table: object, keys: tuple[str, ...], problem: Callable[[tuple[str, ...], str], None]
) -> dict[str, str]:
    """Rule id or family -> level; the names are checked against the rules by name_problems."""
    if not isinstance(table, dict):
        problem(keys, "rules must be a table of rule id = level")
        return {}
    levels: dict[str, str] = {}
    for name, level in table.items():
        if level not in LEVELS:
            problem(
                (*keys, name),
                f"'{name}' = {_shown(level)}: the level is one of {', '.join(LEVELS)}",
            )
        elif name.split("/")[0] in FIXED_FAMILIES or name in FIXED_RULES:
            problem(
                (*keys, name),
                f"'{name}' cannot be changed: a file that breaks it cannot be checked or built",
            )
        else:
            levels[name] = level
    return levels


def _read_toml(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    """A TOML file's data, and the line of every key in it (for messages)."""
    try:
        text = path.read_bytes().decode("utf-8")
        return tomllib.loads(text), key_lines(text)
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{_where(path)}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise UsageError(f"{_where(path)}: not UTF-8 text (byte {err.start + 1})") from None
    except RecursionError:
        raise UsageError(f"{_where(path)}: nested too deeply to be a configuration") from None
    except OSError as err:
        raise UsageError(f"{_where(path)}: cannot read: {err.strerror or err}") from None


def _where(
    path: Path, lines: Mapping[tuple[str, ...], int] | None = None, keys: tuple[str, ...] = ()
) -> str:
    """path (relative to the current directory when inside it), and the line of keys in it."""
    shown = os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    if lines:
        for end in range(len(keys), 0, -1):  # the key's line, else its nearest parent's
            if keys[:end] in lines:
                return f"{shown}:{lines[keys[:end]]}"
    return shown


def _shown(value: object) -> str:
    return clean(repr(value)[:60])


def _kind(value: object) -> str:
    kinds = {
        int: "a number",
        float: "a number",
        str: "a string",
        bool: "true/false",
        list: "a list",
    }
    return kinds.get(type(value), "a value")


def _hint(name: str, choices: Any) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


_CURRENT: Config | None = None


def project() -> Config:
    """The configuration of this run (loaded once, from the current directory)."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = load()
    return _CURRENT


def use(config: Config | None) -> None:
    """Make config the one this process runs with (None: load it again when next asked)."""
    global _CURRENT
    _CURRENT = config
