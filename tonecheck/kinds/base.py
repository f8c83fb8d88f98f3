"""What every rule kind provides: a spec (its YAML keys) and a matcher that yields hits."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal

from ..literals import grams, normal
from ..metrics import Measures
from ..rewrite import Captured
from ..schema import RuleSpec
from ..triggers import ALWAYS, Trigger, sentence_words

Need = Literal["tokens", "tags", "parse"]


@dataclass(frozen=True)
class Hit:
    """A match in a field's text: character offsets, captured words, and an own rewrite."""

    start: int
    end: int
    captures: Mapping[str, Captured] = field(default_factory=dict)
    swap: str | None = None


@dataclass(frozen=True)
class Context:
    """What a rule looks at: one field's text, its spaCy ``Doc`` and its measures.

    A rule that needs only tokens sees the whole field, segmented but not parsed. A rule
    that needs tags or a parse is called once per sentence its trigger fires on, with that
    sentence parsed as a ``Doc`` of its own: ``text`` is the sentence's, and its hits are
    moved to the field's offsets by the checker.
    """

    text: str
    doc: Any
    measures: Measures
    #: :attr:`words`, when the caller has them: for a parsed sentence, the words the first
    #: stage read (its plan chose the sentence by them; parsing changes no token's text or
    #: norm), so its tokens are not read a second time.
    known_words: frozenset[str] | None = None
    #: Work the rules of one kind share on this text, kept by whoever did it (the regex
    #: rules' index of what the text holds).
    shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def normal(self) -> str:
        """The text case folded with its whitespace runs as one space (see
        :mod:`tonecheck.literals`), made once per field for every regex rule."""
        return normal(self.text)

    @cached_property
    def grams(self) -> frozenset[str]:
        """The three-character runs inside the words of :attr:`normal`."""
        return grams(self.normal)

    @cached_property
    def words(self) -> frozenset[str]:
        """What triggers look for in :attr:`doc` (see :func:`sentence_words`)."""
        if self.known_words is not None:
            return self.known_words
        return sentence_words(self.doc)


class Kind(ABC):
    """A compiled rule of one kind. Subclasses set ``spec_model`` and implement ``find``."""

    spec_model: ClassVar[type[RuleSpec]]

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        self.spec = spec
        #: The words a sentence must hold for this rule to match it (read only when the
        #: rule needs tags or a parse): by default, any sentence. Kinds that read tags or a
        #: parse set it from their patterns.
        self.trigger: Trigger = ALWAYS

    @classmethod
    def prepare(cls, kinds: Sequence[Kind]) -> None:
        """Called once with every rule of this kind that is compiled together (a checker's
        rules), so that they may share work on each text (see :attr:`Context.shared`). By
        default, nothing."""
        return None

    @property
    def needs(self) -> Need:
        """What analysis this rule needs from the pipeline."""
        return "tokens"

    @abstractmethod
    def find(self, ctx: Context) -> Iterator[Hit]:
        """Yield every hit of this rule in ``ctx``."""


def token_hit(doc: Any, start: int, end: int) -> Hit:
    """A hit covering tokens ``doc[start:end]``."""
    span = doc[start:end]
    return Hit(span.start_char, span.end_char)


#: Dependents that complete a verb, kept with it when it is inflected in a rewrite.
_COMPLETES = frozenset({"prt", "dobj", "dative", "iobj", "ccomp", "xcomp", "attr", "oprd"})
#: Adverbs that work as particles ("get back to me", "call me back").
_PARTICLES = frozenset({"back", "up", "out", "in", "over", "through", "off", "on", "down"})


def captured_token(token: Any) -> Captured:
    """A token as a template value: its text, its lemma, and for a verb the words right
    after it that complete it ("me back" in "call me back", "the form" in "sign the form")."""
    tail = ""
    if token.pos_ in ("VERB", "AUX"):
        tail = token.doc[token.i + 1 : _completed(token)].text
    return Captured(token.text, token.lemma_ or None, tail)


def _completed(verb: Any) -> int:
    """The index just after the words that complete ``verb`` (not its adverbials)."""
    end: int = int(verb.i) + 1
    for child in verb.rights:
        particle = child.dep_ in ("advmod", "prt") and child.lower_ in _PARTICLES
        if child.left_edge.i != end or not (particle or child.dep_ in _COMPLETES):
            break
        end = _completed(child) if child.pos_ in ("VERB", "AUX") else int(child.right_edge.i) + 1
    return end
