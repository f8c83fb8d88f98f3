"""The ``tonecheck`` command: a thin shell over the library."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .checker import Checker
from .config import FAIL_ON_CHOICES, Config
from .errors import ConfigError, ExitCode, InputError, TonecheckError
from .findings import CATEGORIES, Report, Safety
from .fixes import FixResult, apply, wanted
from .fixfile import file_text, fix_bytes, unified_diff, with_bom, write_atomic
from .formatters import FORMATTERS
from .interactive import review
from .message import INPUT_FORMATS, Message, ReadOptions, parse_bytes, read_bytes, read_file

#: What a directory is searched for: plain text and every format's file endings.
INPUT_SUFFIXES = (".txt", *(end for ends in INPUT_FORMATS.values() for end in ends))
STDIN = "-"


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``("a", "b", "c")``."""
    return tuple(n.strip() for v in values for n in v.split(",") if n.strip())


def _inputs(paths: tuple[str, ...]) -> Iterator[str | InputError]:
    """Files to check, in order; a directory with nothing to check is an error, not a skip."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()
            )
            if not found:
                kinds = ", ".join(INPUT_SUFFIXES)
                yield InputError(raw, f"no files to check in this directory (looked for {kinds})")
            yield from found
        else:
            yield raw


def _read(name: str, subject: str | None, options: ReadOptions, input_format: str) -> Message:
    if name == STDIN:
        return parse_bytes(sys.stdin.buffer.read(), "<stdin>", subject, options, input_format)
    return read_file(name, subject, options, input_format)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--subject", help="Check TEXT as the subject line (replaces a 'Subject:' line).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="NAMES",
    help="Only these rule ids or categories (comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="NAMES",
    help="Skip these rule ids or categories (comma-separated).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    metavar="PATH",
    help="Extra YAML rule file or directory (repeatable).",
)
@click.option("--model", help="spaCy pipeline to use (package name or path).")
@click.option(
    "--input-format",
    type=click.Choice(["auto", *INPUT_FORMATS]),
    default="auto",
    show_default=True,
    help="How to read inputs; auto picks by file ending (see README), else text.",
)
@click.option(
    "--include-quoted",
    is_flag=True,
    help="Also check quoted replies, forwarded messages and signatures.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the first rewrite of every finding with a safe fix, in place.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff (for patch -p0) instead of writing them.",
)
@click.option(
    "--fix-only",
    multiple=True,
    metavar="NAMES",
    help="With --fix/--diff: fix only these rule ids or categories (comma-separated).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix/--diff: also apply sentence rewrites (read the diff first).",
)
@click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Go through each finding: accept a rewrite, edit it or skip; write once at the end.",
)
@click.version_option(__version__, prog_name="tonecheck")
def main(
    paths: tuple[str, ...],
    subject: str | None,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    rule_paths: tuple[str, ...],
    model: str | None,
    input_format: str,
    include_quoted: bool,
    fix: bool,
    diff: bool,
    fix_only: tuple[str, ...],
    unsafe_fixes: bool,
    interactive: bool,
) -> None:
    """Check email drafts for tone that damages a working relationship.

    PATH is a file, a directory (searched for .txt, .md, .eml and .html files) or - for
    standard input. A first line 'Subject: ...' is checked as the subject.

    With --fix, safe rewrites are written into the files (sentence rewrites too with
    --unsafe-fixes) and what is left is reported; --diff prints the same changes as a
    diff and writes nothing.

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 errors.
    With --diff: 0 nothing to fix, 1 fixes to apply, 2 errors.
    """
    modes = [
        name
        for name, on in (("--fix", fix), ("--diff", diff), ("--interactive", interactive))
        if on
    ]
    if len(modes) > 1 and modes != ["--fix", "--diff"]:
        _fail(f"{' and '.join(modes)} cannot be used together")
    if (fix_only or unsafe_fixes) and not modes:
        _fail("--fix-only and --unsafe-fixes need --fix, --diff or --interactive")
    if interactive and STDIN in paths:
        _fail("--interactive needs files to write; it cannot read the draft from standard input")
    try:
        config = Config(
            select=_names(select),
            ignore=_names(ignore),
            fail_on=Config.parse_fail_on(fail_on),
            rule_paths=rule_paths,
            model=model,
            include_quoted=include_quoted,
        )
        checker = Checker(config)
        only = _fixable_names(checker, _names(fix_only))
    except TonecheckError as exc:
        _fail(str(exc))

    if interactive:
        sys.exit(_interactive(checker, paths, subject, input_format, only))
    if diff:
        sys.exit(_diff(checker, paths, subject, input_format, unsafe_fixes, only))
    stream = sys.stderr if fix and STDIN in paths else sys.stdout
    formatter = FORMATTERS[fmt](stream)
    formatter.start()
    fixer = _Fixer(checker, subject, input_format, unsafe_fixes, only)
    failed = errored = False
    for item in _inputs(paths):
        try:
            if isinstance(item, InputError):
                raise item
            if fix:
                report = fixer.fix(item)
            else:
                report = checker.check_message(
                    _read(item, subject, checker.read_options, input_format)
                )
        except InputError as exc:
            errored = True
            click.echo(str(exc), err=True)
            formatter.error(str(exc))
            continue
        formatter.report(report)
        if config.fail_on is not None and report.at_or_above(config.fail_on):
            failed = True
    formatter.finish()
    if fix:
        fixer.summary()
    sys.exit(ExitCode.ERROR if errored else ExitCode.FINDINGS if failed else ExitCode.CLEAN)


def _fail(problem: str) -> NoReturn:
    click.echo(f"tonecheck: error: {problem}", err=True)
    sys.exit(ExitCode.ERROR)


def _fixable_names(checker: Checker, names: tuple[str, ...]) -> tuple[str, ...]:
    known = {r.id for r in checker.rules} | set(CATEGORIES)
    for name in names:
        if name not in known:
            raise ConfigError(
                f"fix-only: '{name}' is neither a rule id nor a category "
                f"(categories: {', '.join(CATEGORIES)})"
            )
    return names


def _input_bytes(name: str) -> bytes:
    return sys.stdin.buffer.read() if name == STDIN else read_bytes(name)


def _label(name: str) -> str:
    return "<stdin>" if name == STDIN else name


class _Fixer:
    """``--fix`` for one file after another: fix, write, and count."""

    def __init__(
        self,
        checker: Checker,
        subject: str | None,
        input_format: str,
        unsafe: bool,
        only: tuple[str, ...],
    ) -> None:
        self.checker = checker
        self.subject = subject
        self.input_format = input_format
        self.unsafe = unsafe
        self.only = only
        self.fixed = 0
        self.files = 0
        self.waiting = 0

    def compute(self, name: str) -> tuple[bytes, bytes, FixResult]:
        """The input's bytes, the fixed bytes, and what was done; nothing is written."""
        data = _input_bytes(name)
        new, result = fix_bytes(
            self.checker,
            data,
            _label(name),
            subject=self.subject,
            input_format=self.input_format,
            unsafe=self.unsafe,
            only=self.only,
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
        self.waiting += sum(
            1
            for f in result.report.findings
            if f.fix is not None and f.fix.safety == Safety.UNSAFE and wanted(f, self.only)
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


def _diff(
    checker: Checker,
    paths: tuple[str, ...],
    subject: str | None,
    input_format: str,
    unsafe: bool,
    only: tuple[str, ...],
) -> ExitCode:
    fixer = _Fixer(checker, subject, input_format, unsafe, only)
    changed = errored = False
    count = 0
    for item in _inputs(paths):
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
            sys.stdout.write(unified_diff(_label(item), data, new))
    click.echo(f"tonecheck: {count} fix{'es' if count != 1 else ''} to apply", err=True)
    return ExitCode.ERROR if errored else ExitCode.FINDINGS if changed else ExitCode.CLEAN


def _interactive(
    checker: Checker,
    paths: tuple[str, ...],
    subject: str | None,
    input_format: str,
    only: tuple[str, ...],
) -> ExitCode:
    errored = False
    for item in _inputs(paths):
        try:
            if isinstance(item, InputError):
                raise item
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
