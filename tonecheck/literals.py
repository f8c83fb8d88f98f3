"""Words a regex cannot match without: a cheap test that skips most regex rules on most texts.

Most regex rules are long lists of phrasings ("been so busy", "snowed under", ...), and on a
typical email none of them can match: the engine still tries every alternative at every
position. :func:`required` reads a pattern (with Python's own regex parser) and returns a set
of strings such that any text the pattern matches holds one of them (in the match, or where
a look-ahead or look-behind reads), in a normal form: case folded, and every run of
whitespace one space. An alternative whose strings are all absent from a text's normal form
(:func:`normal`) cannot match it and is not tried. Where the pattern says too little
(``\\w+``, a back-reference, syntax only the ``regex`` module reads) there is no such set, and
the pattern is always tried.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

# The parser behind ``re`` (Python 3.11+), which reads the patterns rules are written in.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: The most strings kept while spelling out a part of a pattern.
_MAX_EXACT = 64
#: The most characters a character class may stand for and still be spelled out.
_MAX_CLASS = 12

_SPACES = re.compile(r"\s+")


def normal(text: str) -> str:
    """``text`` as :func:`required` strings are written: case folded, and every run of
    whitespace one space."""
    return _SPACES.sub(" ", text.casefold())


#: :func:`required_all` of every alternative of the built-in rules, worked out ahead: reading
#: three hundred patterns with Python's regex parser would cost a fifth of a second at every
#: start-up. :func:`write_shipped` writes it; a test checks that it is current.
SHIPPED = Path(__file__).with_name("_literals.json")

#: What a pattern needs: sets of strings; a text the pattern matches holds one string of
#: each set (``None``: the pattern does not say).
Needs = tuple[frozenset[str], ...]


@functools.cache
def _shipped() -> dict[str, list[list[str]] | None]:
    try:
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which every text ``pattern`` matches holds (in :func:`normal` form),
    or ``None`` when the pattern does not say: the sharpest of :func:`required_all`."""
    needs = required_all(pattern)
    return needs[0] if needs else None


def required_all(pattern: str) -> Needs | None:
    """Sets of strings such that every text ``pattern`` matches holds one string of each
    set (in :func:`normal` form), the sharpest set first; ``None`` when the pattern does not
    say. A long pattern needs each of its parts: "please ... send ... immediately" needs a
    "please", a "send" and an "immediately", and a text that lacks any one is skipped."""
    if pattern in _shipped():
        listed = _shipped()[pattern]
        return None if listed is None else tuple(frozenset(strings) for strings in listed)
    return work_out_all(pattern)


def work_out(pattern: str) -> frozenset[str] | None:
    """:func:`required`, worked out from the pattern (not read from :data:`SHIPPED`)."""
    needs = work_out_all(pattern)
    return needs[0] if needs else None


def work_out_all(pattern: str) -> Needs | None:
    """:func:`required_all`, worked out from the pattern (not read from :data:`SHIPPED`)."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # syntax only the regex module reads; or anything else: no filter
        return None
    try:
        info = _sequence(list(parsed))
    except RecursionError:
        return None
    if info.need is None or "" in info.need:
        return None
    first = _shortest(info.need)
    needs: list[frozenset[str]] = []
    for need in (first, *(_shortest(n) for n in info.every if n and "" not in n)):
        # A set that holds all of another's strings says nothing more.
        if not any(other <= need for other in needs):
            needs = [other for other in needs if not need <= other]
            needs.append(need)
    rest = sorted(
        (n for n in needs if n != first), key=lambda n: (_score(n), sorted(n)), reverse=True
    )
    return (first, *rest)


def _shortest(need: frozenset[str]) -> frozenset[str]:
    """``need`` without the strings that hold another of its strings: finding the longer one
    means finding the shorter too."""
    kept: list[str] = []
    for string in sorted(need, key=len):
        if not any(k in string for k in kept):
            kept.append(string)
    return frozenset(kept)


_WORD = re.compile(r"\w+")
#: English letters from the most to the least common, to break ties between runs.
_LETTERS = "etaoinshrdlcumwfgypbvkjxqz"


@functools.cache
def _common_runs() -> Counter[str]:
    """How many of the commonest English words (spaCy's stop words) hold each
    three-character run: "you" and "ing" are in nearly every email, "wam" is not."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return Counter(w[i : i + 3] for w in STOP_WORDS for i in range(len(w) - 2))


@functools.lru_cache(maxsize=4096)
def _rarity(run: str) -> tuple[int, int]:
    """How rare a run is (higher: rarer); asked for each run of each string of every regex
    rule at load, and the same few thousand runs come back again and again."""
    return (-_common_runs()[run], sum(_LETTERS.find(ch) % len(_LETTERS) for ch in run))


def grams(text: str) -> frozenset[str]:
    """The three-character runs inside the words of a :func:`normal` text (or of a string
    a text may hold: a text that holds it has all its runs among its own)."""
    out: set[str] = set()
    for word in set(_WORD.findall(text)):
        out.update(word[i : i + 3] for i in range(len(word) - 2))
    return frozenset(out)


class Finder:
    """Which of many strings a text holds, without searching for most of them.

    Each string is filed under the rarest three-character run of its words; only strings
    whose run is among the text's :func:`grams`, and so are all their other runs, are
    searched for. Strings with no word of three characters are always searched for.
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self._always: list[str] = []
        self._by_key: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for string in sorted(set(strings)):
            runs = grams(string)
            if not runs:
                self._always.append(string)
                continue
            key = max(sorted(runs), key=_rarity)
            self._by_key.setdefault(key, []).append((string, runs))
        self._keys = frozenset(self._by_key)

    def found(self, text: str, text_grams: frozenset[str]) -> frozenset[str]:
        """The strings ``text`` (in :func:`normal` form, with its ``grams``) holds."""
        out = [s for s in self._always if s in text]
        for key in self._keys & text_grams:
            out.extend(s for s, runs in self._by_key[key] if runs <= text_grams and s in text)
        return frozenset(out)


class _Info(NamedTuple):
    #: Every string the part can match, when they are few.
    exact: frozenset[str] | None
    #: Strings one of which every match of the part contains (``None``: unknown).
    need: frozenset[str] | None
    #: Other such sets, each met by every match too (the needs of the part's own parts).
    every: tuple[frozenset[str], ...] = ()


_NOTHING = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)


def _fold(ch: str) -> str:
    return " " if ch.isspace() else ch.casefold()


def _squeeze(strings: set[str]) -> frozenset[str]:
    # "\s\s" spells two spaces; in normal form they are one.
    return frozenset(re.sub("  +", " ", s) for s in strings)


#: Strings this long are rare enough in email; past it, fewer strings filter better.
_LONG_ENOUGH = 5


def _score(need: frozenset[str] | None) -> tuple[int, int]:
    """How well a need filters: its shortest string (up to a point), then fewest strings."""
    if need is None or not need:
        return (-1, 0)
    return (min(_LONG_ENOUGH, *(len(s) for s in need)), -len(need))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return a if _score(a) >= _score(b) else b


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    """Every part of a sequence is matched, so any part's need will do; consecutive parts
    spelled out are joined into longer strings."""
    run: set[str] | None = {""}
    best: frozenset[str] | None = None
    every: list[frozenset[str]] = []  # each part's needs: a match meets them all
    whole = True  # every part spelled out, so far
    for op, av in items:
        info = _node(op, av)
        if run is not None and info.exact is not None and len(run) * len(info.exact) <= _MAX_EXACT:
            run = {a + b for a in run for b in info.exact}
            continue
        whole = False
        if run is not None:
            joined = _squeeze(run)
            best = _better(best, joined)
            every.append(joined)
        best = _better(best, info.need)
        every.extend(n for n in (info.need, *info.every) if n is not None)
        run = set(info.exact) if info.exact is not None else {""}
    if run is not None:
        joined = _squeeze(run)
        if whole:
            return _Info(joined, joined)
        best = _better(best, joined)
        every.append(joined)
    return _Info(None, best, tuple(every))


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _Info(frozenset({_fold(chr(av))}), frozenset({_fold(chr(av))}))
    if op is _c.ASSERT:
        # A look-ahead or look-behind uses up nothing of the match, but the text must hold
        # what it looks for: its strings filter as well as the match's own.
        inner = _sequence(list(av[1]))
        return _Info(None, inner.exact if inner.exact is not None else inner.need, inner.every)
    if op is _c.AT or op is _c.ASSERT_NOT:
        return _EMPTY  # a position, or what must not be there: nothing is used up
    if op is _c.IN:
        chars = _class(av)
        if chars is None:
            return _NOTHING
        return _Info(chars, chars)
    if op is _c.CATEGORY:
        return _Info(frozenset({" "}), frozenset({" "})) if av is _c.CATEGORY_SPACE else _NOTHING
    if op is _c.BRANCH:
        return _branch([_sequence(list(b)) for b in av[1]])
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, high, body = av
        return _repeat(low, high, _sequence(list(body)))
    return _NOTHING  # any character, a negated one, a back-reference, a conditional


def _class(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters a ``[...]`` class stands for, when they are few and named."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(_fold(chr(av)))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(_fold(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_SPACE:
            chars.add(" ")
        else:  # a negation, a wide range, \w or \d
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


def _branch(infos: list[_Info]) -> _Info:
    exact: set[str] | None = set()
    need: set[str] | None = set()
    for info in infos:
        if exact is not None and info.exact is not None:
            exact |= info.exact
        else:
            exact = None
        part = info.exact if info.exact is not None else info.need
        if need is not None and part is not None:
            need |= part
        else:
            need = None
    if exact is not None and len(exact) > _MAX_EXACT:
        exact = None
    return _Info(
        frozenset(exact) if exact is not None else None,
        frozenset(need) if need is not None else None,
    )


def _repeat(low: int, high: int, body: _Info) -> _Info:
    if low == 0:
        if high == 1 and body.exact is not None:
            return _Info(body.exact | {""}, None)  # optional: spelled out with or without
        return _EMPTY if high == 0 else _NOTHING
    if body.exact == frozenset({" "}):
        return _Info(body.exact, body.exact)  # \s+ is one space in normal form
    if low == high == 1:
        return body
    # At least one copy is there.
    return _Info(None, body.exact if body.exact is not None else body.need, body.every)


def write_shipped() -> int:
    """Write :data:`SHIPPED` for the built-in rules; the number of patterns."""
    from .kinds.regex import RegexSpec
    from .loader import builtin_rules_dir, load_specs

    patterns = sorted(
        {
            alternative
            for source in load_specs([builtin_rules_dir()])
            if isinstance(source.spec, RegexSpec)
            for alternative in source.spec.alternatives()
        }
    )
    lines = []
    for pattern in patterns:
        needs = work_out_all(pattern)
        value = None if needs is None else [sorted(need) for need in needs]
        lines.append(
            f"{json.dumps(pattern, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
        )
    SHIPPED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    return len(lines)
