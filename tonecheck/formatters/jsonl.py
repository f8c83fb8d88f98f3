"""``jsonl``: one JSON object per line, written as each input is checked."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Report
from .base import FileError, Formatter, ordered


class JsonlFormatter(Formatter):
    """JSON Lines for streaming: each line is one object, flushed after every input.

    - a finding: ``{"path": ..., **Finding.to_dict()}``;
    - with ``show_suppressed``, a suppressed finding: the same plus ``"suppressed": true``;
    - a problem with the input's ``tonecheck:`` directives: ``{"path": ..., "warning": ...}``;
    - an input that could not be checked: ``{"path": ..., "error": ...}`` (``path`` is
      ``null`` when the message names none);
    - with ``scores``, after an input's findings: ``{"path": ..., "scores": ...,
      "scorecard": [...], "politeness": {...}}``, as in the ``json`` format.

    Nothing is written at the start or the end, so an empty output means no findings.
    """

    def report(self, report: Report) -> None:
        self.reports.append(report)
        for warning in report.warnings:
            self._write({"path": report.path, "warning": warning})
        for finding, suppressed in ordered(report, self.show_suppressed):
            line: dict[str, Any] = {"path": report.path, **finding.to_dict()}
            if suppressed:
                line["suppressed"] = True
            self._write(line)
        if self.scores:
            self._write({"path": report.path, **report.scores_dict()})
        self.stream.flush()

    def error(self, message: str) -> None:
        super().error(message)
        problem = FileError.parse(message)
        self._write({"path": problem.path, "error": problem.problem})
        self.stream.flush()

    def finish(self) -> None:
        self.stream.flush()

    def _write(self, obj: dict[str, Any]) -> None:
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
