"""Long inputs: checked whole with every position kept, sentences of bounded length for the
parser, and sentiment that gives VADER's own scores in time proportional to the length."""

from __future__ import annotations

import pytest
from conftest import labelled_texts_and_lines
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import tonecheck
from tonecheck import nlp, segment

PARAGRAPH = (
    "Hi Sam, thanks for the notes. If you don't reply by Friday, I'll close your file. "
    "PLEASE SEND THE SIGNED FORM!!!! Sorry, I've been so busy with the move."
)


def test_a_text_longer_than_spacys_limit_is_checked_whole(
    checker: tonecheck.Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same path as a 5 MB newsletter, in miniature: spaCy's limit is lowered, and does
    # not apply, since only single sentences are ever parsed.
    text = "\n\n".join(PARAGRAPH for _ in range(30))
    monkeypatch.setattr(checker.pipeline.nlp, "max_length", 1000)
    report = checker.check(text)
    shouts = [f for f in report.findings if f.category == "shouting"]
    assert len(shouts) == 30  # one per paragraph: nothing truncated
    assert shouts[-1].start > len(text) - len(PARAGRAPH)
    for f in report.findings:
        assert text[f.start : f.end] == f.text


def test_one_huge_line_without_punctuation_is_checked(checker: tonecheck.Checker) -> None:
    # A line of 4,000 words with no punctuation is read as sentences of 200 words (so no
    # parse tree is longer), and a threat near its end, inside one of them, is still found.
    filler = " ".join(["please", "send", "the", "report", "we", "need", "it"] * 568)
    text = f"{filler} and if you don't reply by Friday I'll close your file"
    report = checker.check(text)
    assert report.scores["words"] == 3976 + 13  # spaCy counts do/n't and I/'ll as two words each
    assert "ultimatum-if-no-reply" in {f.rule for f in report.findings}
    assert report.errors == ()
    for f in report.findings:
        assert text[f.start : f.end] == f.text
    segmented = checker.pipeline.segment(text)
    longest = max(len(sent.tokens) for sent in segmented.sentences)
    assert longest == segment.MAX_SENTENCE_TOKENS
    assert [len(s) for s in segmented.doc.sents] == [len(s.tokens) for s in segmented.sentences]


def test_sentiment_is_vaders_own_score() -> None:
    stock = SentimentIntensityAnalyzer()
    texts = labelled_texts_and_lines()
    assert len(texts) > 1500
    for text in texts:
        assert nlp.sentiment(text) == stock.polarity_scores(text)["compound"], text


#: Texts at the edges of what VADER rates: emoticons, emoji, words in punctuation, boosters
#: and negations with nothing to boost or negate, and texts with no rated word at all.
EDGES = [
    "",
    "   ",
    "See you at 3pm on Tuesday.",
    "The invoice is attached.",
    "Sounds good :)",
    ":) :( <3",
    "ok :-(",
    "\U0001f600",
    "Thanks\U0001f44d see you",
    "done\u2764\ufe0f",
    "(great)",
    '"awful"...',
    "!!!great!!!",
    "no",
    "not very",
    "kind of",
    "You are so kind",
    "KIND OF awful, but kind of great",
    "no good, not bad, never so happy",
    "but",
    "NO WAY",
    "extremely",
    "The report, but not the appendix.",
    "a-ok",
    "\tgood\n",
]


@pytest.mark.parametrize("text", EDGES)
def test_sentiment_at_the_edges_is_vaders_own_score(text: str) -> None:
    stock = SentimentIntensityAnalyzer()
    assert nlp.sentiment(text) == stock.polarity_scores(text)["compound"]


def test_texts_with_no_rated_word_are_not_scored() -> None:
    analyser = nlp._analyser()
    assert analyser.rates_nothing("See you at 3pm on Tuesday.")
    assert not analyser.rates_nothing("Sounds good.")
    assert not analyser.rates_nothing("Sounds :)")
    assert not analyser.rates_nothing("Thanks\U0001f44d")
    texts = labelled_texts_and_lines()
    unrated = [t for t in texts if analyser.rates_nothing(t)]
    assert len(unrated) > 100  # the shortcut is taken, and gives VADER's score
    stock = SentimentIntensityAnalyzer()
    for text in unrated:
        assert stock.polarity_scores(text)["compound"] == 0.0, text


def test_sentiment_of_a_long_text_is_the_mean_of_its_pieces() -> None:
    stock = SentimentIntensityAnalyzer()
    piece = " ".join(["great"] * 10 + ["awful"] * 10) + " "
    words = nlp.SENTIMENT_PIECE_WORDS
    text = piece * (words // 20) + "terrible " * (words // 2)
    first = stock.polarity_scores(" ".join(text.split()[:words]))["compound"]
    second = stock.polarity_scores(" ".join(text.split()[words:]))["compound"]
    assert nlp.sentiment(text) == pytest.approx((first * words + second * words / 2) / 1.5 / words)
