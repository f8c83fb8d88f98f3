"""``--fix``, ``--diff``, ``--interactive`` and ``Report.apply_fixes``: safe to run on a
whole repository of templates, byte for byte."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

import tonecheck
from tonecheck.cli import main
from tonecheck.errors import InputError
from tonecheck.fixfile import fix_bytes, unified_diff, write_atomic

ULTIMATUM = "If you don't reply by Friday, I'll close your file."


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _findings(checker: tonecheck.Checker, folder: Path) -> list[tonecheck.Finding]:
    return [
        f
        for p in sorted(folder.iterdir())
        if p.is_file()
        for f in checker.check_message(tonecheck.read_file(p)).findings
    ]


def test_fix_then_check_leaves_no_fixable_error(checker: tonecheck.Checker, examples: Path) -> None:
    before = _findings(checker, examples)
    assert any(f.fix and f.fix.safety == tonecheck.Safety.SAFE for f in before)
    code, _, err = run("--fix", str(examples))
    assert code == 1  # ultimatums and the like are left: their rewrites are unsafe
    assert "tonecheck: fixed" in err and "--unsafe-fixes" in err
    after = _findings(checker, examples)
    assert not [f for f in after if f.fix and f.fix.safety == tonecheck.Safety.SAFE]

    code, _, err = run("--fix", "--unsafe-fixes", str(examples))
    left = _findings(checker, examples)
    fixable_errors = [
        (f.rule, f.text)
        for f in left
        if f.severity == tonecheck.Severity.ERROR and f.fix is not None
    ]
    assert fixable_errors == []
    assert len(left) < len(before)


def test_a_second_fix_changes_nothing(examples: Path) -> None:
    run("--fix", "--unsafe-fixes", str(examples))
    once = _snapshot(examples)
    _code, _, err = run("--fix", "--unsafe-fixes", str(examples))
    assert _snapshot(examples) == once
    assert "fixed 0 findings in 0 files" in err


def _apply_patch(diff: str, cwd: Path) -> None:
    if shutil.which("patch"):
        command = ["patch", "-p0", "--forward", "--batch"]
    else:
        command = ["git", "apply", "-p0"]
    done = subprocess.run(command, input=diff.encode(), cwd=cwd, capture_output=True)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def test_diff_applies_with_patch_and_equals_fix(examples: Path, tmp_path: Path) -> None:
    fixed = tmp_path / "fixed"
    shutil.copytree(examples, fixed)
    untouched = _snapshot(examples)
    os.chdir(examples)
    try:
        code, diff, _err = run("--diff", "--unsafe-fixes", ".")
    finally:
        os.chdir(tmp_path)
    assert code == 1 and diff.startswith("--- ")
    assert _snapshot(examples) == untouched  # --diff writes nothing
    run("--fix", "--unsafe-fixes", str(fixed))
    _apply_patch(diff, examples)
    assert _snapshot(examples) == _snapshot(fixed)


def test_diff_of_a_clean_file_is_empty(tmp_path: Path) -> None:
    draft = tmp_path / "ok.txt"
    draft.write_text("Hi Sam,\n\nThanks for the notes; Tuesday works for me.\n\nBest,\nAl\n")
    code, out, err = run("--diff", str(draft))
    assert (code, out) == (0, "")
    assert "0 fixes to apply" in err


def test_bytes_outside_the_fix_are_kept(tmp_path: Path) -> None:
    body = (
        "\ufeffSubject: Final Contact\r\n\r\nHi Zoë,\r\n\r\nPLEASE SEND THE SIGNED FORM BEFORE "
        "THE MEETING.\r\nMerci — à bientôt 😀\r\n\r\n> PLEASE READ THIS!!!!\r\n"
    )
    draft = tmp_path / "draft.txt"
    draft.write_bytes(body.encode("utf-8"))
    draft.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(draft)
    _code, _, _ = run("--fix", "--unsafe-fixes", str(link))
    assert link.is_symlink()  # the link is kept; the file it points to is fixed
    data = draft.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == (
        "\ufeffSubject: Checking in\r\n\r\nHi Zoë,\r\n\r\nPlease send the signed form before "
        "the meeting.\r\nMerci — à bientôt 😀\r\n\r\n> PLEASE READ THIS!!!!\r\n"
    )
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tonecheck")] == []


def test_placeholders_are_never_rewritten(checker: tonecheck.Checker, tmp_path: Path) -> None:
    text = "Hi {{first_name}},\n\nIf you don't reply by {{deadline}}, I'll close your file.\n"
    report = checker.check(text)
    ultimatum = next(f for f in report.findings if f.category == "ultimatum")
    assert ultimatum.fix is not None and ultimatum.fix.safety == tonecheck.Safety.MANUAL
    assert report.apply_fixes(text, unsafe=True) == text
    draft = tmp_path / "template.txt"
    draft.write_text(text)
    run("--fix", "--unsafe-fixes", str(draft))
    assert draft.read_text() == text


def test_fix_only_limits_the_fixes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Subject: Final Contact\n\nHi Sam,\n\nPLEASE SEND IT TODAY. {ULTIMATUM}\n")
    run("--fix", "--unsafe-fixes", "--fix-only", "shouting", str(draft))
    assert draft.read_text() == (
        f"Subject: Final Contact\n\nHi Sam,\n\nPlease send it today. {ULTIMATUM}\n"
    )
    run("--fix", "--fix-only", "final-contact-subject,ultimatum", str(draft))
    assert draft.read_text().startswith("Subject: Final Contact\n")  # unsafe: not without
    assert ULTIMATUM in draft.read_text()  # --unsafe-fixes
    run("--fix", "--unsafe-fixes", "--fix-only", "final-contact-subject", str(draft))
    assert draft.read_text().startswith("Subject: Checking in\n")
    assert ULTIMATUM in draft.read_text()


def test_fix_from_standard_input_prints_the_fixed_text(tmp_path: Path) -> None:
    _code, out, err = run("--fix", "-", input="Subject: last attempt\n\nHi,\n\nThanks!!!!!\n")
    assert out == "Subject: last attempt\n\nHi,\n\nThanks!\n"
    assert "fixed 1 finding in 1 file; 1 more with an unsafe fix" in err


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--fix-only", "shouting", "x.txt"], "need --fix, --diff or --interactive"),
        (["--unsafe-fixes", "x.txt"], "need --fix, --diff or --interactive"),
        (["--fix", "--fix-only", "politeness", "x.txt"], "fix-only: 'politeness'"),
        (["--fix", "--interactive", "x.txt"], "cannot be used together"),
        (["--interactive", "-"], "standard input"),
    ],
)
def test_fix_usage_errors(args: list[str], problem: str) -> None:
    code, _out, err = run(*args)
    assert code == 2
    assert problem in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"new text from the editor\n")
    with pytest.raises(InputError, match="changed since it was read"):
        write_atomic(draft, b"what tonecheck read\n", b"fixed\n")
    assert draft.read_bytes() == b"new text from the editor\n"


def test_a_decoded_eml_body_is_not_fixed(checker: tonecheck.Checker) -> None:
    eml = (
        b"Subject: Hello\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + __import__("base64").b64encode(b"PLEASE SEND THE FORM BEFORE THE MEETING.\n")
        + b"\r\n"
    )
    new, result = fix_bytes(checker, eml, "note.eml")
    assert new == eml and not result.passes
    assert result.report.findings  # still reported


def test_diff_marks_a_last_line_without_newline() -> None:
    diff = unified_diff("a.txt", b"Hello\nFINAL", b"Hello\nfinal")
    assert diff.endswith("+final\n\\ No newline at end of file\n")


def test_apply_fixes_and_fix_objects(checker: tonecheck.Checker) -> None:
    text = f"Hi Sam,\n\nPer my last email, the form is due. {ULTIMATUM} Thanks!!!!!\n"
    report = checker.check(text)
    safe = report.apply_fixes(text)
    assert safe == f"Hi Sam,\n\nTo recap, the form is due. {ULTIMATUM} Thanks!\n"
    everything = report.apply_fixes(text, unsafe=True)
    assert "close your file" not in everything and "To recap," in everything
    pairs = report.fixes(text, unsafe=True)
    assert [f.rule for f, _ in pairs] == [
        "per-my-last-email",
        "ultimatum-if-no-reply",
        "double-exclamation",
    ]
    for finding, fix in pairs:
        assert text[fix.start : fix.end] == finding.text
        assert fix.to_dict()["safety"] in ("safe", "unsafe")
    with pytest.raises(ValueError, match="apply fixes to the text that was checked"):
        report.apply_fixes("something else entirely")


def test_overlapping_fixes_more_severe_then_earlier_wins(checker: tonecheck.Checker) -> None:
    # The ultimatum (error) and the shouting run (warning) overlap: the error's fix wins,
    # the other waits for the next pass, where it no longer exists.
    text = "If you don't reply by Friday, I'll close your file!!!!"
    report = checker.check(text)
    rules = [f.rule for f, _ in report.fixes(text, unsafe=True)]
    assert rules == ["ultimatum-if-no-reply"]


def test_interactive_review(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Subject: Final Contact\n\nHi Sam,\n\nSorry, I've been so busy. PLEASE SEND IT TODAY.\n"
        f"{ULTIMATUM}\n"
    )
    # subject: take option 2; busy excuse: skip; capitals: edit; ultimatum: take 1.
    answers = "2\ns\ne\nCould you send it today?\n1\n"
    code, out, err = run("--interactive", str(draft), input=answers)
    assert code == 0, err
    assert "1) Checking in" in out and "wrote 3 changes" in out
    text = draft.read_text()
    assert text.startswith("Subject: Missed you on our call\n")
    assert "Sorry, I've been so busy. Could you send it today?\n" in text
    assert "Would you be able to reply by Friday?" in text


def test_interactive_fix_only_asks_about_those_alone(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Subject: Final Contact\n\nHi Sam,\n\n{ULTIMATUM}\n")
    code, out, _ = run("--interactive", "--fix-only", "ultimatum", str(draft), input="1\n")
    assert code == 0 and "final-contact-subject" not in out
    assert draft.read_text().startswith("Subject: Final Contact\n")
    assert "Would you be able to reply by Friday?" in draft.read_text()


def test_interactive_quit_keeps_what_was_accepted(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: Final Contact\n\nHi Sam,\n\nPLEASE SEND IT TODAY.\n")
    code, _out, _ = run("--interactive", str(draft), input="1\nq\n")
    assert code == 0
    assert draft.read_text() == "Subject: Checking in\n\nHi Sam,\n\nPLEASE SEND IT TODAY.\n"


def test_fix_runs_as_a_command(examples: Path) -> None:
    """The installed entry point, not only click's runner: a real process writes the files."""
    done = subprocess.run(
        [sys.executable, "-m", "tonecheck", "--fix", str(examples / "shouting.txt")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr  # what is left is still reported
    assert (
        "Please read the attachment before the meeting!" in (examples / "shouting.txt").read_text()
    )
