"""Running each rule's own ``examples`` as tests, for built-in packs and a team's own alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from .checker import Checker, checker_for
from .loader import Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expect: str  # "flag" or "ok"
    text: str
    passed: bool
    found: tuple[str, ...]  # the texts the rule flagged

    def describe(self) -> str:
        where = (
            "should be flagged but was not" if self.expect == "flag" else "should not be flagged"
        )
        extra = f" (flagged: {', '.join(repr(t) for t in self.found)})" if self.found else ""
        return f"[{self.rule}] {self.expect} example {self.text!r} {where}{extra}"


def alone(checker: Checker, rule: Rule) -> Checker:
    """A checker with the same settings that runs only ``rule``, so that an example tests its
    rule by itself (another rule saying the same thing cannot hide it)."""
    return checker_for(
        replace(
            checker.config, select=(rule.id,), extend_select=(), ignore=(), per_file_overrides=()
        )
    )


def run_example(checker: Checker, rule: Rule, expect: str, text: str) -> ExampleResult:
    """Check ``text`` in the field the rule looks at, and see whether ``rule`` fired."""
    only = alone(checker, rule)
    report = only.check("", subject=text) if rule.spec.field == "subject" else only.check(text)
    found = tuple(f.text for f in report.findings if f.rule == rule.id)
    return ExampleResult(rule.id, expect, text, bool(found) == (expect == "flag"), found)


def run_examples(checker: Checker) -> Iterator[ExampleResult]:
    """Every ``flag`` and ``ok`` example of every rule the checker runs."""
    for rule in checker.rules:
        for expect in ("flag", "ok"):
            for text in getattr(rule.spec.examples, expect):
                yield run_example(checker, rule, expect, text)
