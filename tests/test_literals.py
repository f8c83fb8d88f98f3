"""The strings a regex cannot match without: every match holds one, so skipping a text that
holds none of them never loses a finding."""

from __future__ import annotations

import pytest
import regex
from conftest import labelled_drafts, rule_examples

import tonecheck
from tonecheck.kinds.regex import RegexSpec
from tonecheck.literals import normal, required

# (pattern, strings it requires, or None when it says nothing)
CASES: list[tuple[str, set[str] | None]] = [
    (r"\bbeen\s+(?:so|really)\s+busy\b", {"been so busy", "been really busy"}),
    (r"(?i)Final\s+Notice", {"final notice"}),
    (r"snowed\s+under|swamped", {"snowed under", "swamped"}),
    (r"(?:just\s+)?busy", {"busy"}),  # the optional word is not required
    (r"\bI\s\s+know", {"i know"}),  # whitespace runs are one space in normal form
    (r"[\u2019']ve been", {"\u2019ve been", "'ve been"}),
    (r"!{2,}", {"!"}),
    (r"(?<!\bnot\s)\bgreat\b", {"great"}),  # a look-behind uses up nothing
    (r"\w+ing", {"ing"}),
    (r"\w+", None),  # nothing named
    (r"(a)\1", {"a"}),
    (r"x?", None),  # may match nothing
    (r"\p{Lu}{3,}", None),  # the regex module's syntax: no filter, the rule always runs
]


@pytest.mark.parametrize(("pattern", "expected"), CASES, ids=[c[0] for c in CASES])
def test_required_strings(pattern: str, expected: set[str] | None) -> None:
    assert required(pattern) == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bbeen\s+(?:so|really)\s+busy\b", "Sorry, I've BEEN\n   so   BUSY lately"),
        (r"[\u2019']ve been", "we\u2019ve been"),
        (r"(?i)straße", "STRASSE"),  # case folding on both sides
        (r"\bI\s\s+know", "I \t\n know"),
    ],
)
def test_a_match_holds_a_required_string(pattern: str, text: str) -> None:
    strings = required(pattern)
    assert strings is not None
    assert any(s in normal(text) for s in strings)


def _texts() -> list[str]:
    texts = [text for draft in labelled_drafts() for text in draft if text]
    return texts + [text for _, text in rule_examples()]


def test_no_built_in_regex_matches_a_text_its_filter_skips(checker: tonecheck.Checker) -> None:
    rules = [(r.id, r.spec) for r in checker.rules if isinstance(r.spec, RegexSpec)]
    filters = {rid: required(spec.expression()) for rid, spec in rules}
    assert sum(1 for f in filters.values() if f is not None) > 0.8 * len(rules)
    skipped = 0
    for text in _texts():
        folded = normal(text)
        for rid, spec in rules:
            strings = filters[rid]
            if strings is None or any(s in folded for s in strings):
                continue
            skipped += 1
            flags = regex.IGNORECASE if spec.ignorecase else 0
            matches = regex.finditer(spec.expression(), text, flags)
            assert not [m for m in matches if m.end() > m.start()], (rid, text)
    assert skipped > 0
