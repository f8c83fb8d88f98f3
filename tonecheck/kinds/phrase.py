"""``phrase``: lists of phrases matched by spaCy's PhraseMatcher on lowercase or lemmas.

Each phrase may carry its own ``swap``, offered before the rule's general suggestions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..schema import RuleSpec
from ..triggers import from_phrases
from .base import Context, Hit, Kind, Need


class Phrase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    phrase: str = Field(min_length=1)
    swap: str | None = None


class PhraseSpec(RuleSpec):
    kind: Literal["phrase"]
    phrases: list[str | Phrase] = Field(min_length=1)
    #: ``lower`` matches the words as written (any case); ``lemma`` matches any inflection.
    attr: Literal["lower", "lemma"] = "lower"


class PhraseKind(Kind):
    spec_model = PhraseSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        from spacy.matcher import PhraseMatcher

        assert isinstance(spec, PhraseSpec)
        self._attr = spec.attr
        self._matcher = PhraseMatcher(nlp.vocab, attr=spec.attr.upper())
        self._swaps: dict[int, str | None] = {}
        make = nlp if spec.attr == "lemma" else nlp.make_doc
        docs = []
        for i, item in enumerate(spec.phrases):
            entry = item if isinstance(item, Phrase) else Phrase(phrase=item)
            key = f"{spec.id}#{i}"
            docs.append(make(entry.phrase))
            self._matcher.add(key, [docs[-1]])
            self._swaps[nlp.vocab.strings[key]] = entry.swap
        self.trigger = from_phrases(docs, spec.attr.upper(), nlp)

    @property
    def needs(self) -> Need:
        return "tags" if self._attr == "lemma" else "tokens"

    def find(self, ctx: Context) -> Iterator[Hit]:
        for match_id, start, end in self._matcher(ctx.doc):
            span = ctx.doc[start:end]
            yield Hit(span.start_char, span.end_char, {}, self._swaps.get(match_id))
