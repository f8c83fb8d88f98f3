"""Output formats. Formatters only format: they receive reports and write text.

Every formatter has the same small interface (``start``, ``report``, ``error``, ``finish``)
and is registered by name in :data:`FORMATTERS`.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape

from .findings import Finding, Report, Safety, Severity, count_by_severity

JSON_VERSION = 1


class Formatter(ABC):
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.reports: list[Report] = []
        self.errors: list[str] = []

    def start(self) -> None:  # noqa: B027 - optional hook
        """Called once before the first report."""

    @abstractmethod
    def report(self, report: Report) -> None:
        """Called once per checked input, in input order."""

    def error(self, message: str) -> None:
        """Called for an input that could not be checked (``message`` is one line)."""
        self.errors.append(message)

    @abstractmethod
    def finish(self) -> None:
        """Called once at the end."""


#: After the first suggestion: what ``--fix`` would do with it.
_FIX_MARK = {
    Safety.SAFE: "  [dim]\\[fix][/]",
    Safety.UNSAFE: "  [dim]\\[unsafe fix][/]",
    Safety.MANUAL: "",
}

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


class TextFormatter(Formatter):
    """Compiler-style lines: ``path:line:col severity [rule-id] message``, the line with the
    span underlined, and each suggestion after ``->``. Colour only on a terminal (and never
    with ``NO_COLOR``); rich decides that from the stream."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
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
        if report.findings:
            for note in report.notes:
                self.console.print(
                    f"[bold]{escape(report.path or '<text>')}[/]: note: {escape(note)}"
                )
        for finding in report.findings:
            self._finding(report, finding)

    def _finding(self, report: Report, f: Finding) -> None:
        self.show(report, f)
        for i, s in enumerate(f.suggestions):
            mark = _FIX_MARK[s.safety] if i == 0 else ""
            self.console.print(f"  [green]->[/] {escape(s.replacement)}{mark}")
        if f.advice and not f.suggestions:
            self.console.print(f"  [green]->[/] {escape(f.advice)}")

    def show(self, report: Report, f: Finding) -> None:
        """The finding's heading line, and its line of text with the span underlined."""
        path = report.path or "<text>"
        style = _STYLE[f.severity]
        self.console.print(
            f"[bold]{escape(path)}:{f.line}:{f.column}[/] [{style}]{f.severity.value}[/] "
            f"[dim]\\[{escape(f.rule)}][/] {escape(f.message)}"
        )
        line_text, col = _line_of(report.texts.get(f.field, f.text), f)
        width = max(1, len(f.text.split("\n", 1)[0].rstrip("\r")))
        line_text, col, width = _window(line_text, col, width)
        self.console.print(f"  {escape(line_text)}")
        marker = "^" * width + (" ..." if "\n" in f.text.rstrip() else "")
        self.console.print(" " * (col + 1) + f"[{style}]{marker}[/]")

    def finish(self) -> None:
        findings = [f for r in self.reports for f in r.findings]
        counts = count_by_severity(findings)
        files = len(self.reports) + len(self.errors)
        parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
        if self.errors:
            parts.append(f"{len(self.errors)} file error{'s' if len(self.errors) != 1 else ''}")
        summary = ", ".join(parts) if parts else "no findings"
        self.console.print(f"{files} file{'s' if files != 1 else ''} checked: {summary}")


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


def _window(line: str, col: int, width: int) -> tuple[str, int, int]:
    """Cut a long line down to the span and some context, marking the cuts with "..."."""
    if len(line) <= _MAX_LINE:
        return line, col, width
    start = max(0, col - 1 - _CONTEXT)
    end = min(len(line), col - 1 + width + _CONTEXT)
    prefix = "..." if start > 0 else ""
    suffix = "..." if end < len(line) else ""
    return prefix + line[start:end] + suffix, col - start + len(prefix), width


class JsonFormatter(Formatter):
    """One JSON document (``version`` 1): files with findings and scores, and a summary."""

    def report(self, report: Report) -> None:
        self.reports.append(report)

    def finish(self) -> None:
        findings = [f for r in self.reports for f in r.findings]
        doc: dict[str, Any] = {
            "version": JSON_VERSION,
            "files": [r.to_dict() for r in self.reports],
            "errors": list(self.errors),
            "summary": {
                "files": len(self.reports),
                "findings": len(findings),
                "by_severity": count_by_severity(findings),
            },
        }
        json.dump(doc, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


FORMATTERS: dict[str, type[Formatter]] = {"text": TextFormatter, "json": JsonFormatter}
