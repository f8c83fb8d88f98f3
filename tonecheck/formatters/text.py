"""``text``: compiler-style lines for a person at a terminal."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ..findings import Finding, Report, Safety, Severity, count_by_severity
from .base import FileError, Formatter, display_path, ordered, plural

#: After the first suggestion: what ``--fix`` would do with it.
_FIX_MARK = {
    Safety.SAFE: "  [dim]\\[fix][/]",
    Safety.UNSAFE: "  [dim]\\[unsafe fix][/]",
    Safety.MANUAL: "",
}

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
_SUPPRESSED_STYLE = "dim"
_BAND_STYLE = {"good": "green", "fair": "yellow", "poor": "bold red"}


class TextFormatter(Formatter):
    """Compiler-style lines: ``path:line:col severity [rule-id] message``, the line with the
    span underlined, and each suggestion after ``->``. Colour only on a terminal (and never
    with ``NO_COLOR``); rich decides that from the stream.

    Problems with an input's own ``tonecheck:`` directives are always printed, as
    ``path: warning: text``. With ``show_suppressed``, findings silenced by a directive are
    listed in their place with ``suppressed`` where the severity stands (and no rewrites),
    and the summary counts them. ``quiet`` leaves out notes and the summary line.
    """

    def __init__(self, stream: TextIO, **options: bool) -> None:
        super().__init__(stream, **options)
        plain = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: plain text, no styles
        self.console = Console(
            file=stream,
            highlight=False,
            soft_wrap=True,
            emoji=False,
            color_system=None if plain else "auto",
        )

    def report(self, report: Report) -> None:
        self.reports.append(report)
        path = escape(display_path(report))
        for warning in report.warnings:
            self.console.print(f"[bold]{path}[/]: [yellow]warning[/]: {escape(warning)}")
        items = ordered(report, self.show_suppressed)
        if items and not self.quiet:
            for note in report.notes:
                self.console.print(f"[bold]{path}[/]: note: {escape(note)}")
        for finding, suppressed in items:
            if suppressed:
                self.show(report, finding, suppressed=True)
            else:
                self._finding(report, finding)
        if self.scores:
            self._scorecard(report)

    def _scorecard(self, report: Report) -> None:
        """The scorecard panel: one line per measure with its band and reason, then the
        politeness strategies the email uses."""
        path = escape(display_path(report))
        self.console.print(f"[bold]{path}[/]: scorecard")
        width = max((len(line.shown) for line in report.scorecard), default=0)
        for line in report.scorecard:
            style = _BAND_STYLE[line.band]
            self.console.print(
                f"  {line.label:<13} {escape(line.shown):<{width}}  [{style}]{line.band:<4}[/]  "
                f"{escape(line.reason)} [dim]\\[{escape(line.source)}][/]"
            )
        used: dict[str, list[str]] = {}
        weights: dict[str, float] = {}
        for use in report.strategies:
            used.setdefault(use.label, []).append(use.text)
            weights[use.label] = use.weight
        if used:
            parts = [
                f"{label} {weights[label]:+.2f} ({escape(', '.join(dict.fromkeys(texts)))})"
                for label, texts in sorted(used.items(), key=lambda kv: -weights[kv[0]])
            ]
            self.console.print(f"  {'strategies':<13} " + "; ".join(parts))

    def _finding(self, report: Report, f: Finding) -> None:
        self.show(report, f)
        for i, s in enumerate(f.suggestions):
            mark = _FIX_MARK[s.safety] if i == 0 else ""
            self.console.print(f"  [green]->[/] {escape(_shorten(s.replacement))}{mark}")
        if f.advice and not f.suggestions:
            self.console.print(f"  [green]->[/] {escape(f.advice)}")

    def show(self, report: Report, f: Finding, *, suppressed: bool = False) -> None:
        """The finding's heading line, and its line of text with the span underlined."""
        path = display_path(report)
        style = _SUPPRESSED_STYLE if suppressed else _STYLE[f.severity]
        label = "suppressed" if suppressed else f.severity.value
        self.console.print(
            f"[bold]{escape(path)}:{f.line}:{f.column}[/] [{style}]{label}[/] "
            f"[dim]\\[{escape(f.rule)}][/] {escape(f.message)}"
        )
        line_text, col = _line_of(report.texts.get(f.field, f.text), f)
        width = max(1, len(f.text.split("\n", 1)[0].rstrip("\r")))
        # In a long line, a long span (a run-on sentence) is shown by its start only.
        cut = width > _MAX_SPAN and len(line_text) > _MAX_LINE
        line_text, col, width = _window(line_text, col, min(width, _MAX_SPAN) if cut else width)
        self.console.print(f"  {escape(line_text)}")
        marker = "^" * width + (" ..." if cut or "\n" in f.text.rstrip() else "")
        self.console.print(" " * (col + 1) + f"[{style}]{marker}[/]")

    def finish(self) -> None:
        if self.quiet:
            return
        findings = [f for r in self.reports for f in r.findings]
        counts = count_by_severity(findings)
        # An error about a checked input (a rule that failed on it) is not another file.
        checked = {display_path(r) for r in self.reports}
        unread = [e for e in self.errors if FileError.parse(e).path not in checked]
        files = len(self.reports) + len(unread)
        parts = [plural(n, name) for name, n in counts.items() if n]
        if self.show_suppressed:
            suppressed = sum(len(r.suppressed) for r in self.reports)
            if suppressed:
                parts.append(f"{suppressed} suppressed")
        if unread:
            parts.append(plural(len(unread), "file error"))
        if len(self.errors) > len(unread):
            parts.append(plural(len(self.errors) - len(unread), "rule error"))
        summary = ", ".join(parts) if parts else "no findings"
        self.console.print(f"{plural(files, 'file')} checked: {summary}")


def _line_of(text: str, f: Finding) -> tuple[str, int]:
    if text[f.start : f.end] != f.text:  # not the text the finding refers to: show the span
        return f.text.split("\n", 1)[0], 1
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.start)
    line = text[line_start : line_end if line_end != -1 else len(text)].rstrip("\r")
    # One character per column, so the ^ marks stay under the span (tabs would widen).
    return line.replace("\t", " "), f.start - line_start + 1


_CONTEXT = 30  # characters shown on each side of a span in a long line
_MAX_LINE = 100
_MAX_SPAN = _MAX_LINE - 2 * _CONTEXT  # the longest span underlined in full


_MAX_SUGGESTION = 3 * _MAX_LINE


def _shorten(text: str) -> str:
    """A rewrite of a very long span (a run-on "sentence" of a pasted log), cut in the
    middle; the JSON formats carry it whole."""
    if len(text) <= _MAX_SUGGESTION:
        return text
    return text[: _MAX_LINE * 2] + " ... " + text[-_MAX_LINE // 2 :]


def _window(line: str, col: int, width: int) -> tuple[str, int, int]:
    """Cut a long line down to the span and some context, marking the cuts with "..."."""
    if len(line) <= _MAX_LINE:
        return line, col, width
    start = max(0, col - 1 - _CONTEXT)
    end = min(len(line), col - 1 + width + _CONTEXT)
    prefix = "..." if start > 0 else ""
    suffix = "..." if end < len(line) else ""
    return prefix + line[start:end] + suffix, col - start + len(prefix), width
