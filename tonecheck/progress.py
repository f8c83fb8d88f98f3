"""A progress bar for long runs: files done, rate and time left, on the terminal only.

It appears once a run has taken :data:`DELAY` seconds and has inputs left, on standard
error, and goes when the run ends (it leaves nothing behind). It never appears when
standard error is not a terminal, when the report goes into a pipe, or with ``--quiet``.
While it is shown, what the run prints to the terminal is printed above it.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from typing import IO, Any

#: Seconds before the bar appears: a short run finishes without one.
DELAY = 2.0


def wanted(report_to_file: bool, quiet: bool) -> bool:
    """Whether a run may show the bar: standard error is a terminal, and the report goes
    to the terminal or to a file (``--output``, or ``> file``), not into a pipe."""
    if quiet or not _is_terminal(sys.stderr):
        return False
    return report_to_file or _is_terminal(sys.stdout) or _is_regular_file(sys.stdout)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _is_regular_file(stream: IO[str]) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """Counts inputs done; draws the bar once the run is slow enough to want one."""

    def __init__(self, total: int, *, enabled: bool, delay: float = DELAY) -> None:
        self.total = total
        self.enabled = enabled and total > 1
        self.delay = delay
        self.done = 0
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def advance(self) -> None:
        self.done += 1
        if self._bar is None:
            slow = time.monotonic() - self._started >= self.delay
            if not (self.enabled and slow and self.done < self.total):
                return
            self._show()
        self._bar.update(self._task, completed=self.done)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            """Files a second, over the last few seconds."""

            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text("" if speed is None else f"{speed:.1f}/s")

        self._bar = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            Rate(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            # Reports printed to the same terminal go above the bar; a report going to a
            # file is left alone.
            redirect_stdout=_is_terminal(sys.stdout),
            redirect_stderr=True,
        )
        self._task = self._bar.add_task("checking", total=self.total, completed=self.done)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
