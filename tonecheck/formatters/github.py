"""``github``: GitHub Actions workflow commands, so findings show as annotations."""

from __future__ import annotations

from ..findings import Finding, Report, Severity
from .base import STDIN_PATH, FileError, Formatter, in_input, ordered, span_of, warning_line

#: Finding severity -> workflow command.
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as ``@actions/core`` does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, escaped as ``@actions/core`` does (``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: dict[str, str | int | None]) -> str:
    """``::name key=value,...::message``; properties without a value are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None and value != ""
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


class GithubFormatter(Formatter):
    """One workflow command per finding, for example (one line)::

        ::warning file=draft.txt,line=3,col=1,endLine=3,endColumn=7,title=tonecheck
        (terse-reply)::A reply this short ... Try: "Noted. Thanks, and let me know ..."

    ``error`` -> ``::error``, ``warning`` -> ``::warning``, ``suggestion`` -> ``::notice``.
    The first rewrite follows the message (``Try: "..."``), or the advice when there is no
    rewrite. A span over several lines gets ``line`` and ``endLine`` only (GitHub takes
    columns only within one line). A finding in a subject given separately (``--subject``)
    has no place in the file: it is annotated on the file, without a line, and its message
    starts with the subject. Directive problems are ``::warning`` lines, inputs that could
    not be read ``::error file=PATH`` lines, and the notes of an input with findings (such
    as "positions refer to lines of the decoded body") ``::notice`` lines. With
    ``show_suppressed``, suppressed findings are ``::notice`` lines whose title says so.
    Nothing else is written.
    """

    def report(self, report: Report) -> None:
        self.reports.append(report)
        for warning in report.warnings:
            props = {"file": _file(report), "line": warning_line(warning), "title": "tonecheck"}
            self._write(command("warning", warning, props))
        items = ordered(report, self.show_suppressed)
        if items:  # e.g. that positions refer to a decoded .eml body, not to the file
            for note in report.notes:
                self._write(command("notice", note, {"file": _file(report), "title": "tonecheck"}))
        for finding, suppressed in items:
            self._write(self._finding(report, finding, suppressed))

    def error(self, message: str) -> None:
        super().error(message)
        problem = FileError.parse(message)
        self._write(command("error", problem.problem, {"file": problem.path, "title": "tonecheck"}))

    def finish(self) -> None:
        self.stream.flush()

    def _finding(self, report: Report, f: Finding, suppressed: bool) -> str:
        title = f"tonecheck ({f.rule}{', suppressed' if suppressed else ''})"
        message = f.message
        if f.suggestions:
            message += f' Try: "{f.suggestions[0].replacement}"'
        elif f.advice:
            message += f" {f.advice}"
        props: dict[str, str | int | None] = {"file": _file(report)}
        if in_input(report, f):
            span = span_of(f)
            one_line = span.end_line == span.line
            props["line"] = span.line
            props["col"] = span.column if one_line else None
            props["endLine"] = span.end_line
            props["endColumn"] = span.end_column if one_line else None
        else:
            message = f'Subject "{report.texts.get("subject", "")}": {message}'
        props["title"] = title
        name = "notice" if suppressed else COMMAND[f.severity]
        return command(name, message, props)

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")


def _file(report: Report) -> str | None:
    return report.path if report.path and report.path != STDIN_PATH else None
