"""The strings a regex cannot match without: every match holds one, so skipping a text that
holds none of them never loses a finding."""

from __future__ import annotations

import json

import pytest
import regex
from conftest import labelled_drafts, rule_examples

import tonecheck
from tonecheck.kinds import Context
from tonecheck.kinds.regex import RegexKind, RegexSpec
from tonecheck.literals import (
    SHIPPED,
    Finder,
    grams,
    normal,
    required,
    required_all,
    work_out,
    work_out_all,
)

# (pattern, strings it requires, or None when it says nothing)
CASES: list[tuple[str, set[str] | None]] = [
    (r"\bbeen\s+(?:so|really)\s+busy\b", {"been so busy", "been really busy"}),
    (r"(?i)Final\s+Notice", {"final notice"}),
    (r"snowed\s+under|swamped", {"snowed under", "swamped"}),
    (r"(?:just\s+)?busy", {"busy"}),  # the optional word is not required
    (r"\bI\s\s+know", {"i know"}),  # whitespace runs are one space in normal form
    (r"[\u2019']ve been", {"\u2019ve been", "'ve been"}),
    (r"!{2,}", {"!"}),
    (r"(?<!\bnot\s)\bgreat\b", {"great"}),  # what must not be there is not required
    # What a look-ahead or look-behind needs, the text must hold: it filters too.
    (r"\b[A-Z]{3,}(?=[,;]\s+not\b)", {", not", "; not"}),
    (r"(?<=\bsee )\w+", {"see "}),
    (r"\w+ing", {"ing"}),
    (r"\w+", None),  # nothing named
    (r"(a)\1", {"a"}),
    (r"x?", None),  # may match nothing
    (r"\p{Lu}{3,}", None),  # the regex module's syntax: no filter, the rule always runs
]


@pytest.mark.parametrize(("pattern", "expected"), CASES, ids=[c[0] for c in CASES])
def test_required_strings(pattern: str, expected: set[str] | None) -> None:
    assert required(pattern) == (frozenset(expected) if expected is not None else None)


# (pattern, what it needs: a text it matches holds a string of each set, the sharpest first)
ALL_CASES: list[tuple[str, list[set[str]] | None]] = [
    (r"\bplease\s+send\b.*\bnow\b", [{"please send"}, {"now"}]),
    (
        r"(?:sorry|apolog\w*)[^.]{0,80}?\bbeen\s+(?:so\s+)?busy",
        [{"sorry", "apolog"}, {"been busy", "been so busy"}],
    ),
    # a look-ahead's words are needed too; a choice between phrasings is one need
    (r"\bif\b(?=[^.]*\bnot\b).{0,40}?\bI'll\b", [{"i'll"}, {"not"}, {"if"}]),
    (r"snowed\s+under|swamped", [{"snowed under", "swamped"}]),
    (r"x+(?:ab)?y", [{"x"}, {"y"}]),  # the optional part is not needed
    (r"\w+", None),
]


@pytest.mark.parametrize(("pattern", "expected"), ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_every_need(pattern: str, expected: list[set[str]] | None) -> None:
    needs = required_all(pattern)
    assert needs == (tuple(frozenset(n) for n in expected) if expected is not None else None)
    assert required(pattern) == (needs[0] if needs else None)


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
    alternatives = {
        (alternative, spec.ignorecase)
        for r in checker.rules
        if isinstance(r.spec, RegexSpec)
        for spec in [r.spec]
        for alternative in spec.alternatives()
    }
    needs = {a: required_all(a) for a, _ in alternatives}
    assert sum(1 for n in needs.values() if n is not None) > 0.8 * len(alternatives)
    skipped = skipped_by_a_later_need = 0
    for text in _texts():
        folded = normal(text)
        for alternative, ignorecase in sorted(alternatives):
            met = [any(s in folded for s in need) for need in needs[alternative] or ()]
            if all(met):
                continue
            skipped += 1
            skipped_by_a_later_need += met[0]
            flags = regex.IGNORECASE if ignorecase else 0
            matches = regex.finditer(alternative, text, flags)
            assert not [m for m in matches if m.end() > m.start()], (alternative, text)
    assert skipped > 0
    assert skipped_by_a_later_need > 0


def test_the_finder_finds_exactly_the_strings_a_text_holds(checker: tonecheck.Checker) -> None:
    strings = {
        s
        for r in checker.rules
        if isinstance(r.spec, RegexSpec)
        for alternative in r.spec.alternatives()
        for s in required(alternative) or ()
    }
    finder = Finder(strings)
    hits = 0
    for text in _texts():
        folded = normal(text)
        found = finder.found(folded, grams(folded))
        assert found == {s for s in strings if s in folded}, text
        hits += len(found)
    assert hits > 1000


def _whole(kind: RegexKind, text: str) -> list[tuple[int, int, dict[str, str]]]:
    spec = kind.spec
    assert isinstance(spec, RegexSpec)
    flags = regex.IGNORECASE if spec.ignorecase else 0
    return [
        (m.start(), m.end(), {k: v for k, v in m.groupdict().items() if v})
        for m in regex.finditer(spec.expression(), text, flags)
        if m.end() > m.start()
    ]


def _apart(kind: RegexKind, text: str, doc: object) -> list[tuple[int, int, dict[str, str]]]:
    return [
        (h.start, h.end, {k: v.text for k, v in h.captures.items()})
        for h in kind.find(Context(text, doc, None))  # type: ignore[arg-type]
    ]


def test_alternatives_searched_apart_find_what_the_whole_pattern_finds(
    checker: tonecheck.Checker,
) -> None:
    """Each alternative is searched on its own, and only where its strings are: the hits
    are still exactly those of ``alt1|alt2|...`` (the first alternative at each place)."""
    kinds = [r.kind for r in checker.rules if isinstance(r.kind, RegexKind)]
    found = 0
    for text in _texts():
        doc = checker.pipeline.segment(text).doc
        for kind in kinds:
            expected = _whole(kind, text)
            assert _apart(kind, text, doc) == expected, (kind.spec.id, text)
            found += len(expected)
    assert found > 500


def test_a_rule_finds_the_same_with_the_shared_index_as_alone(
    checker: tonecheck.Checker,
) -> None:
    """A checker's regex rules share one index of what a text holds; each rule compiled on
    its own (as a plugin or a test may build one) gets an index of its own, and finds the
    same hits."""
    shared = [r.kind for r in checker.rules if isinstance(r.kind, RegexKind)]
    assert len({id(kind._index) for kind in shared}) == 1
    alone = [RegexKind(kind.spec, None) for kind in shared]
    found = 0
    for text in _texts()[::5]:
        doc = checker.pipeline.segment(text).doc
        ctx = Context(text, doc, None)  # type: ignore[arg-type]
        for kind, own in zip(shared, alone, strict=True):
            hits = list(kind.find(ctx))
            assert list(own.find(Context(text, doc, None))) == hits, (kind.spec.id, text)  # type: ignore[arg-type]
            found += len(hits)
    assert found > 100
    assert all(own._index is not None and own._index is not shared[0]._index for own in alone)


def _spec(pattern: str | list[str]) -> RegexSpec:
    """A user's regex rule with ``pattern``."""
    return RegexSpec.model_validate(
        {
            "id": "t",
            "kind": "regex",
            "category": "pushy",
            "severity": "warning",
            "message": "m",
            "why": "w",
            "advice": "a",
            "pattern": pattern,
            "examples": {"flag": ["x"], "ok": ["y"]},
        }
    )


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # Two alternatives matching at one place: the first listed wins, as in a|b.
        (["was busy", "was busy all week"], "I was busy all week, sorry."),
        (["was busy all week", "was busy"], "I was busy all week, sorry."),
        # Overlapping matches of different alternatives: the earlier one wins.
        (["busy all", "all week"], "busy all week"),
        # An alternative that matches the empty string somewhere: the whole pattern runs.
        (["\\bweek\\b", "x*(?=week)"], "a week or two weeks"),
    ],
)
def test_alternatives_keep_the_whole_patterns_order(pattern: list[str], text: str) -> None:
    spec = _spec(pattern)
    kind = RegexKind(spec, None)
    assert _apart(kind, text, None) == _whole(kind, text)


def test_the_shipped_table_is_current(checker: tonecheck.Checker) -> None:
    """The built-in patterns' strings ship worked out (``_literals.json``); after changing a
    rule or this module, run
    ``python -c "from tonecheck.literals import write_shipped; write_shipped()"``."""
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    patterns = {
        alternative
        for r in checker.rules
        if isinstance(r.spec, RegexSpec)
        for alternative in r.spec.alternatives()
    }
    assert set(shipped) == patterns
    for pattern, listed in shipped.items():
        worked_out = work_out_all(pattern)
        assert listed == (None if worked_out is None else [sorted(n) for n in worked_out])
        assert required_all(pattern) == worked_out
        assert required(pattern) == work_out(pattern)


def test_a_rules_captures_are_the_regex_modules_group_names(checker: tonecheck.Checker) -> None:
    specs = [r.spec for r in checker.rules if isinstance(r.spec, RegexSpec)]
    assert any(spec.captures() for spec in specs)
    for spec in specs:
        assert spec.captures() == set(regex.compile(spec.expression()).groupindex), spec.id


@pytest.mark.parametrize(
    ("pattern", "names"),
    [
        (r"(?P<verb>send|call) (?P<when>now)", {"verb", "when"}),
        (r"(?<verb>send|call) now", {"verb"}),  # only the regex module reads this syntax
        (r"(?x: (?P<verb> send ) \s+ now )", {"verb"}),
        (r"no groups (at all)", set()),
    ],
)
def test_captures_of_any_pattern(pattern: str, names: set[str]) -> None:
    spec = _spec(pattern)
    assert spec.captures() == names
