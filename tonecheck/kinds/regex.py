"""``regex``: a regular expression on the field's raw text, compiled once.

For what tokens hide (punctuation runs such as ``!!!``) and for case-sensitive checks.
Named groups can be used in suggestion templates.

Rule files may come from anyone, so a pattern is guarded twice against catastrophic
backtracking (``(a+)+$`` takes longer than the age of the universe on 40 letters): at load,
it is tried on short hostile texts and rejected if it cannot finish them
(:data:`PROBE_SECONDS`); at run time it runs with the ``regex`` module's timeout, a budget
that grows with the text (:func:`budget`), and a rule over budget is reported, not waited
for.
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import regex
from pydantic import Field, ValidationInfo, field_validator

from ..errors import TonecheckError
from ..literals import Finder, Needs, grams, required_all
from ..rewrite import Captured
from ..schema import RuleSpec
from .base import Context, Hit, Kind, captured_token

#: The parser behind ``re`` (Python 3.11+): it reads a pattern's group names.
_re_parser: Any = importlib.import_module("re._parser")

#: Seconds a pattern may take on each probe text at load (a linear one takes well under a
#: millisecond; one that backtracks catastrophically does not finish).
PROBE_SECONDS = 0.5

#: A rule's time budget on one field: this many seconds, plus :data:`SECONDS_PER_CHAR` for
#: each character (a linear pattern needs about a microsecond per character at most).
BASE_SECONDS = 1.0
SECONDS_PER_CHAR = 20e-6


def budget(length: int) -> float:
    """The seconds a regex rule may take on a field of ``length`` characters."""
    return BASE_SECONDS + SECONDS_PER_CHAR * length


class RuleTimeout(TonecheckError):
    """A regex rule went over its time budget on one input."""


def _probes() -> list[str]:
    """Texts on which catastrophic patterns never finish: long runs of one kind of
    character, then characters that break the match."""
    n = 2000
    runs = ["a" * n, "A" * n, " " * n, "\n" * n, "!" * n, "." * n, "1" * n, "a " * (n // 2)]
    runs += ["a\n" * (n // 2), "aA" * (n // 2), "a, " * (n // 3), "a!" * (n // 2)]
    # The end breaks the match, and holds the punctuation a pattern may require (an engine
    # gives up at once on a text that lacks a literal the pattern needs).
    return [run + "\x00:;,.!?-'\")" for run in runs]


_PROBES = _probes()


def compile_checked(expression: str) -> Any:
    """``expression`` compiled (ignoring case), or ``ValueError`` naming it."""
    try:
        return regex.compile(expression, regex.IGNORECASE)
    except regex.error as exc:
        raise ValueError(f"bad regex {expression!r}: {exc}") from None


def refuse_catastrophic(compiled: Any) -> None:
    """Raise ``ValueError`` if a compiled pattern cannot finish the probe texts in time (a
    rule's own, and a ``REGEX`` inside a spaCy pattern, which spaCy runs with no limit).

    Rule files from anyone are probed when they load; the built-in ones, which ship with
    tonecheck, are probed by a test instead, to keep the probe out of every start-up."""
    expression = compiled.pattern
    for probe in _PROBES:
        try:
            for _ in compiled.finditer(probe, timeout=PROBE_SECONDS):
                pass
        except TimeoutError:
            raise ValueError(
                f"regex {expression!r} backtracks catastrophically: it did not finish "
                f"in {PROBE_SECONDS} s on {len(probe):,} characters of "
                f"{probe[:2]!r}...; a repeat inside a repeat, such as (\\w+\\s?)+, "
                "does this: bound the inner repeats or make them unambiguous"
            ) from None


def trusted(info: ValidationInfo) -> bool:
    """Whether the rule being validated ships with tonecheck (the loader says so)."""
    return bool(info.context and info.context.get("trusted"))


def _flags(ignorecase: bool) -> int:
    return int(regex.IGNORECASE) if ignorecase else 0


class RegexSpec(RuleSpec):
    kind: Literal["regex"]
    #: One expression, or a list of alternatives (easier to read and to review in YAML).
    pattern: str | list[str] = Field(min_length=1)
    ignorecase: bool = True

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | list[str], info: ValidationInfo) -> str | list[str]:
        if trusted(info):
            # A built-in pack: compiled when first needed, and checked by the tests as a
            # user's pack would be at load (compiles, cannot match nothing, no backtracking).
            return value
        for alternative in [value] if isinstance(value, str) else value:
            compiled = compile_checked(alternative)
            if compiled.match(""):
                raise ValueError(f"regex {alternative!r} matches the empty string")
            refuse_catastrophic(compiled)
        return value

    def captures(self) -> set[str]:
        """The pattern's named groups, read with Python's own regex parser, which takes a
        fifth of the time or less that the ``regex`` module takes to compile a long pattern
        (80 ms for one built-in rule, at every start-up); syntax only the ``regex`` module
        reads (``(?<name>...)``) is compiled by it."""
        expression = self.expression()
        try:
            return set(_re_parser.parse(expression).state.groupdict)
        except Exception:
            return set(regex.compile(expression).groupindex)

    def alternatives(self) -> list[str]:
        return [self.pattern] if isinstance(self.pattern, str) else self.pattern

    def expression(self) -> str:
        if isinstance(self.pattern, str):
            return self.pattern
        return "|".join(f"(?:{alternative})" for alternative in self.pattern)


class _Alternative:
    """One alternative of a rule's pattern, compiled when a text first holds what it needs:
    most of a pack's phrasings are never compiled in a short run."""

    def __init__(self, expression: str, flags: int) -> None:
        self.expression = expression
        self.flags = flags
        #: Sets of strings; a text must hold one string of each for this alternative to
        #: match it (``None``: it may match any text).
        self.needs = required_all(expression)

    @functools.cached_property
    def regex(self) -> Any:
        return regex.compile(self.expression, self.flags)


class _Index:
    """What each of a checker's regex rules may match in a text, worked out once per field
    for all of them: one :class:`Finder` looks for the strings of every alternative's first
    need, and an alternative whose first need the text meets is tried only when it holds a
    string of each of its other needs too (each need looked for once per field, and only
    when some alternative asks).
    """

    def __init__(self, kinds: Sequence[RegexKind]) -> None:
        #: For each string of an alternative's first need: ``(rule, alternative)`` positions.
        self._first: dict[str, list[tuple[int, int]]] = {}
        #: Alternatives with no needs, by rule: tried on every text.
        self._always: dict[int, list[int]] = {}
        #: Each rule's alternatives' other needs.
        self._rest: list[list[Needs]] = []
        #: The strings of each other need, shortest first, with their three-character runs.
        self._strings: dict[frozenset[str], tuple[tuple[str, frozenset[str]], ...]] = {}
        for slot, kind in enumerate(kinds):
            kind._index, kind._slot = self, slot
            rest: list[Needs] = []
            for i, alternative in enumerate(kind._alternatives):
                needs = alternative.needs
                if needs is None:
                    self._always.setdefault(slot, []).append(i)
                    rest.append(())
                    continue
                for string in needs[0]:
                    self._first.setdefault(string, []).append((slot, i))
                for need in needs[1:]:
                    self._strings.setdefault(
                        need, tuple((s, grams(s)) for s in sorted(need, key=lambda s: (len(s), s)))
                    )
                rest.append(needs[1:])
            self._rest.append(rest)
        self._finder = Finder(self._first.keys())

    def active(self, ctx: Context) -> dict[int, list[int]]:
        """The alternatives (by position, in the pattern's order) that may match ``ctx``'s
        text, by rule; kept on the context for the field's other rules."""
        found: dict[int, list[int]] | None = ctx.shared.get(self)
        if found is not None:
            return found
        text, text_grams = ctx.normal, ctx.grams
        candidates: dict[int, set[int]] = {}
        for string in self._finder.found(text, text_grams):
            for slot, i in self._first[string]:
                candidates.setdefault(slot, set()).add(i)
        met: dict[frozenset[str], bool] = {}

        def holds(need: frozenset[str]) -> bool:
            if need not in met:
                met[need] = any(
                    runs <= text_grams and string in text for string, runs in self._strings[need]
                )
            return met[need]

        found = {slot: list(always) for slot, always in self._always.items()}
        for slot, alternatives in candidates.items():
            rest = self._rest[slot]
            kept = [i for i in alternatives if all(holds(need) for need in rest[i])]
            if kept:
                found[slot] = sorted({*kept, *found.get(slot, ())})
        ctx.shared[self] = found
        return found


class RegexKind(Kind):
    """Each alternative of the pattern is compiled on its own and tried only on texts that
    hold what it needs (a string of each of its sets: :mod:`tonecheck.literals`); a list of
    forty phrasings costs about what the few that might match cost. The hits are those of
    the whole pattern: at each position, the first alternative that matches there (see
    :func:`_leftmost_first`)."""

    spec_model = RegexSpec

    def __init__(self, spec: RuleSpec, nlp: Any) -> None:
        super().__init__(spec, nlp)
        assert isinstance(spec, RegexSpec)
        self._flags = _flags(spec.ignorecase)
        self._expression = spec.expression()
        self._alternatives = tuple(_Alternative(a, self._flags) for a in spec.alternatives())
        #: The index this rule shares with the rules compiled with it, and its place there
        #: (a rule compiled on its own gets one of its own when first used).
        self._index: _Index | None = None
        self._slot = 0

    @classmethod
    def prepare(cls, kinds: Sequence[Kind]) -> None:
        _Index([k for k in kinds if isinstance(k, RegexKind)])

    @functools.cached_property
    def _whole(self) -> Any:
        """The whole pattern, compiled when an alternative's match is empty (see
        :func:`_leftmost_first`)."""
        return regex.compile(self._expression, self._flags)

    def find(self, ctx: Context) -> Iterator[Hit]:
        index = self._index or _Index([self])
        positions = index.active(ctx).get(self._slot)
        if not positions:
            return
        active = [self._alternatives[i] for i in positions]
        text = ctx.text
        seconds = budget(len(text))
        try:
            if len(active) == 1:
                matches = list(active[0].regex.finditer(text, timeout=seconds))
            else:
                found = _leftmost_first(active, text, time.monotonic() + seconds)
                matches = (
                    found
                    if found is not None
                    else list(self._whole.finditer(text, timeout=seconds))
                )
        except TimeoutError:
            raise RuleTimeout(
                f"went over its time budget ({seconds:.1f} s for {len(text):,} characters; "
                "its regex backtracks catastrophically)"
            ) from None
        for m in matches:
            if m.end() > m.start():
                groups = {
                    name: _captured(ctx, m.start(name), m.end(name))
                    for name, value in m.groupdict().items()
                    if value
                }
                yield Hit(m.start(), m.end(), groups)


def _leftmost_first(
    alternatives: list[_Alternative], text: str, deadline: float
) -> list[Any] | None:
    """The matches ``a|b|c`` finds in ``text``, from each alternative searched on its own.

    From where its last match ended, the whole pattern takes the leftmost place where any
    alternative matches, and there the first alternative that does. So: each alternative's
    next match from that point is searched for (and kept while it starts after the last
    match's end); the earliest wins, of those the first alternative. Each alternative reads
    the text about once, as the whole pattern would. An empty match would make the whole
    pattern's next search differ: then ``None``, and the caller runs the whole pattern.
    """
    matches: list[Any] = []
    pending: list[Any] = [None] * len(alternatives)
    done = [False] * len(alternatives)
    position = 0
    while True:
        best = None
        for k, alternative in enumerate(alternatives):
            if done[k]:
                continue
            found = pending[k]
            if found is None or found.start() < position:
                found = alternative.regex.search(
                    text, position, timeout=max(deadline - time.monotonic(), 0.001)
                )
                pending[k] = found
                if found is None:
                    done[k] = True
                    continue
            if best is None or found.start() < best.start():
                best = found
        if best is None:
            return matches
        if best.end() == best.start():
            return None
        matches.append(best)
        position = best.end()


def _captured(ctx: Context, start: int, end: int) -> Captured:
    """A named group's words; a single word carries its lemma, for inflecting."""
    span = ctx.doc.char_span(start, end)
    if span is not None and len(span) == 1:
        return captured_token(span[0])
    return Captured(ctx.text[start:end])
