"""Settings for a check. The library and the CLI build the same object.

A :class:`Config` is immutable and hashable (a checker is built once per distinct config). It
comes from keyword arguments (``Config(ignore=("pushy",))``), from a file
(:meth:`Config.from_file`, :meth:`Config.discover`; see :mod:`tonecheck.configfile`), and
from the command line, which adds one more layer on top of the file.

Rule selection is layered, like ruff's: the layers inherited through ``extends:`` come first,
then the config's own ``select`` (replaces the set; empty leaves it), ``extend-select`` (adds)
and ``ignore`` (removes), then per-file overrides, then the command line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .findings import Severity
from .schema import Condition

if TYPE_CHECKING:
    from .scorecard import Bands

FAIL_ON_CHOICES = ("error", "warning", "suggestion", "never")

#: ``{name: severity}``: a rule id or a category, and the severity its findings get.
Severities = tuple[tuple[str, Severity], ...]
#: ``(rule id, metric, condition)``: a metric threshold that replaces the rule's own.
Thresholds = tuple[tuple[str, str, Condition], ...]
#: ``(measure, bands)``: scorecard thresholds that replace a measure's defaults.
ScorecardBands = tuple[tuple[str, "Bands"], ...]


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection, applied in order: ``select`` replaces the set (empty:
    leaves it), ``extend_select`` adds to it, ``ignore`` removes from it. Names are rule ids
    or categories; ``origin`` says where the layer was written, for error messages."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    origin: str = ""

    def __bool__(self) -> bool:
        return bool(self.select or self.extend_select or self.ignore)


@dataclass(frozen=True)
class Override:
    """Settings for the files that match ``pattern`` (see :func:`glob_match`), written in a
    config file whose directory is ``root`` (empty: the current directory). ``pattern`` is
    kept as written, for messages; matching uses it anchored at ``root``."""

    pattern: str
    root: str
    selection: Selection = Selection()
    severity: Severities = ()
    thresholds: Thresholds = ()
    #: A ``fail-on`` choice, or ``None`` to keep the config's.
    fail_on: str | None = None

    def matches(self, path: str | Path) -> bool:
        return glob_match(anchor(self.pattern, self.root or "."), "", path)


@dataclass(frozen=True)
class Config:
    """What to check and how.

    ``select``/``extend_select``/``ignore`` take rule ids or categories (an empty ``select``
    keeps every rule); ``severity`` maps a rule id or category to the severity its findings
    get (an id beats its category); ``thresholds`` replaces a rule's metric conditions
    (``{"terse-reply": {"words": {"at_most": 6}}}``); ``rule_paths`` adds YAML rule files or
    directories to the built-in packs; ``model`` names the spaCy pipeline (a package name or
    a path), ``None`` to pick the installed default. ``fail_on`` is the lowest severity that
    makes the CLI exit 1 (``None``: never). ``include_quoted`` checks quoted replies and
    signatures as well. ``accept`` lists words and names never flagged (product names in
    capitals). ``exclude`` and ``per_file_overrides`` hold glob patterns (see
    :func:`glob_match`) for the CLI's files.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Severities | Mapping[str, Severity | str] = ()
    thresholds: Thresholds | Mapping[str, Mapping[str, Condition | Mapping[str, float]]] = ()
    fail_on: Severity | None = Severity.WARNING
    rule_paths: tuple[str, ...] = ()
    model: str | None = None
    builtin_rules: bool = True
    #: Check quoted threads and signatures too (they are left out by default).
    include_quoted: bool = False
    accept: tuple[str, ...] = ()
    #: Patterns of files the CLI leaves out: absolute, or relative to the current directory
    #: (a config file's patterns are made absolute from its directory when read).
    exclude: tuple[str, ...] = ()
    per_file_overrides: tuple[Override, ...] = ()
    #: Scorecard thresholds by measure (``{"words": {"good": {"at_most": 150}}}``); a band
    #: not given keeps its default.
    scorecard: ScorecardBands | Mapping[str, Bands | Mapping[str, Any]] = ()
    #: Parse every sentence, not only those a rule or measure needs parsed (slower; the
    #: findings are the same, which is how the trigger words are checked).
    full_parse: bool = False
    #: Selection layers inherited from the configs this one extends, applied first.
    inherited: tuple[Selection, ...] = ()
    #: The config file this came from (``None``: built in code or the defaults).
    source: str | None = field(default=None, compare=False)
    #: The files it read, the extended ones first (for ``tonecheck config --show``).
    chain: tuple[str, ...] = field(default=(), compare=False)
    #: Where ``select``/``extend_select``/``ignore`` were written, if not in ``source``.
    origin: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("select", "ignore", "extend_select", "rule_paths", "accept", "exclude"):
            value = getattr(self, name)
            if isinstance(value, str):
                set_(self, name, (value,))
            else:
                set_(self, name, tuple(value))
        set_(self, "severity", _severities(self.severity))
        set_(self, "thresholds", _thresholds(self.thresholds))
        set_(self, "scorecard", scorecard_tuple(self.scorecard))

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """The settings of one config file (``.tonecheck.yaml``, ``pyproject.toml``, ...)."""
        from .configfile import load

        return load(Path(path))

    @classmethod
    def discover(cls, path: str | Path = ".") -> Config:
        """The settings that apply to ``path`` (a file or directory): the nearest config
        file in its directory or a parent, else the defaults."""
        from .configfile import find_config

        found = find_config(Path(path))
        return cls.from_file(found) if found is not None else cls()

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **changes)

    def layered(self, selection: Selection) -> Config:
        """This config with one more selection layer on top (e.g. the command line's)."""
        if not selection:
            return self
        return self.replace(
            inherited=self.selections(),
            select=selection.select,
            extend_select=selection.extend_select,
            ignore=selection.ignore,
            origin=selection.origin,
        )

    def for_file(self, path: str | Path) -> Config:
        """The settings for one file: every matching per-file override applied, in order.
        The overrides stay in the result, so that the names in all of them are checked."""
        config = self
        for override in self.per_file_overrides:
            if not override.matches(path):
                continue
            config = config.layered(override.selection).replace(
                severity={**config.severities(), **dict(override.severity)},
                thresholds=merge_thresholds(config.thresholds_tuple(), override.thresholds),
            )
            if override.fail_on is not None:
                config = config.replace(fail_on=parse_fail_on(override.fail_on))
        return config

    # -- reading ----------------------------------------------------------------------------

    def selections(self) -> tuple[Selection, ...]:
        """Every selection layer, in the order they apply."""
        where = self.origin or self.source or ""
        own = Selection(self.select, self.extend_select, self.ignore, where)
        return (*self.inherited, own) if own else self.inherited

    def severities(self) -> dict[str, Severity]:
        return dict(_severities(self.severity))

    def thresholds_tuple(self) -> Thresholds:
        return _thresholds(self.thresholds)

    def scorecard_tuple(self) -> ScorecardBands:
        return scorecard_tuple(self.scorecard)

    def scorecard_bands(self) -> dict[str, Bands]:
        """The scorecard's thresholds for every measure: the defaults, with the config's."""
        from .scorecard import MEASURES

        bands = {m.name: m.default for m in MEASURES}
        bands.update(scorecard_tuple(self.scorecard))
        return bands

    def excludes(self, path: str | Path) -> bool:
        """Whether the CLI leaves ``path`` out (an ``exclude`` pattern matches it)."""
        return any(glob_match(p, "", path) for p in self.exclude)

    def to_dict(self) -> dict[str, Any]:
        """The settings as a config file would write them (for ``tonecheck config --show``)."""
        return {
            "selection": [
                {
                    "from": s.origin or "(code)",
                    **({"select": list(s.select)} if s.select else {}),
                    **({"extend-select": list(s.extend_select)} if s.extend_select else {}),
                    **({"ignore": list(s.ignore)} if s.ignore else {}),
                }
                for s in self.selections()
            ],
            "severity": {k: v.value for k, v in self.severities().items()},
            "thresholds": _thresholds_dict(self.thresholds_tuple()),
            "fail-on": self.fail_on.value if self.fail_on is not None else "never",
            "model": self.model,
            "rule-paths": list(self.rule_paths),
            "accept": list(self.accept),
            "exclude": list(self.exclude),
            "include-quoted": self.include_quoted,
            "scorecard": {name: b.to_dict() for name, b in scorecard_tuple(self.scorecard)},
            "per-file-overrides": {
                _display_pattern(o): _override_dict(o) for o in self.per_file_overrides
            },
        }


def parse_fail_on(value: str) -> Severity | None:
    if value == "never":
        return None
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(
            f"fail-on: '{value}' is not one of {', '.join(FAIL_ON_CHOICES)}"
        ) from None


def _severities(value: Severities | Mapping[str, Severity | str]) -> Severities:
    items = value.items() if isinstance(value, Mapping) else value
    out: dict[str, Severity] = {}
    for name, level in items:
        try:
            out[name] = Severity(level)
        except ValueError:
            choices = ", ".join(s.value for s in Severity)
            raise ConfigError(f"severity: '{level}' for '{name}' is not one of {choices}") from None
    return tuple(sorted(out.items()))


def _thresholds(
    value: Thresholds | Mapping[str, Mapping[str, Condition | Mapping[str, float]]],
) -> Thresholds:
    if not isinstance(value, Mapping):
        return tuple(value)
    out: list[tuple[str, str, Condition]] = []
    for rule, metrics in value.items():
        for metric, cond in metrics.items():
            condition = cond if isinstance(cond, Condition) else Condition.model_validate(cond)
            out.append((rule, metric, condition))
    return tuple(sorted(out, key=lambda t: (t[0], t[1])))


def scorecard_tuple(
    value: ScorecardBands | Mapping[str, Bands | Mapping[str, Any]],
    base: Mapping[str, Bands] | None = None,
) -> ScorecardBands:
    """Scorecard bands by measure, checked: an unknown measure or band is a ConfigError.
    A band given as a mapping may leave ``good`` or ``fair`` out to keep the one in
    ``base`` (what the config extends), else the default."""
    from .scorecard import BY_NAME, Bands

    if not isinstance(value, Mapping):
        return tuple(value)
    out: list[tuple[str, Bands]] = []
    for name, given in value.items():
        if name not in BY_NAME:
            raise ConfigError(
                f"scorecard: unknown measure '{name}' (expected one of: {', '.join(BY_NAME)})"
            )
        if isinstance(given, Bands):
            out.append((name, given))
            continue
        unknown = set(given) - {"good", "fair"}
        if unknown:
            raise ConfigError(
                f"scorecard: {name}: unknown band '{sorted(unknown)[0]}' (expected good, fair)"
            )
        default = (base or {}).get(name) or BY_NAME[name].default
        out.append(
            (
                name,
                Bands(
                    _conditions(given["good"]) if "good" in given else default.good,
                    _conditions(given["fair"]) if "fair" in given else default.fair,
                ),
            )
        )
    return tuple(sorted(out, key=lambda t: t[0]))


def _conditions(value: Any) -> tuple[Condition, ...]:
    items = value if isinstance(value, list | tuple) else [value]
    return tuple(c if isinstance(c, Condition) else Condition.model_validate(c) for c in items)


def merge_scorecard(base: ScorecardBands, more: ScorecardBands) -> ScorecardBands:
    merged = dict(base)
    merged.update(more)
    return tuple(sorted(merged.items(), key=lambda t: t[0]))


def merge_thresholds(base: Thresholds, more: Thresholds) -> Thresholds:
    merged = {(r, m): c for r, m, c in base}
    merged.update({(r, m): c for r, m, c in more})
    return tuple(sorted(((r, m, c) for (r, m), c in merged.items()), key=lambda t: (t[0], t[1])))


def _thresholds_dict(thresholds: Thresholds) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for rule, metric, cond in thresholds:
        out.setdefault(rule, {})[metric] = cond.model_dump(exclude_none=True)
    return out


def _display_pattern(override: Override) -> str:
    return override.pattern if not override.root else f"{override.root}: {override.pattern}"


def _override_dict(override: Override) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sel = override.selection
    for key, names in (
        ("select", sel.select),
        ("extend-select", sel.extend_select),
        ("ignore", sel.ignore),
    ):
        if names:
            out[key] = list(names)
    if override.severity:
        out["severity"] = {k: v.value for k, v in override.severity}
    if override.thresholds:
        out["thresholds"] = _thresholds_dict(override.thresholds)
    if override.fail_on is not None:
        out["fail-on"] = override.fail_on
    return out


# -- glob patterns ------------------------------------------------------------------------


def anchor(pattern: str, root: str | Path) -> str:
    """``pattern`` made absolute, gitignore-style: a pattern with a ``/`` (or starting with
    one) is anchored at ``root``; a bare name (``*.eml``, ``drafts``) matches at any depth
    below ``root``."""
    text = pattern.strip()
    leading = text.startswith("/")
    text = text.strip("/")
    if "/" not in text and not leading:
        text = "**/" + text
    base = Path(os.path.abspath(root)).as_posix().rstrip("/")
    return f"{base}/{text}"


def glob_match(pattern: str, root: str | Path, path: str | Path) -> bool:
    """Whether ``path`` matches ``pattern`` (see :func:`anchor`; ``root`` defaults to the
    current directory). ``*`` and ``?`` stay within one path component, ``**`` crosses
    them; a pattern that matches a directory covers everything below it:
    ``transactional/**`` and ``transactional`` both match ``transactional/a/b.txt``."""
    absolute = Path(os.path.abspath(path)).as_posix()
    anchored = pattern if pattern.startswith("/") else anchor(pattern, root or ".")
    regex = _compile(anchored.rstrip("/"))
    return bool(regex.fullmatch(absolute)) or any(
        regex.fullmatch(parent) for parent in _parents(absolute)
    )


def _parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(2, len(parts))]


def check_pattern(pattern: str) -> str | None:
    """What is wrong with a glob pattern, or ``None``."""
    try:
        _compile(anchor(pattern, "/"))
    except re.error as exc:
        return f"bad glob pattern '{pattern}' ({exc.msg})"
    return None


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out))
