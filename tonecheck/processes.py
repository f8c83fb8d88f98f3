"""Checking batches of emails in worker processes, in input order, with bounded memory.

Each worker holds a checker for the same config: on Linux it is the parent's own, inherited
when the worker is forked (no second start-up); elsewhere each worker builds one. Batches
are sent a few at a time per worker and their reports are yielded in input order, so an
iterator of any length is checked in constant memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checker import Checker
    from .config import Config
    from .findings import Report
    from .message import Message

#: Batches in flight per worker: enough to keep each busy, few enough to bound memory.
_AHEAD = 2

#: The checker of this worker process (set when it starts).
_checker: Checker | None = None


def _inherit(checker: Checker) -> None:
    global _checker
    _checker = checker


def _build(config: Config) -> None:
    from .checker import Checker

    _inherit(Checker(config))


def _work(batch: list[Message]) -> list[Report]:
    assert _checker is not None, "worker started without a checker"
    return _checker.check_batch(batch)


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
    methods = multiprocessing.get_all_start_methods()
    initializer: Any
    args: tuple[Any, ...]
    if "fork" in methods:
        # The workers are forked from here, with the checker already loaded (the
        # initializer's arguments are inherited, not pickled).
        context: Any = multiprocessing.get_context("fork")
        initializer, args = _inherit, (checker,)
    else:
        context = multiprocessing.get_context("spawn")
        initializer, args = _build, (checker.config,)
    with context.Pool(n_process, initializer=initializer, initargs=args) as pool:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= n_process * _AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
