"""Choosing and applying fixes: which suggestions ``--fix`` applies, and the text after.

A fix replaces its finding's span with the finding's first suggestion. Fixes that overlap
are resolved deterministically: the more severe finding wins, then the earlier one, then
the shorter span, then the rule id; the other waits for the next pass (``fix_text`` runs
passes until nothing changes).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from .findings import Finding, Fix, Report, Safety


@dataclass(frozen=True)
class Applied:
    """A fix applied in one pass: the finding, and its fix (positions in that pass's text)."""

    finding: Finding
    fix: Fix


def overlaps(finding: Finding, fix: Fix) -> bool:
    """Whether ``finding``'s span shares a character with ``fix``'s."""
    return finding.start < fix.end and fix.start < finding.end


def wanted(finding: Finding, only: Collection[str]) -> bool:
    """Whether ``--fix-only`` (rule ids or categories; empty: all) covers ``finding``."""
    return not only or finding.rule in only or finding.category in only


def choose(
    findings: Iterable[Finding],
    text: str = "",
    *,
    unsafe: bool = False,
    only: Collection[str] = (),
) -> list[Applied]:
    """The fixes to apply in one pass, in text order, none overlapping another.

    Each finding's first suggestion, except that a sentence rewrite already in ``text``
    or chosen for another finding gives way to the finding's next suggestion (two busy
    excuses in a row do not both become "Thank you for your patience.").
    """
    candidates = [
        f for f in findings if f.fix is not None and f.fix.applicable(unsafe) and wanted(f, only)
    ]
    candidates.sort(key=lambda f: (-f.severity.rank, f.start, f.end, f.rule))
    kept: list[Applied] = []
    for f in candidates:
        if any(overlaps(f, k.fix) for k in kept):
            continue
        fix = _unrepeated(f, text, kept)
        if fix is not None:
            kept.append(Applied(f, fix))
    return sorted(kept, key=lambda a: a.fix.start)


def _unrepeated(finding: Finding, text: str, kept: list[Applied]) -> Fix | None:
    first = finding.suggestions[0]
    if first.safety == Safety.SAFE:
        return first
    used = {k.fix.replacement for k in kept}
    for fix in finding.suggestions:
        if fix.replacement not in used and fix.replacement not in text:
            return fix
    return None


def apply(text: str, chosen: Iterable[Applied]) -> str:
    """``text`` with each chosen fix applied; each span must still hold its finding's text."""
    out: list[str] = []
    last = 0
    for a in sorted(chosen, key=lambda a: a.fix.start):
        fix = a.fix
        if fix.start < last or text[fix.start : fix.end] != a.finding.text:
            raise ValueError(
                f"fix for {a.finding.rule} at {fix.start}-{fix.end} does not match the text; "
                "apply fixes to the text that was checked"
            )
        out.append(text[last : fix.start])
        out.append(fix.replacement)
        last = fix.end
    out.append(text[last:])
    return "".join(out)


def in_text(report: Report, text: str, *, strict: bool = True) -> list[Finding]:
    """The findings of ``report`` whose positions refer to ``text``; if ``strict``, an error
    when none of the report's fields was read from ``text`` (a caller's mistake: fixes
    would land in the wrong places)."""
    if strict and report.texts and text not in report.texts.values():
        raise ValueError(
            "this report was not made from this text; apply fixes to the text that was checked"
        )
    return [f for f in report.findings if report.texts.get(f.field, text) == text]


@dataclass(frozen=True)
class FixResult:
    """What ``fix_text`` did: the final text, and the fixes of each pass."""

    text: str
    passes: tuple[tuple[Applied, ...], ...]
    #: The report on the final text.
    report: Report

    @property
    def applied(self) -> list[Applied]:
        return [a for p in self.passes for a in p]


#: Passes after which ``fix_text`` stops, whatever is left (a rule whose rewrite keeps
#: raising another would otherwise never settle).
MAX_PASSES = 10


def fix_text(
    text: str,
    check: Callable[[str], Report],
    *,
    unsafe: bool = False,
    only: Collection[str] = (),
) -> FixResult:
    """Fix ``text`` until a check finds nothing more to fix (or ``MAX_PASSES``).

    ``check`` reads and checks a text whose findings' positions refer to that text (for a
    file: the file's text, parsed as the file is).
    """
    passes: list[tuple[Applied, ...]] = []
    report = check(text)
    seen = {text}
    for _ in range(MAX_PASSES):
        # A file whose fields were all decoded (an encoded .eml) has nothing to fix.
        chosen = choose(in_text(report, text, strict=False), text, unsafe=unsafe, only=only)
        if not chosen:
            break
        fixed = apply(text, chosen)
        if fixed in seen:  # a cycle: stop at the last new text
            break
        seen.add(fixed)
        passes.append(tuple(chosen))
        text = fixed
        report = check(text)
    return FixResult(text, tuple(passes), report)
