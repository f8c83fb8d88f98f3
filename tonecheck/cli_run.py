"""How the CLI goes through its inputs: every input gets a report or a one-line error.

An input that cannot be read, a rule that fails on it, and a bug of tonecheck's own are
each reported as ``PATH: error: PROBLEM`` (never a traceback; ``--verbose`` logs one). After
the first error the run stops and says how many inputs it did not check, unless
``--keep-going``; either way the exit status is 2.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import click

from .errors import InputError
from .findings import Report

log = logging.getLogger("tonecheck")

#: Checks one input, by name, and returns its report (``None`` when it was not checked, as
#: after the user quits ``--interactive``), or raises :class:`InputError` when it cannot be
#: checked at all. The report's rule errors are reported as the input's errors.
Process = Callable[[str], Report | None]


def each_input(
    inputs: Sequence[str | InputError],
    process: Process,
    on_error: Callable[[str], None],
    keep_going: bool,
) -> bool:
    """Run ``process`` on each input in order, passing each error line to ``on_error``;
    return whether there was any error."""
    errored = False
    for done, item in enumerate(inputs, start=1):
        try:
            if isinstance(item, InputError):
                raise item
            report = process(item)
            problems = []
            if report is not None:  # rules that failed on it; the others ran
                path = report.path or item
                problems = [f"{path}: error: {e}" for e in report.errors]
        except InputError as exc:
            problems = [str(exc)]
        except Exception as exc:
            log.debug("checking %s failed", item, exc_info=exc)
            problems = [
                f"{item}: error: tonecheck failed on this input ({type(exc).__name__}); "
                "this is a bug, please report it (--verbose shows where)"
            ]
        for problem in problems:
            on_error(problem)
        if problems:
            errored = True
            left = len(inputs) - done
            if left and not keep_going:
                click.echo(
                    f"tonecheck: stopped at the first error: {left} more input"
                    f"{'s' if left != 1 else ''} not checked (--keep-going checks them all)",
                    err=True,
                )
                break
    return errored
