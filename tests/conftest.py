"""Shared fixtures: the spaCy pipeline and the default checker are built once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import tonecheck

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def checker() -> tonecheck.Checker:
    return tonecheck.Checker()


LABELLED_SETS = ("devset", "heldout", "heldout2", "heldout3")


def labelled(name: str = "devset") -> list[dict[str, Any]]:
    """The items of one of our labelled sets in ``benchmarks/data`` (text, subject, ...)."""
    data = yaml.safe_load((ROOT / "benchmarks" / "data" / f"{name}.yaml").read_text("utf-8"))
    return [item for item in data if isinstance(item, dict) and "text" in item]


def labelled_texts_and_lines() -> list[str]:
    """Each text of the development set, and each of its non-blank lines on its own."""
    texts = []
    for item in labelled():
        texts.append(item["text"])
        texts.extend(line for line in item["text"].splitlines() if line.strip())
    return texts


def labelled_drafts() -> list[tuple[str, str | None]]:
    """``(body, subject)`` of every item of every labelled set."""
    return [
        (item["text"], item.get("subject")) for name in LABELLED_SETS for item in labelled(name)
    ]


def rule_examples() -> list[tuple[dict[str, Any], str]]:
    """``(rule, example)`` for every ``flag`` and ``ok`` example of every built-in rule."""
    pairs = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            examples = rule.get("examples", {})
            pairs.extend(
                (rule, text) for text in [*examples.get("flag", []), *examples.get("ok", [])]
            )
    return pairs


def report_summary(report: tonecheck.Report) -> dict[str, object]:
    """What two reports of the same draft must agree on, from whichever path they came."""
    return {
        "findings": [f.to_dict() for f in report.findings],
        "suppressed": [f.to_dict() for f in report.suppressed],
        "scores": report.scores,
        "strategies": [u.to_dict() for u in report.strategies],
        "sentences": [s.to_dict() for s in report.sentences],
        "errors": report.errors,
    }
