"""Checking batches of emails in worker processes, in input order, with bounded memory.

Each worker holds a checker for the same config: on Linux it is the parent's own, inherited
when the worker is forked (no second start-up); elsewhere each worker builds one. Batches
are sent a few at a time per worker and their reports are yielded in input order, so an
iterator of any length is checked in constant memory.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checker import Checker
    from .config import Config
    from .findings import Report
    from .message import Message

log = logging.getLogger("tonecheck")

#: Batches in flight per worker: enough to keep each busy, few enough to bound memory.
_AHEAD = 2

#: The checker of this worker process (set when it starts).
_checker: Checker | None = None


def _inherit(checker: Checker) -> None:
    global _checker
    _checker = checker
    # A worker is a process of ours: what it holds now (the model and rules) lives as long
    # as it does, so the garbage collector need not walk it again. Frozen after the fork,
    # the caller's own process is left as it was.
    gc.freeze()


def _build(config: Config) -> None:
    from .checker import Checker

    _inherit(Checker(config))


def _work(batch: list[Message]) -> list[Report]:
    assert _checker is not None, "worker started without a checker"
    return _checker.check_batch(batch)


class Failed(Exception):
    """Checking one message raised: the type of the exception, which is all that crosses
    from a worker process (its message may quote the draft; ``--verbose`` logs it)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


#: A batch of inputs that share a config, for :func:`check_tasks`.
Task = tuple["Config", list["Message"]]


def check_task(task: Task) -> list[Report | Failed]:
    """The reports of a task's messages, by the checker for its config (in a worker, the
    one inherited from the parent, or built once). When the batch fails, each message is
    checked on its own, so one bad input costs only its own report."""
    from .checker import checker_for

    config, batch = task
    if not batch:
        return []
    checker = checker_for(config)
    try:
        return list(checker.check_batch(batch))
    except Exception:
        pass
    out: list[Report | Failed] = []
    for message in batch:
        try:
            out.append(checker.check_message(message))
        except Exception as exc:
            log.debug("checking %s failed", message.path, exc_info=exc)
            out.append(Failed(type(exc).__name__))
    return out


def default_processes() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_in_processes(
    checker: Checker, batches: Iterator[list[Message]], n_process: int
) -> Iterator[Report]:
    """Reports of every batch, in order, checked by ``n_process`` workers."""
    if _start_method() == "fork":
        # The workers are forked from here, with the checker already loaded (the
        # initializer's arguments are inherited, not pickled).
        results = _ordered(_work, batches, n_process, _inherit, (checker,))
    else:
        results = _ordered(_work, batches, n_process, _build, (checker.config,))
    for reports in results:
        yield from reports


def check_tasks(tasks: Iterator[Task], n_process: int) -> Iterator[list[Report | Failed]]:
    """The reports of every task, in order, checked by ``n_process`` workers. Forked workers
    inherit every checker built so far (``checker_for``); others build them as needed."""
    return _ordered(check_task, tasks, n_process, None, ())


def _start_method() -> str:
    """Fork where the system can (workers inherit the loaded checkers), else spawn."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _ordered(
    function: Callable[[Any], Any],
    items: Iterator[Any],
    n_process: int,
    initializer: Callable[..., None] | None,
    args: tuple[Any, ...],
) -> Iterator[Any]:
    """``function`` of each item, in order, computed by ``n_process`` workers at most
    :data:`_AHEAD` items ahead each. Closing the iterator stops the workers."""
    context: Any = multiprocessing.get_context(_start_method())
    with context.Pool(n_process, initializer=initializer, initargs=args) as pool:
        pending: deque[Any] = deque()
        for item in items:
            pending.append(pool.apply_async(function, (item,)))
            if len(pending) >= n_process * _AHEAD:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
