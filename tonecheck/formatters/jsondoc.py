"""``json``: one JSON document for the whole run (``version`` 1, see README)."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Report, count_by_severity
from .base import Formatter

JSON_VERSION = 1


class JsonFormatter(Formatter):
    """One JSON document (``version`` 1): files with findings, scores, notes, directive
    warnings and suppressed findings (always: consumers filter), errors, and a summary."""

    def report(self, report: Report) -> None:
        self.reports.append(report)

    def finish(self) -> None:
        findings = [f for r in self.reports for f in r.findings]
        doc: dict[str, Any] = {
            "version": JSON_VERSION,
            "files": [r.to_dict() for r in self.reports],
            "errors": list(self.errors),
            "summary": {
                "files": len(self.reports),
                "findings": len(findings),
                "by_severity": count_by_severity(findings),
            },
        }
        json.dump(doc, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
