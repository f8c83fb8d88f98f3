"""An example tonecheck plugin.

It adds a rule kind, ``repeated``, that flags every use of some words after the first
("sorry" once is polite; three times reads as nerves), and a rule pack (``rules/``) with one
rule of that kind. A rule kind is a class with a ``spec_model`` (the YAML keys its rules
take, validated like the built-in ones) and a ``find`` method that yields hits.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from tonecheck.plugins import Context, Hit, Kind, Plugin, RuleSpec


class RepeatedSpec(RuleSpec):
    """``kind: repeated``: ``words`` (matched in any case) may appear ``allowed`` times."""

    kind: Literal["repeated"]
    words: list[str] = Field(min_length=1)
    allowed: int = Field(default=1, ge=1)


class RepeatedKind(Kind):
    spec_model = RepeatedSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        assert isinstance(spec, RepeatedSpec)
        self.words = {w.lower() for w in spec.words}
        self.allowed = spec.allowed

    def find(self, ctx: Context) -> Iterator[Hit]:
        seen = 0
        for token in ctx.doc:
            if token.lower_ in self.words:
                seen += 1
                if seen > self.allowed:
                    yield Hit(token.idx, token.idx + len(token.text))


def plugin() -> Plugin:
    return Plugin(
        name="example",
        rule_paths=(Path(__file__).parent / "rules",),
        kinds={"repeated": RepeatedKind},
    )
