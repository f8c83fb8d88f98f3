"""Long inputs: parsed in pieces with every position kept, and sentiment that gives VADER's
own scores in time proportional to the length."""

from __future__ import annotations

from itertools import pairwise

import pytest
import yaml
from conftest import ROOT
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import tonecheck
from tonecheck import nlp

DEVSET = yaml.safe_load((ROOT / "benchmarks" / "data" / "devset.yaml").read_text(encoding="utf-8"))

PARAGRAPH = (
    "Hi Sam, thanks for the notes. If you don't reply by Friday, I'll close your file. "
    "PLEASE SEND THE SIGNED FORM!!!! Sorry, I've been so busy with the move."
)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("one\n\ntwo\n\nthree", 6),
        ("a" * 25, 10),  # one long word: cut anywhere
        ("word " * 30, 12),
        ("First one. Second one! Third one? " * 5, 40),
        ("line one\nline two\n" * 8, 20),
        ("\n" * 40 + "Hello", 16),
        ("short", 100),
        ("", 10),
    ],
)
def test_pieces_cover_the_text_in_order_within_the_limit(text: str, limit: int) -> None:
    spans = nlp.pieces(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(spans):
        assert end == start
    assert all(0 < b - a <= limit for a, b in spans if text)


def test_pieces_cut_at_paragraph_breaks_first() -> None:
    text = "\n\n".join(f"Paragraph {i}. It has two sentences." for i in range(20))
    for start, end in nlp.pieces(text, 200)[:-1]:
        assert text[start:end].endswith("\n\n")


def test_a_text_parsed_in_pieces_gives_the_same_findings(
    checker: tonecheck.Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n\n".join(PARAGRAPH for _ in range(12))
    whole = checker.check(text)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 400)
    assert len(nlp.pieces(text)) > 4
    cut = checker.check(text)
    assert [f.to_dict() for f in cut.findings] == [f.to_dict() for f in whole.findings]
    assert cut.scores == whole.scores


def test_a_text_longer_than_spacys_limit_is_checked_whole(
    checker: tonecheck.Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same path as a 5 MB newsletter, in miniature: spaCy's limit and the piece size are
    # lowered, so no piece could be parsed at once.
    text = "\n\n".join(PARAGRAPH for _ in range(30))
    monkeypatch.setattr(checker.pipeline.nlp, "max_length", 1000)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 900)
    report = checker.check(text)
    shouts = [f for f in report.findings if f.category == "shouting"]
    assert len(shouts) == 30  # one per paragraph: nothing truncated
    assert shouts[-1].start > len(text) - len(PARAGRAPH)
    for f in report.findings:
        assert text[f.start : f.end] == f.text


def test_one_huge_line_without_punctuation_is_checked(checker: tonecheck.Checker) -> None:
    # A line of 4,000 words with no punctuation is read as sentences of at most 200 words
    # (the parser keeps the cuts, so no parse tree is longer), and a threat near its end is
    # still found.
    filler = " ".join(["please", "send", "the", "report", "we", "need", "it"] * 570)
    text = f"{filler} and if you don't reply by Friday I'll close your file"
    report = checker.check(text)
    assert report.scores["words"] == 3990 + 13  # spaCy counts do/n't and I/'ll as two words each
    assert "ultimatum-if-no-reply" in {f.rule for f in report.findings}
    assert report.errors == ()
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    doc = checker.pipeline.parse([text])[0]
    assert max(len(sent) for sent in doc.sents) <= nlp.MAX_SENTENCE_TOKENS + 1


def _texts() -> list[str]:
    texts = []
    for item in DEVSET:
        texts.append(item["text"])
        texts.extend(line for line in item["text"].splitlines() if line.strip())
    return texts


def test_sentiment_is_vaders_own_score() -> None:
    stock = SentimentIntensityAnalyzer()
    texts = _texts()
    assert len(texts) > 1500
    for text in texts:
        assert nlp.sentiment(text) == stock.polarity_scores(text)["compound"], text


def test_sentiment_of_a_long_text_is_the_mean_of_its_pieces() -> None:
    stock = SentimentIntensityAnalyzer()
    piece = " ".join(["great"] * 10 + ["awful"] * 10) + " "
    words = nlp.SENTIMENT_PIECE_WORDS
    text = piece * (words // 20) + "terrible " * (words // 2)
    first = stock.polarity_scores(" ".join(text.split()[:words]))["compound"]
    second = stock.polarity_scores(" ".join(text.split()[words:]))["compound"]
    assert nlp.sentiment(text) == pytest.approx((first * words + second * words / 2) / 1.5 / words)
