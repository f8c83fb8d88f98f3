"""The rule kinds: one small module each, registered here by name."""

from __future__ import annotations

from .base import Context, Hit, Kind, Need
from .dependency import DependencyKind
from .metric import MetricKind
from .pattern import PatternKind
from .phrase import PhraseKind
from .regex import RegexKind

#: The explicit registry of rule kinds: the YAML ``kind`` key names one of these.
KINDS: dict[str, type[Kind]] = {
    "phrase": PhraseKind,
    "pattern": PatternKind,
    "dependency": DependencyKind,
    "regex": RegexKind,
    "metric": MetricKind,
}

__all__ = ["KINDS", "Context", "Hit", "Kind", "Need"]
