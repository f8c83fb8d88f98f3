"""``pattern``: spaCy Matcher token patterns, written in YAML."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from ..schema import RuleSpec
from ..triggers import from_token_patterns
from .base import Context, Hit, Kind, Need, token_hit

_TAG_ATTRS = {"POS", "TAG", "MORPH", "LEMMA"}
_PARSE_ATTRS = {"DEP", "SENT_START", "IS_SENT_START", "HEAD"}


class PatternSpec(RuleSpec):
    kind: Literal["pattern"]
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)


def attributes_used(patterns: list[list[dict[str, Any]]]) -> set[str]:
    """Upper-cased token attribute names a list of token patterns reads."""
    found: set[str] = set()
    for pattern in patterns:
        for token in pattern:
            for key, value in token.items():
                found.add(key.upper())
                if key.upper() == "_" and isinstance(value, dict):
                    found.update(k.upper() for k in value)
    return found


def need_for(attrs: set[str]) -> Need:
    if attrs & _PARSE_ATTRS:
        return "parse"
    if attrs & _TAG_ATTRS:
        return "tags"
    return "tokens"


class PatternKind(Kind):
    spec_model = PatternSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        from spacy.matcher import Matcher

        assert isinstance(spec, PatternSpec)
        self._need = need_for(attributes_used(spec.patterns))
        self._matcher = Matcher(nlp.vocab, validate=True)
        # spaCy raises ValueError (MatchPatternError) naming the bad token pattern.
        self._matcher.add(spec.id, spec.patterns, greedy="LONGEST")
        self.trigger = from_token_patterns(spec.patterns, nlp)

    @property
    def needs(self) -> Need:
        return self._need

    def find(self, ctx: Context) -> Iterator[Hit]:
        for _, start, end in self._matcher(ctx.doc):
            yield token_hit(ctx.doc, start, end)
