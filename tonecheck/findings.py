"""The records tonecheck produces: severities, categories, findings and reports."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .scorecard import ScoreLine


class Severity(StrEnum):
    """How much a finding matters; ordered so that ``ERROR > WARNING > SUGGESTION``."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.SUGGESTION: 1, Severity.WARNING: 2, Severity.ERROR: 3}

#: The fixed vocabulary of categories that outputs use (see README, "Categories").
CATEGORIES: tuple[str, ...] = (
    "final-contact",
    "ultimatum",
    "assumes-intent",
    "self-centred",
    "terse",
    "shouting",
    "passive-aggressive",
    "busy-excuse",
    "hostile",
    "pushy",
    "readability",
)

#: The fields of a message a rule can look at.
FIELDS: tuple[str, ...] = ("subject", "body")


class Safety(StrEnum):
    """Whether a fix may be applied without the author reading it.

    ``safe``: a phrase swap that keeps the meaning (``--fix``); ``unsafe``: a rewrite of a
    sentence or more (``--fix --unsafe-fixes``); ``manual``: a good replacement that cannot
    be applied to the file as it stands (the span holds a placeholder or markup, or the
    positions refer to decoded text), shown for the author to use by hand.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    MANUAL = "manual"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Fix:
    """One suggested rewrite: ``text[start:end]`` becomes ``replacement``.

    The span is the finding's, in the same text; ``replacement`` is ready to put there
    (escaped for HTML where the text is HTML).
    """

    replacement: str
    start: int
    end: int
    safety: Safety = Safety.SAFE

    def applicable(self, unsafe: bool = False) -> bool:
        """Whether ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) applies it."""
        return self.safety == Safety.SAFE or (unsafe and self.safety == Safety.UNSAFE)

    def to_dict(self) -> dict[str, Any]:
        return {
            "replacement": self.replacement,
            "start": self.start,
            "end": self.end,
            "safety": self.safety.value,
        }


#: The name this record had before fixes carried a span and a safety.
Suggestion = Fix


@dataclass(frozen=True)
class Finding:
    """One problem in one field of one message.

    ``start``/``end`` are 0-based character offsets into the text the finding refers to
    (the string passed to :func:`tonecheck.check`, or the file as read for the CLI), and
    ``text[start:end] == finding.text`` always holds. ``line``/``column`` are 1-based;
    ``end_line``/``end_column`` give the position just after the span.
    """

    rule: str
    category: str
    severity: Severity
    field: str
    message: str
    why: str
    text: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[Fix, ...] = ()
    advice: str | None = None

    @property
    def fix(self) -> Fix | None:
        """The best suggestion, the one ``--fix`` applies, if there is one."""
        return self.suggestions[0] if self.suggestions else None

    @property
    def sort_key(self) -> tuple[int, int, int, int, str]:
        # The subject comes before the body when both refer to one file (it is above it);
        # for strings passed separately the subject is still listed first.
        return (
            0 if self.field == "subject" else 1,
            self.start,
            self.end,
            -self.severity.rank,
            self.rule,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "field": self.field,
            "message": self.message,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "advice": self.advice,
        }


@dataclass(frozen=True)
class StrategyUse:
    """One politeness strategy used in the body (see :mod:`tonecheck.politeness`), located
    like a finding: ``text[start:end] == use.text`` in the field's text."""

    strategy: str
    label: str
    weight: float
    field: str
    text: str
    start: int
    end: int
    line: int
    column: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SentenceScore:
    """The politeness score of one sentence of the body (positions as for findings)."""

    start: int
    end: int
    line: int
    politeness: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """The result of checking one message: sorted findings, the measures rules use
    (``scores``), the scorecard built from them, and the politeness strategies found."""

    findings: tuple[Finding, ...]
    #: The body's measures by name (``words``, ``grade``, ``politeness`` ...; see README,
    #: "Measures"), and ``subject_words`` when there is a subject.
    scores: dict[str, float] = field(default_factory=dict)
    path: str | None = None
    #: For each field, the text its findings' positions refer to (the file as read, or the
    #: string passed in); formatters use it to show the line. Not part of the JSON output.
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    #: What the reader of the input wants known, e.g. that positions refer to a decoded body.
    notes: tuple[str, ...] = ()
    #: Findings silenced by an inline ``tonecheck: disable`` comment (not counted, not in
    #: ``findings``; shown with ``--show-suppressed``).
    suppressed: tuple[Finding, ...] = ()
    #: Problems with the input's own directives, e.g. a suppression naming an unknown rule:
    #: one line each, without the path.
    warnings: tuple[str, ...] = ()
    #: One line per measure: value, band (good/fair/poor), reason and source.
    scorecard: tuple[ScoreLine, ...] = ()
    #: The politeness strategies used in the body, in order (they make ``scores["politeness"]``).
    strategies: tuple[StrategyUse, ...] = ()
    #: The politeness of each sentence of the body.
    sentences: tuple[SentenceScore, ...] = ()
    #: Rules that failed on this input (the others ran): one line each, without the path.
    errors: tuple[str, ...] = ()

    def at_or_above(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.rank >= severity.rank]

    def by_severity(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def fixes(
        self, text: str, *, unsafe: bool = False, only: Collection[str] = ()
    ) -> list[tuple[Finding, Fix]]:
        """The fixes :meth:`apply_fixes` would apply to ``text``, in text order: one per
        finding, none overlapping (the more severe, then the earlier finding wins)."""
        from .fixes import choose, in_text

        chosen = choose(in_text(self, text), text, unsafe=unsafe, only=only)
        return [(a.finding, a.fix) for a in chosen]

    def apply_fixes(self, text: str, *, unsafe: bool = False, only: Collection[str] = ()) -> str:
        """``text`` with the first suggestion of every fixable finding applied.

        ``text`` is the text the findings' positions refer to (the body or subject string
        that was checked, or the file's text). Safe fixes only, unless ``unsafe``; ``only``
        limits them to these rule ids or categories. One pass: a fix that overlaps a
        winning one is left for the next check (:func:`tonecheck.fixes.fix_text` loops).
        """
        from .fixes import apply, choose, in_text

        return apply(text, choose(in_text(self, text), text, unsafe=unsafe, only=only))

    def to_dict(self) -> dict[str, Any]:
        scored = self.scores_dict()
        return {
            "path": self.path,
            "findings": [f.to_dict() for f in self.findings],
            "scores": scored["scores"],
            "notes": list(self.notes),
            "warnings": list(self.warnings),
            "errors": list(self.errors),
            "suppressed": [f.to_dict() for f in self.suppressed],
            "scorecard": scored["scorecard"],
            "politeness": scored["politeness"],
        }

    def scores_dict(self) -> dict[str, Any]:
        """``scores``, ``scorecard`` and ``politeness``, as in :meth:`to_dict`."""
        return {
            "scores": dict(self.scores),
            "scorecard": [line.to_dict() for line in self.scorecard],
            "politeness": {
                "score": self.scores.get("politeness", 0.0),
                "strategies": [u.to_dict() for u in self.strategies],
                "sentences": [s.to_dict() for s in self.sentences],
            },
        }


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)}
    for f in findings:
        counts[f.severity.value] += 1
    return counts
