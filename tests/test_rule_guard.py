"""A rule that fails at run time, or runs too long, is reported naming the rule; the other
rules still run, and the draft's text is not in the message unless ``--verbose``."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

import tonecheck
from tonecheck import checker as checker_module
from tonecheck import loader
from tonecheck.cli import main
from tonecheck.kinds import Context, Hit, Kind
from tonecheck.kinds import regex as regex_kind
from tonecheck.loader import builtin_rules_dir, load_specs
from tonecheck.plugins import Loaded, Plugin
from tonecheck.schema import RuleSpec

SECRET = "Zanzibar-4471"
DRAFT = f"The code is {SECRET}. PLEASE SEND THE SIGNED FORM!!!!"


class BrokenSpec(RuleSpec):
    kind: Literal["broken"]


class BrokenKind(Kind):
    """A plugin's kind with a bug: it fails on every text, quoting it."""

    spec_model = BrokenSpec

    def find(self, ctx: Context) -> Iterator[Hit]:
        raise KeyError(ctx.text)


BROKEN = """
rules:
  - id: team-broken
    kind: broken
    category: pushy
    severity: warning
    message: Never shown.
    why: It has a bug.
    advice: Nothing.
    examples: {flag: ["Anything."], ok: ["Anything."]}
"""

# Passes the load-time probe (there is no run of x in it), backtracks on a run of x.
SLOW = r"""
rules:
  - id: team-slow
    kind: regex
    category: pushy
    severity: warning
    pattern: '(?:x|xx)+y'
    message: Never shown.
    why: It backtracks.
    advice: Nothing.
    examples: {flag: ["xy"], ok: ["Hello."]}
"""


@pytest.fixture
def broken_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = Plugin("broken", kinds={"broken": BrokenKind})
    monkeypatch.setattr(checker_module, "installed", lambda: Loaded((plugin,)))
    checker_module._checkers.clear()


def _pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_rule_that_raises_is_reported_and_the_others_run(
    tmp_path: Path, broken_plugin: None
) -> None:
    path = _pack(tmp_path, BROKEN)
    report = tonecheck.Checker(tonecheck.Config(rule_paths=(str(path),))).check(DRAFT)
    assert report.errors == (
        f"rule 'team-broken' ({path}:3) failed with KeyError on the body; the other rules ran",
    )
    assert "all-caps-sentence" in {f.rule for f in report.findings}
    assert SECRET not in report.errors[0]


def test_the_cli_exits_2_and_shows_the_traceback_only_with_verbose(
    tmp_path: Path, broken_plugin: None
) -> None:
    path = _pack(tmp_path, BROKEN)
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    quiet = runner.invoke(main, [str(draft), "--isolated", "--rules", str(path)])
    assert quiet.exit_code == 2
    assert f"{draft}: error: rule 'team-broken' ({path}:3) failed with KeyError" in quiet.stderr
    assert "[all-caps-sentence]" in quiet.stdout
    assert "1 rule error" in quiet.stdout
    assert SECRET not in quiet.stderr and "Traceback" not in quiet.stderr

    verbose = runner.invoke(main, [str(draft), "--isolated", "--rules", str(path), "--verbose"])
    assert verbose.exit_code == 2
    assert "Traceback" in verbose.stderr and SECRET in verbose.stderr


def test_a_slow_regex_is_stopped_at_its_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regex_kind, "BASE_SECONDS", 0.2)
    monkeypatch.setattr(regex_kind, "SECONDS_PER_CHAR", 0.0)
    path = _pack(tmp_path, SLOW)
    checker = tonecheck.Checker(tonecheck.Config(rule_paths=(str(path),)))
    # "xy" at the end lets the text past the rule's required-strings filter.
    report = checker.check("x" * 60 + ". PLEASE SEND THE SIGNED FORM!!!! xy")
    (error,) = report.errors
    assert error.startswith(f"rule 'team-slow' ({path}:3) went over its time budget (0.2 s for")
    assert error.endswith("its regex backtracks catastrophically) on the body; the other rules ran")
    assert "all-caps-sentence" in {f.rule for f in report.findings}
    # On a text without the trap it runs as any rule does.
    assert checker.check("Thanks, all good.").errors == ()


def test_the_budget_grows_with_the_text() -> None:
    assert regex_kind.budget(0) == regex_kind.BASE_SECONDS
    assert regex_kind.budget(1_000_000) == pytest.approx(regex_kind.BASE_SECONDS + 20)


@pytest.mark.parametrize(
    "pattern",
    [r"(\w+\s?)+$", r"(a|aa)+$", r"(?:\s*\n)+x", r"(?:\w+\s?)+:", r"(?:[a-z ]+ ?)+!"],
)
def test_catastrophic_patterns_are_refused_at_load(pattern: str) -> None:
    with pytest.raises(ValueError, match="backtracks catastrophically"):
        regex_kind.refuse_catastrophic(regex_kind.compile_checked(pattern))


def test_built_in_packs_pass_every_check_a_users_pack_gets(tmp_path: Path) -> None:
    # Built-in rules are trusted at start-up: their regexes are not compiled, tried on the
    # empty string or probed for backtracking until they are used. Here they get all of it.
    copy = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), copy)
    probed: list[str] = []
    real = regex_kind.refuse_catastrophic

    def probe(compiled: object) -> None:
        probed.append(getattr(compiled, "pattern", ""))
        real(compiled)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(regex_kind, "refuse_catastrophic", probe)
        patch.setattr(loader, "refuse_catastrophic", probe)
        checked = load_specs([copy])
    assert len(probed) > 300
    trusted = load_specs([builtin_rules_dir()])
    assert [s.spec for s in checked] == [s.spec for s in trusted]


def test_rule_files_of_users_are_probed_and_built_in_ones_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probed: list[str] = []
    monkeypatch.setattr(
        regex_kind, "refuse_catastrophic", lambda compiled: probed.append(compiled.pattern)
    )
    monkeypatch.setattr(loader, "refuse_catastrophic", regex_kind.refuse_catastrophic)
    load_specs([builtin_rules_dir()])
    assert probed == []
    load_specs([_pack(tmp_path, SLOW)])
    assert probed == ["(?:x|xx)+y"]


def test_logs_hold_no_draft_text(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    quiet = runner.invoke(main, [str(draft), "--isolated"])
    assert quiet.exit_code == 1 and quiet.stderr == ""
    verbose = runner.invoke(main, [str(draft), "--isolated", "--verbose"])
    assert verbose.exit_code == 1
    assert f"tonecheck: DEBUG: {draft}: {len(DRAFT)} characters, " in verbose.stderr
    assert SECRET not in verbose.stderr and "SIGNED FORM" not in verbose.stderr
