"""``dependency``: spaCy DependencyMatcher patterns, for structures such as an ``if``-clause
with a negation governing a first-person threat. Each node's ``RIGHT_ID`` can be used in a
suggestion template (``{verb}``, or ``{verb:VBG}`` inflected)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from ..schema import RuleSpec
from .base import Context, Hit, Kind, Need, captured_token


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
        self._matcher = DependencyMatcher(nlp.vocab, validate=True)
        for i, pattern in enumerate(spec.patterns):
            key = f"{spec.id}#{i}"
            self._matcher.add(key, [pattern])
            self._names[nlp.vocab.strings[key]] = [str(node.get("RIGHT_ID")) for node in pattern]

    @property
    def needs(self) -> Need:
        return "parse"

    def find(self, ctx: Context) -> Iterator[Hit]:
        doc = ctx.doc
        for match_id, token_ids in _matches(self._matcher, doc):
            tokens = [doc[i] for i in token_ids]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            captures = {
                name: captured_token(tok)
                for name, tok in zip(self._names[match_id], tokens, strict=False)
            }
            yield Hit(start, end, captures)


#: spaCy's dependency matcher walks from every token up to its root, so its time grows with
#: the depth of the tree: on a "sentence" of thousands of words (a pasted log, a line with no
#: punctuation) it grows with the square of the length. Sentences longer than this many tokens
#: are matched in overlapping windows of this size instead.
WINDOW_TOKENS = 256


def _matches(matcher: Any, doc: Any) -> list[tuple[int, list[int]]]:
    """The matcher's matches on ``doc``, as token indices into ``doc``."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    if all(len(sent) <= WINDOW_TOKENS for sent in sents):
        return [(match_id, list(ids)) for match_id, ids in matcher(doc)]
    found: dict[tuple[int, tuple[int, ...]], None] = {}
    for sent in sents:
        starts = [sent.start]
        if len(sent) > WINDOW_TOKENS:
            last = sent.end - WINDOW_TOKENS
            starts = [*range(sent.start, last, WINDOW_TOKENS // 2), last]
        for start in starts:
            for match_id, ids in matcher(doc[start : min(start + WINDOW_TOKENS, sent.end)]):
                found.setdefault((match_id, tuple(start + i for i in ids)), None)
    return [(match_id, list(ids)) for match_id, ids in found]
