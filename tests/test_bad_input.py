"""Every input gets an answer: a normal report, or one line ``PATH: error: PROBLEM`` and exit
status 2, never a traceback and never a file skipped without a word.

Each case builds its input in a temporary directory, runs ``tonecheck`` on it, and states the
exit status, a line the user must see, and what must be in the report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tonecheck import message
from tonecheck.cli import main

PARAGRAPH = "Thanks for the notes. PLEASE SEND THE SIGNED FORM!!!! It helps us close the file."


@dataclass(frozen=True)
class Case:
    name: str
    #: Builds the input(s) in the directory given; returns the command-line arguments.
    make: Callable[[Path, pytest.MonkeyPatch], list[str]]
    status: int
    #: Shown on stderr (errors) or stdout (findings), in the text format.
    says: str = ""
    #: Rules that must be among the findings (checked in the JSON format).
    rules: tuple[str, ...] = ()


def _file(name: str, data: bytes | str) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def make(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return [str(path)]

    return make


def _over_spacys_limit(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    # spaCy's max_length is lowered so the path of a 5 MB newsletter runs in a second: it
    # never applies, since only single sentences are parsed.
    from tonecheck.nlp import load_pipeline

    monkeypatch.setattr(load_pipeline().nlp, "max_length", 3000)
    path = tmp / "newsletter.txt"
    path.write_text("\n\n".join([PARAGRAPH] * 200), encoding="utf-8")
    return [str(path)]


def _over_the_size_limit(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(message, "MAX_INPUT_BYTES", 1000)
    path = tmp / "export.txt"
    path.write_text(PARAGRAPH * 20, encoding="utf-8")
    return [str(path)]


def _link_loop(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    (tmp / "a.txt").symlink_to(tmp / "b.txt")
    (tmp / "b.txt").symlink_to(tmp / "a.txt")
    return [str(tmp / "a.txt")]


def _link_loop_in_directory(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    (tmp / "drafts").mkdir()
    (tmp / "drafts" / "self.txt").symlink_to(tmp / "drafts" / "self.txt")
    (tmp / "drafts" / "ok.txt").write_text("Thanks for the notes.", encoding="utf-8")
    return [str(tmp / "drafts")]


def _broken_link(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    (tmp / "drafts").mkdir()
    (tmp / "drafts" / "gone.txt").symlink_to(tmp / "nowhere.txt")
    return [str(tmp / "drafts")]


def _directory_loop(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    # drafts/again -> drafts: followed once, so each draft is checked once.
    (tmp / "drafts").mkdir()
    (tmp / "drafts" / "again").symlink_to(tmp / "drafts", target_is_directory=True)
    (tmp / "drafts" / "shout.txt").write_text(PARAGRAPH, encoding="utf-8")
    return [str(tmp / "drafts")]


def _unreadable_file(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    path = tmp / "private.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: the refusal is simulated
        real_open = os.open

        def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    return [str(path)]


def _unreadable_directory(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp / "drafts" / "locked").mkdir(parents=True)
    (tmp / "drafts" / "ok.txt").write_text("Thanks for the notes.", encoding="utf-8")
    locked = tmp / "drafts" / "locked"
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root lists anything: the refusal is simulated
        real_scandir = os.scandir

        def refuse(path: Any = ".") -> Any:
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    return [str(tmp / "drafts")]


def _named_pipes(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    # A named pipe with no writer: named, it is read (empty) without waiting; in a directory
    # it is reported, as is a link to a device.
    os.mkfifo(tmp / "pipe.txt")
    (tmp / "drafts").mkdir()
    os.mkfifo(tmp / "drafts" / "p.txt")
    (tmp / "drafts" / "null.txt").symlink_to("/dev/null")
    (tmp / "drafts" / "ok.txt").write_text("Thanks for the notes.", encoding="utf-8")
    return [str(tmp / "pipe.txt"), str(tmp / "drafts")]


def _deep_html(depth: int) -> str:
    return "<div>" * depth + "<p>Why is this still not fixed!!!!</p>" + "</div>" * depth


CASES = [
    Case("empty file", _file("empty.txt", b""), 0, "no findings"),
    Case("whitespace only", _file("blank.txt", " \n\t\r\n  \n"), 0, "no findings"),
    Case("byte order mark only", _file("bom.txt", b"\xef\xbb\xbf"), 0, "no findings"),
    Case(
        "binary content",
        _file("scan.txt", b"%PDF-1.4\x00\x01\x02 stream"),
        2,
        "scan.txt: error: looks like a binary file",
    ),
    Case(
        "invalid UTF-8",
        _file("latin1.txt", "Café au lait, PLEASE!!!!".encode("latin-1")),
        2,
        "latin1.txt: error: is not valid UTF-8 (byte 3)",
    ),
    Case(
        "over spaCy's max_length",
        _over_spacys_limit,
        1,
        "newsletter.txt:399:23 warning [all-caps-sentence]",  # the 200th paragraph
        ("all-caps-sentence",),
    ),
    Case(
        "over the size limit",
        _over_the_size_limit,
        2,
        "export.txt: error: is over 1,000 bytes; tonecheck reads email drafts",
    ),
    Case(
        "one enormous line",
        _file("line.txt", " ".join(["we", "need", "the", "report", "by", "friday"] * 1000)),
        0,
        "[hard-to-read]",
        ("hard-to-read",),
    ),
    Case(
        "one enormous word",
        _file("blob.txt", "QUJD" * 50_000),
        1,
        # one word, like "Noted."
        "blob.txt:1:1 warning [terse-reply]",
        ("terse-reply",),
    ),
    Case(
        "emoji, right-to-left text and zero-width characters",
        _file("mixed.txt", "Hi 👋🏽 שלום, مرحبا\u200b.\u202e WHY IS THIS STILL NOT FIXED!!!!"),
        1,
        "[all-caps-sentence]",
        ("all-caps-sentence",),
    ),
    Case(
        "lone carriage returns and form feeds",
        _file("old-mac.txt", "Hi Sam,\r\rDid you even read my email?\x0c\rBest"),
        1,
        "did-you-even-read",
        ("did-you-even-read",),
    ),
    Case(
        "deeply nested HTML",
        _file("newsletter.html", _deep_html(20_000)),
        1,
        "exclamation-run",
        ("exclamation-run",),
    ),
    Case(
        "unclosed HTML tags and comments",
        _file("broken.html", "<p>Why is this still not fixed!!!!<div><b><!-- never closed"),
        1,
        "exclamation-run",
        ("exclamation-run",),
    ),
    Case(
        ".eml with an unknown charset",
        _file(
            "charset.eml",
            b"Subject: Hi\nContent-Type: text/plain; charset=unknown-8bit\n\nWHY IS THIS NOT FIXED!!!!\n",
        ),
        1,
        "charset 'unknown-8bit' cannot be read",
        ("exclamation-run",),
    ),
    Case(
        ".eml cut off inside a multipart",
        _file(
            "cut.eml",
            b'Subject: x\nContent-Type: multipart/alternative; boundary="b1"\n\n--b1\n'
            b"Content-Type: text/plain\n\nWhy is this still not fixed!!!!\n",
        ),
        1,
        "exclamation-run",
        ("exclamation-run",),
    ),
    Case(
        ".eml with headers only",
        _file("headers.eml", b"From: a@example.com\nSubject: =?utf-8?B?!!bad?=\n"),
        0,
        "no findings",
    ),
    Case(
        ".eml with broken base64",
        _file(
            "b64.eml",
            b"Subject: x\nContent-Transfer-Encoding: base64\n\n@@@ not base64 @@@\n",
        ),
        1,
        "1 file checked",
    ),
    Case(
        ".eml nested 2,000 multiparts deep",
        _file(
            "nested.eml",
            b"Subject: x\nContent-Type: multipart/mixed; boundary=a\n\n"
            + b"--a\nContent-Type: multipart/mixed; boundary=a\n\n" * 2000,
        ),
        0,
        "1 file checked",
    ),
    Case(
        ".eml that is binary",
        _file("garbage.eml", bytes(range(256)) * 4),
        2,
        "garbage.eml: error: looks like a binary file",
    ),
    Case("symbolic link loop", _link_loop, 2, "a.txt: error: cannot read file (Too many levels"),
    Case(
        "symbolic link loop in a directory",
        _link_loop_in_directory,
        2,
        "self.txt: error: symbolic link loop",
    ),
    Case("broken symbolic link", _broken_link, 2, "gone.txt: error: broken symbolic link"),
    Case("directory symlink loop", _directory_loop, 1, "1 file checked", ("all-caps-sentence",)),
    Case(
        "unreadable file",
        _unreadable_file,
        2,
        "private.txt: error: cannot read file (Permission denied)",
    ),
    Case(
        "unreadable directory",
        _unreadable_directory,
        2,
        "locked: error: cannot read directory (Permission denied)",
    ),
    Case(
        "named pipes and devices",
        _named_pipes,
        2,
        "p.txt: error: is not a regular file (a named pipe, socket or device)",
    ),
    Case(
        ".eml with old Mac line endings",
        _file("cr.eml", b"Subject: Hello\r\rPer my last email, the invoice is due.\r"),
        1,
        "cr.eml:1:17 warning [per-my-last-email]",  # lines end at \n only
        ("per-my-last-email",),
    ),
    Case(
        "missing file", lambda tmp, _: [str(tmp / "nope.txt")], 2, "nope.txt: error: no such file"
    ),
    Case(
        "directory with nothing to check",
        lambda tmp, _: [str(tmp)],
        2,
        "error: no files to check in this directory",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_input_gets_an_answer(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = case.make(tmp_path, monkeypatch)
    runner = CliRunner()
    text = runner.invoke(main, [*args, "--isolated", "--keep-going", "--fail-on", "warning"])
    assert text.exception is None or isinstance(text.exception, SystemExit), text.exc_info
    assert "Traceback" not in text.stdout + text.stderr
    assert text.exit_code == case.status, text.stdout + text.stderr
    assert case.says in text.stdout + text.stderr
    # A long line is shown cut around its finding, never whole.
    assert max(map(len, text.stdout.splitlines()), default=0) < 400
    machine = runner.invoke(
        main, [*args, "--isolated", "-k", "--fail-on", "warning", "--format", "json"]
    )
    assert machine.exit_code == case.status
    doc = json.loads(machine.stdout)
    assert bool(doc["errors"]) == (case.status == 2)
    found = {f["rule"] for entry in doc["files"] for f in entry["findings"]}
    assert set(case.rules) <= found
    if case.status == 2:
        assert doc["errors"][0].split(": error: ")[0] in text.stderr


def test_stops_at_the_first_error_and_says_what_it_left(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00binary")
    (tmp_path / "b.txt").write_text(PARAGRAPH, encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--isolated"])
    assert result.exit_code == 2
    assert "a.txt: error: looks like a binary file" in result.stderr
    assert "stopped at the first error: 1 more input not checked (--keep-going" in result.stderr
    assert "b.txt" not in result.stdout


def test_keep_going_checks_the_others_and_still_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00binary")
    (tmp_path / "b.txt").write_text(PARAGRAPH, encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--isolated", "--keep-going"])
    assert result.exit_code == 2
    assert "a.txt: error: looks like a binary file" in result.stderr
    assert "b.txt:1:23 warning [all-caps-sentence]" in result.stdout
    assert "2 files checked: " in result.stdout and "1 file error" in result.stdout


def test_standard_input_that_is_empty_or_binary() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["-", "--isolated"], input=b"").exit_code == 0
    result = runner.invoke(main, ["-", "--isolated"], input=b"\x00\x01")
    assert result.exit_code == 2
    assert "<stdin>: error: looks like a binary file" in result.stderr
