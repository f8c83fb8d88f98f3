"""How the CLI goes through its inputs: every input gets a report or a one-line error.

An input that cannot be read, a rule that fails on it, and a bug of tonecheck's own are
each reported as ``PATH: error: PROBLEM`` (never a traceback; ``--verbose`` logs one). After
the first error the run stops and says how many inputs it did not check, unless
``--keep-going``; either way the exit status is 2.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence

import click

from .config import Config
from .errors import InputError
from .findings import Report
from .message import Message
from .processes import Failed, Task, check_task, check_tasks

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
    after_each: Callable[[], None] = lambda: None,
) -> bool:
    """Run ``process`` on each input in order, passing each error line to ``on_error`` and
    calling ``after_each`` when an input is done; return whether there was any error."""
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
            kind = exc.kind if isinstance(exc, Failed) else type(exc).__name__
            problems = [
                f"{item}: error: tonecheck failed on this input ({kind}); "
                "this is a bug, please report it (--verbose shows where)"
            ]
        for problem in problems:
            on_error(problem)
        after_each()
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


#: Reads one input: its config (with the command line's options) and its message; raises
#: :class:`InputError` when it cannot be read.
Read = Callable[[str], tuple[Config, Message]]

#: The most inputs checked in one batch (one ``nlp.pipe`` call for their sentences).
BATCH_FILES = 32
#: Fewer inputs than this per worker are checked in this process: starting workers would
#: cost more than they save.
FILES_PER_WORKER = 8


def workers_for(files: int, jobs: int) -> int:
    """The worker processes for ``files`` inputs with ``-j jobs``: 1 means this process."""
    return max(1, min(jobs, files // FILES_PER_WORKER))


def checked(items: Sequence[str], read: Read, workers: int) -> Iterator[Report | Exception]:
    """The report of each input, in order, or the exception that stopped it (an
    :class:`InputError`, or :class:`Failed` for a bug of ours).

    Consecutive inputs that share a config are checked in batches; with ``workers`` above
    1, by that many worker processes, a few batches ahead, in input order. Closing the
    iterator stops the workers.
    """
    size = max(1, min(BATCH_FILES, math.ceil(len(items) / (workers * 4))))
    #: Per batch sent: for each of its inputs, the exception that stopped it, or ``None``
    #: where its report comes.
    slots: deque[list[Exception | None]] = deque()

    def tasks() -> Iterator[Task]:
        entries: list[Exception | None] = []
        messages: list[Message] = []
        config: Config | None = None
        for item in items:
            try:
                item_config, message = read(item)
            except InputError as exc:
                entries.append(exc)
                continue
            except Exception as exc:
                log.debug("reading %s failed", item, exc_info=exc)
                entries.append(Failed(type(exc).__name__))
                continue
            if messages and (item_config != config or len(messages) >= size):
                assert config is not None  # set with the batch's first message
                slots.append(entries)
                yield (config, messages)
                entries, messages = [], []
            config = item_config
            messages.append(message)
            entries.append(None)
        if entries:
            slots.append(entries)
            yield (config or Config(), messages)

    results = check_tasks(tasks(), workers) if workers > 1 else map(check_task, tasks())
    try:
        for reports in results:
            found = iter(reports)
            for entry in slots.popleft():
                yield entry if entry is not None else next(found)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
