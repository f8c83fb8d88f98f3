"""Every rule's own examples are its tests: each ``flag`` text raises it, no ``ok`` text does."""

from __future__ import annotations

import pytest

import tonecheck
from tonecheck.loader import builtin_rules_dir, load_specs
from tonecheck.selftest import run_example

_RULES = load_specs([builtin_rules_dir()])
_CASES = [
    pytest.param(source.spec.id, expect, text, id=f"{source.spec.id}-{expect}-{i}")
    for source in _RULES
    for expect in ("flag", "ok")
    for i, text in enumerate(getattr(source.spec.examples, expect))
]


@pytest.mark.parametrize(("rule_id", "expect", "text"), _CASES)
def test_rule_example(checker: tonecheck.Checker, rule_id: str, expect: str, text: str) -> None:
    rule = next(r for r in checker.rules if r.id == rule_id)
    result = run_example(checker, rule, expect, text)
    assert result.passed, result.describe()


def test_every_category_has_a_rule() -> None:
    categories = {source.spec.category for source in _RULES}
    assert categories == set(tonecheck.CATEGORIES)


def test_builtin_rules_all_run_with_the_default_model(checker: tonecheck.Checker) -> None:
    assert not checker.skipped
    assert {r.id for r in checker.rules} == {s.spec.id for s in _RULES}


_FLAGGED = [
    pytest.param(source.spec.id, text, id=f"{source.spec.id}-{i}")
    for source in _RULES
    for i, text in enumerate(source.spec.examples.flag)
]


@pytest.mark.parametrize(("rule_id", "text"), _FLAGGED)
def test_no_suggestion_is_itself_flagged(
    checker: tonecheck.Checker, rule_id: str, text: str
) -> None:
    """Like codespell's dictionary tests: a gentler rewrite must not trigger an error or
    warning. Every suggestion the rule makes on each of its ``flag`` examples is put in
    place, and the result checked again: no error or warning may touch the rewrite.

    Rules that measure a whole email (its length, its share of "I") say nothing about a
    phrase, so they are left out."""
    rule = next(r for r in checker.rules if r.id == rule_id)
    subject = rule.spec.field == "subject"
    report = checker.check("", subject=text) if subject else checker.check(text)
    whole_text = {r.id for r in checker.rules if getattr(r.spec, "scope", None) == "text"}
    for finding in (f for f in report.findings if f.rule == rule_id):
        for fix in finding.suggestions:
            fixed = text[: fix.start] + fix.replacement + text[fix.end :]
            again = checker.check("", subject=fixed) if subject else checker.check(fixed)
            end = fix.start + len(fix.replacement)
            serious = [
                (f.rule, f.text)
                for f in again.at_or_above(tonecheck.Severity.WARNING)
                if f.rule not in whole_text and f.start < end and fix.start < f.end
            ]
            assert serious == [], f"{rule_id}: {fix.replacement!r} is flagged: {serious}"
