"""``--statistics``: how many findings each rule gave, most frequent first (like ruff's).

These are functions over all the reports, not a :class:`~.base.Formatter`: the counts exist
only once every input is checked, and nothing per file is printed. The CLI collects the
reports and calls :func:`write_statistics` once at the end.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ..findings import Finding, Report, Safety, count_by_severity

STATISTICS_VERSION = 1


@dataclass(frozen=True)
class RuleCount:
    """One rule's findings across every report. ``severity`` is the highest among them
    (configuration can change a rule's severity per file); ``fixable`` counts findings whose
    first rewrite ``--fix`` applies, ``unsafe_fixable`` those that need ``--unsafe-fixes``.
    Suppressed findings are not counted."""

    rule: str
    category: str
    severity: str
    count: int
    fixable: int
    unsafe_fixable: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "count": self.count,
            "fixable": self.fixable,
            "unsafe_fixable": self.unsafe_fixable,
            "message": self.message,
        }


def rule_counts(reports: Sequence[Report]) -> list[RuleCount]:
    """Per rule id, most findings first, then by rule id."""
    by_rule: dict[str, list[Finding]] = {}
    for report in reports:
        for f in report.findings:
            by_rule.setdefault(f.rule, []).append(f)
    counts = []
    for rule, findings in by_rule.items():
        first = findings[0]
        counts.append(
            RuleCount(
                rule=rule,
                category=first.category,
                severity=max((f.severity for f in findings), key=lambda s: s.rank).value,
                count=len(findings),
                fixable=sum(1 for f in findings if _first_fix(f) == Safety.SAFE),
                unsafe_fixable=sum(1 for f in findings if _first_fix(f) == Safety.UNSAFE),
                message=first.message,
            )
        )
    return sorted(counts, key=lambda c: (-c.count, c.rule))


def statistics_dict(reports: Sequence[Report]) -> dict[str, Any]:
    """The statistics as JSON data: ``{"version": 1, "rules": [...], "summary": {...}}``,
    ``rules`` in the order of :func:`rule_counts`, each :meth:`RuleCount.to_dict`."""
    findings = [f for r in reports for f in r.findings]
    counts = rule_counts(reports)
    return {
        "version": STATISTICS_VERSION,
        "rules": [c.to_dict() for c in counts],
        "summary": {
            "files": len(reports),
            "findings": len(findings),
            "by_severity": count_by_severity(findings),
            "fixable": sum(c.fixable for c in counts),
            "unsafe_fixable": sum(c.unsafe_fixable for c in counts),
        },
    }


def write_statistics(reports: Sequence[Report], stream: TextIO, *, fmt: str = "text") -> None:
    """Write the statistics of ``reports`` to ``stream``.

    ``fmt="json"``: :func:`statistics_dict` as one document; ``"jsonl"``: one
    :meth:`RuleCount.to_dict` per line; anything else: aligned columns, one rule a line::

        3  final-contact-body  warning  [2 unsafe]             This announces a last contact; ...
        1  all-caps-sentence   warning  [1 fixable]            This sentence is in capitals; ...

    (count, rule id, severity, the fixable counts in brackets, message). No findings, no
    lines (as ruff).
    """
    counts = rule_counts(reports)
    if fmt == "json":
        json.dump(statistics_dict(reports), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    if fmt == "jsonl":
        for c in counts:
            stream.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        return
    rows = [(str(c.count), c.rule, c.severity, _fix_column(c), c.message) for c in counts]
    if not rows:
        return
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        count = row[0].rjust(widths[0])
        middle = [cell.ljust(width) for cell, width in zip(row[1:4], widths[1:], strict=True)]
        if not any(r[3] for r in rows):
            middle = middle[:2]
        stream.write("  ".join([count, *middle, row[4]]) + "\n")


def _first_fix(f: Finding) -> Safety | None:
    return f.fix.safety if f.fix is not None else None


def _fix_column(c: RuleCount) -> str:
    parts = []
    if c.fixable:
        parts.append(f"{c.fixable} fixable")
    if c.unsafe_fixable:
        parts.append(f"{c.unsafe_fixable} unsafe")
    return f"[{', '.join(parts)}]" if parts else ""
