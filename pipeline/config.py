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
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Severity, UsageError, clean

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


def find_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above start, with its table; None if there is none."""
    for folder in (start, *start.parents):
        for name in FILES:
            path = folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "upsc-pipeline.toml":
                return path, data
            table = data.get("tool", {}).get(TABLE) if isinstance(data.get("tool"), dict) else None
            if isinstance(table, dict):
                return path, table
    return None


def load(start: Path | None = None) -> Config:
    """The configuration for a run started in start (default: the current directory)."""
    start = Path(os.path.abspath(start or Path.cwd()))
    found = find_file(start)
    if found is None:
        return Config(root=start)
    path, table = found
    return parse(table, path)


def parse(table: Mapping[str, Any], path: Path) -> Config:
    """Check a configuration table and turn it into a Config; mistakes are usage errors."""
    where = _where(path)
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        raise UsageError(f"{where}: unknown setting '{unknown[0]}'{_hint(unknown[0], KEYS)}")
    root = path.parent
    paths: dict[str, Any] = {}
    for name in PATH_KEYS:
        if name not in table:
            continue
        value = table[name]
        if not isinstance(value, str) or not value:
            raise UsageError(f"{where}: '{name}' must be a path (a string), relative to {root}")
        resolved = Path(os.path.normpath(root / value))
        if not resolved.is_relative_to(root) or not inside(resolved, root):
            raise UsageError(f"{where}: '{name}' = '{value}' leaves the project ({root})")
        paths[name] = resolved
    for name in ("sources", "packs", "assets", "schemas"):
        paths.setdefault(name, root / name)
    rules = _levels(table.get("rules", {}), f"{where} [rules]")
    overrides = []
    raw_overrides = table.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise UsageError(f"{where}: 'overrides' must be a list of tables ([[...overrides]])")
    for index, item in enumerate(raw_overrides, 1):
        label = f"{where} override {index}"
        if not isinstance(item, dict) or set(item) - {"paths", "rules"}:
            raise UsageError(f"{label}: an override has 'paths' and 'rules', nothing else")
        patterns = item.get("paths")
        if (
            not isinstance(patterns, list)
            or not patterns
            or not all(isinstance(p, str) and p for p in patterns)
        ):
            raise UsageError(f"{label}: 'paths' must be a list of patterns, e.g. ['sources/old/*']")
        overrides.append(Override(tuple(patterns), _levels(item.get("rules", {}), label)))
    return Config(root=root, file=path, rules=rules, overrides=tuple(overrides), **paths)


def _levels(table: object, where: str) -> dict[str, str]:
    """Rule id or family -> level; the names are checked against the rules by `policy.verify`."""
    if not isinstance(table, dict):
        raise UsageError(f"{where}: rules must be a table of rule id = level")
    levels: dict[str, str] = {}
    for name, level in table.items():
        if level not in LEVELS:
            raise UsageError(
                f"{where}: '{name}' = {level!r}: the level is one of {', '.join(LEVELS)}"
            )
        if name.split("/")[0] in FIXED_FAMILIES or name in FIXED_RULES:
            raise UsageError(
                f"{where}: '{name}' cannot be changed: a file that breaks it cannot be "
                "checked or built"
            )
        levels[name] = level
    return levels


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"{_where(path)}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise UsageError(
            f"{_where(path)}: not UTF-8 text (byte {err.start}); TOML is UTF-8: save it as UTF-8"
        ) from None
    except RecursionError:
        raise UsageError(f"{_where(path)}: nested too deeply to be a configuration") from None
    except OSError as err:
        raise UsageError(f"{_where(path)}: cannot read: {err.strerror or err}") from None


def _where(path: Path) -> str:
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)


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
