"""The library API: positions, ordering, determinism, batches and threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import DATA, EXAMPLES

import tonecheck

DRAFTS = [
    "If you don't call back I'll assume you're not interested.",
    "Hi Sam,\n\nSorry, I've just been so busy. PLEASE READ THE ATTACHMENT!!!!\n\nThanks,\nMark",
    "Noted.",
    "Thanks so much, Tuesday at 10 works for me!",
    "Per my last email, the deadline is Thursday. Did you even read it?",
    "",
    "   \n\n  ",
    "Emoji are fine 🙂 — and so is “curly” punctuation… right?!?",
]


def _texts() -> list[str]:
    files = sorted(EXAMPLES.glob("*.txt")) + sorted((DATA / "clean").glob("*.txt"))
    return DRAFTS + [p.read_text(encoding="utf-8") for p in files]


@pytest.mark.parametrize("text", _texts())
def test_span_contract(checker: tonecheck.Checker, text: str) -> None:
    report = checker.check(text)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        line_start = text.rfind("\n", 0, f.start) + 1
        assert (f.line, f.column) == (text.count("\n", 0, f.start) + 1, f.start - line_start + 1)
    assert list(report.findings) == sorted(report.findings, key=lambda f: f.sort_key)


def test_subject_positions_refer_to_the_subject(checker: tonecheck.Checker) -> None:
    report = checker.check("Hello there, how was the trip?", subject="Re: Final Contact")
    (finding,) = [f for f in report.findings if f.field == "subject"]
    assert finding.rule == "final-contact-subject"
    assert "Re: Final Contact"[finding.start : finding.end] == finding.text == "Final Contact"
    assert (finding.line, finding.column) == (1, 5)


def test_file_positions_refer_to_the_file_as_read(checker: tonecheck.Checker) -> None:
    path = EXAMPLES / "final-contact.txt"
    source = path.read_text(encoding="utf-8")
    report = checker.check_message(tonecheck.read_file(path))
    assert report.findings
    for f in report.findings:
        assert source[f.start : f.end] == f.text
    assert report.findings[0].field == "subject"
    assert (report.findings[0].line, report.findings[0].column) == (1, 10)


def test_check_is_deterministic_and_matches_check_many(checker: tonecheck.Checker) -> None:
    texts = _texts()
    one_by_one = [checker.check(t) for t in texts]
    again = [checker.check(t) for t in texts]
    batched = list(checker.check_many(texts, batch_size=7))
    assert one_by_one == again == batched


def test_check_many_takes_subjects_and_keeps_order(checker: tonecheck.Checker) -> None:
    items = [
        ("Thanks!", "Final attempt"),
        ("Noted.", None),
        "Just bumping this to the top of your inbox.",
    ]
    reports = list(checker.check_many(iter(items), batch_size=2))
    assert [sorted({f.rule for f in r.findings}) for r in reports] == [
        ["final-contact-subject"],
        ["terse-reply"],
        ["bumping-this"],
    ]


def test_check_from_many_threads_matches_sequential(checker: tonecheck.Checker) -> None:
    texts = (_texts() * 12)[:500]
    sequential = [checker.check(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(checker.check, texts))
    assert threaded == sequential


def test_module_level_check_and_report_to_dict() -> None:
    report = tonecheck.check("Noted.")
    data = report.to_dict()
    (finding,) = data["findings"]
    assert finding["rule"] == "terse-reply" and finding["category"] == "terse"
    assert finding["suggestions"][0]["replacement"]
    assert set(data["scores"]) >= {"words", "sentiment", "grade", "first_person_share", "questions"}


def test_scores_measure_the_body(checker: tonecheck.Checker) -> None:
    report = checker.check(
        "I think we should meet. Could you do Tuesday? Thanks!", subject="Meeting"
    )
    s = report.scores
    assert s["words"] == 10 and s["sentences"] == 3 and s["questions"] == 1
    assert s["first_person"] == 2 and s["second_person"] == 1
    assert s["subject_words"] == 1
    assert 0 < s["sentiment"] <= 1
    assert -4 < s["grade"] < 8  # a grade band, not a value: textstat versions differ


def test_select_and_ignore_take_ids_and_categories() -> None:
    only = tonecheck.Checker(tonecheck.Config(select=("shouting",)))
    assert {r.spec.category for r in only.rules} == {"shouting"}
    without = tonecheck.Checker(tonecheck.Config(ignore=("terse-reply", "pushy")))
    ids = {r.id for r in without.rules}
    assert "terse-reply" not in ids and "bumping-this" not in ids and "profanity" in ids


def test_unknown_select_name_is_an_error() -> None:
    with pytest.raises(
        tonecheck.ConfigError, match="'shoutng' is neither a rule id nor a category"
    ):
        tonecheck.Checker(tonecheck.Config(select=("shoutng",)))


def test_suggestions_fit_the_sentence(checker: tonecheck.Checker) -> None:
    report = checker.check("Could you send it over ASAP so we can file it?")
    (f,) = report.findings
    assert f.rule == "urgency-words"
    assert f.suggestions[0].replacement == "when you can"
    report = checker.check("PAY ATTENTION TO THE PDF DEADLINE.")
    caps = next(f for f in report.findings if f.rule == "all-caps-sentence")
    assert caps.suggestions[0].replacement == "Pay attention to the PDF deadline."
