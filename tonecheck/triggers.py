"""Trigger words: which sentences a rule that reads tags or a parse must see.

Parsing is the dear part of a check, and most sentences need none. A rule that reads tags or
dependencies can only match a sentence that holds its words: for every alternative pattern,
one word from each token (or node) that names its words (``LOWER``, ``ORTH``, ``TEXT``,
``NORM``, ``LEMMA``, as a string, an ``IN`` list or a ``REGEX``). A :class:`Trigger` is that
condition, derived from the rule's patterns; the checker parses a sentence only when some
rule's trigger (or a politeness check) fires on it, and ``--full-parse`` checks the
derivation by parsing everything.

A lemma is matched by the surface forms spaCy's rule lemmatizer could read it from: the
lemma itself, its forms by the lemmatizer's suffix rules run backwards, its irregular forms,
and the words the attribute ruler gives it. With a lemmatizer that is not rule-based, a
lemma constrains nothing, and such a pattern fires on every sentence.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

#: Token attributes that name the words a token may be (lowercased to compare).
_WORD_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM")
#: Quantifiers under which a token may be absent.
_OPTIONAL = frozenset({"?", "*", "!"})


@dataclass(frozen=True)
class Need:
    """One token a pattern cannot match without: one of ``words``, or a word that
    ``pattern`` finds (lowercased words in both)."""

    words: frozenset[str] = frozenset()
    pattern: re.Pattern[str] | None = None

    def met(self, words: frozenset[str]) -> bool:
        if not self.words.isdisjoint(words):
            return True
        return self.pattern is not None and any(self.pattern.search(w) for w in words)


@dataclass(frozen=True)
class Trigger:
    """Fires on a sentence's words when every need of some alternative is met. An
    alternative with no needs fires always."""

    alternatives: tuple[tuple[Need, ...], ...]

    @property
    def always(self) -> bool:
        return any(not needs for needs in self.alternatives)

    def fires(self, words: frozenset[str]) -> bool:
        by_word = self._by_word
        if by_word is None:
            return any(all(n.met(words) for n in needs) for needs in self._sharpest_first)
        # Only the alternatives whose sharpest need (the one a sentence most likely lacks)
        # a word of the sentence meets are tried: a pattern list of forty phrasings costs
        # about what the one or two a sentence might hold cost.
        held = by_word.keys() & words
        if not held:
            return False
        tried: set[int] = set()
        alternatives = self._sharpest_first
        for word in held:
            for k in by_word[word]:
                if k not in tried:
                    tried.add(k)
                    if all(n.met(words) for n in alternatives[k][1:]):
                        return True
        return False

    @cached_property
    def _sharpest_first(self) -> tuple[tuple[Need, ...], ...]:
        """Each alternative's needs, those naming fewest common words first (a pattern
        last): the need a sentence most likely lacks is tried first."""
        return tuple(tuple(sorted(needs, key=_sharpness)) for needs in self.alternatives)

    @cached_property
    def _by_word(self) -> dict[str, tuple[int, ...]] | None:
        """The alternatives (by position) whose sharpest need (see :func:`_sharpness`) each
        word meets; a sentence with none of these words fires none of them. ``None`` when
        some alternative has no need named by words: then each is tried in turn."""
        by_word: dict[str, list[int]] = {}
        for k, needs in enumerate(self._sharpest_first):
            if not needs or needs[0].pattern is not None:
                return None
            for word in needs[0].words:
                by_word.setdefault(word, []).append(k)
        return {word: tuple(ks) for word, ks in by_word.items()}


ALWAYS = Trigger(((),))


def _sharpness(need: Need) -> tuple[int, int, int]:
    """Sharpest first: a need named by words before one read by a pattern, then the need
    with the fewest common words (spaCy's stop words), then the fewest words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return (need.pattern is not None, len(need.words & STOP_WORDS), len(need.words))


def sentence_words(tokens: Iterable[Any]) -> frozenset[str]:
    """What triggers look for in a sentence: each token's lowercase form and its norm."""
    words = set()
    for t in tokens:
        words.add(t.lower_)
        words.add(t.norm_)
    return frozenset(words)


def from_token_patterns(patterns: Iterable[list[dict[str, Any]]], nlp: Any) -> Trigger:
    """The trigger of spaCy ``Matcher`` patterns: the tokens that are not optional."""
    forms = lemma_forms(nlp)
    alternatives = []
    for pattern in patterns:
        needs = []
        for token in pattern:
            if str(token.get("OP", "")) in _OPTIONAL or _may_be_absent(token.get("OP")):
                continue
            need = _need(token, forms)
            if need is not None:
                needs.append(need)
        alternatives.append(tuple(needs))
    return Trigger(tuple(alternatives))


def from_dependency_patterns(patterns: Iterable[list[dict[str, Any]]], nlp: Any) -> Trigger:
    """The trigger of ``DependencyMatcher`` patterns: every node is needed."""
    forms = lemma_forms(nlp)
    alternatives = []
    for pattern in patterns:
        needs = [_need(node.get("RIGHT_ATTRS", {}), forms) for node in pattern]
        alternatives.append(tuple(n for n in needs if n is not None))
    return Trigger(tuple(alternatives))


def from_phrases(docs: Iterable[Any], attr: str, nlp: Any) -> Trigger:
    """The trigger of ``PhraseMatcher`` phrases (``docs``) matched on ``attr``."""
    forms = lemma_forms(nlp)
    alternatives = []
    for doc in docs:
        needs = []
        for t in doc:
            value = t.lemma_ if attr == "LEMMA" else t.lower_
            need = _need({attr: value}, forms)
            if need is not None:
                needs.append(need)
        alternatives.append(tuple(needs))
    return Trigger(tuple(alternatives))


def _may_be_absent(op: Any) -> bool:
    """``{0,3}``-style quantifiers allow no token at all."""
    return isinstance(op, str) and op.startswith("{") and op[1:].lstrip().startswith(("0", ","))


def _need(attrs: Mapping[str, Any], forms: _LemmaForms | None) -> Need | None:
    """The words a token with ``attrs`` may be, or ``None`` when its words are not named."""
    found: list[Need] = []
    for key, value in attrs.items():
        name = key.upper()
        if name in _WORD_ATTRS:
            need = _words_need(value, regex_ok=name in ("LOWER",))
        elif name == "LEMMA" and forms is not None:
            need = _lemma_need(value, forms)
        else:
            continue
        if need is not None:
            found.append(need)
    # Any of them is needed; the one naming fewest words is the sharpest.
    plain = [n for n in found if n.pattern is None]
    if plain:
        return min(plain, key=lambda n: len(n.words))
    return found[0] if found else None


def _words_need(value: Any, *, regex_ok: bool) -> Need | None:
    if isinstance(value, str):
        return Need(frozenset({value.lower()}))
    if isinstance(value, Mapping):
        if "IN" in value and isinstance(value["IN"], list):
            return Need(frozenset(str(v).lower() for v in value["IN"]))
        if regex_ok and isinstance(value.get("REGEX"), str):
            try:
                return Need(pattern=re.compile(value["REGEX"]))
            except re.error:
                return None
    return None


def _lemma_need(value: Any, forms: _LemmaForms) -> Need | None:
    if isinstance(value, str):
        lemmas = [value]
    elif isinstance(value, Mapping) and isinstance(value.get("IN"), list):
        lemmas = [str(v) for v in value["IN"]]
    else:
        return None
    words: set[str] = set()
    for lemma in lemmas:
        found = forms.of(lemma)
        if found is None:
            return None
        words |= found
    return Need(frozenset(words))


class _LemmaForms:
    """The lowercase words spaCy's rule lemmatizer (with the attribute ruler before it) can
    give a lemma: run its suffix rules backwards and read its exception tables."""

    def __init__(
        self, rules: list[tuple[str, str]], irregular: dict[str, set[str]], unknown: set[str]
    ) -> None:
        self._rules = rules
        self._irregular = irregular
        #: Lemmas given to words no table lists (a ruler's ``REGEX``): any word may have them.
        self._unknown = unknown
        self._cache: dict[str, frozenset[str] | None] = {}

    def of(self, lemma: str) -> frozenset[str] | None:
        key = lemma.lower()
        if key in self._unknown:
            return None
        if key not in self._cache:
            words = {key}
            for old, new in self._rules:
                if key.endswith(new):
                    words.add(key[: len(key) - len(new)] + old)
            words |= self._irregular.get(key, set())
            self._cache[key] = frozenset(words)
        return self._cache[key]


_forms_cache: weakref.WeakKeyDictionary[Any, _LemmaForms | None] = weakref.WeakKeyDictionary()


def lemma_forms(nlp: Any) -> _LemmaForms | None:
    """The lemma forms of ``nlp``'s rule lemmatizer, or ``None`` when it has none."""
    try:
        return _forms_cache[nlp]
    except KeyError:
        pass
    forms = _read_forms(nlp)
    _forms_cache[nlp] = forms
    return forms


def _read_forms(nlp: Any) -> _LemmaForms | None:
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return None
    lookups = lemmatizer.lookups
    rules: set[tuple[str, str]] = set()
    irregular: dict[str, set[str]] = {}
    for pos_rules in lookups.get_table("lemma_rules", {}).values():
        rules.update((str(old), str(new)) for old, new in pos_rules)
    for table in lookups.get_table("lemma_exc", {}).values():
        for word, lemmas in table.items():
            for lemma in lemmas:
                irregular.setdefault(str(lemma).lower(), set()).add(str(word).lower())
    unknown: set[str] = set()
    if "attribute_ruler" in nlp.pipe_names:
        for entry in nlp.get_pipe("attribute_ruler").patterns:
            lemma = entry.get("attrs", {}).get("LEMMA")
            if lemma is None:
                continue
            key = str(lemma).lower()
            for pattern in entry.get("patterns", []):
                index = int(entry.get("index", 0))
                token = pattern[index] if -len(pattern) <= index < len(pattern) else {}
                need = _words_need(token.get("LOWER", token.get("ORTH")), regex_ok=False)
                if need is None:
                    unknown.add(key)
                else:
                    irregular.setdefault(key, set()).update(need.words)
    return _LemmaForms(sorted(rules), irregular, unknown)
