"""The scorecard: bands, reasons and sources; configurable thresholds; --scores and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES

import tonecheck
from tonecheck import scorecard
from tonecheck.cli import main
from tonecheck.configfile import ScorecardMeasure
from tonecheck.metrics import TEXT_METRICS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# (measure, value, band, words the reason must contain)
BANDS = [
    ("words", 90, "good", "50 to 125"),
    ("words", 20, "fair", "shorter than"),
    ("words", 300, "fair", "longer than"),
    ("words", 900, "poor", "replies fall past 500"),
    ("grade", 4.2, "good", "plain reading level"),
    ("grade", 9, "fair", "harder than plain (good: grade up to 6)"),
    ("grade", 15, "poor", "college-level"),
    ("sentiment", 0.6, "good", "warm"),
    ("sentiment", 0.0, "fair", "neutral to negative (good: 0.05 or more)"),
    ("sentiment", -0.8, "poor", "neutral to negative"),
    ("min_sentence_sentiment", -0.9, "poor", "harsh"),
    ("politeness", 1.2, "good", "polite"),
    ("politeness", -0.4, "poor", "few polite strategies"),
    ("reader_focus", 0.5, "good", "good: 30% or more"),
    ("reader_focus", 0.05, "poor", "about the writer"),
    ("questions", 2, "good", "1 to 3"),
    ("questions", 0, "fair", "no question"),
    ("questions", 6, "poor", "many questions (good: 1 to 3)"),
    ("subject_words", 4, "good", "3 to 4 words get the most replies"),
    ("subject_words", 0, "poor", "none at all"),
    ("subject_words", 14, "poor", "long"),
]


@pytest.mark.parametrize(("measure", "value", "band", "reason"), BANDS)
def test_bands_and_reasons(measure: str, value: float, band: str, reason: str) -> None:
    scores = {
        "words": 80.0,
        "sentences": 5.0,
        "words_per_sentence": 16.0,
        "grade": 5.0,
        "sentiment": 0.5,
        "min_sentence_sentiment": 0.0,
        "politeness": 0.8,
        "reader_focus": 0.5,
        "first_person": 2.0,
        "second_person": 2.0,
        "questions": 1.0,
        "subject_words": 3.0,
        measure: float(value),
    }
    line = {x.measure: x for x in scorecard.score_lines(scores)}[measure]
    assert line.band == band
    assert reason in line.reason
    assert line.source


def test_measures_are_metrics_and_config_keys() -> None:
    names = [m.name for m in scorecard.MEASURES]
    assert set(names) - {"subject_words"} <= set(TEXT_METRICS)
    assert list(ScorecardMeasure.__args__) == names  # the config schema lists every measure


def test_subject_words_leave_out_reply_prefixes() -> None:
    assert scorecard.subject_words("RE: Fwd: Quote for 40 licences") == 4
    assert scorecard.subject_words("") == 0


def test_library_report_has_the_scorecard(checker: tonecheck.Checker) -> None:
    report = checker.check(
        "Hi Ana,\n\nThanks for the update. Could you send the slides by Friday?\n\nBest,\nJo",
        subject="Slides for Friday",
    )
    lines = {line.measure: line for line in report.scorecard}
    assert list(lines) == [m.name for m in scorecard.MEASURES]
    assert lines["questions"].band == "good"
    assert lines["politeness"].band == "good"
    assert lines["subject_words"].value == 3
    assert report.to_dict()["scorecard"][0]["measure"] == "words"
    # Without a subject there is no subject line in the scorecard.
    assert "subject_words" not in {x.measure for x in checker.check("Thanks!").scorecard}


def test_thresholds_from_config(tmp_path: Path) -> None:
    (tmp_path / ".tonecheck.yaml").write_text(
        "scorecard:\n"
        "  words:\n"
        "    good: {at_least: 10, at_most: 40}\n"
        "  questions:\n"
        "    fair: [{at_most: 0}, {at_least: 4, at_most: 5}]\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text("Thanks for the notes. Could we talk on Tuesday at ten?\n", encoding="utf-8")
    code, out, _ = run(str(draft), "--format", "json")
    assert code == 0
    lines = {x["measure"]: x for x in json.loads(out)["files"][0]["scorecard"]}
    assert lines["words"]["band"] == "good"
    assert "10 to 40" in lines["words"]["reason"]
    config = tonecheck.Config.discover(draft)
    bands = config.scorecard_bands()
    assert bands["questions"].band(4) == "fair" and bands["questions"].band(6) == "poor"
    assert bands["words"].fair == scorecard.BY_NAME["words"].default.fair  # kept
    assert "scorecard" in config.to_dict()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "scorecard:\n  length: {good: {at_most: 3}}\n",
            "scorecard: unknown name 'length' (input should be 'words'",
        ),
        ("scorecard:\n  words: {great: {at_most: 3}}\n", "scorecard.words.great"),
        ("scorecard:\n  words: {good: {most: 3}}\n", "scorecard.words.good"),
    ],
)
def test_scorecard_config_errors(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / ".tonecheck.yaml").write_text(text, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Thanks!\n", encoding="utf-8")
    code, out, err = run(str(draft))
    assert out == ""
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert ".tonecheck.yaml:2" in err


def test_config_in_code_is_checked() -> None:
    with pytest.raises(tonecheck.ConfigError, match="unknown measure 'length'"):
        tonecheck.Config(scorecard={"length": {"good": {"at_most": 3}}})


def test_scores_panel_in_text_output() -> None:
    code, out, _ = run(str(EXAMPLES / "good-follow-up.txt"), "--scores")
    assert code == 0
    assert "good-follow-up.txt: scorecard" in out
    for label in ("length", "reading", "sentiment", "politeness", "reader focus", "questions"):
        assert f"\n  {label}" in out
    assert "[Boomerang 2016]" in out
    assert "strategies" in out and "Greeting +0.43 (Hi)" in out
    # Without --scores, no panel.
    assert "scorecard" not in run(str(EXAMPLES / "good-follow-up.txt"))[1]


def test_scores_is_refused_where_it_does_not_apply() -> None:
    code, _, err = run(str(EXAMPLES), "--scores", "--format", "sarif")
    assert code == 2 and "--scores" in err


def test_scores_in_jsonl() -> None:
    code, out, _ = run(str(EXAMPLES / "good-follow-up.txt"), "--format", "jsonl", "--scores")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [sorted(line) for line in lines] == [["path", "politeness", "scorecard", "scores"]]
    assert lines[0]["scorecard"][0]["measure"] == "words"
    # Without --scores, a clean file writes nothing.
    assert run(str(EXAMPLES / "good-follow-up.txt"), "--format", "jsonl")[1] == ""


def test_readme_metric_rule_example_runs(tmp_path: Path) -> None:
    """The README's "no question at all" pack loads and its own examples hold."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\npack: reply-rate")
    block = readme[start + len("```yaml\n") : readme.index("```", start + 3)]
    pack = tmp_path / "reply-rate.yaml"
    pack.write_text(block, encoding="utf-8")
    checker = tonecheck.Checker(
        tonecheck.Config(rule_paths=(str(pack),), select=("no-question-in-a-long-email",))
    )
    examples = yaml.safe_load(block)["rules"][0]["examples"]
    for text in examples["flag"]:
        assert [f.rule for f in checker.check(text).findings] == ["no-question-in-a-long-email"]
    for text in examples["ok"]:
        assert checker.check(text).findings == ()


def test_strategies_are_the_bodys_and_make_its_score(checker: tonecheck.Checker) -> None:
    report = checker.check(
        "Thanks for the notes. Could you send the slides?", subject="Please reply"
    )
    assert {u.field for u in report.strategies} == {"body"}
    from tonecheck.politeness import STRATEGIES

    used = {u.strategy for u in report.strategies}
    assert report.scores["politeness"] == pytest.approx(sum(STRATEGIES[n].weight for n in used))


def test_reader_focus_without_pronouns_is_fair() -> None:
    scores = {"reader_focus": 0.5, "first_person": 0.0, "second_person": 0.0}
    (line,) = scorecard.score_lines(scores)
    assert (line.shown, line.band) == ("no I or you", "fair")
    assert "no I, we or you" in line.reason
