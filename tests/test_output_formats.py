"""Output formats as a user (or a CI system) sees them: ``sarif``, ``github``, ``jsonl``,
``--statistics``, and the text format's directive warnings and suppressed findings.

SARIF is validated against the official OASIS SARIF 2.1.0 schema, kept as a fixture
(``tests/data/sarif-schema-2.1.0.json``, errata01, from oasis-tcs/sarif-spec ``Schemata/``).
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES, ROOT

import tonecheck
from tonecheck.cli import main
from tonecheck.findings import Finding, Fix, Report, Safety, Severity
from tonecheck.formatters import (
    FORMATTERS,
    Formatter,
    JsonlFormatter,
    SarifFormatter,
    TextFormatter,
    rule_counts,
    statistics_dict,
    write_statistics,
)
from tonecheck.formatters.github import GithubFormatter, escape_data, escape_property

SCHEMA_PATH = DATA / "sarif-schema-2.1.0.json"
FORMATS_DATA = DATA / "output-formats"
SUPPRESSED = FORMATS_DATA / "suppressed.txt"  # one suppressed finding, one bad directive
MISSING = FORMATS_DATA / "no-such-file.txt"

# A CRLF file with non-BMP characters before a span that runs over two lines.
CRLF_UNICODE = (
    "Subject: Final Contact \U0001f600\r\n\r\nHi Zoë \U0001f44b,\r\n\r\n"
    "Thanks for the \u201cquick\u201d call \U0001f600. PLEASE READ THE ATTACHMENT BEFORE\r\n"
    "THE MEETING ON FRIDAY. Did you even read the email?\r\n\r\nNoted.\r\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- SARIF helpers -----------------------------------------------------------------------

_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: jsonschema checks "uri" formats only with optional packages; these are RFC 3986's rules.
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri-reference")
def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI_REFERENCE.match(value))


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or (bool(_SCHEME.match(value)) and _is_uri_reference(value))


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=FORMATS)


def assert_valid(validator: Any, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def assert_github_accepts(log: dict[str, Any]) -> None:
    """What GitHub code scanning needs beyond the schema (sarif-sdk's GH rules): one run, a
    driver name, unique rule ids, and per result a message and a file URI that is relative
    or ``file:``; a region, when present, has ``startLine``."""
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "tonecheck"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    for result in run_["results"]:
        assert result["message"]["text"].strip()
        assert ids[result["ruleIndex"]] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not _SCHEME.match(uri) or uri.startswith("file:")
        if "region" in physical:
            assert physical["region"]["startLine"] >= 1


def artifact_path(run_: dict[str, Any], artifact: dict[str, Any]) -> Path:
    uri = artifact["uri"]
    if "uriBaseId" in artifact:
        uri = urljoin(run_["originalUriBaseIds"][artifact["uriBaseId"]]["uri"], uri)
    assert uri.startswith("file:")
    return Path(url2pathname(urlparse(uri).path))


def region_text(text: str, region: dict[str, Any]) -> str:
    """The text a SARIF region covers, counting lines at ``\\n`` (``\\r\\n`` is one line
    break) and columns in code points, as the run says."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(line: int, column: int) -> int:
        line_end = starts[line] if line < len(starts) else len(text) + 1
        assert 1 <= column <= line_end - starts[line - 1] + 1
        return starts[line - 1] + column - 1

    start = offset(region["startLine"], region["startColumn"])
    end = offset(region["endLine"], region["endColumn"])
    return text[start:end]


def sarif_of(*args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run("--format", "sarif", *args)
    return code, json.loads(out), err


def json_findings(*args: str) -> list[dict[str, Any]]:
    """Every finding of the ``json`` format, each with its file's path."""
    _, out, _ = run("--format", "json", *args)
    return [{"path": f["path"], **x} for f in json.loads(out)["files"] for x in f["findings"]]


# --- SARIF -------------------------------------------------------------------------------


def test_schema_fixture_is_the_official_sarif_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"result", "region", "fix", "suppression", "notification"} <= set(schema["definitions"])


def test_sarif_for_the_examples(monkeypatch: pytest.MonkeyPatch, sarif_validator: Any) -> None:
    monkeypatch.chdir(ROOT)
    code, log, _ = sarif_of("examples/")
    assert code == 1
    assert_valid(sarif_validator, log)
    assert_github_accepts(log)
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["version"] == tonecheck.__version__
    assert _SCHEME.match(driver["informationUri"])
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert run_["invocations"][0]["executionSuccessful"] is True

    findings = json_findings("examples/")
    results = run_["results"]
    assert len(results) == len(findings) > 0
    level = {"error": "error", "warning": "warning", "suggestion": "note"}
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {f["rule"] for f in findings}
    for result, finding in zip(results, findings, strict=True):
        assert result["ruleId"] == finding["rule"]
        assert result["level"] == level[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": finding["path"].replace("\\", "/"), "uriBaseId": "%SRCROOT%"}
        assert "suppressions" not in result
        rule = rules[finding["rule"]]
        assert rule["shortDescription"]["text"] == finding["message"]
        assert rule["fullDescription"]["text"]
        assert rule["properties"]["category"] == finding["category"]
        assert rule["defaultConfiguration"]["level"] in level.values()


def _check_regions(log: dict[str, Any], findings: list[dict[str, Any]]) -> int:
    """Every region covers exactly its finding's text in the file, and every fix, applied
    to the file, gives the file with the first suggestion in place. Returns the number of
    regions checked."""
    run_ = log["runs"][0]
    checked = 0
    for result, finding in zip(run_["results"], findings, strict=True):
        physical = result["locations"][0]["physicalLocation"]
        text = artifact_path(run_, physical["artifactLocation"]).read_bytes().decode("utf-8-sig")
        if finding["field"] == "subject" and "region" not in physical:
            continue
        region = physical["region"]
        assert region_text(text, region) == finding["text"] == region["snippet"]["text"]
        checked += 1
        for fix in result.get("fixes", []):
            (change,) = fix["artifactChanges"]
            (replacement,) = change["replacements"]
            assert change["artifactLocation"] == physical["artifactLocation"]
            suggestion = finding["suggestions"][0]
            assert fix["properties"]["safety"] == suggestion["safety"] != "manual"
            assert replacement["insertedContent"]["text"] == suggestion["replacement"]
            assert region_text(text, replacement["deletedRegion"]) == finding["text"]
    return checked


@pytest.mark.parametrize(
    "inputs",
    [
        pytest.param(["examples/"], id="examples"),
        pytest.param(["tests/data/inputs/"], id="every-input-format"),
    ],
)
def test_sarif_regions_point_at_the_flagged_text(
    monkeypatch: pytest.MonkeyPatch, sarif_validator: Any, inputs: list[str]
) -> None:
    monkeypatch.chdir(ROOT)
    _, log, _ = sarif_of(*inputs)
    assert_valid(sarif_validator, log)
    findings = json_findings(*inputs)
    # Decoded .eml bodies have positions in the decoded text (and say so in a note).
    keep = [
        i
        for i, result in enumerate(log["runs"][0]["results"])
        if not result["properties"].get("notes")
    ]
    log["runs"][0]["results"] = [log["runs"][0]["results"][i] for i in keep]
    assert _check_regions(log, [findings[i] for i in keep]) > 0


def test_sarif_regions_in_a_crlf_file_with_emoji(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    (tmp_path / "draft one.txt").write_bytes(CRLF_UNICODE.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    _, log, _ = sarif_of("draft one.txt")
    assert_valid(sarif_validator, log)
    results = log["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "draft%20one.txt"
    )
    multi_line = [r for r in results if r["ruleId"] == "all-caps-sentence"]
    region = multi_line[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (5, 6)
    assert _check_regions(log, json_findings("draft one.txt")) == len(results) == 3


def test_sarif_outside_the_current_directory_uses_absolute_file_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    _, log, _ = sarif_of(str(EXAMPLES / "terse-reply.txt"))
    assert_valid(sarif_validator, log)
    assert_github_accepts(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (EXAMPLES / "terse-reply.txt").as_uri()}


def test_sarif_suppressed_findings_directive_warnings_and_file_errors(
    monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    monkeypatch.chdir(ROOT)
    code, log, err = sarif_of(rel(SUPPRESSED), rel(MISSING))
    assert code == 2 and "no-such-file.txt: error:" in err
    assert_valid(sarif_validator, log)
    assert_github_accepts(log)
    run_ = log["runs"][0]
    suppressed = [r for r in run_["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        ("all-caps-sentence", [{"kind": "inSource"}])
    ]
    assert any("suppressions" not in r for r in run_["results"])
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (error,) = invocation["toolExecutionNotifications"]
    assert error["level"] == "error"
    assert error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == rel(MISSING)
    (warning,) = invocation["toolConfigurationNotifications"]
    assert warning["level"] == "warning" and "nonexistent-rule" in warning["message"]["text"]
    assert warning["locations"][0]["physicalLocation"]["region"] == {"startLine": 11}
    findings = json_findings(rel(SUPPRESSED))
    # The suppressed finding is in the JSON's "suppressed" list, in text order with the rest.
    assert _check_regions(log, _with_suppressed(rel(SUPPRESSED), findings)) == 2


def _with_suppressed(path: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    _, out, _ = run("--format", "json", path)
    (file,) = json.loads(out)["files"]
    every = findings + [{"path": file["path"], **x} for x in file["suppressed"]]
    return sorted(every, key=lambda f: (f["field"] != "subject", f["start"], f["end"]))


def test_sarif_subject_given_separately_claims_no_place_in_the_file(
    monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    monkeypatch.chdir(ROOT)
    _, log, _ = sarif_of("--subject", "Final Contact", "examples/terse-reply.txt")
    assert_valid(sarif_validator, log)
    assert_github_accepts(log)
    (subject,) = [r for r in log["runs"][0]["results"] if r["properties"]["field"] == "subject"]
    location = subject["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "examples/terse-reply.txt"
    assert location["logicalLocations"] == [{"name": "subject"}]
    assert subject["properties"]["subject"] == "Final Contact"
    assert "fixes" not in subject
    body = [r for r in log["runs"][0]["results"] if r["properties"]["field"] == "body"]
    assert body and all("region" in r["locations"][0]["physicalLocation"] for r in body)


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(lambda: tonecheck.check("Noted."), id="text-without-a-path"),
        pytest.param(
            lambda: tonecheck.check("Did you even read the email?", subject="FINAL NOTICE"),
            id="subject-string",
        ),
        pytest.param(lambda: tonecheck.check("Thanks, that works for me."), id="clean"),
    ],
)
def test_sarif_from_the_library_validates(
    checker: tonecheck.Checker, sarif_validator: Any, report: Any
) -> None:
    stream = io.StringIO()
    formatter = SarifFormatter(stream)
    formatter.report(report())
    formatter.finish()
    log = json.loads(stream.getvalue())
    assert_valid(sarif_validator, log)
    for result in log["runs"][0]["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert "uri" not in artifact and artifact["description"]["text"]


# --- GitHub workflow commands ------------------------------------------------------------

COMMAND_LINE = re.compile(r"::(?P<name>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<msg>.*)\Z")
_UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def _unescape(text: str) -> str:
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: _UNESCAPE[m.group()], text)


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command line, read back the way the runner reads it."""
    m = COMMAND_LINE.match(line)
    assert m, line
    props = {}
    for item in (m.group("props") or "").split(","):
        if item:
            key, _, value = item.partition("=")
            props[key] = _unescape(value)
    return m.group("name"), props, _unescape(m.group("msg"))


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain text", "plain text", "plain text"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("one\r\ntwo\nthree", "one%0D%0Atwo%0Athree", "one%0D%0Atwo%0Athree"),
        ("%0A is not a newline", "%250A is not a newline", "%250A is not a newline"),
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ],
)
def test_github_escaping_matches_the_actions_toolkit(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotations_for_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("--format", "github", "examples/")
    assert code == 1
    findings = json_findings("examples/")
    lines = out.splitlines()
    assert len(lines) == len(findings) > 0
    command = {"error": "error", "warning": "warning", "suggestion": "notice"}
    for line, finding in zip(lines, findings, strict=True):
        name, props, message = parse_command(line)
        assert name == command[finding["severity"]]
        assert props["file"] == finding["path"]
        assert props["title"] == f"tonecheck ({finding['rule']})"
        assert int(props["line"]) == finding["line"]
        if "\n" not in finding["text"]:
            assert (int(props["col"]), int(props["endLine"]), int(props["endColumn"])) == (
                finding["column"],
                finding["end_line"],
                finding["end_column"],
            )
        else:  # GitHub takes columns only for a span on one line
            assert "col" not in props and "endColumn" not in props
        assert message.startswith(finding["message"])
        if finding["suggestions"]:
            assert message.endswith(f' Try: "{finding["suggestions"][0]["replacement"]}"')


def test_github_message_and_path_with_special_characters_round_trip() -> None:
    message = "50% of this: one, two\nthree"
    finding = Finding(
        rule="odd-rule",
        category="hostile",
        severity=Severity.SUGGESTION,
        field="body",
        message=message,
        why="",
        text="Noted.",
        start=0,
        end=6,
        line=1,
        column=1,
        end_line=1,
        end_column=7,
        suggestions=(Fix("Noted, thanks: 100%", 0, 6, Safety.UNSAFE),),
    )
    path = "odd dir,v2:final/50%.txt"
    stream = io.StringIO()
    formatter = GithubFormatter(stream)
    formatter.report(Report((finding,), path=path, texts={"body": "Noted."}))
    formatter.error(f"{path}: error: is not valid UTF-8\n(byte 3)")
    formatter.finish()
    lines = stream.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 3  # one physical line per command
    name, props, text = parse_command(lines[0])
    assert name == "notice"
    assert props == {
        "file": path,
        "line": "1",
        "col": "1",
        "endLine": "1",
        "endColumn": "7",
        "title": "tonecheck (odd-rule)",
    }
    assert text == message + ' Try: "Noted, thanks: 100%"'
    assert parse_command(lines[1]) == (
        "error",
        {"file": path, "title": "tonecheck"},
        "is not valid UTF-8\n(byte 3)",
    )


def test_github_subject_given_separately_has_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = run("--format", "github", "--subject", "Final Contact", "examples/terse-reply.txt")
    subject = [parse_command(line) for line in out.splitlines() if "final-contact" in line]
    (name, props, message), *_ = subject
    assert name == "error" and "line" not in props
    assert props["file"] == "examples/terse-reply.txt"
    assert message.startswith('Subject "Final Contact": ')


def test_github_directive_warnings_and_suppressed(checker: tonecheck.Checker) -> None:
    report = checker.check_message(tonecheck.read_file(str(SUPPRESSED)))
    for show, expected in ((False, 2), (True, 3)):
        stream = io.StringIO()
        formatter = GithubFormatter(stream, show_suppressed=show)
        formatter.report(report)
        formatter.finish()
        commands = [parse_command(line) for line in stream.getvalue().splitlines()]
        assert len(commands) == expected
        name, props, message = commands[0]
        assert (name, props["line"]) == ("warning", "11") and "nonexistent-rule" in message
        suppressed = [c for c in commands if "suppressed" in c[1].get("title", "")]
        assert [c[1]["title"] for c in suppressed] == (
            ["tonecheck (all-caps-sentence, suppressed)"] if show else []
        )


# --- JSON Lines --------------------------------------------------------------------------


def test_jsonl_one_object_per_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("--format", "jsonl", "examples/", rel(MISSING))
    assert code == 2
    objects = [json.loads(line) for line in out.splitlines()]
    *found, error = objects
    assert error == {"path": rel(MISSING), "error": "no such file"}
    assert found == json_findings("examples/")


def test_jsonl_streams_and_marks_suppressed(checker: tonecheck.Checker) -> None:
    report = checker.check_message(tonecheck.read_file(str(SUPPRESSED)))
    for show in (False, True):
        stream = io.StringIO()
        formatter = JsonlFormatter(stream, show_suppressed=show)
        formatter.start()
        formatter.report(report)
        written = stream.getvalue()  # before finish: each report is written as it arrives
        formatter.finish()
        assert stream.getvalue() == written
        objects = [json.loads(line) for line in written.splitlines()]
        warning, *found = objects
        assert warning == {"path": report.path, "warning": report.warnings[0]}
        assert [o["rule"] for o in found if o.get("suppressed")] == (
            ["all-caps-sentence"] if show else []
        )
        assert len(found) == len(report.findings) + (len(report.suppressed) if show else 0)


# --- statistics --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_reports(checker: tonecheck.Checker) -> list[Report]:
    return [
        checker.check_message(tonecheck.read_file(str(p))) for p in sorted(EXAMPLES.glob("*.txt"))
    ]


def test_statistics_counts(example_reports: list[Report]) -> None:
    findings = [f for r in example_reports for f in r.findings]
    counts = rule_counts(example_reports)
    assert {c.rule: c.count for c in counts} == Counter(f.rule for f in findings)
    assert [c.count for c in counts] == sorted((c.count for c in counts), reverse=True)
    caps = next(c for c in counts if c.rule == "all-caps-sentence")
    assert (caps.fixable, caps.unsafe_fixable, caps.severity) == (1, 0, "warning")
    data = statistics_dict(example_reports)
    assert data["summary"]["findings"] == len(findings) == sum(r["count"] for r in data["rules"])
    assert data["summary"]["files"] == len(example_reports)
    assert data["rules"] == [c.to_dict() for c in counts]


def test_statistics_text_is_aligned(example_reports: list[Report]) -> None:
    stream = io.StringIO()
    write_statistics(example_reports, stream)
    lines = stream.getvalue().splitlines()
    counts = rule_counts(example_reports)
    assert len(lines) == len(counts)
    for line, c in zip(lines, counts, strict=True):
        assert line.split()[:3] == [str(c.count), c.rule, c.severity]
        assert line.endswith(c.message)
    for column in (c.rule for c in counts), (c.severity for c in counts):
        starts = {line.index(" " + word + " ") for line, word in zip(lines, column, strict=True)}
        assert len(starts) == 1, starts
    assert "[1 fixable]" in next(line for line in lines if "all-caps-sentence" in line)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_statistics_as_json(example_reports: list[Report], fmt: str) -> None:
    stream = io.StringIO()
    write_statistics(example_reports, stream, fmt=fmt)
    expected = statistics_dict(example_reports)
    if fmt == "json":
        assert json.loads(stream.getvalue()) == expected
    else:
        assert [json.loads(line) for line in stream.getvalue().splitlines()] == expected["rules"]


def test_statistics_of_nothing_is_empty() -> None:
    stream = io.StringIO()
    write_statistics([], stream)
    assert stream.getvalue() == ""


# --- text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("show_suppressed", "quiet", "summary"),
    [
        (False, False, "1 file checked: 1 error\n"),
        (True, False, "1 file checked: 1 error, 1 suppressed\n"),
        (True, True, None),
    ],
)
def test_text_warnings_and_suppressed(
    monkeypatch: pytest.MonkeyPatch,
    checker: tonecheck.Checker,
    show_suppressed: bool,
    quiet: bool,
    summary: str | None,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    report = checker.check_message(tonecheck.read_file(str(SUPPRESSED)))
    stream = io.StringIO()
    formatter = TextFormatter(stream, show_suppressed=show_suppressed, quiet=quiet)
    formatter.report(report)
    formatter.finish()
    out = stream.getvalue()
    assert out.startswith(
        f"{report.path}: warning: line 11: suppression names unknown rule or category "
        "'nonexistent-rule'"
    )
    assert (f"{report.path}:6:1 suppressed [all-caps-sentence]" in out) is show_suppressed
    assert f"{report.path}:7:1 error [did-you-even-read]" in out
    if summary is None:
        assert "checked:" not in out
    else:
        assert out.endswith(summary)


# --- the registry ------------------------------------------------------------------------


def test_every_format_is_registered_and_takes_the_common_options() -> None:
    assert {"text", "json", "jsonl", "sarif", "github"} <= set(FORMATTERS)
    for cls in FORMATTERS.values():
        formatter: Formatter = cls(io.StringIO(), show_suppressed=True, quiet=False)
        formatter.start()
        formatter.finish()
