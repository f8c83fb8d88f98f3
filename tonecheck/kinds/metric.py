"""``metric``: thresholds on computed measures of the whole field or of each sentence.

All conditions under ``when`` must hold, e.g. ``{words: {at_most: 3}, sentiment: {below: 0.3}}``.
The measures are listed in :mod:`tonecheck.metrics`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from ..metrics import SENTENCE_METRICS, TEXT_METRICS
from ..schema import Condition, RuleSpec
from .base import Context, Hit, Kind


class MetricSpec(RuleSpec):
    kind: Literal["metric"]
    scope: Literal["text", "sentence"] = "text"
    when: dict[str, Condition] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_metrics(self) -> MetricSpec:
        known = TEXT_METRICS if self.scope == "text" else SENTENCE_METRICS
        for name in self.when:
            if name not in known:
                raise ValueError(
                    f"unknown {self.scope} metric '{name}' (expected one of: {', '.join(known)})"
                )
        return self


class MetricKind(Kind):
    spec_model = MetricSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        assert isinstance(spec, MetricSpec)
        self._scope = spec.scope
        self._when = spec.when

    def _holds(self, values: dict[str, float]) -> bool:
        return all(cond.holds(values[name]) for name, cond in self._when.items())

    def find(self, ctx: Context) -> Iterator[Hit]:
        if self._scope == "sentence":
            for sent in ctx.measures.sentences:
                if self._holds(sent.values):
                    yield Hit(sent.start, sent.end)
            return
        stripped = ctx.text.strip()
        if stripped and self._holds(ctx.measures.text):
            start = ctx.text.index(stripped[0])
            yield Hit(start, start + len(stripped))
