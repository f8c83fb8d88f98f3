"""The interface every output format implements, and what several formats share."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TextIO

from ..findings import Finding, Report

#: The name tonecheck gives an input read from standard input (see ``cli.py``).
STDIN_PATH = "<stdin>"


class Formatter(ABC):
    """One output format, in the shape of flake8's formatters: ``start`` once, ``report``
    per checked input in input order, ``error`` per input that could not be checked,
    ``finish`` once. Formatters only format: they never read inputs or decide exit codes.

    ``show_suppressed``: also show findings silenced by inline ``tonecheck: disable``
    comments, marked as suppressed (formats for machines may always include them, marked).
    ``quiet``: findings and errors only, no notes or summary (human formats only).
    ``scores``: show each email's scorecard (human formats; machine formats always carry it).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        show_suppressed: bool = False,
        quiet: bool = False,
        scores: bool = False,
    ):
        self.stream = stream
        self.show_suppressed = show_suppressed
        self.quiet = quiet
        self.scores = scores
        self.reports: list[Report] = []
        self.errors: list[str] = []

    def start(self) -> None:  # noqa: B027 - optional hook
        """Called once before the first report."""

    @abstractmethod
    def report(self, report: Report) -> None:
        """Called once per checked input, in input order."""

    def error(self, message: str) -> None:
        """Called for an input that could not be checked. ``message`` is the one line the
        CLI prints, ``PATH: error: PROBLEM`` (see :class:`FileError`)."""
        self.errors.append(message)

    @abstractmethod
    def finish(self) -> None:
        """Called once at the end."""


@dataclass(frozen=True)
class FileError:
    """An input that could not be checked, split into its path and its problem.

    The CLI passes ``str(InputError)``, which is ``"PATH: error: PROBLEM"``; any other
    message is kept whole, with no path.
    """

    path: str | None
    problem: str

    @classmethod
    def parse(cls, message: str) -> FileError:
        path, sep, problem = message.partition(": error: ")
        if sep and path and problem:
            return cls(path, problem)
        return cls(None, message)


_WARNING_LINE = re.compile(r"line (\d+): ")


def warning_line(warning: str) -> int | None:
    """The line a directive warning names (``"line 3: ..."``), if it names one."""
    m = _WARNING_LINE.match(warning)
    return int(m.group(1)) if m else None


def display_path(report: Report) -> str:
    return report.path or "<text>"


def subject_given_separately(report: Report) -> bool:
    """Whether the subject's positions refer to a string of its own, not to the input's
    text: ``--subject`` on the CLI, a subject string passed to :func:`tonecheck.check`, or
    a subject decoded from an encoded ``.eml`` header."""
    subject = report.texts.get("subject")
    return subject is not None and subject != report.texts.get("body")


def in_input(report: Report, finding: Finding) -> bool:
    """Whether the finding's line and column are a place in the input's own text."""
    return not (finding.field == "subject" and subject_given_separately(report))


def ordered(report: Report, show_suppressed: bool) -> list[tuple[Finding, bool]]:
    """The report's findings, with its suppressed ones when ``show_suppressed``, in text
    order; each paired with whether it is suppressed."""
    items = [(f, False) for f in report.findings]
    if show_suppressed:
        items += [(f, True) for f in report.suppressed]
    return sorted(items, key=lambda item: item[0].sort_key)


@dataclass(frozen=True)
class Span:
    """Where a finding stands, 1-based, as SARIF and GitHub count: ``end_line`` is the line
    of the span's last character and ``end_column`` the column just after it. (A finding's
    own ``end_line``/``end_column`` give the position after the span, which is the start of
    the next line when the span ends with a line break.) Lines end at ``\\n``, so ``\\r\\n``
    is one line break; columns count characters (Unicode code points)."""

    line: int
    column: int
    end_line: int
    end_column: int


def span_of(finding: Finding) -> Span:
    text = finding.text
    if not text:
        return Span(finding.line, finding.column, finding.line, finding.column)
    last = len(text) - 1
    breaks = text.count("\n", 0, last)
    end_column = last - text.rfind("\n", 0, last) if breaks else finding.column + last
    return Span(finding.line, finding.column, finding.line + breaks, end_column + 1)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
