"""Plugins: rule packs and rule kinds from other installed packages.

A package announces a plugin in the ``tonecheck.rules`` entry-point group::

    [project.entry-points."tonecheck.rules"]
    acme = "acme_tone:plugin"

The object named there is a :class:`Plugin`, or a function returning one. Its rule packs
load after the built-in ones (their rules can be selected and ignored like any other) and
its kinds can be used by any rule file, a team's own included. See ``examples/plugin/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from .errors import ConfigError
from .kinds import KINDS, Context, Hit, Kind
from .schema import RuleSpec

GROUP = "tonecheck.rules"

#: What a plugin's rule kind uses: subclass ``Kind`` (set ``spec_model``, a subclass of
#: ``RuleSpec`` with ``kind: Literal["name"]``; implement ``find(ctx)`` yielding ``Hit``s).
__all__ = ["GROUP", "Context", "Hit", "Kind", "Loaded", "Plugin", "RuleSpec", "installed"]


@dataclass(frozen=True)
class Plugin:
    """What a plugin adds: rule files or directories, and rule kinds by name."""

    name: str
    rule_paths: tuple[str | Path, ...] = ()
    kinds: Mapping[str, type[Kind]] = field(default_factory=dict)


@dataclass(frozen=True)
class Loaded:
    """Every installed plugin, loaded."""

    plugins: tuple[Plugin, ...] = ()

    @property
    def rule_paths(self) -> tuple[str | Path, ...]:
        return tuple(p for plugin in self.plugins for p in plugin.rule_paths)

    @property
    def kinds(self) -> dict[str, type[Kind]]:
        """The built-in kinds and the plugins' (a plugin cannot replace a built-in kind)."""
        merged: dict[str, type[Kind]] = dict(KINDS)
        for plugin in self.plugins:
            for name, kind in plugin.kinds.items():
                if name in merged and merged[name] is not kind:
                    raise ConfigError(
                        f"plugin '{plugin.name}': rule kind '{name}' is already defined; "
                        "give it another name"
                    )
                merged[name] = kind
        return merged


@lru_cache(maxsize=1)
def installed() -> Loaded:
    """Load every plugin in the ``tonecheck.rules`` group, once per process."""
    found = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    return Loaded(tuple(_load(ep) for ep in found))


def _load(ep: EntryPoint) -> Plugin:
    where = f"plugin '{ep.name}' ({ep.value}"
    if ep.dist is not None:
        where += f", from {ep.dist.name} {ep.dist.version}"
    where += ")"
    try:
        obj = ep.load()
        plugin = obj() if callable(obj) and not isinstance(obj, Plugin) else obj
    except Exception as exc:  # a broken plugin is named, never a traceback
        raise ConfigError(
            f"{where} failed to load: {type(exc).__name__}: {exc}; fix or uninstall that package"
        ) from None
    if not isinstance(plugin, Plugin):
        raise ConfigError(f"{where} gave {type(plugin).__name__}, not a tonecheck.Plugin")
    for name, kind in plugin.kinds.items():
        if not (isinstance(kind, type) and issubclass(kind, Kind)):
            raise ConfigError(f"{where}: kind '{name}' is not a tonecheck.kinds.Kind subclass")
    for path in plugin.rule_paths:
        if not Path(path).exists():
            raise ConfigError(f"{where}: rule path {path} does not exist")
    return plugin
