"""The command line: output formats and exit codes are public API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES

from tonecheck.cli import main


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_examples_text_output() -> None:
    code, out, _ = run(str(EXAMPLES))
    assert code == 1
    assert "examples/final-contact.txt:1:10 error [final-contact-subject]" in out.replace("\\", "/")
    assert (
        "  Subject: Final Contact\n           ^^^^^^^^^^^^^\n  -> Checking in  [unsafe fix]\n"
        in out
    )
    assert "good-follow-up.txt" not in out
    assert "\x1b[" not in out  # no colour when piped
    assert out.rstrip().endswith("errors, 16 warnings, 3 suggestions") or "files checked:" in out


def test_json_output_shape_and_spans() -> None:
    code, out, _ = run(str(EXAMPLES), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1
    assert set(doc) == {"version", "files", "errors", "summary"}
    assert doc["summary"]["files"] == len(list(EXAMPLES.glob("*.txt")))
    total = 0
    for entry in doc["files"]:
        source = Path(entry["path"]).read_text(encoding="utf-8")
        assert set(entry) == {
            "path",
            "findings",
            "scores",
            "notes",
            "warnings",
            "errors",
            "suppressed",
            "scorecard",
            "politeness",
        }
        # The scorecard: every measure banded, with a reason and a source.
        measures = [line["measure"] for line in entry["scorecard"]]
        assert measures[:3] == ["words", "words_per_sentence", "grade"]
        assert "subject_words" in measures  # every example has a subject line
        for line in entry["scorecard"]:
            assert line["band"] in ("good", "fair", "poor")
            assert line["reason"] and line["source"] and line["shown"]
            assert line["value"] == entry["scores"][line["measure"]]
        # Politeness strategies are located like findings.
        assert entry["politeness"]["score"] == entry["scores"]["politeness"]
        for use in entry["politeness"]["strategies"]:
            assert source[use["start"] : use["end"]] == use["text"]
        for sent in entry["politeness"]["sentences"]:
            assert source[sent["start"] : sent["end"]].strip()
        for f in entry["findings"]:
            assert set(f) >= {
                "rule",
                "category",
                "severity",
                "field",
                "message",
                "text",
                "start",
                "end",
                "line",
                "column",
                "end_line",
                "end_column",
                "suggestions",
            }
            assert source[f["start"] : f["end"]] == f["text"]
            for s in f["suggestions"]:
                assert set(s) == {"replacement", "start", "end", "safety"}
                assert (s["start"], s["end"]) == (f["start"], f["end"])
                assert s["safety"] in ("safe", "unsafe", "manual")
            total += 1
    assert doc["summary"]["findings"] == total
    assert sum(doc["summary"]["by_severity"].values()) == total


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "warning"], 1),
        (["--fail-on", "error"], 0),
        (["--fail-on", "never"], 0),
        (["--fail-on", "suggestion"], 1),
        (["--ignore", "terse"], 0),
    ],
)
def test_fail_on_sets_the_exit_code(args: list[str], code: int) -> None:
    assert run(str(EXAMPLES / "terse-reply.txt"), *args)[0] == code


def test_clean_files_exit_0() -> None:
    code, out, _ = run(str(DATA / "clean"), str(EXAMPLES / "good-follow-up.txt"))
    assert code == 0
    assert "31 files checked: no findings" in out or "files checked:" in out


def test_stdin_with_subject_option() -> None:
    code, out, _ = run("-", "--subject", "Last attempt", input="Thanks so much for your help!\n")
    assert code == 1
    assert "<stdin>:1:1 error [final-contact-subject]" in out


def test_subject_line_in_a_text_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: One last try\r\n\r\nHi Ana,\r\nHow are you?\r\n", encoding="utf-8")
    code, out, _ = run(str(draft), "--format", "json")
    assert code == 1
    finding = json.loads(out)["files"][0]["findings"][0]
    assert finding["rule"] == "final-contact-subject"
    assert (finding["line"], finding["column"]) == (1, 10)
    as_read = draft.read_bytes().decode("utf-8")  # keeps the \r\n line ends
    assert as_read[finding["start"] : finding["end"]] == "One last try"


def test_underline_sits_under_the_span_with_tabs(tmp_path: Path) -> None:
    draft = tmp_path / "tabs.txt"
    draft.write_text("Hi,\n\tThanks.\tDid you even read the email?\n", encoding="utf-8")
    _, out, _ = run(str(draft), "--select", "did-you-even-read")
    lines = out.splitlines()
    shown, marks = lines[1], lines[2]
    start = marks.index("^")
    assert shown[start : start + marks.count("^")] == "Did you even read the email?"


def test_select_limits_the_rules() -> None:
    code, out, _ = run(
        str(EXAMPLES / "shouting.txt"), "--select", "passive-aggressive", "--format", "json"
    )
    assert code == 1
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert rules == {"did-you-even-read"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "nonsense"], "select: 'nonsense' is neither a rule id nor a category"),
        (["--rules", "does/not/exist.yaml"], "does/not/exist.yaml: no such rule file or directory"),
        (["--model", "no_such_model_xyz"], "model 'no_such_model_xyz' cannot be loaded"),
    ],
)
def test_config_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, out, err = run(str(EXAMPLES / "terse-reply.txt"), *args)
    assert code == 2
    assert out == ""
    assert err.startswith("tonecheck: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x00\x01binary", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_input_file_exits_2_and_with_keep_going_others_are_still_checked(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    code, out, err = run(str(bad), str(EXAMPLES / "terse-reply.txt"))
    assert code == 2
    assert f"{bad}: error: " in err and message in err
    assert "[terse-reply]" not in out and "1 more input not checked" in err
    code, out, err = run(str(bad), str(EXAMPLES / "terse-reply.txt"), "--keep-going")
    assert code == 2
    assert f"{bad}: error: " in err and message in err
    assert "[terse-reply]" in out


def test_empty_directory_is_an_error_not_a_skip(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: error: no files to check in this directory" in err


def test_usage_error_exits_2() -> None:
    assert run()[0] == 2
    assert run(str(EXAMPLES), "--format", "xml")[0] == 2


def test_installed_command_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tonecheck", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "tonecheck" in result.stdout


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, no_color: str, coloured: bool
) -> None:
    import io

    import tonecheck
    from tonecheck.formatters import TextFormatter

    monkeypatch.setenv("FORCE_COLOR", "1")  # rich: behave as on a terminal
    monkeypatch.setenv("NO_COLOR", no_color)
    if not no_color:
        monkeypatch.delenv("NO_COLOR")
    stream = io.StringIO()
    formatter = TextFormatter(stream)
    formatter.report(tonecheck.check("Noted."))
    formatter.finish()
    assert ("\x1b[" in stream.getvalue()) is coloured
    assert "[terse-reply]" in stream.getvalue()


# -- issue 5: subcommands, --output, --quiet, --statistics, --show-suppressed ----------------


def test_bare_paths_run_the_check_command() -> None:
    example = str(EXAMPLES / "ultimatum.txt")
    assert run(example)[:2] == run("check", example)[:2]
    code, out, _ = run("--help")
    assert code == 0
    for command in ("check", "rules", "explain", "config", "init"):
        assert command in out
    code, out, _ = run("check", "--help")
    assert code == 0 and "--show-suppressed" in out and "--statistics" in out


def test_output_file_and_quiet(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run("--format", "json", "--output", str(target), str(EXAMPLES))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] > 0
    _, loud, _ = run(str(EXAMPLES))
    code, quiet, _ = run("--quiet", str(EXAMPLES))
    assert code == 1
    assert "files checked" in loud and "files checked" not in quiet
    assert "[final-contact-subject]" in quiet
    code, _, err = run("--output", str(tmp_path / "missing" / "r.txt"), str(EXAMPLES))
    assert code == 2 and err.startswith("tonecheck: error: --output: cannot write")


def test_statistics_count_by_rule() -> None:
    code, out, _ = run("--statistics", str(EXAMPLES))
    assert code == 1
    lines = [line.split() for line in out.splitlines()]
    counts = [int(parts[0]) for parts in lines]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1  # most frequent first
    _, doc, _ = run("--statistics", "--format", "json", str(EXAMPLES))
    stats = json.loads(doc)
    _, full, _ = run("--format", "json", str(EXAMPLES))
    findings = [f["rule"] for e in json.loads(full)["files"] for f in e["findings"]]
    assert {r["rule"]: r["count"] for r in stats["rules"]} == {
        r: findings.count(r) for r in set(findings)
    }
    assert {parts[1]: int(parts[0]) for parts in lines} == {
        r: findings.count(r) for r in set(findings)
    }


def test_show_suppressed(tmp_path: Path) -> None:
    draft = tmp_path / "reminder.txt"
    draft.write_text(
        "Subject: Webinar today\n\nHi all,\n\n"
        "<!-- tonecheck: disable-next-line=final-contact -->\n"
        "This is my final email on this: the webinar starts in one hour.\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(draft))
    assert code == 0 and "final-contact-body" not in out
    code, out, _ = run("--show-suppressed", str(draft))
    assert code == 0
    assert "final-contact-body" in out and "suppressed" in out
    _, doc, _ = run("--format", "json", str(draft))
    entry = json.loads(doc)["files"][0]
    assert entry["findings"] == [] and [f["rule"] for f in entry["suppressed"]] == [
        "final-contact-body"
    ]
