"""Parsing only what the rules need changes nothing. The default mode parses only the
sentences that hold some rule's trigger words, and tries each dependency pattern only where
its words are. It gives exactly the reports of ``full_parse``, which parses every sentence
and (here) tries every pattern on each, on every rule example and on the test corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES, labelled_drafts, report_summary, rule_examples

import tonecheck
from tonecheck.kinds import dependency
from tonecheck.kinds.dependency import DependencyKind


def _rule_examples() -> list[tuple[str, str | None]]:
    # An example of a subject rule is a subject, under a plain body.
    return [
        ("Thanks for your note.", text) if rule.get("field") == "subject" else (text, None)
        for rule, text in rule_examples()
    ]


def _corpora() -> list[tuple[str, str | None]]:
    drafts = labelled_drafts()
    for path in sorted([*EXAMPLES.glob("*.txt"), *(DATA / "clean").glob("*.txt")]):
        drafts.append((path.read_text(encoding="utf-8"), None))
    return drafts


CORPORA = {"rule examples": _rule_examples, "test corpora": _corpora}


@pytest.fixture(scope="module")
def full() -> tonecheck.Checker:
    return tonecheck.Checker(tonecheck.Config(full_parse=True))


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_default_and_full_parse_give_the_same_reports(
    checker: tonecheck.Checker,
    full: tonecheck.Checker,
    corpus: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drafts = CORPORA[corpus]()
    assert len(drafts) > 500
    parsed_before = checker.sentences_parsed, checker.sentences_seen
    default = [report_summary(r) for r in checker.check_many(drafts)]
    parsed = checker.sentences_parsed - parsed_before[0]
    seen = checker.sentences_seen - parsed_before[1]
    # Parsing everything, and trying every dependency pattern on every sentence, not only
    # on those holding the pattern's words.
    monkeypatch.setattr(dependency, "GATED", False)
    everything = [report_summary(r) for r in full.check_many(drafts)]
    for draft, a, b in zip(drafts, default, everything, strict=True):
        assert a == b, draft
    # ... while parsing well under half of the sentences (rule examples are dense in
    # trigger words; real drafts much less so).
    assert 0 < parsed < seen / 2


def test_full_parse_parses_every_sentence(full: tonecheck.Checker) -> None:
    before = full.sentences_parsed, full.sentences_seen
    full.check("Hi Sam,\n\nThe report is attached. It covers March.\n\nBest,\nAna")
    assert full.sentences_parsed - before[0] == full.sentences_seen - before[1] == 4


def test_the_cli_takes_full_parse(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tonecheck.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("If you don't reply by Friday, I'll close your file.\n", encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(main, ["--isolated", "--format", "json", str(draft)])
    full = runner.invoke(main, ["--isolated", "--full-parse", "--format", "json", str(draft)])
    assert default.exit_code == full.exit_code == 1
    assert default.stdout == full.stdout
    assert "ultimatum-if-no-reply" in full.stdout


def test_a_trigger_fires_where_its_needs_say(checker: tonecheck.Checker) -> None:
    """A trigger tries only the alternatives whose sharpest need a word of the sentence
    meets (its word index); the index only saves time: on every sentence of the corpora,
    each rule's trigger and each dependency pattern's fires where the needs say so."""
    triggers = [r.kind.trigger for r in checker.analysed]
    triggers += [
        trigger
        for r in checker.analysed
        if isinstance(r.kind, DependencyKind)
        for trigger, _ in r.kind._patterns
    ]
    fired = 0
    for body, _ in _corpora() + _rule_examples():
        for sentence in checker.pipeline.segment(body).sentences:
            words = sentence.words
            for trigger in triggers:
                slow = any(all(n.met(words) for n in needs) for needs in trigger.alternatives)
                assert trigger.fires(words) == slow, sentence.text
                fired += slow
    assert fired > 100
