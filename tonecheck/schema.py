"""The schema every rule is validated against before it is compiled.

Common keys live on :class:`RuleSpec`; each rule kind adds its own keys in a subclass in
``tonecheck/kinds/``. Unknown keys are errors (``extra="forbid"``).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .findings import Severity

#: Values every suggestion template may use, besides its rule kind's own captures
#: (filled in by ``tonecheck.checker.template_values``).
TEMPLATE_VALUES = frozenset(
    {"match", "match_lower", "match_sentence_case", "match_sentence", "deadline", "stop"}
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_TEMPLATE_FIELD = re.compile(r"\{([^{}]*)\}")
_FIELD_SYNTAX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z]+)?")


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    above: float | None = None
    below: float | None = None
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Condition:
        if all(v is None for v in (self.above, self.below, self.at_least, self.at_most)):
            raise ValueError("a condition needs one of: above, below, at_least, at_most")
        return self

    def holds(self, value: float) -> bool:
        return (
            (self.above is None or value > self.above)
            and (self.below is None or value < self.below)
            and (self.at_least is None or value >= self.at_least)
            and (self.at_most is None or value <= self.at_most)
        )


class Examples(BaseModel):
    """A rule's own tests: every ``flag`` text must raise the rule, no ``ok`` text may."""

    model_config = ConfigDict(extra="forbid")

    flag: list[str] = Field(min_length=1)
    ok: list[str] = Field(min_length=1)


class Template(BaseModel):
    """A suggestion offered only when the hit's captures say so: ``when: {subj: [you]}``
    (the word captured as ``subj`` is "you", in any case), ``when: {opener: true}`` (a
    named group ``opener`` matched), ``when: {opener: false}`` (it did not)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    when: dict[str, list[str] | bool] = Field(default_factory=dict)

    def applies(self, words: dict[str, str]) -> bool:
        for name, allowed in self.when.items():
            if isinstance(allowed, bool):
                if (name in words) != allowed:
                    return False
            elif name not in words or words[name].lower() not in {v.lower() for v in allowed}:
                return False
        return True


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
    #: Up to three rewrites, best first: text, or ``{text, when}`` (see :class:`Template`).
    #: More may be listed when ``when`` conditions or missing captures leave some out; a
    #: finding offers the first three that apply.
    suggest: list[str | Template] = Field(default_factory=list, max_length=6)
    #: Whether ``--fix`` may apply the first suggestion unasked: ``safe`` (a phrase swap
    #: that keeps the meaning), ``unsafe`` (a rewrite; needs ``--unsafe-fixes``). The
    #: default is ``unsafe`` for ``span: sentence`` and ``safe`` otherwise.
    fix: Literal["safe", "unsafe"] | None = None
    #: For rules with no safe automatic rewrite: what to change, in words.
    advice: str | None = None
    #: Report a hit only where the sentence holding it meets these conditions
    #: (sentence measures, e.g. ``{sentiment: {below: 0.3}}``).
    sentence_when: dict[str, Condition] = Field(default_factory=dict)
    examples: Examples

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"id '{value}' must be kebab-case, e.g. 'final-contact-subject'")
        return value

    @field_validator("category")
    @classmethod
    def _kebab_category(cls, value: str) -> str:
        # Whether it is known (built in, or declared by the pack) is checked by the loader.
        if not ID_PATTERN.match(value):
            raise ValueError(f"category '{value}' must be kebab-case, e.g. 'brand-tone'")
        return value

    @field_validator("message", "why", "advice")
    @classmethod
    def _one_paragraph(cls, value: str | None) -> str | None:
        # Folded YAML scalars end with a newline; outputs want one clean line.
        return " ".join(value.split()) if value is not None else None

    @field_validator("sentence_when")
    @classmethod
    def _sentence_metrics(cls, value: dict[str, Condition]) -> dict[str, Condition]:
        from .metrics import SENTENCE_METRICS

        for name in value:
            if name not in SENTENCE_METRICS:
                known = ", ".join(SENTENCE_METRICS)
                raise ValueError(f"unknown sentence metric '{name}' (expected one of: {known})")
        return value

    @field_validator("suggest")
    @classmethod
    def _templates_parse(cls, value: list[str | Template]) -> list[str | Template]:
        from .rewrite import SPECS

        for item in value:
            template = item.text if isinstance(item, Template) else item
            for name in _TEMPLATE_FIELD.findall(template):
                if not _FIELD_SYNTAX.fullmatch(name):
                    raise ValueError(f"suggestion {template!r} has a bad placeholder {{{name}}}")
                spec = name.partition(":")[2]
                if spec and spec not in SPECS:
                    raise ValueError(
                        f"suggestion {template!r}: unknown spec ':{spec}' "
                        f"(expected one of: {', '.join(sorted(SPECS))})"
                    )
        return value

    @model_validator(mode="after")
    def _suggest_or_advise(self) -> RuleSpec:
        if not self.suggest and not self.advice:
            raise ValueError("give 'suggest' (1 to 3 rewrites) or 'advice' (what to change)")
        return self

    def captures(self) -> set[str]:
        """Names this rule's kind captures for suggestion templates (kinds override this)."""
        return set()

    def templates(self) -> list[Template]:
        return [t if isinstance(t, Template) else Template(text=t) for t in self.suggest]

    def placeholders(self) -> set[str]:
        """Values the suggestions use: template fields and ``when`` keys."""
        names: set[str] = set()
        for t in self.templates():
            names.update(f.partition(":")[0] for f in _TEMPLATE_FIELD.findall(t.text))
            names.update(t.when)
        return names

    @property
    def fix_safety(self) -> str:
        return self.fix or ("unsafe" if self.span == "sentence" else "safe")
