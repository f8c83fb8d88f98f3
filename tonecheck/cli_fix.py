"""``--fix``, ``--diff`` and ``--interactive``: the CLI's ways of changing files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import click

from .checker import Checker
from .cli_run import each_input
from .errors import ExitCode, InputError
from .findings import Report, Safety
from .fixes import FixResult, apply, wanted
from .fixfile import file_text, fix_bytes, unified_diff, with_bom, write_atomic
from .interactive import review
from .message import limited, parse_bytes, read_bytes

STDIN = "-"

#: For one input: the checker of its settings, and the ``--fix-only`` names checked
#: against that checker's rules.
CheckerFor = Callable[[str], tuple[Checker, tuple[str, ...]]]


def input_bytes(name: str) -> bytes:
    if name != STDIN:
        return read_bytes(name)
    if sys.stdin is None:
        raise InputError(label(name), "standard input is closed")
    return limited(sys.stdin.buffer, label(name))


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


def diff(inputs: Sequence[str | InputError], fixer: Fixer, keep_going: bool) -> ExitCode:
    """Print the fixes as a unified diff; exit 1 when there is something to fix."""
    changed = False
    count = 0

    def one(item: str) -> Report:
        nonlocal changed, count
        data, new, result = fixer.compute(item)
        if new != data:
            changed = True
            count += len(result.applied)
            sys.stdout.write(unified_diff(label(item), data, new))
        return result.report

    errored = each_input(inputs, one, _echo, keep_going)
    click.echo(f"tonecheck: {count} fix{'es' if count != 1 else ''} to apply", err=True)
    return ExitCode.ERROR if errored else ExitCode.FINDINGS if changed else ExitCode.CLEAN


def interactive(
    inputs: Sequence[str | InputError],
    checker_for: CheckerFor,
    subject: str | None,
    input_format: str,
    keep_going: bool,
) -> ExitCode:
    """Go through each file's findings at a prompt; write each file once."""
    quit = False

    def one(item: str) -> Report | None:
        nonlocal quit
        if quit:
            return None
        checker, only = checker_for(item)
        data = read_bytes(item)
        message = parse_bytes(data, item, subject, checker.read_options, input_format)
        text = file_text(data)
        if text is None:
            raise InputError(item, "is not UTF-8; it can be checked but not fixed")
        report = checker.check_message(message)
        choice = review(report, text, sys.stdout, only=only)
        if choice.accepted:
            write_atomic(item, data, with_bom(data, apply(text, choice.accepted)))
            n = len(choice.accepted)
            click.echo(f"{item}: wrote {n} change{'s' if n != 1 else ''}")
        quit = choice.quit
        return report

    errored = each_input(inputs, one, _echo, keep_going)
    return ExitCode.ERROR if errored else ExitCode.CLEAN


def _echo(problem: str) -> None:
    click.echo(problem, err=True)
