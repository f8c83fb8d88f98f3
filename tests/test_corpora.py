"""Behaviour on whole emails: clean mail stays clean, the examples show every scenario,
and paraphrases of the seed wording are caught."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import DATA, EXAMPLES

import tonecheck

CLEAN = sorted((DATA / "clean").glob("*.txt"))
PARAPHRASES = yaml.safe_load((DATA / "paraphrases.yaml").read_text(encoding="utf-8"))


def test_there_are_at_least_20_clean_emails() -> None:
    assert len(CLEAN) >= 20


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_email_has_no_error_or_warning(checker: tonecheck.Checker, path: Path) -> None:
    report = checker.check_message(tonecheck.read_file(path))
    serious = [(f.rule, f.text) for f in report.at_or_above(tonecheck.Severity.WARNING)]
    assert serious == []


# Which category each bundled example must be reported under (the README shows them).
EXAMPLE_CATEGORIES = {
    "final-contact.txt": {"final-contact"},
    "ultimatum.txt": {"ultimatum", "assumes-intent"},
    "all-about-me.txt": {"self-centred"},
    "terse-reply.txt": {"terse"},
    "shouting.txt": {"shouting", "passive-aggressive"},
    "busy-excuse.txt": {"busy-excuse"},
    "pushy.txt": {"pushy"},
}


@pytest.mark.parametrize(("name", "categories"), sorted(EXAMPLE_CATEGORIES.items()))
def test_example_reports_its_scenario_with_a_suggestion(
    checker: tonecheck.Checker, name: str, categories: set[str]
) -> None:
    report = checker.check_message(tonecheck.read_file(EXAMPLES / name))
    found = {f.category for f in report.at_or_above(tonecheck.Severity.WARNING)}
    assert categories <= found
    for f in report.findings:
        if f.category in categories:
            assert f.suggestions or f.advice, f"{f.rule} offers nothing"


def test_good_example_is_clean(checker: tonecheck.Checker) -> None:
    report = checker.check_message(tonecheck.read_file(EXAMPLES / "good-follow-up.txt"))
    assert report.findings == ()


def test_every_example_file_is_covered() -> None:
    assert {p.name for p in EXAMPLES.glob("*.txt")} == set(EXAMPLE_CATEGORIES) | {
        "good-follow-up.txt"
    }


def _cases(section: str) -> list[object]:
    return [
        pytest.param(key, text, id=f"{key}-{i}")
        for key, texts in PARAPHRASES[section].items()
        for i, text in enumerate(texts)
    ]


_FLAG = _cases("flag")


@pytest.mark.parametrize(("key", "text"), _FLAG)
def test_paraphrase_is_caught(checker: tonecheck.Checker, key: str, text: str) -> None:
    subject = key.endswith("-subject")
    report = checker.check("", subject=text) if subject else checker.check(text)
    category = key.removesuffix("-subject")
    assert category in {f.category for f in report.at_or_above(tonecheck.Severity.WARNING)}


_SUGGEST = _cases("suggest")


@pytest.mark.parametrize(("key", "text"), _SUGGEST)
def test_mild_paraphrase_is_a_suggestion(checker: tonecheck.Checker, key: str, text: str) -> None:
    assert key in {f.category for f in checker.check(text).findings}


@pytest.mark.parametrize("text", PARAPHRASES["ok"])
def test_near_miss_is_not_flagged(checker: tonecheck.Checker, text: str) -> None:
    report = checker.check(text)
    assert [(f.rule, f.text) for f in report.at_or_above(tonecheck.Severity.WARNING)] == []
