"""Inline suppression: ``tonecheck:`` directives in comments, invisible to the recipient.

A directive is a comment whose text starts with ``tonecheck:``, in any of these wrappers::

    <!-- tonecheck: ... -->  {# tonecheck: ... #}  {{!-- tonecheck: ... --}}  {{! tonecheck: ... }}

and says, after the colon, what to silence::

    ACTION [= ITEM, ITEM, ...]
    ACTION := disable | enable | disable-line | disable-next-line | disable-file
    ITEM   := NAME [: "PHRASE"]       (or 'PHRASE'; NAME: a rule id or a category)

``disable`` and ``enable`` open and close a region, from the end of the comment on;
``disable-line`` covers the comment's own line(s), ``disable-next-line`` the line after it,
``disable-file`` the whole message, subject included. No names means every rule. An item with
a phrase covers only findings whose flagged text contains the phrase (case and runs of
whitespace ignored). For a finding, the last ``disable``/``enable`` before its start that
names it decides, so ``enable=x`` after a ``disable`` re-enables ``x`` only. A finding belongs
to the line (and region) where it starts, even if it runs on over several lines.

Line and region directives apply to the field read from the text they are written in (for a
file, the body and a ``Subject:`` line in it); ``disable-file`` applies to every field.
Readers drop directive comments before analysis (:func:`hidden`), so they are never flagged
and never join the sentences around them; positions still point into the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .findings import Finding
from .textmap import Edit

if TYPE_CHECKING:
    from .message import Field, Message

#: What may follow ``tonecheck:``.
ACTIONS: tuple[str, ...] = (
    "disable",
    "enable",
    "disable-line",
    "disable-next-line",
    "disable-file",
)
_REGION = frozenset({"disable", "enable"})

_KEY = r"\s*(?i:tonecheck)\s*:"
#: A directive comment in any wrapper; one of the groups b0-b3 holds what follows the colon.
DIRECTIVE = re.compile(
    rf"<!--{_KEY}(?P<b0>.*?)-->"
    rf"|\{{#-?{_KEY}(?P<b1>.*?)-?#\}}"
    rf"|\{{\{{~?!--{_KEY}(?P<b2>.*?)--~?\}}\}}"
    rf"|\{{\{{~?!{_KEY}(?P<b3>.*?)~?\}}\}}",
    re.DOTALL,
)
_QUICK = re.compile(r"(?i:tonecheck)\s*:")
_ACTION = re.compile(r"\s*(?P<action>[^\s=]*)\s*(?P<rest>.*?)\s*\Z", re.DOTALL)
_ITEM = re.compile(
    r"""\s*(?P<name>[^\s,:'"]+)\s*(?::\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'))?\s*(?:,|\Z)"""
)
_EMPTY_ITEM = re.compile(r"\s*,")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Target:
    """What one name in a directive covers: a rule id or category (``None``: every rule),
    and optionally only findings whose text contains ``phrase`` (lower-cased, spaces single)."""

    name: str | None = None
    phrase: str | None = None

    def covers(self, finding: Finding) -> bool:
        if self.name is not None and self.name not in (finding.rule, finding.category):
            return False
        return self.phrase is None or self.phrase in _normal(DIRECTIVE.sub(" ", finding.text))


EVERY_RULE = Target()


@dataclass(frozen=True)
class Directive:
    """One directive comment: ``source[start:end]``, on lines ``line`` to ``end_line``."""

    action: str
    targets: tuple[Target, ...]
    start: int
    end: int
    line: int
    end_line: int

    def covers(self, finding: Finding) -> bool:
        return any(t.covers(finding) for t in self.targets)


@dataclass(frozen=True)
class Directives:
    """The directives in one source, in order, and the problems found reading them as
    ``(line, message)`` pairs."""

    items: tuple[Directive, ...] = ()
    problems: tuple[tuple[int, str], ...] = ()

    def silences(self, finding: Finding) -> bool:
        """Whether a line or region directive here silences ``finding`` (whose positions
        refer to this source); ``disable-file`` is not considered."""
        decided = False
        for d in self.items:
            if not d.covers(finding):
                continue
            if d.action == "disable-line" and d.line <= finding.line <= d.end_line:
                return True
            if d.action == "disable-next-line" and finding.line == d.end_line + 1:
                return True
            if d.action in _REGION and d.end <= finding.start:
                decided = d.action == "disable"
        return decided

    def file_wide(self) -> Iterator[Directive]:
        return (d for d in self.items if d.action == "disable-file")


class Split(NamedTuple):
    """Findings divided by the directives of their message, and problems with them."""

    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    warnings: tuple[str, ...]


def parse(
    source: str, known: Collection[str], start: int = 0, end: int | None = None
) -> Directives:
    """The directives in ``source[start:end]``; names not in ``known`` (rule ids and
    categories) are left out with a problem, the others in the directive still count."""
    end = len(source) if end is None else end
    if not _QUICK.search(source, start, end):
        return Directives()
    lines = _line_starts(source)
    items: list[Directive] = []
    problems: list[tuple[int, str]] = []
    for m in DIRECTIVE.finditer(source, start, end):
        line = bisect_right(lines, m.start())
        end_line = bisect_right(lines, m.end() - 1)
        body = next(b for b in m.group("b0", "b1", "b2", "b3") if b is not None)
        found: list[str] = []
        directive = _directive(body, known, found)
        problems.extend((line, p) for p in found)
        if directive is not None:
            action, targets = directive
            items.append(Directive(action, targets, m.start(), m.end(), line, end_line))
    return Directives(tuple(items), tuple(problems))


def split(findings: Iterable[Finding], message: Message, known: Collection[str]) -> Split:
    """Divide ``findings`` (of ``message``) into those kept and those its directives silence."""
    body = message.body
    body_directives = parse(body.source, known)
    by_field: dict[str, Directives] = {}
    warnings = [f"line {line}: {text}" for line, text in body_directives.problems]
    for f in message.fields:
        if f.source == body.source:
            by_field[f.name] = body_directives
        else:
            by_field[f.name] = parse(f.source, known, *_line_of(f))
            warnings += [f"{f.name}: {text}" for _, text in by_field[f.name].problems]
    file_wide = [d for ds in by_field.values() for d in ds.file_wide()]
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        directives = by_field.get(finding.field, Directives())
        silenced = any(d.covers(finding) for d in file_wide) or directives.silences(finding)
        (suppressed if silenced else kept).append(finding)
    return Split(tuple(kept), tuple(suppressed), tuple(dict.fromkeys(warnings)))


def hidden(source: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Edits that drop every directive comment in ``source[start:end]`` from the checked text.

    A directive alone on its line goes with its line ending, one at the end of a line with the
    spaces before it, any other with the spaces after it; so the text reads as it would
    without the comment (no blank line is left to end a sentence, no space to start one).
    """
    end = len(source) if end is None else end
    if not _QUICK.search(source, start, end):
        return []
    groups: list[list[int]] = []
    for m in DIRECTIVE.finditer(source, start, end):
        if groups and not source[groups[-1][1] : m.start()].strip(" \t"):
            groups[-1][1] = m.end()  # comments side by side go together
        else:
            groups.append([m.start(), m.end()])
    edits: list[Edit] = []
    for s, e in groups:
        line_start = max(source.rfind("\n", 0, s) + 1, start)
        newline = source.find("\n", e, end)
        line_end = end if newline < 0 else newline
        before, after = source[line_start:s], source[e:line_end]
        if not before.strip() and not after.strip():
            edits.append(Edit(line_start, line_end if newline < 0 else newline + 1, ""))
        elif not after.strip():
            edits.append(Edit(s - _trailing(before), e + _leading(after), ""))
        else:
            edits.append(Edit(s, e + _leading(after), ""))
    return edits


def _directive(
    body: str, known: Collection[str], problems: list[str]
) -> tuple[str, tuple[Target, ...]] | None:
    """A directive's action and targets from the text after ``tonecheck:``; ``None`` (with a
    problem) when it cannot be read."""
    m = _ACTION.match(body)
    assert m is not None  # the pattern matches any text
    action, rest = m.group("action").lower(), m.group("rest")
    if action not in ACTIONS:
        expected = f"{', '.join(ACTIONS[:-1])} or {ACTIONS[-1]}"
        written = m.group("action")
        what = f"unknown tonecheck directive '{written}'" if written else "empty directive"
        problems.append(f"{what} (expected {expected})")
        return None
    if not rest:
        return action, (EVERY_RULE,)
    if not rest.startswith("="):
        problems.append(f"expected '=' and names after '{action}', not '{rest}'")
        return None
    names = rest[1:]
    if not names.strip():
        problems.append(f"'{action}=' names nothing; write '{action}' alone for every rule")
        return None
    return action, tuple(_targets(names, known, problems))


def _targets(names: str, known: Collection[str], problems: list[str]) -> Iterator[Target]:
    """The targets in a comma-separated name list; reading stops at an item it cannot read."""
    at = 0
    while at < len(names) and names[at:].strip():
        empty = _EMPTY_ITEM.match(names, at)
        if empty:
            at = empty.end()
            continue
        m = _ITEM.match(names, at)
        if m is None:
            problems.append(
                f"cannot read '{names[at:].strip()}' (expected a rule id or category, "
                'optionally followed by :"phrase")'
            )
            return
        at = m.end()
        name = m.group("name")
        raw = m.group("dq") if m.group("dq") is not None else m.group("sq")
        phrase = None if raw is None else _normal(raw)
        if name.lower() not in known:
            problems.append(
                f"suppression names unknown rule or category '{name}' (tonecheck rules lists them)"
            )
        elif phrase == "":
            problems.append(f"empty phrase after '{name}:'; it would silence nothing")
        else:
            yield Target(name.lower(), phrase)


def _leading(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _trailing(text: str) -> int:
    return len(text) - len(text.rstrip(" \t"))


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _line_of(field: Field) -> tuple[int, int]:
    """The source line a field starts on: where a subject of another source is written."""
    start = field.source.rfind("\n", 0, field.origin) + 1
    newline = field.source.find("\n", field.origin)
    return start, len(field.source) if newline < 0 else newline
