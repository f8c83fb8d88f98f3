"""``tonecheck -j N DIR``: checked in batches by N processes, the output is exactly that of one
process, errors included, and a run that stops at the first error stops in the same place."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import labelled

from tonecheck import Checker, progress
from tonecheck.cli import main
from tonecheck.cli_run import FILES_PER_WORKER, workers_for


def _tree(root: Path) -> Path:
    """Forty drafts in two folders, one with its own config (a rule ignored, a stricter
    threshold), an unreadable file among them, and an empty one."""
    drafts = [item["text"] for item in labelled()[:40]]
    for i, text in enumerate(drafts):
        folder = root / ("team" if i % 3 == 0 else "sales")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"draft{i:02d}.txt").write_text(text, encoding="utf-8")
    (root / "team" / ".tonecheck.yaml").write_text(
        "ignore: [busy-excuse]\nfail-on: suggestion\n", encoding="utf-8"
    )
    (root / "sales" / "draft05.txt").write_bytes(b"\xff\xfe not text \x00")
    (root / "sales" / "empty.txt").write_text("", encoding="utf-8")
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_many_processes_print_what_one_prints(tmp_path: Path, fmt: str) -> None:
    root = _tree(tmp_path)
    one = _run(str(root), "-k", "-j", "1", "--format", fmt)
    two = _run(str(root), "-k", "-j", "2", "--format", fmt)
    assert one == two
    code, out, err = one
    assert code == 2  # the unreadable file
    assert "draft05.txt: error:" in err
    assert out.count("draft") > 20


def test_a_run_stops_at_the_first_error_in_the_same_place(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    one = _run(str(root), "-j", "1")
    two = _run(str(root), "-j", "2")
    assert one == two
    assert "more inputs not checked" in one[2]


def test_a_failure_of_ours_on_one_input_is_that_inputs_error_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    (root / "sales" / "draft07.txt").write_text("BOOM goes the draft.", encoding="utf-8")
    real = Checker.check_batch

    def check_batch(self: Checker, batch: list[object]) -> list[object]:
        if any("BOOM" in m.fields[0].text for m in batch):  # type: ignore[attr-defined]
            raise RuntimeError("a bug")
        return real(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(Checker, "check_batch", check_batch)
    one = _run(str(root), "-k", "-j", "1", "--format", "json")
    two = _run(str(root), "-k", "-j", "2", "--format", "json")
    assert one == two
    assert "draft07.txt: error: tonecheck failed on this input (RuntimeError)" in one[2]
    assert one[1].count('"path"') == 39  # 41 inputs: every one but the two errors


@pytest.mark.parametrize(
    ("files", "jobs", "workers"),
    [
        (1, 8, 1),  # one file: this process
        (FILES_PER_WORKER - 1, 2, 1),  # too few to share
        (2 * FILES_PER_WORKER, 2, 2),
        (1000, 2, 2),
        (1000, 1, 1),  # -j 1
        (3 * FILES_PER_WORKER, 16, 3),  # no more workers than there is work for
    ],
)
def test_workers_for_a_run(files: int, jobs: int, workers: int) -> None:
    assert workers_for(files, jobs) == workers


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Sam, thanks for the notes.", encoding="utf-8")
    code, _, err = _run(str(draft), "-j", "0")
    assert code == 2
    assert "--jobs" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_files_done_and_goes_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert progress.wanted(report_to_file=False, quiet=False)
    with progress.Progress(5, enabled=True, delay=0) as bar:
        for _ in range(4):
            bar.advance()
    drawn = terminal.getvalue()
    assert "checking" in drawn
    assert "/5" in drawn
    assert bar.done == 4


def test_a_short_run_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress.Progress(5, enabled=True, delay=60) as bar:
        for _ in range(5):
            bar.advance()
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("stderr_tty", "stdout_tty", "to_file", "quiet", "shown"),
    [
        (True, True, False, False, True),  # at a terminal
        (True, False, True, False, True),  # --output FILE
        (True, False, False, False, False),  # piped: nothing
        (True, True, False, True, False),  # --quiet
        (False, True, False, False, False),  # stderr not a terminal
    ],
)
def test_when_the_bar_may_show(
    monkeypatch: pytest.MonkeyPatch,
    stderr_tty: bool,
    stdout_tty: bool,
    to_file: bool,
    quiet: bool,
    shown: bool,
) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal() if stderr_tty else io.StringIO())
    monkeypatch.setattr(sys, "stdout", _Terminal() if stdout_tty else io.StringIO())
    assert progress.wanted(report_to_file=to_file, quiet=quiet) is shown


def test_no_bar_when_the_output_is_not_a_terminal(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    code, out, err = _run(str(root), "-k", "-j", "1")
    assert "checking" not in err
    assert "files checked" in out or "checked" in out
    assert code == 2
