"""The ``tonecheck`` command: a thin shell over the library."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__
from .checker import Checker
from .config import FAIL_ON_CHOICES, Config
from .errors import ExitCode, InputError, TonecheckError
from .formatters import FORMATTERS
from .message import INPUT_FORMATS, Message, ReadOptions, parse_bytes, read_file

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
) -> None:
    """Check email drafts for tone that damages a working relationship.

    PATH is a file, a directory (searched for .txt, .md, .eml and .html files) or - for
    standard input. A first line 'Subject: ...' is checked as the subject.

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 errors.
    """
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
    except TonecheckError as exc:
        click.echo(f"tonecheck: error: {exc}", err=True)
        sys.exit(ExitCode.ERROR)

    formatter = FORMATTERS[fmt](sys.stdout)
    formatter.start()
    failed = errored = False
    for item in _inputs(paths):
        try:
            if isinstance(item, InputError):
                raise item
            message = _read(item, subject, checker.read_options, input_format)
        except InputError as exc:
            errored = True
            click.echo(str(exc), err=True)
            formatter.error(str(exc))
            continue
        report = checker.check_message(message)
        formatter.report(report)
        if config.fail_on is not None and report.at_or_above(config.fail_on):
            failed = True
    formatter.finish()
    sys.exit(ExitCode.ERROR if errored else ExitCode.FINDINGS if failed else ExitCode.CLEAN)
