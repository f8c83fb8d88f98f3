"""``dependency``: spaCy DependencyMatcher patterns, for structures such as an ``if``-clause
with a negation governing a first-person threat. Each node's ``RIGHT_ID`` can be used in a
suggestion template (``{verb}``, or ``{verb:VBG}`` inflected)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from ..schema import RuleSpec
from ..triggers import Trigger, from_dependency_patterns
from .base import Context, Hit, Kind, Need, captured_token

#: Whether a pattern is tried only on sentences that hold its words (its trigger). A test
#: turns this off to show that a pattern's trigger never keeps it from a match.
GATED = True


class DependencySpec(RuleSpec):
    kind: Literal["dependency"]
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)

    def captures(self) -> set[str]:
        return {str(node.get("RIGHT_ID")) for pattern in self.patterns for node in pattern}


class DependencyKind(Kind):
    spec_model = DependencySpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        from spacy.matcher import DependencyMatcher

        assert isinstance(spec, DependencySpec)
        self._names: dict[int, list[str]] = {}
        # One matcher per pattern, tried only on a sentence that holds the pattern's words:
        # spaCy's matcher tries every node of every pattern on every token, and one rule of
        # 42 patterns (368 nodes) took over a millisecond a sentence.
        self._patterns: list[tuple[Trigger, Any]] = []
        for i, pattern in enumerate(spec.patterns):
            key = f"{spec.id}#{i}"
            matcher = DependencyMatcher(nlp.vocab, validate=True)
            matcher.add(key, [pattern])
            self._names[nlp.vocab.strings[key]] = [str(node.get("RIGHT_ID")) for node in pattern]
            self._patterns.append((from_dependency_patterns([pattern], nlp), matcher))
        # The rule's trigger: any pattern's.
        self.trigger = Trigger(tuple(a for t, _ in self._patterns for a in t.alternatives))

    @property
    def needs(self) -> Need:
        return "parse"

    def find(self, ctx: Context) -> Iterator[Hit]:
        doc = ctx.doc
        matches = (
            match
            for trigger, matcher in self._patterns
            if not GATED or trigger.fires(ctx.words)
            for match in matcher(doc)
        )
        for match_id, token_ids in matches:
            tokens = [doc[i] for i in token_ids]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            captures = {
                name: captured_token(tok)
                for name, tok in zip(self._names[match_id], tokens, strict=False)
            }
            yield Hit(start, end, captures)
