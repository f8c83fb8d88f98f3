"""Words a regex cannot match without: a cheap test that skips most regex rules on most texts.

Most regex rules are long lists of phrasings ("been so busy", "snowed under", ...), and on a
typical email none of them can match: the engine still tries every alternative at every
position. :func:`required` reads a pattern (with Python's own regex parser) and returns a set
of strings such that every match contains one of them, in a normal form: case folded, and
every run of whitespace one space. A rule whose strings are all absent from a text's normal
form (:func:`normal`) cannot match it and is not run. Where the pattern says too little
(``\\w+``, a back-reference, syntax only the ``regex`` module reads) there is no such set, and
the rule always runs.
"""

from __future__ import annotations

import importlib
import re
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


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (in :func:`normal` form),
    or ``None`` when the pattern does not say."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # syntax only the regex module reads; or anything else: no filter
        return None
    try:
        info = _sequence(list(parsed))
    except RecursionError:
        return None
    need = info.need
    if need is None or "" in need:
        return None
    # One string inside another makes the longer one redundant: finding it means finding
    # the shorter too.
    kept = sorted(need, key=len)
    out: list[str] = []
    for s in kept:
        if not any(k in s for k in out):
            out.append(s)
    return frozenset(out)


class _Info(NamedTuple):
    #: Every string the part can match, when they are few.
    exact: frozenset[str] | None
    #: Strings one of which every match of the part contains (``None``: unknown).
    need: frozenset[str] | None


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
    whole = True  # every part spelled out, so far
    for op, av in items:
        info = _node(op, av)
        if run is not None and info.exact is not None and len(run) * len(info.exact) <= _MAX_EXACT:
            run = {a + b for a in run for b in info.exact}
            continue
        whole = False
        if run is not None:
            best = _better(best, _squeeze(run))
        best = _better(best, info.need)
        run = set(info.exact) if info.exact is not None else {""}
    if run is not None:
        joined = _squeeze(run)
        if whole:
            return _Info(joined, joined)
        best = _better(best, joined)
    return _Info(None, best)


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _Info(frozenset({_fold(chr(av))}), frozenset({_fold(chr(av))}))
    if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # a position or a look-around: nothing of the text is used up
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
    return _Info(None, body.exact if body.exact is not None else body.need)
