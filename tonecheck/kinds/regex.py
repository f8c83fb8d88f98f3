"""``regex``: a regular expression on the field's raw text, compiled once.

For what tokens hide (punctuation runs such as ``!!!``) and for case-sensitive checks.
Named groups can be used in suggestion templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, field_validator

from ..rewrite import Captured
from ..schema import RuleSpec
from .base import Context, Hit, Kind, captured_token


class RegexSpec(RuleSpec):
    kind: Literal["regex"]
    #: One expression, or a list of alternatives (easier to read and to review in YAML).
    pattern: str | list[str] = Field(min_length=1)
    ignorecase: bool = True

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | list[str]) -> str | list[str]:
        for alternative in [value] if isinstance(value, str) else value:
            try:
                compiled = re.compile(alternative)
            except re.error as exc:
                raise ValueError(f"bad regex {alternative!r}: {exc}") from None
            if compiled.match(""):
                raise ValueError(f"regex {alternative!r} matches the empty string")
        return value

    def captures(self) -> set[str]:
        return set(re.compile(self.expression()).groupindex)

    def expression(self) -> str:
        if isinstance(self.pattern, str):
            return self.pattern
        return "|".join(f"(?:{alternative})" for alternative in self.pattern)


class RegexKind(Kind):
    spec_model = RegexSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        assert isinstance(spec, RegexSpec)
        self._regex = re.compile(spec.expression(), re.IGNORECASE if spec.ignorecase else 0)

    def find(self, ctx: Context) -> Iterator[Hit]:
        for m in self._regex.finditer(ctx.text):
            if m.end() > m.start():
                groups = {
                    name: _captured(ctx, m.start(name), m.end(name))
                    for name, value in m.groupdict().items()
                    if value
                }
                yield Hit(m.start(), m.end(), groups)


def _captured(ctx: Context, start: int, end: int) -> Captured:
    """A named group's words; a single word carries its lemma, for inflecting."""
    span = ctx.doc.char_span(start, end)
    if span is not None and len(span) == 1:
        return captured_token(span[0])
    return Captured(ctx.text[start:end])
