"""Rule files are validated strictly; every problem names the file, the rule and the fix."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import tonecheck
from tonecheck.cli import main
from tonecheck.kinds import KINDS, Kind
from tonecheck.kinds.phrase import PhraseKind
from tonecheck.loader import compile_rules, load_specs

GOOD = """
rules:
  - id: team-banned-word
    kind: phrase
    category: pushy
    severity: warning
    phrases: [{phrase: "act now", swap: "when you're ready"}]
    message: Our house style avoids "act now".
    why: It pressures the reader.
    suggest: ["when it suits you"]
    examples:
      flag: ["Act now to save 20%."]
      ok: ["Save 20% this month."]
"""


def _pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_custom_pack_runs_and_its_examples_pass(tmp_path: Path) -> None:
    from tonecheck.selftest import run_examples

    checker = tonecheck.Checker(tonecheck.Config(rule_paths=(str(_pack(tmp_path, GOOD)),)))
    report = checker.check("Act now, the offer ends soon.")
    (finding,) = [f for f in report.findings if f.rule == "team-banned-word"]
    assert finding.text == "Act now" and finding.suggestions[0].replacement == "When you're ready"
    results = [r for r in run_examples(checker) if r.rule == "team-banned-word"]
    assert len(results) == 2 and all(r.passed for r in results)


CASES = [
    (
        "unknown key",
        lambda s: s.replace("    why:", "    sugest: [x]\n    why:"),
        "rule 'team-banned-word': unknown key 'sugest'",
    ),
    (
        "wrong severity",
        lambda s: s.replace("severity: warning", "severity: loud"),
        "rule 'team-banned-word': severity: Input should be",
    ),
    (
        "unknown category",
        lambda s: s.replace("category: pushy", "category: rude"),
        "unknown category 'rude'",
    ),
    ("missing examples", lambda s: s[: s.index("    examples:")], "missing key 'examples'"),
    (
        "empty ok examples",
        lambda s: s.replace('ok: ["Save 20% this month."]', "ok: []"),
        "examples.ok",
    ),
    (
        "unknown kind",
        lambda s: s.replace("kind: phrase", "kind: fuzzy"),
        "unknown kind 'fuzzy' (expected one of: phrase, pattern",
    ),
    (
        "bad id",
        lambda s: s.replace("id: team-banned-word", "id: Team_Banned"),
        "must be kebab-case",
    ),
    (
        "no suggest or advice",
        lambda s: s.replace('    suggest: ["when it suits you"]\n', ""),
        "give 'suggest'",
    ),
    (
        "unknown placeholder",
        lambda s: s.replace('["when it suits you"]', '["{verb} later"]'),
        "uses {verb}, which this rule does not capture",
    ),
    (
        "unknown inflection",
        lambda s: s.replace('["when it suits you"]', '["{match:PAST} later"]'),
        "unknown spec ':PAST'",
    ),
    (
        "condition on a value the rule does not capture",
        lambda s: s.replace(
            '["when it suits you"]', '[{text: "when it suits you", when: {subj: [you]}}]'
        ),
        "uses {subj}, which this rule does not capture",
    ),
    (
        "bad fix safety",
        lambda s: s.replace(
            '    suggest: ["when it suits you"]\n', '    suggest: ["later"]\n    fix: maybe\n'
        ),
        "fix: Input should be 'safe' or 'unsafe'",
    ),
    (
        "bad regex",
        lambda s: s.replace("kind: phrase", "kind: regex").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]', 'pattern: "act (now"'
        ),
        "bad regex",
    ),
    (
        "catastrophic regex",
        lambda s: s.replace("kind: phrase", "kind: regex").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
            "pattern: '(?:\\w+\\s?)+:'",
        ),
        "backtracks catastrophically: it did not finish in 0.5 s on 2,011 characters",
    ),
    (
        "catastrophic regex among alternatives",
        lambda s: s.replace("kind: phrase", "kind: regex").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
            "pattern: ['act now', '(?:\\s*\\n)+x']",
        ),
        "backtracks catastrophically",
    ),
    (
        "a Python object in the YAML",
        lambda s: s.replace(
            "    why: It pressures the reader.",
            "    why: !!python/object/apply:os.system ['echo pwned']",
        ),
        "not valid YAML: could not determine a constructor for the tag",
    ),
    (
        "bad spaCy pattern",
        lambda s: s.replace("kind: phrase", "kind: pattern").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
            "patterns: [[{LOWR: act}]]",
        ),
        "bad spaCy pattern",
    ),
    (
        "bad dependency pattern",
        lambda s: s.replace("kind: phrase", "kind: dependency").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
            "patterns: [[{RIGHT_ID: a, RIGHT_ATTRS: {LOWER: act}}, {LEFT_ID: zz, REL_OP: '>', RIGHT_ID: b, RIGHT_ATTRS: {}}]]",
        ),
        "bad spaCy pattern",
    ),
    (
        "unknown metric",
        lambda s: s.replace("kind: phrase", "kind: metric").replace(
            'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
            "when: {loudness: {above: 1}}",
        ),
        "unknown text metric 'loudness'",
    ),
    (
        "invalid YAML",
        lambda s: s.replace("    why: It pressures the reader.", "    why: [unclosed"),
        "not valid YAML",
    ),
    ("not a rule list", lambda s: "rules: 3\n", "a rule file is a mapping with a 'rules:' list"),
    (
        "duplicate of a built-in id",
        lambda s: s.replace("id: team-banned-word", "id: terse-reply"),
        "rule 'terse-reply': duplicate rule id (already defined in",
    ),
]


@pytest.mark.parametrize(("name", "edit", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_rule_file_is_one_clear_error(tmp_path: Path, name: str, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _pack(tmp_path, edit(textwrap.dedent(GOOD)))
    with pytest.raises(tonecheck.RuleError) as info:
        tonecheck.Checker(tonecheck.Config(rule_paths=(str(path),)))
    assert str(path) in str(info.value)
    assert message in str(info.value)

    result = CliRunner().invoke(main, ["--rules", str(path), "-"], input="Hello")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tonecheck: error: {path}")
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_error_names_the_line_of_the_rule(tmp_path: Path) -> None:
    text = GOOD + GOOD.split("rules:\n", 1)[1].replace("team-banned-word", "second-rule").replace(
        "severity: warning", "severity: loud"
    )
    path = _pack(tmp_path, text)
    with pytest.raises(tonecheck.RuleError) as info:
        load_specs([path])
    assert info.value.rule == "second-rule"
    assert info.value.line == 14
    assert f"{path}:14: rule 'second-rule':" in str(info.value)


def test_a_kind_that_fails_to_prepare_its_rules_is_named(tmp_path: Path) -> None:
    """A plugin's kind may share work among its rules (``Kind.prepare``); if that fails,
    the error names the kind, its first rule and where it is written."""

    class Broken(PhraseKind):
        @classmethod
        def prepare(cls, kinds: Sequence[Kind]) -> None:
            raise KeyError("lexicon")

    path = _pack(tmp_path, GOOD)
    sources = load_specs([path])
    with pytest.raises(tonecheck.RuleError) as info:
        compile_rules(sources, spacy.blank("en"), {**KINDS, "phrase": Broken})
    assert str(info.value) == (
        f"{path}:3: rule 'team-banned-word': rule kind 'phrase' failed to prepare its rules "
        "(KeyError: 'lexicon'); the plugin that adds it needs a fix"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: " + "[" * 20000 + "]" * 20000, "not valid YAML: nested too deeply"),
        (
            GOOD.replace("kind: phrase", "kind: pattern").replace(
                'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
                "patterns: [[{TEXT: {REGEX: '^(a|aa)+$'}}]]",
            ),
            "a REGEX in a pattern: regex '^(a|aa)+$' backtracks catastrophically",
        ),
        (
            GOOD.replace("kind: phrase", "kind: pattern").replace(
                'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
                "patterns: [[{TEXT: {REGEX: '('}}]]",
            ),
            "bad regex '('",
        ),
        (
            GOOD.replace("kind: phrase", "kind: dependency").replace(
                'phrases: [{phrase: "act now", swap: "when you\'re ready"}]',
                "patterns: [[{RIGHT_ID: a, RIGHT_ATTRS: [1, 2]}]]",
            ),
            "bad spaCy pattern",
        ),
    ],
    ids=["deep YAML", "catastrophic token REGEX", "bad token REGEX", "dependency attrs a list"],
)
def test_hostile_rule_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = _pack(tmp_path, text)
    result = CliRunner().invoke(main, ["--rules", str(path), "--isolated", "-"], input="Hello")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tonecheck: error: {path}")
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_deeply_nested_config_is_one_clear_error(tmp_path: Path) -> None:
    config = tmp_path / ".tonecheck.yaml"
    config.write_text("select: " + "[" * 20000 + "]" * 20000, encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "-"], input="Hello")
    assert result.exit_code == 2
    assert "not valid YAML: nested too deeply" in result.stderr
