"""The ``tonecheck`` command: a thin shell over the library.

``tonecheck PATH...`` is short for ``tonecheck check PATH...``; the other subcommands are
``rules``, ``explain``, ``config`` and ``init`` (in :mod:`tonecheck.cli_docs`).
"""

from __future__ import annotations

import errno
import gc
import io
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

import click

from . import __version__
from . import cli_fix as fixing
from .checker import Checker, checker_for
from .cli_run import checked, each_input, workers_for
from .config import FAIL_ON_CHOICES, Config, Selection, parse_fail_on
from .errors import ConfigError, ExitCode, InputError, TonecheckError
from .findings import Report
from .formatters import FORMATTERS
from .message import INPUT_FORMATS, Message, parse_bytes
from .processes import default_processes
from .progress import Progress, wanted

#: What a directory is searched for: plain text and every format's file endings.
INPUT_SUFFIXES = (".txt", *(end for ends in INPUT_FORMATS.values() for end in ends))
STDIN = fixing.STDIN
log = logging.getLogger("tonecheck")
SUBCOMMAND_HINT = "(a file named like a command: tonecheck check FILE, or ./FILE)"


class _DefaultGroup(click.Group):
    """A group whose default command is ``check``: ``tonecheck draft.txt`` works as
    ``tonecheck check draft.txt``; ``--help`` and ``--version`` stay the group's."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in _GROUP_OPTIONS):
            args = ["check", *args]
        return super().parse_args(ctx, args)


_GROUP_OPTIONS = ("-h", "--help", "--version")


@click.group(
    cls=_DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="tonecheck")
def main() -> None:
    """Check email drafts for tone that damages a working relationship.

    \b
      tonecheck draft.txt            check a draft (short for: tonecheck check ...)
      tonecheck check --help         every option of a check
      tonecheck rules                the rules, and which are on here
      tonecheck explain RULE         what a rule catches, why, and the better wording
      tonecheck config --show FILE   the settings that apply to FILE
      tonecheck init                 write a starter .tonecheck.yaml
    """


#: Set by :func:`run`, which owns its process: the first checker built is then frozen
#: out of the garbage collector's walks (``gc.freeze``). Not when :func:`main` is called
#: from another program, whose process it is.
_freeze_pending = False


def run() -> None:
    """The ``tonecheck`` command (and ``python -m tonecheck``): :func:`main`, with the model
    and rules frozen out of the collector's walks once loaded, and an exit that skips the
    interpreter's last walk over every object (``gc.freeze``): a fifth of a second of a
    one-draft run. The objects are freed by the system with the process, as at any exit."""
    global _freeze_pending
    _freeze_pending = True
    try:
        main()
    finally:
        gc.freeze()


def _logging(verbose: bool) -> None:
    """Without ``--verbose``, only warnings (never draft text) reach stderr; with it, every
    debug record, tracebacks included, which may quote the draft."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("tonecheck: %(levelname)s: %(message)s"))
    logger = logging.getLogger("tonecheck")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``("a", "b", "c")``."""
    return tuple(n.strip() for v in values for n in v.split(",") if n.strip())


def _fail(problem: str) -> NoReturn:
    click.echo(f"tonecheck: error: {problem}", err=True)
    sys.exit(ExitCode.ERROR)


class Settings:
    """The settings of each input: its config file (found from the input's directory, or
    ``--config``, or none with ``--isolated``), then the command line's options on top,
    then the config's per-file overrides for that input."""

    def __init__(
        self,
        *,
        config_file: str | None = None,
        isolated: bool = False,
        selection: Selection | None = None,
        fail_on: str | None = None,
        model: str | None = None,
        rule_paths: tuple[str, ...] = (),
        include_quoted: bool = False,
        fix_only: tuple[str, ...] = (),
        full_parse: bool = False,
    ) -> None:
        if config_file is not None and isolated:
            raise ConfigError("--config and --isolated cannot be used together")
        self.base: Config | None = None
        if isolated:
            self.base = Config()
        elif config_file is not None:
            self.base = Config.from_file(config_file)
        self.selection = selection or Selection()
        self.fail_on = fail_on
        self.model = model
        self.rule_paths = tuple(os.path.abspath(p) for p in rule_paths)
        self.include_quoted = include_quoted
        self.fix_only = fix_only
        self.full_parse = full_parse
        self._configs: dict[str, Config] = {}

    def config_for(self, name: str) -> Config:
        """The file's config with its per-file overrides, then the command line on top
        (worked out once per input of a run)."""
        config = self._configs.get(name)
        if config is None:
            config = self._configs.setdefault(name, self._resolve(name))
        return config

    def _resolve(self, name: str) -> Config:
        path = "." if name == STDIN else name
        config = self.base if self.base is not None else Config.discover(path)
        if name != STDIN:
            config = config.for_file(name)
        config = config.layered(self.selection).replace(
            rule_paths=(*config.rule_paths, *self.rule_paths),
            include_quoted=config.include_quoted or self.include_quoted,
        )
        if self.fail_on is not None:
            config = config.replace(fail_on=parse_fail_on(self.fail_on))
        if self.model is not None:
            config = config.replace(model=self.model)
        if self.full_parse:
            config = config.replace(full_parse=True)
        return config

    def checker_for(self, name: str) -> tuple[Checker, tuple[str, ...]]:
        checker = checker_for(self.config_for(name))
        global _freeze_pending
        if _freeze_pending:
            # The command owns its process: the model's and the rules' objects live as long
            # as it does, so the collector need not walk them again (a full collection
            # walks them all, about 70 ms, every few hundred emails).
            _freeze_pending = False
            gc.freeze()
        for only in self.fix_only:
            if only not in checker.known:
                raise ConfigError(
                    f"fix-only: '{only}' is neither a rule id nor a category "
                    "(tonecheck rules lists them)"
                )
        return checker, self.fix_only


#: Directories a directory walk never enters: version control, environments, caches.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)


def _inputs(
    paths: tuple[str, ...], settings: Settings, force_exclude: bool
) -> Iterator[str | InputError]:
    """Files to check, in order. In a directory, what the config excludes is left out
    (directories are not entered), and so are version control, virtual environments and
    caches; a file named on the command line is excluded only with ``--force-exclude``. A
    directory with nothing to check is an error, not a skip."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            candidates: list[str | InputError] = list(_walk(raw, settings))
            found = [p for p in candidates if not _excluded(p, settings)]
            if not candidates:
                kinds = ", ".join(INPUT_SUFFIXES)
                yield InputError(raw, f"no files to check in this directory (looked for {kinds})")
            yield from found
        elif raw != STDIN and force_exclude and settings.config_for(raw).excludes(raw):
            continue
        else:
            yield raw


def _excluded(item: str | InputError, settings: Settings) -> bool:
    """Whether the config excludes a file found in a directory (or the entry an error is
    about: a broken link that is excluded is not reported)."""
    path = item.path if isinstance(item, InputError) else item
    return settings.config_for(path).excludes(path)


def _walk(top: str, settings: Settings) -> Iterator[str | InputError]:
    """The files to check under ``top``, sorted, following symbolic links to directories but
    entering each real directory once (a link back up the tree is a loop, and what it leads
    to is already checked). A directory that cannot be listed, a broken link and a link loop
    with a checked file ending are errors, not skips."""
    found: list[str | InputError] = []
    seen: set[str] = set()

    def unreadable(exc: OSError) -> None:
        found.append(InputError(exc.filename, f"cannot read directory ({exc.strerror})"))

    for here, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        real = os.path.realpath(here)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not settings.config_for(os.path.join(here, d)).excludes(os.path.join(here, d))
        ]
        for name in files:
            if Path(name).suffix.lower() not in INPUT_SUFFIXES:
                continue
            file = os.path.normpath(os.path.join(here, name))
            if os.path.isfile(file):
                found.append(file)
            else:
                found.append(InputError(file, _not_a_file(file)))
    yield from sorted(found, key=lambda f: f.path if isinstance(f, InputError) else f)


def _not_a_file(path: str) -> str:
    """Why a directory entry with a checked ending is not read: a broken link, a link loop,
    or something that is not a regular file (a named pipe, a socket, a device)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"broken symbolic link (to {os.readlink(path)})"
        return f"cannot read file ({exc.strerror})"
    return (
        "is not a regular file (a named pipe, socket or device); "
        "name it on the command line to read it"
    )


def _read(name: str, subject: str | None, checker: Checker, input_format: str) -> Message:
    data = fixing.input_bytes(name)
    return parse_bytes(data, fixing.label(name), subject, checker.read_options, input_format)


@main.command(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings and errors only.")
@click.option(
    "--statistics", is_flag=True, help="Print how many findings each rule gave, not the findings."
)
@click.option(
    "--show-suppressed", is_flag=True, help="Also list findings silenced by inline comments."
)
@click.option(
    "--scores",
    is_flag=True,
    help="Show each email's scorecard: length, reading grade, sentiment, politeness ...",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Use this config file for every input (no discovery).",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, metavar="NAMES", help="Only these rule ids or categories.")
@click.option(
    "--extend-select",
    multiple=True,
    metavar="NAMES",
    help="Add these rule ids or categories to the selection.",
)
@click.option("--ignore", multiple=True, metavar="NAMES", help="Skip these rule ids or categories.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    help="Exit 1 when a finding is at or above this severity [config, else: warning].",
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
    "--full-parse",
    is_flag=True,
    help="Parse every sentence, not only those a rule needs parsed (slower; same findings).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the config's exclude patterns to files named on the command line too.",
)
@click.option(
    "--fix", is_flag=True, help="Apply the first rewrite of every finding with a safe fix."
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
@click.option(
    "--keep-going",
    "-k",
    is_flag=True,
    help="After an input that cannot be checked, go on with the others (exit status still 2).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Check with N processes (default: one per core, for runs of many files).",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Log what is done to stderr, with tracebacks and the draft text they quote.",
)
def check(**options: Any) -> None:
    """Check email drafts (the default command).

    PATH is a file, a directory (searched for .txt, .md, .eml and .html files) or - for
    standard input. A first line 'Subject: ...' is checked as the subject. NAMES are
    comma-separated rule ids or categories.

    Settings come from the nearest .tonecheck.yaml, .tonecheck.yml or pyproject.toml
    [tool.tonecheck] above each file; options given here apply on top.

    With --fix, safe rewrites are written into the files (sentence rewrites too with
    --unsafe-fixes) and what is left is reported; --diff prints the same changes as a
    diff and writes nothing.

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 errors.
    With --diff: 0 nothing to fix, 1 fixes to apply, 2 errors.
    """
    sys.exit(_check(**options))


def _check(
    paths: tuple[str, ...],
    subject: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    statistics: bool,
    show_suppressed: bool,
    scores: bool,
    config_file: str | None,
    isolated: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    rule_paths: tuple[str, ...],
    model: str | None,
    input_format: str,
    include_quoted: bool,
    full_parse: bool,
    force_exclude: bool,
    fix: bool,
    diff: bool,
    fix_only: tuple[str, ...],
    unsafe_fixes: bool,
    interactive: bool,
    keep_going: bool,
    jobs: int | None,
    verbose: bool,
) -> ExitCode:
    _logging(verbose)
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
    if (diff or interactive) and (output or fmt != "text" or statistics):
        _fail(
            f"{modes[-1]} prints to the terminal; --format, --output and --statistics "
            "do not apply to it"
        )
    if statistics and fmt not in ("text", "json", "jsonl"):
        _fail(f"--statistics prints text, json or jsonl, not {fmt}")
    if scores and (statistics or diff or interactive or fmt in ("sarif", "github")):
        _fail(
            "--scores adds the scorecard to text and jsonl output (json always carries it); "
            "it does not apply to --statistics, --diff, --interactive, sarif or github"
        )
    try:
        settings = Settings(
            config_file=config_file,
            isolated=isolated,
            selection=Selection(
                _names(select), _names(extend_select), _names(ignore), "command line"
            ),
            fail_on=fail_on,
            model=model,
            rule_paths=rule_paths,
            include_quoted=include_quoted,
            fix_only=_names(fix_only),
            full_parse=full_parse,
        )
        inputs = list(_inputs(paths, settings, force_exclude))
        for item in inputs:  # settings errors first, before anything is written
            if isinstance(item, str):
                settings.checker_for(item)
    except TonecheckError as exc:
        _fail(str(exc))

    fixer = fixing.Fixer(settings.checker_for, subject, input_format, unsafe_fixes)
    if interactive:
        return fixing.interactive(inputs, settings.checker_for, subject, input_format, keep_going)
    if diff:
        return fixing.diff(inputs, fixer, keep_going)
    with _output(output, fix and STDIN in paths) as stream:
        return _report(
            inputs,
            settings,
            stream,
            fmt,
            quiet,
            statistics,
            show_suppressed,
            scores,
            fix,
            fixer,
            subject,
            input_format,
            keep_going,
            jobs,
            output is not None,
        )


class _output:
    """The report's stream: ``--output FILE``, else stdout (stderr when the fixed standard
    input goes to stdout)."""

    def __init__(self, path: str | None, fixing_stdin: bool) -> None:
        self.path = path
        self.fixing_stdin = fixing_stdin
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is not None:
            try:
                self.file = open(self.path, "w", encoding="utf-8")
            except OSError as exc:
                _fail(f"--output: cannot write {self.path} ({exc.strerror})")
            return self.file
        return sys.stderr if self.fixing_stdin else cast(TextIO, _Stdout())

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


class _Stdout(io.TextIOBase):
    """Standard output as it is at each write: while the progress bar is shown, it is the
    bar's, which prints above the bar."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    def fileno(self) -> int:
        return sys.stdout.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return sys.stdout.encoding


def _report(
    inputs: list[str | InputError],
    settings: Settings,
    stream: TextIO,
    fmt: str,
    quiet: bool,
    statistics: bool,
    show_suppressed: bool,
    scores: bool,
    fix: bool,
    fixer: fixing.Fixer,
    subject: str | None,
    input_format: str,
    keep_going: bool,
    jobs: int | None,
    report_to_file: bool,
) -> ExitCode:
    from .formatters import Formatter, write_statistics

    formatter: Formatter = FORMATTERS[fmt](
        stream, show_suppressed=show_suppressed, quiet=quiet, scores=scores
    )
    reports: list[Report] = []
    if not statistics:
        formatter.start()
    failed = False

    def read(item: str) -> tuple[Config, Message]:
        checker = settings.checker_for(item)[0]
        return checker.config, _read(item, subject, checker, input_format)

    # Checking goes in batches, with worker processes for many files; --fix writes each
    # file as it goes, in this process.
    files = [item for item in inputs if isinstance(item, str)]
    workers = workers_for(len(files), jobs or default_processes())
    outcomes = iter(()) if fix else checked(files, read, workers)
    log.debug("%d inputs, %d worker processes", len(inputs), workers if not fix else 1)

    def one(item: str) -> Report:
        nonlocal failed
        started = time.perf_counter()
        if fix:
            report = fixer.fix(item)
        else:
            outcome = next(outcomes)
            if isinstance(outcome, Exception):
                raise outcome
            report = outcome
        log.debug(
            "%s: %s characters, %d findings, %.2f s",
            item,
            f"{len(report.texts.get('body', '')):,}",
            len(report.findings),
            time.perf_counter() - started,
        )
        reports.append(report)
        if not statistics:
            formatter.report(report)
        threshold = settings.config_for(item).fail_on
        if threshold is not None and report.at_or_above(threshold):
            failed = True
        return report

    def error(problem: str) -> None:
        click.echo(problem, err=True)
        if not statistics:
            formatter.error(problem)

    with Progress(len(inputs), enabled=wanted(report_to_file, quiet)) as progress:
        try:
            errored = each_input(inputs, one, error, keep_going, progress.advance)
        finally:
            close = getattr(outcomes, "close", None)
            if close is not None:
                close()
    if statistics:
        write_statistics(reports, stream, fmt=fmt)
    else:
        formatter.finish()
    if fix:
        fixer.summary()
    return ExitCode.ERROR if errored else ExitCode.FINDINGS if failed else ExitCode.CLEAN


from . import cli_docs as _cli_docs  # noqa: E402  (registers rules, explain, config, init)
from . import cli_evaluate as _cli_evaluate  # noqa: E402  (registers evaluate)

__all__ = ["Settings", "_cli_docs", "_cli_evaluate", "main"]
