"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ..findings import Finding, Report, Safety, Severity
from .base import STDIN_PATH, FileError, Formatter, in_input, ordered, span_of, warning_line

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The base a relative artifact URI is resolved against: the directory tonecheck ran in.
SRCROOT = "%SRCROOT%"
#: Where to read about tonecheck when the installed package names no project URL.
DEFAULT_INFORMATION_URI = "https://pypi.org/project/tonecheck/"
#: The key of tonecheck's own entry in ``partialFingerprints``.
FINGERPRINT_KEY = "tonecheck/v1"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}

_FIX_DESCRIPTION = {
    Safety.SAFE: "A rewrite that keeps the meaning (tonecheck --fix applies it).",
    Safety.UNSAFE: (
        "A rewrite that changes what is said: read it first "
        "(tonecheck --fix --unsafe-fixes applies it)."
    ),
}


class SarifFormatter(Formatter):
    """One SARIF 2.1.0 log with one run, written at the end.

    - ``tool.driver``: name ``tonecheck``, its version, an ``informationUri``, and a rule
      descriptor for each rule id among the results (``shortDescription`` is the message,
      ``fullDescription`` the why, ``defaultConfiguration.level``, ``properties.category``).
    - Each finding is a result with ``ruleId``, ``ruleIndex`` and ``level`` (``error``,
      ``warning``, ``note`` for a suggestion). Its location is the file, as a relative POSIX
      URI against ``%SRCROOT%`` (the directory tonecheck ran in, in ``originalUriBaseIds``)
      when the file is under it, else an absolute ``file:`` URI; standard input has no URI,
      only a description. The region's ``startLine``/``startColumn``/``endLine``/
      ``endColumn`` count code points (``columnKind: unicodeCodePoints``) and point at
      exactly the flagged text, which is also the region's ``snippet``.
    - The first rewrite, when it can be written into the file (safety ``safe`` or
      ``unsafe``), is a SARIF ``fix`` replacing the region, with ``properties.safety``.
      Every rewrite (``manual`` ones too) and the advice are in the result's ``properties``.
    - Suppressed findings are always included, with ``suppressions: [{"kind": "inSource"}]``
      (viewers such as GitHub code scanning hide or dismiss them); ``show_suppressed`` has
      no effect.
    - ``partialFingerprints["tonecheck/v1"]`` hashes the rule, the field, the flagged text
      and its occurrence, so an alert follows its text when lines move.
    - ``invocations[0]``: ``executionSuccessful`` is false when an input could not be read;
      each such input is a ``toolExecutionNotifications`` entry (level ``error``), as is each
      note of a report with results (level ``note``). Problems with the inputs' own
      ``tonecheck:`` directives are ``toolConfigurationNotifications`` (level ``warning``).

    **A subject given apart from the file** (``--subject``; also whenever the subject's text
    is not the body's, as in an ``.eml`` whose subject or body had to be decoded): its line
    and column count within that subject string, not the file, so such a result claims no
    place in the file. Its location is the file as a whole
    (a ``physicalLocation`` with no ``region``: SARIF reads that as the entire artifact, and
    GitHub code scanning accepts it as an alert on the file) with a ``logicalLocation``
    named ``subject`` and a message that says so; ``properties.subject`` holds the subject,
    and ``properties.subjectColumn``/``subjectEndColumn`` the span within it. It has no
    ``fix``. When a note says positions refer to decoded text (an encoded ``.eml`` body),
    the region is in that text; the note is repeated in the result's ``properties.notes``.
    """

    def __init__(
        self, stream: TextIO, *, root: str | os.PathLike[str] | None = None, **options: bool
    ) -> None:
        super().__init__(stream, **options)
        #: Relative URIs are relative to this directory (default: the current one).
        self.root = os.path.abspath(root if root is not None else os.getcwd())

    def report(self, report: Report) -> None:
        self.reports.append(report)

    def finish(self) -> None:
        json.dump(self.log(), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")

    def log(self) -> dict[str, Any]:
        """The SARIF log for the reports and errors received so far."""
        from .. import __version__

        items = [(r, f, s) for r in self.reports for f, s in ordered(r, show_suppressed=True)]
        rules = _rules([f for _, f, _ in items])
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        seen: Counter[tuple[str | None, str]] = Counter()
        results = []
        for report, finding, suppressed in items:
            key = _fingerprint(finding)
            seen[report.path, key] += 1
            fingerprint = _hash(f"{key}\0{seen[report.path, key]}")
            results.append(
                self._result(report, finding, suppressed, index[finding.rule], fingerprint)
            )
        root_uri = Path(self.root).as_uri()
        driver: dict[str, Any] = {
            "name": "tonecheck",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": _information_uri(),
            "rules": rules,
        }
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "invocations": [self._invocation()],
            "originalUriBaseIds": {
                SRCROOT: {"uri": root_uri if root_uri.endswith("/") else root_uri + "/"}
            },
            "results": results,
            "columnKind": "unicodeCodePoints",
            "newlineSequences": ["\r\n", "\n"],
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    def artifact(self, path: str | None) -> dict[str, Any]:
        """The ``artifactLocation`` of an input."""
        if path is None or path == STDIN_PATH:
            where = "standard input" if path == STDIN_PATH else "text passed to tonecheck"
            return {"description": {"text": where}}
        absolute = os.path.abspath(path)
        try:
            relative: str | None = os.path.relpath(absolute, self.root)
        except ValueError:  # another drive (Windows)
            relative = None
        outside = (
            relative is None or relative == os.pardir or relative.startswith(os.pardir + os.sep)
        )
        if relative is not None and not outside:
            return {"uri": quote(PurePath(relative).as_posix()), "uriBaseId": SRCROOT}
        return {"uri": Path(absolute).as_uri()}

    def _result(
        self, report: Report, f: Finding, suppressed: bool, rule_index: int, fingerprint: str
    ) -> dict[str, Any]:
        artifact = self.artifact(report.path)
        physical: dict[str, Any] = {"artifactLocation": artifact}
        location: dict[str, Any] = {"physicalLocation": physical}
        properties: dict[str, Any] = {"category": f.category, "field": f.field}
        region: dict[str, Any] | None = None
        if in_input(report, f):
            span = span_of(f)
            region = {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": span.end_column,
            }
            physical["region"] = {**region, "snippet": {"text": f.text}}
        else:
            subject = report.texts.get("subject", "")
            location["logicalLocations"] = [{"name": "subject"}]
            location["message"] = {
                "text": f'In the subject "{subject}", which is not text of this file: '
                "the finding has no place in the file."
            }
            properties.update(
                subject=subject, subjectColumn=f.column, subjectEndColumn=f.end_column
            )
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": rule_index,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        fix = f.fix
        if fix is not None and fix.safety in _FIX_DESCRIPTION and region and "uri" in artifact:
            change = {
                "artifactLocation": artifact,
                "replacements": [
                    {"deletedRegion": region, "insertedContent": {"text": fix.replacement}}
                ],
            }
            result["fixes"] = [
                {
                    "description": {"text": _FIX_DESCRIPTION[fix.safety]},
                    "artifactChanges": [change],
                    "properties": {"safety": fix.safety.value},
                }
            ]
        if suppressed:
            result["suppressions"] = [{"kind": "inSource"}]
        if f.suggestions:
            properties["suggestions"] = [
                {"replacement": s.replacement, "safety": s.safety.value} for s in f.suggestions
            ]
        if f.advice:
            properties["advice"] = f.advice
        if report.notes:
            properties["notes"] = list(report.notes)
        result["properties"] = properties
        return result

    def _invocation(self) -> dict[str, Any]:
        execution: list[dict[str, Any]] = []
        for message in self.errors:
            error = FileError.parse(message)
            notification: dict[str, Any] = {"level": "error", "message": {"text": error.problem}}
            if error.path is not None:
                notification["locations"] = [self._file_location(error.path)]
            execution.append(notification)
        configuration: list[dict[str, Any]] = []
        for report in self.reports:
            if report.findings or report.suppressed:
                execution += [
                    {
                        "level": "note",
                        "message": {"text": note},
                        "locations": [self._file_location(report.path)],
                    }
                    for note in report.notes
                ]
            for warning in report.warnings:
                configuration.append(
                    {
                        "level": "warning",
                        "message": {"text": warning},
                        "locations": [self._file_location(report.path, warning_line(warning))],
                    }
                )
        invocation: dict[str, Any] = {"executionSuccessful": not self.errors}
        if execution:
            invocation["toolExecutionNotifications"] = execution
        if configuration:
            invocation["toolConfigurationNotifications"] = configuration
        return invocation

    def _file_location(self, path: str | None, line: int | None = None) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": self.artifact(path)}
        if line is not None:
            physical["region"] = {"startLine": line}
        return {"physicalLocation": physical}


def _rules(findings: list[Finding]) -> list[dict[str, Any]]:
    """A rule descriptor for each rule id, sorted by id, from its first finding."""
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.rule, f)
    return [
        {
            "id": rule,
            "shortDescription": {"text": f.message},
            "fullDescription": {"text": f.why or f.message},
            "defaultConfiguration": {"level": LEVEL[f.severity]},
            "properties": {"category": f.category, "tags": ["tone", f.category]},
        }
        for rule, f in sorted(first.items())
    ]


def _fingerprint(f: Finding) -> str:
    return "\0".join((f.rule, f.field, " ".join(f.text.split()).lower()))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _information_uri() -> str:
    """The project's URL from the installed package's metadata, else its PyPI page."""
    try:
        meta = metadata.metadata("tonecheck")
    except metadata.PackageNotFoundError:
        return DEFAULT_INFORMATION_URI
    for value in meta.get_all("Project-URL") or []:
        url = str(value).partition(",")[2].strip()
        if url.startswith(("https://", "http://")):
            return url
    for home in meta.get_all("Home-page") or []:
        if str(home).startswith(("https://", "http://")):
            return str(home)
    return DEFAULT_INFORMATION_URI
