"""How often the rules are right, measured on a labelled set (``tonecheck evaluate``).

A labelled set is a YAML list (or JSON Lines) of items with ``text``, optional ``subject``
and ``id``, and ``categories``: every category a careful reader would flag, empty for a clean
item. A category counts as found in an item when a finding of that category is at or above
the floor severity: ``min_severity`` (default warning), or lower for a category whose rules
never reach it (``readability`` is all suggestions, so it is counted at suggestion level).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .checker import Checker
from .errors import TonecheckError
from .findings import Report, Severity


class LabelledSetError(TonecheckError):
    """A labelled file that cannot be read: one line naming the file and the item."""


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    subject: str | None
    categories: frozenset[str]
    style: str | None = None


@dataclass
class Tally:
    """Counts for one category."""

    positives: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "positives": self.positives,
            "true_positives": self.tp,
            "false_positives": self.fp,
            "false_negatives": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Miss:
    """An item whose label was not found (``kind="miss"``) or that was flagged for a
    category it is not labelled with (``kind="false alarm"``)."""

    kind: str
    item: str
    category: str
    text: str
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "item": self.item,
            "category": self.category,
            "text": self.text,
            "rules": list(self.rules),
        }


@dataclass
class Evaluation:
    """Precision, recall and F1 by category and overall, and the clean items' false alarms."""

    categories: dict[str, Tally]
    floors: dict[str, Severity]
    items: int = 0
    clean: int = 0
    #: Clean items with a finding at or above ``min_severity`` (any category).
    clean_flagged: int = 0
    #: Clean items with any finding at all, suggestions included.
    clean_any: int = 0
    misses: list[Miss] = field(default_factory=list)
    #: Labelled categories that no selected rule has, so not scored.
    unscored: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        total = Tally()
        for t in self.categories.values():
            total.positives += t.positives
            total.tp += t.tp
            total.fp += t.fp
            total.fn += t.fn
        return total

    @property
    def false_positive_rate(self) -> float:
        return self.clean_flagged / self.clean if self.clean else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "categories": {
                name: {**t.to_dict(), "counted_at": self.floors[name].value}
                for name, t in self.categories.items()
            },
            "overall": self.overall.to_dict(),
            "clean": {
                "items": self.clean,
                "flagged": self.clean_flagged,
                "false_positive_rate": round(self.false_positive_rate, 4),
                "with_any_finding": self.clean_any,
            },
            "misses": [m.to_dict() for m in self.misses],
            "unscored": list(self.unscored),
        }


def load(path: str | Path) -> list[Item]:
    """The items of a labelled file: YAML (a list, or ``items:`` holding one) or JSON Lines."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledSetError(f"{path}: cannot read the labelled set ({exc})") from None
    try:
        if path.suffix in (".jsonl", ".ndjson"):
            rows: Any = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            rows = yaml.safe_load(raw)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        problem = str(exc).splitlines()[0]
        raise LabelledSetError(f"{path}: not valid YAML or JSON Lines ({problem})") from None
    if isinstance(rows, dict):
        rows = rows.get("items")
    if not isinstance(rows, list):
        raise LabelledSetError(f"{path}: expected a list of items with text and categories")
    return [_item(path, i, row) for i, row in enumerate(rows, 1)]


def _item(path: Path, number: int, row: Any) -> Item:
    where = f"{path}: item {number}"
    if not isinstance(row, dict):
        raise LabelledSetError(f"{where}: expected a mapping with text and categories")
    ident = str(row.get("id", number))
    where = f"{path}: item {ident}"
    text, subject, cats = row.get("text"), row.get("subject"), row.get("categories", [])
    if not isinstance(text, str):
        raise LabelledSetError(f"{where}: 'text' must be a string")
    if subject is not None and not isinstance(subject, str):
        raise LabelledSetError(f"{where}: 'subject' must be a string")
    if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
        raise LabelledSetError(f"{where}: 'categories' must be a list of category names")
    unknown = sorted(set(row) - {"id", "text", "subject", "categories", "style"})
    if unknown:
        raise LabelledSetError(
            f"{where}: unknown key '{unknown[0]}' (allowed: id, text, subject, categories, style)"
        )
    style = row.get("style")
    return Item(ident, text, subject, frozenset(cats), str(style) if style else None)


def floors(checker: Checker, min_severity: Severity) -> dict[str, Severity]:
    """For each category with a selected rule: the severity a finding needs to count."""
    top: dict[str, Severity] = {}
    for rule in checker.rules:
        cat, sev = rule.spec.category, rule.spec.severity
        if cat not in top or sev.rank > top[cat].rank:
            top[cat] = sev
    return {cat: sev if sev.rank < min_severity.rank else min_severity for cat, sev in top.items()}


def evaluate(
    checker: Checker, items: Sequence[Item], min_severity: Severity = Severity.WARNING
) -> Evaluation:
    """Check every item and count hits, misses and false alarms by category."""
    floor = floors(checker, min_severity)
    result = Evaluation({c: Tally() for c in sorted(floor)}, floor)
    # A label no selected rule can give (e.g. with select: [ultimatum]) is not scored.
    result.unscored = sorted({c for item in items for c in item.categories} - set(floor))
    reports = checker.check_many((item.text, item.subject) for item in items)
    for item, report in zip(items, reports, strict=True):
        _count(result, item, report, min_severity)
    return result


def _count(result: Evaluation, item: Item, report: Report, min_severity: Severity) -> None:
    result.items += 1
    found: dict[str, list[str]] = {}
    for f in report.findings:
        floor = result.floors.get(f.category)
        if floor is not None and f.severity.rank >= floor.rank:
            found.setdefault(f.category, []).append(f.rule)
    if not item.categories:
        result.clean += 1
        result.clean_flagged += bool(report.at_or_above(min_severity))
        result.clean_any += bool(report.findings)
    snippet = _snippet(item)
    for cat, tally in result.categories.items():
        expected, got = cat in item.categories, cat in found
        tally.positives += expected
        if expected and got:
            tally.tp += 1
        elif expected:
            tally.fn += 1
            result.misses.append(Miss("miss", item.id, cat, snippet))
        elif got:
            tally.fp += 1
            rules = tuple(sorted(set(found[cat])))
            result.misses.append(Miss("false alarm", item.id, cat, snippet, rules))


def _snippet(item: Item, width: int = 110) -> str:
    text = " ".join(item.text.split())
    if item.subject:
        text = f"[{item.subject}] {text}"
    return text if len(text) <= width else text[: width - 3] + "..."


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The area under the ROC curve: the chance that a random positive scores above a random
    negative (ties count half)."""
    positives = [s for s, y in zip(scores, labels, strict=True) if y]
    negatives = sorted(s for s, y in zip(scores, labels, strict=True) if not y)
    if not positives or not negatives:
        raise ValueError("ROC AUC needs both positive and negative items")
    from bisect import bisect_left, bisect_right

    wins = 0.0
    for s in positives:
        below, up_to = bisect_left(negatives, s), bisect_right(negatives, s)
        wins += below + (up_to - below) / 2
    return wins / (len(positives) * len(negatives))


def median_split_accuracy(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Accuracy of calling an item positive when its score is above the median of all
    scores; an item exactly at the median counts half (a coin toss), so ties neither help
    nor hurt."""
    from statistics import median

    middle = median(scores)
    right = sum(
        0.5 if s == middle else float((s > middle) == y)
        for s, y in zip(scores, labels, strict=True)
    )
    return right / len(scores)


def table(result: Evaluation, *, misses: bool = True) -> Iterable[str]:
    """The evaluation as text: a row per category, overall, the clean items, the misses."""
    yield (
        f"{'category':20} {'at':>10} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4} "
        f"{'precision':>9} {'recall':>6} {'f1':>5}"
    )

    def row(name: str, at: str, t: Tally) -> str:
        return (
            f"{name:20} {at:>10} {t.positives:4} {t.tp:4} {t.fp:4} {t.fn:4} "
            f"{t.precision:9.3f} {t.recall:6.3f} {t.f1:5.3f}"
        )

    for name, tally in result.categories.items():
        if tally.positives or tally.fp:
            yield row(name, result.floors[name].value, tally)
    yield row("overall (micro)", "", result.overall)
    if result.clean:
        yield (
            f"clean items: {result.clean}; flagged: {result.clean_flagged} "
            f"({100 * result.false_positive_rate:.1f}% false-positive rate); with any finding "
            f"(suggestions too): {result.clean_any} ({100 * result.clean_any / result.clean:.1f}%)"
        )
    if result.unscored:
        yield f"not scored (no selected rule has them): {', '.join(result.unscored)}"
    if misses:
        for m in result.misses:
            rules = f" [{', '.join(m.rules)}]" if m.rules else ""
            yield f"  {m.kind}: {m.item} {m.category}{rules}: {m.text}"
