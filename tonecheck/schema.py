"""The schema every rule is validated against before it is compiled.

Common keys live on :class:`RuleSpec`; each rule kind adds its own keys in a subclass in
``tonecheck/kinds/``. Unknown keys are errors (``extra="forbid"``).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .findings import CATEGORIES, Severity

_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_TEMPLATE_FIELD = re.compile(r"\{([^{}]*)\}")


class Examples(BaseModel):
    """A rule's own tests: every ``flag`` text must raise the rule, no ``ok`` text may."""

    model_config = ConfigDict(extra="forbid")

    flag: list[str] = Field(min_length=1)
    ok: list[str] = Field(min_length=1)


class RuleSpec(BaseModel):
    """Keys every rule has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    category: str
    severity: Severity
    field: Literal["subject", "body", "any"] = "body"
    message: str = Field(min_length=1)
    why: str = Field(min_length=1)
    #: What part of the text is reported: the match itself, or the sentence that holds it
    #: (for sentence-level rewrites).
    span: Literal["match", "sentence"] = "match"
    suggest: list[str] = Field(default_factory=list, max_length=3)
    #: For rules with no safe automatic rewrite: what to change, in words.
    advice: str | None = None
    examples: Examples

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id '{value}' must be kebab-case, e.g. 'final-contact-subject'")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category '{value}' (expected one of: {', '.join(CATEGORIES)})")
        return value

    @field_validator("suggest")
    @classmethod
    def _templates_parse(cls, value: list[str]) -> list[str]:
        for template in value:
            for name in _TEMPLATE_FIELD.findall(template):
                if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                    raise ValueError(f"suggestion {template!r} has a bad placeholder {{{name}}}")
        return value

    @model_validator(mode="after")
    def _suggest_or_advise(self) -> RuleSpec:
        if not self.suggest and not self.advice:
            raise ValueError("give 'suggest' (1 to 3 rewrites) or 'advice' (what to change)")
        return self

    def placeholders(self) -> set[str]:
        return {name for t in self.suggest for name in _TEMPLATE_FIELD.findall(t)}
