"""``--fix``, ``--diff`` and ``--interactive``: the CLI's ways of changing files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import click

from .checker import Checker
from .errors import ExitCode, InputError
from .findings import Report, Safety
from .fixes import FixResult, apply, wanted
from .fixfile import file_text, fix_bytes, unified_diff, with_bom, write_atomic
from .interactive import review
from .message import parse_bytes, read_bytes

STDIN = "-"

#: For one input: the checker of its settings, and the ``--fix-only`` names checked
#: against that checker's rules.
CheckerFor = Callable[[str], tuple[Checker, tuple[str, ...]]]


def input_bytes(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == STDIN else read_bytes(name)


def label(name: str) -> str:
    return "<stdin>" if name == STDIN else name


class Fixer:
    """``--fix`` for one file after another: fix, write, and count."""

    def __init__(
        self, checker_for: CheckerFor, subject: str | None, input_format: str, unsafe: bool
    ) -> None:
        self.checker_for = checker_for
        self.subject = subject
        self.input_format = input_format
        self.unsafe = unsafe
        self.fixed = 0
        self.files = 0
        self.waiting = 0

    def compute(self, name: str) -> tuple[bytes, bytes, FixResult]:
        """The input's bytes, the fixed bytes, and what was done; nothing is written."""
        checker, only = self.checker_for(name)
        data = input_bytes(name)
        new, result = fix_bytes(
            checker,
            data,
            label(name),
            subject=self.subject,
            input_format=self.input_format,
            unsafe=self.unsafe,
            only=only,
        )
        return data, new, result

    def fix(self, name: str) -> Report:
        """Fix one input: write the file (or print the fixed standard input) and count."""
        data, new, result = self.compute(name)
        if name == STDIN:
            sys.stdout.buffer.write(new)
            sys.stdout.flush()
        elif new != data:
            write_atomic(name, data, new)
        if result.applied:
            self.fixed += len(result.applied)
            self.files += 1
        only = self.checker_for(name)[1]
        self.waiting += sum(
            1
            for f in result.report.findings
            if f.fix is not None and f.fix.safety == Safety.UNSAFE and wanted(f, only)
        )
        return result.report

    def summary(self) -> None:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        line = f"tonecheck: fixed {self.fixed} finding{'s' if self.fixed != 1 else ''} in {files}"
        if self.waiting and not self.unsafe:
            line += (
                f"; {self.waiting} more with an unsafe fix (--unsafe-fixes to apply, "
                "--diff to read first)"
            )
        click.echo(line, err=True)


def diff(inputs: Iterable[str | InputError], fixer: Fixer) -> ExitCode:
    """Print the fixes as a unified diff; exit 1 when there is something to fix."""
    changed = errored = False
    count = 0
    for item in inputs:
        try:
            if isinstance(item, InputError):
                raise item
            data, new, result = fixer.compute(item)
        except InputError as exc:
            errored = True
            click.echo(str(exc), err=True)
            continue
        if new != data:
            changed = True
            count += len(result.applied)
            sys.stdout.write(unified_diff(label(item), data, new))
    click.echo(f"tonecheck: {count} fix{'es' if count != 1 else ''} to apply", err=True)
    return ExitCode.ERROR if errored else ExitCode.FINDINGS if changed else ExitCode.CLEAN


def interactive(
    inputs: Iterable[str | InputError],
    checker_for: CheckerFor,
    subject: str | None,
    input_format: str,
) -> ExitCode:
    """Go through each file's findings at a prompt; write each file once."""
    errored = False
    for item in inputs:
        try:
            if isinstance(item, InputError):
                raise item
            checker, only = checker_for(item)
            data = read_bytes(item)
            message = parse_bytes(data, item, subject, checker.read_options, input_format)
            text = file_text(data)
            if text is None:
                raise InputError(item, "is not UTF-8; it can be checked but not fixed")
            choice = review(checker.check_message(message), text, sys.stdout, only=only)
            if choice.accepted:
                write_atomic(item, data, with_bom(data, apply(text, choice.accepted)))
                n = len(choice.accepted)
                click.echo(f"{item}: wrote {n} change{'s' if n != 1 else ''}")
        except InputError as exc:
            errored = True
            click.echo(str(exc), err=True)
            continue
        if choice.quit:
            break
    return ExitCode.ERROR if errored else ExitCode.CLEAN
