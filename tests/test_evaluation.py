"""tonecheck evaluate: the scores, the labelled-set format, and the development set's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import tonecheck
from tonecheck import evaluation
from tonecheck.cli import main

DEVSET = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "devset.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_roc_auc_and_median_accuracy() -> None:
    assert evaluation.roc_auc([0.9, 0.8, 0.1, 0.2], [True, True, False, False]) == 1.0
    assert evaluation.roc_auc([0.1, 0.2, 0.9, 0.8], [True, True, False, False]) == 0.0
    assert evaluation.roc_auc([0.5, 0.5], [True, False]) == 0.5  # a tie counts half
    # Median 0.5: 0.9 and 0.8 above (right), 0.1 below (right), 0.5 at the median (half).
    scores, labels = [0.9, 0.8, 0.5, 0.1, 0.2], [True, True, True, False, False]
    assert evaluation.median_split_accuracy(scores, labels) == pytest.approx(4.5 / 5)
    with pytest.raises(ValueError):
        evaluation.roc_auc([0.1], [True])


def test_counts_precision_recall_and_clean_false_alarms(
    tmp_path: Path, checker: tonecheck.Checker
) -> None:
    labelled = tmp_path / "set.yaml"
    labelled.write_text(
        """
- {id: a, text: "Per my last email, the invoice is attached.", categories: [passive-aggressive]}
- {id: b, text: "Thanks, that works for me.", categories: [passive-aggressive]}
- {id: c, text: "PLEASE SEND IT TODAY!!!", categories: []}
- {id: d, text: "See you on Tuesday.", categories: []}
- {id: e, text: "Noted.", subject: "Re: budget", categories: [terse]}
""",
        encoding="utf-8",
    )
    result = evaluation.evaluate(checker, evaluation.load(labelled))
    pa = result.categories["passive-aggressive"]
    assert (pa.positives, pa.tp, pa.fn, pa.fp) == (2, 1, 1, 0)
    assert pa.recall == 0.5 and pa.precision == 1.0
    assert result.categories["terse"].tp == 1
    assert result.categories["shouting"].fp == 1  # the clean item "c" is flagged
    assert (result.clean, result.clean_flagged) == (2, 1)
    assert result.false_positive_rate == 0.5
    kinds = {(m.kind, m.item, m.category) for m in result.misses}
    assert ("miss", "b", "passive-aggressive") in kinds
    assert ("false alarm", "c", "shouting") in kinds
    assert result.floors["readability"] == tonecheck.Severity.SUGGESTION
    assert result.floors["ultimatum"] == tonecheck.Severity.WARNING


def test_cli_text_and_json(tmp_path: Path) -> None:
    labelled = tmp_path / "set.jsonl"
    labelled.write_text(
        json.dumps({"text": "Bumping this again.", "categories": ["pushy"]})
        + "\n"
        + json.dumps({"text": "Thanks, Tuesday works.", "categories": []})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run("evaluate", str(labelled))
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["category", "at", "n"]
    assert "pushy" in out and "clean items: 1; flagged: 0" in out
    code, out, _ = run("evaluate", str(labelled), "--format", "json")
    doc = json.loads(out)
    assert doc["categories"]["pushy"]["recall"] == 1.0
    assert doc["clean"] == {
        "items": 1,
        "flagged": 0,
        "false_positive_rate": 0.0,
        "with_any_finding": 0,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- {text: 3, categories: []}\n", "item 1: 'text' must be a string"),
        ("- {id: x, text: hi, categories: pushy}\n", "item x: 'categories' must be a list"),
        ("- {id: x, text: hi, label: [pushy]}\n", "item x: unknown key 'label'"),
        ("text: hi\n", "expected a list of items"),
        ("- [unclosed\n", "not valid YAML or JSON Lines"),
    ],
)
def test_bad_labelled_files_are_one_line(tmp_path: Path, text: str, expected: str) -> None:
    labelled = tmp_path / "set.yaml"
    labelled.write_text(text, encoding="utf-8")
    code, out, err = run("evaluate", str(labelled))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert str(labelled) in err


def test_development_set_figures(checker: tonecheck.Checker) -> None:
    """README's figures hold: every error/warning category at precision and recall of at
    least 0.9 on the development set, and at most 2% of its clean items flagged."""
    items = evaluation.load(DEVSET)
    assert len(items) >= 300
    clean = [i for i in items if not i.categories]
    assert len(clean) >= 150
    result = evaluation.evaluate(checker, items)
    low = {
        name: (round(t.precision, 3), round(t.recall, 3))
        for name, t in result.categories.items()
        if result.floors[name] != tonecheck.Severity.SUGGESTION
        and (t.precision < 0.9 or t.recall < 0.9)
    }
    assert not low, low
    for name, tally in result.categories.items():
        assert tally.positives >= 20, name
    assert result.false_positive_rate <= 0.02
