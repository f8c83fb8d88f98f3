"""The cheap first stage, for every field: tokens, sentences, and each token's words read once.

spaCy makes a new ``Token`` object on every access to a token, and looks each of its strings
up again every time. The parse plan, the measures, politeness and the triggers all read the
same few attributes of every token, so they are read here, in one pass, into plain
:class:`Word` records, and every later stage reads those.

Sentences come from punctuation, blank lines and greeting lines, never from the parser, so
they are the same whether a sentence is parsed later or not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from .triggers import sentence_words


class Word(NamedTuple):
    """What the first stage reads of a token; the names are spaCy's."""

    #: The token's index in the field's ``Doc``.
    i: int
    #: Its character offset in the field's text.
    idx: int
    text: str
    lower_: str
    norm_: str
    is_punct: bool
    is_space: bool
    is_stop: bool
    is_alpha: bool
    #: How many letters its text holds.
    letters: int
    #: Whether its text holds a letter or a digit.
    has_alnum: bool


#: What a token's words are when its norm is its word's own: its text, lowercase form, norm,
#: the four flags, and its letters (the lexeme's attributes, the same wherever the word
#: occurs).
_Lexeme = tuple[str, str, int, str, bool, bool, bool, bool, int, bool]

#: Past this many words, a :data:`Lexicon` is emptied (its vocabulary grows with every new
#: word a long stream of emails holds).
MAX_LEXEMES = 100_000

#: The lexemes read so far from one vocabulary, by spaCy's hash of their text.
Lexicon = dict[int, _Lexeme]


def read_words(doc: Any, known: Lexicon | None = None) -> list[Word]:
    """Every token of ``doc`` as a :class:`Word`, in order.

    A token's text, lowercase form and flags are its word's (its lexeme's), read once per
    word and kept in ``known`` (which must hold only words of ``doc``'s vocabulary); only
    its offset and norm (which the tokenizer's exceptions may set: "n't" -> "not") are the
    token's own, and those are read for all tokens at once.
    """
    from spacy.attrs import IDX, NORM, ORTH

    vocab = doc.vocab
    if known is None:
        known = {}
    elif len(known) > MAX_LEXEMES:
        known.clear()
    strings = vocab.strings
    words = []
    for i, (orth, norm, idx) in enumerate(doc.to_array([ORTH, NORM, IDX]).tolist()):
        lexeme = known.get(orth)
        if lexeme is None:
            lex = vocab[orth]
            text = lex.orth_
            lexeme = (text, lex.lower_, lex.norm, lex.norm_, lex.is_punct, lex.is_space,
                      lex.is_stop, lex.is_alpha, sum(c.isalpha() for c in text),
                      any(c.isalnum() for c in text))  # fmt: skip
            known[orth] = lexeme
        text, lower, own_norm, own_norm_, punct, space, stop, alpha, letters, alnum = lexeme
        norm_ = own_norm_ if norm == own_norm else strings[norm]
        words.append(Word(i, idx, text, lower, norm_, punct, space, stop, alpha, letters, alnum))
    return words


class Sentence:
    """One sentence of a field: the tokens ``doc[start:end]``, and what the checks read of it."""

    def __init__(self, doc: Any, words: list[Word], start: int, end: int, text: str) -> None:
        self.doc = doc
        self.start = start
        self.end = end
        #: Its tokens' words.
        self.tokens = words[start:end]
        last = self.tokens[-1]
        #: Character offsets in the field's text, as spaCy's ``Span`` gives them.
        self.start_char: int = self.tokens[0].idx
        self.end_char: int = last.idx + len(last.text)
        #: ``text[start_char:end_char]`` of the field: the sentence as written.
        self.text = text[self.start_char : self.end_char]

    @cached_property
    def blank(self) -> bool:
        """Whether it holds only whitespace."""
        return not self.text.strip()

    @cached_property
    def counted(self) -> list[Word]:
        """Its tokens but for punctuation and spaces: the words that are counted."""
        return [w for w in self.tokens if not (w.is_punct or w.is_space)]

    @cached_property
    def counted_lower(self) -> list[str]:
        """The lowercase forms of :attr:`counted`."""
        return [w.lower_ for w in self.counted]

    @cached_property
    def lexical(self) -> list[Word]:
        """Its counted words that hold a letter or a digit (politeness reads these)."""
        return [w for w in self.counted if w.has_alnum]

    @cached_property
    def lexical_lower(self) -> list[str]:
        """The lowercase forms of :attr:`lexical`."""
        return [w.lower_ for w in self.lexical]

    @cached_property
    def words(self) -> frozenset[str]:
        """What triggers look for: each token's lowercase form and its norm."""
        return sentence_words(self.tokens)


@dataclass(frozen=True)
class Segmented:
    """A field after the first stage: its text, its ``Doc`` (tokens and sentence starts),
    its tokens' words and its sentences (blank ones too), in order."""

    text: str
    doc: Any
    words: list[Word]
    sentences: list[Sentence]


def segment(nlp: Any, text: str, known: Lexicon | None = None) -> Segmented:
    """Tokenize ``text`` and find its sentences; the ``Doc``'s text is ``text`` exactly, and
    its sentence starts are set (``doc.sents`` gives the same sentences). ``known`` keeps
    the words read, from one call to the next (see :func:`read_words`)."""
    import numpy
    from spacy.attrs import SENT_START

    doc = nlp.tokenizer(text)
    words = read_words(doc, known)
    starts = sentence_starts(words, text)
    if starts:
        marks = numpy.full((len(words), 1), -1, dtype="int64")
        marks[starts, 0] = 1
        # spaCy reads the array as unsigned: -1 ("not a start") keeps its bits.
        doc.from_array([SENT_START], marks.view("uint64"))
    ends = [*starts[1:], len(words)] if starts else []
    sentences = [Sentence(doc, words, a, b, text) for a, b in zip(starts, ends, strict=True)]
    return Segmented(text, doc, words, sentences)


_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|morning|all|team)\b[^\n]{0,40},?$",
    re.IGNORECASE,
)


#: No sentence is longer than this many tokens: a run with no sentence end (a pasted log, a
#: line with no punctuation) is cut. The parser sees one sentence at a time, so no parse
#: tree is longer: on a tree of thousands of words, spaCy's dependency matcher takes time
#: that grows with the square of its length.
MAX_SENTENCE_TOKENS = 200


@functools.cache
def _punct_chars() -> frozenset[str]:
    """What ends a sentence: spaCy's sentencizer's own list (. ! ? and their kin in other
    scripts)."""
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def sentence_starts(words: list[Word], text: str) -> list[int]:
    """The index of each sentence's first token: after a sentence-ending mark (as spaCy's
    sentencizer does), after a blank line, after a greeting line ("Hi Sam,") even without
    punctuation, and after :data:`MAX_SENTENCE_TOKENS` tokens with none of these. Wrapped
    lines inside a paragraph stay one sentence; whitespace stays with the sentence before."""
    if not words:
        return []
    ends = _punct_chars()
    starts = [0]
    ended = words[0].text in ends  # a sentence end seen; the next word starts one
    run = 1  # tokens since the last sentence start
    prev = words[0]
    for word in words[1:]:
        run += 1
        if word.is_space:
            prev = word
            continue
        start = ended and not word.is_punct and word.text not in ends
        if not start and prev.is_space and "\n" in prev.text:
            if prev.text.count("\n") >= 2:
                start = True
            else:
                line_start = text.rfind("\n", 0, prev.idx) + 1
                line = text[line_start : prev.idx].strip()
                start = not line or bool(_GREETING.match(line))
        if start or run > MAX_SENTENCE_TOKENS:
            starts.append(word.i)
            run = 1
            ended = False
        if word.text in ends:
            ended = True
        prev = word
    return starts
