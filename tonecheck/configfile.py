"""Config files: finding them, reading them (safe YAML or TOML), validating them, and
following ``extends:`` to bundled profiles or other files.

Discovery, from a checked file's directory upwards, stops at the first directory holding
``.tonecheck.yaml``, ``.tonecheck.yml`` or a ``pyproject.toml`` with a ``[tool.tonecheck]``
table, in that order. The file's keys are validated by :class:`SettingsFile`, the model the
JSON Schema in ``tonecheck/schemas/config.schema.json`` is generated from.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .config import (
    Config,
    Override,
    Selection,
    anchor,
    check_pattern,
    merge_scorecard,
    merge_thresholds,
    parse_fail_on,
    scorecard_tuple,
)
from .errors import ConfigError, first_line
from .findings import Severity
from .schema import Condition

CONFIG_NAMES = (".tonecheck.yaml", ".tonecheck.yml")
PYPROJECT = "pyproject.toml"
PROFILES = ("default", "warm", "firm")

SeverityName = Literal["error", "warning", "suggestion"]
FailOn = Literal["error", "warning", "suggestion", "never"]
ScorecardMeasure = Literal[
    "words",
    "words_per_sentence",
    "grade",
    "sentiment",
    "min_sentence_sentiment",
    "politeness",
    "reader_focus",
    "questions",
    "subject_words",
]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=False)

    select: list[str] | None = Field(
        default=None,
        description="Only these rule ids or categories (replaces the inherited selection).",
    )
    extend_select: list[str] = Field(
        default_factory=list,
        description="Add these rule ids or categories to the selection.",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Leave out these rule ids or categories."
    )
    severity: dict[str, SeverityName] = Field(
        default_factory=dict,
        description="Severity per rule id or category (a rule id beats its category).",
    )
    thresholds: dict[str, dict[str, Condition]] = Field(
        default_factory=dict,
        description=(
            "Per rule id: metric -> condition replacing the rule's own, e.g. "
            "terse-reply: {words: {at_least: 1, at_most: 6}}."
        ),
    )
    fail_on: FailOn | None = Field(
        default=None, description="Lowest severity that makes tonecheck exit 1."
    )


class BandSettings(BaseModel):
    """Scorecard thresholds of one measure: a value in a ``good`` range is good, one in a
    ``fair`` range fair, anything else poor. A band left out keeps its default."""

    model_config = ConfigDict(extra="forbid")

    good: Condition | list[Condition] | None = Field(
        default=None, description="Range (or ranges) of values banded good."
    )
    fair: Condition | list[Condition] | None = Field(
        default=None, description="Range (or ranges) of values banded fair."
    )


class OverrideSettings(_Settings):
    """Settings for the files matching one ``per-file-overrides`` pattern."""


class SettingsFile(_Settings):
    """A tonecheck config file (``.tonecheck.yaml`` or ``[tool.tonecheck]``)."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=_kebab,
        populate_by_name=False,
        title="tonecheck configuration",
    )

    extends: str | None = Field(
        default=None,
        description=(
            "A bundled profile (default, warm, firm) or a config file, relative to this "
            "one, whose settings this file starts from."
        ),
    )
    model: str | None = Field(default=None, description="spaCy pipeline: a package name or a path.")
    rule_paths: list[str] = Field(
        default_factory=list,
        description="Extra YAML rule files or directories, relative to this file.",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Glob patterns (relative to this file) of files not to check.",
    )
    accept: list[str] = Field(
        default_factory=list,
        description="Words and names never flagged, as written (e.g. product names in capitals).",
    )
    include_quoted: bool | None = Field(
        default=None, description="Also check quoted replies and signatures."
    )
    per_file_overrides: dict[str, OverrideSettings] = Field(
        default_factory=dict,
        description="Glob pattern (relative to this file) -> settings for matching files.",
    )
    scorecard: dict[ScorecardMeasure, BandSettings] = Field(
        default_factory=dict,
        description=(
            "Scorecard thresholds by measure, e.g. words: {good: {at_least: 30, at_most: 150}}."
        ),
    )


_KEYS = sorted(f.alias or name for name, f in SettingsFile.model_fields.items())


def find_config(path: Path) -> Path | None:
    """The config file that applies to ``path`` (a file or a directory), or ``None``."""
    start = Path(os.path.abspath(path))
    if not start.is_dir():
        start = start.parent
    return _find_in(str(start))


def _find_in(directory: str) -> Path | None:
    here = Path(directory)
    for name in CONFIG_NAMES:
        if (here / name).is_file():
            return here / name
    pyproject = here / PYPROJECT
    if pyproject.is_file() and _has_tool_table(pyproject):
        return pyproject
    if here.parent == here:
        return None
    return _find_in(str(here.parent))


def _has_tool_table(path: Path) -> bool:
    stat = path.stat()
    return _tool_table(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _tool_table(name: str, mtime: int, size: int) -> bool:
    path = Path(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({first_line(exc)})") from None
    return isinstance(data.get("tool"), dict) and "tonecheck" in data["tool"]


def load(path: Path) -> Config:
    """The :class:`Config` a config file describes, with what it extends merged in. Read
    once per version of the files: the CLI asks for the same config for every file, and a
    long-running process sees edits (of the file or of any file it extends)."""
    key = str(Path(os.path.abspath(path)))
    cached = _loaded.get(key)
    if cached is not None and cached[0] == _stamps(cached[1].chain):
        return cached[1]
    config = _load(key, ())
    if len(_loaded) > 128:
        _loaded.clear()
    _loaded[key] = (_stamps(config.chain), config)
    return config


_loaded: dict[str, tuple[tuple[tuple[int, int], ...], Config]] = {}


def _stamps(paths: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    out = []
    for name in paths:
        try:
            stat = os.stat(name)
        except OSError:
            return ()
        out.append((stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def profile_path(name: str) -> Path:
    return Path(str(resources.files("tonecheck"))) / "profiles" / f"{name}.yaml"


def _load(path: str, seen: tuple[str, ...]) -> Config:
    if path in seen:
        cycle = " -> ".join((*seen, path))
        raise ConfigError(f"{seen[-1]}: extends: a config cannot extend itself ({cycle})")
    raw, lines = _read(Path(path))
    try:
        settings = SettingsFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_problem(path, exc, lines)) from None
    root = Path(path).parent
    _check_patterns(path, settings, lines)
    parent = Config()
    if settings.extends is not None:
        parent = _load(_extended(path, settings.extends), (*seen, path))
    return _merge(parent, settings, path, root, inherit=settings.extends is not None)


def _extended(path: str, name: str) -> str:
    if name in PROFILES:
        return str(profile_path(name))
    target = Path(name).expanduser()
    if not target.is_absolute():
        target = Path(path).parent / target
    if not target.is_file():
        raise ConfigError(
            f"{path}: extends: '{name}' is neither a profile ({', '.join(PROFILES)}) "
            "nor a config file"
        )
    return str(Path(os.path.abspath(target)))


def _read(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    """The settings mapping, and the line of each key (YAML) for error messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({first_line(exc)})") from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {first_line(exc)}") from None
        tool = data.get("tool", {})
        table = tool.get("tonecheck", {}) if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.tonecheck] must be a table")
        return table, {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise ConfigError(f"{path}: not valid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or first_line(exc)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config file is a mapping of settings (see tonecheck init)")
    return data, _key_lines(node)


def _key_lines(node: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    lines: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*prefix, str(key.value))
            lines[path] = key.start_mark.line + 1
            lines.update(_key_lines(value, path))
    return lines


def _problem(path: str, exc: ValidationError, lines: dict[tuple[str, ...], int]) -> str:
    first = exc.errors()[0]
    loc = tuple(str(p) for p in first["loc"])
    line = next((lines[loc[:i]] for i in range(len(loc), 0, -1) if loc[:i] in lines), None)
    where = f"{path}:{line}" if line else path
    key = ".".join(loc)
    if first["type"] == "extra_forbidden":
        if len(loc) == 1:
            return f"{where}: unknown key '{key}' (allowed: {', '.join(_KEYS)})"
        return f"{where}: unknown key '{key}'"
    message = first["msg"].removeprefix("Value error, ")
    if len(loc) >= 2 and loc[-1] == "[key]":  # a mapping's key is not one of its choices
        key = ".".join(loc[:-2])
        return f"{where}: {key}: unknown name '{loc[-2]}' ({message[0].lower()}{message[1:]})"
    return f"{where}: {key}: {message}" if key else f"{where}: {message}"


def _check_patterns(path: str, s: SettingsFile, lines: dict[tuple[str, ...], int]) -> None:
    named: list[tuple[tuple[str, ...], str]] = [(("exclude",), p) for p in s.exclude]
    named += [(("per-file-overrides", p), p) for p in s.per_file_overrides]
    for loc, pattern in named:
        problem = check_pattern(pattern)
        if problem:
            line = lines.get(loc) or lines.get(loc[:1])
            where = f"{path}:{line}" if line else path
            raise ConfigError(f"{where}: {loc[0]}: {problem}")


def _merge(parent: Config, s: SettingsFile, path: str, root: Path, *, inherit: bool) -> Config:
    severity = {**parent.severities(), **s.severity}
    own = tuple((r, m, c) for r, ms in s.thresholds.items() for m, c in ms.items())
    overrides = tuple(
        Override(
            pattern=pattern,
            root=str(root),
            selection=Selection(
                tuple(o.select or ()),
                tuple(o.extend_select),
                tuple(o.ignore),
                f"{path} (per-file-overrides '{pattern}')",
            ),
            severity=tuple(sorted((k, Severity(v)) for k, v in o.severity.items())),
            thresholds=tuple(
                sorted((r, m, c) for r, ms in o.thresholds.items() for m, c in ms.items())
            ),
            fail_on=o.fail_on,
        )
        for pattern, o in s.per_file_overrides.items()
    )
    return Config(
        select=tuple(s.select or ()),
        extend_select=tuple(s.extend_select),
        ignore=tuple(s.ignore),
        severity=severity,
        thresholds=merge_thresholds(parent.thresholds_tuple(), own),
        fail_on=parse_fail_on(s.fail_on) if s.fail_on is not None else parent.fail_on,
        rule_paths=(*parent.rule_paths, *(_path(root, p) for p in s.rule_paths)),
        model=_model(root, s.model) if s.model is not None else parent.model,
        include_quoted=(
            s.include_quoted if s.include_quoted is not None else parent.include_quoted
        ),
        accept=(*parent.accept, *s.accept),
        exclude=(*parent.exclude, *(anchor(p, root) for p in s.exclude)),
        per_file_overrides=(*parent.per_file_overrides, *overrides),
        scorecard=merge_scorecard(
            parent.scorecard_tuple(),
            scorecard_tuple(
                {name: b.model_dump(exclude_none=True) for name, b in s.scorecard.items()},
                dict(parent.scorecard_tuple()),
            ),
        ),
        inherited=parent.selections() if inherit else (),
        source=path,
        chain=(*parent.chain, path),
    )


def _model(root: Path, value: str) -> str:
    """A package name stays as it is; a path is relative to the config file."""
    if "/" in value or "\\" in value or value.startswith("."):
        return _path(root, value)
    return value


def _path(root: Path, value: str) -> str:
    target = Path(value).expanduser()
    return str(target if target.is_absolute() else root / target)
