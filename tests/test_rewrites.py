"""The rewrite table: every rewrite produced, none flagged again, sentiment not worse.

Also the template machinery a rule writer relies on: inflection, deadlines, conditions,
capitals, and rules that give advice because no rewrite would be safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import tonecheck
from tonecheck.rewrite import Captured, deadline, is_question, render, sentence_case, unshout

_TABLE = yaml.safe_load((Path(__file__).parent / "data" / "rewrites.yaml").read_text("utf-8"))
_FRAME: str = _TABLE["frame"]
_PROPOSAL = "Here is the latest proposal."
_VADER = SentimentIntensityAnalyzer()


def _case(row: dict[str, Any]) -> tuple[str, str | None, str, int, int]:
    """The email to check: body, subject, the flagged text, and where it sits."""
    if "subject" in row:
        return _FRAME.format(sentence=_PROPOSAL), row["subject"], row["subject"], 0, 0
    if "reply" in row:
        return row["reply"], None, row["reply"], 0, 1
    body = _FRAME.format(sentence=row["text"])
    return body, None, row["text"], body.index(row["text"]), 1


def test_the_table_covers_the_structural_categories() -> None:
    rows = _TABLE["rewrites"]
    assert len(rows) >= 40
    checker_rules = {r.spec.id: r.spec.category for r in tonecheck.Checker().rules}
    categories = {checker_rules[row["rule"]] for row in rows}
    structural = {
        "ultimatum",
        "final-contact",
        "assumes-intent",
        "busy-excuse",
        "passive-aggressive",
        "self-centred",
    }
    assert structural <= categories


@pytest.mark.parametrize(
    "row", _TABLE["rewrites"], ids=[f"{r['rule']}-{i}" for i, r in enumerate(_TABLE["rewrites"])]
)
def test_rewrite(checker: tonecheck.Checker, row: dict[str, Any]) -> None:
    body, subject, original, offset, _ = _case(row)
    report = checker.check(body, subject)
    field = "subject" if "subject" in row else "body"
    mine = [
        f
        for f in report.findings
        if f.rule == row["rule"] and f.field == field and offset <= f.start < offset + len(original)
    ]
    assert mine, f"{row['rule']} does not flag {original!r}"
    finding = mine[0]
    fix = finding.fix
    assert fix is not None, f"{row['rule']} offers no rewrite for {original!r}"
    start, end = finding.start - offset, finding.end - offset
    rewritten = original[:start] + fix.replacement + original[end:]
    # 1. The expected rewrite is the one offered first.
    assert rewritten == row["rewrite"]
    # 2. Put in place, it raises no error or warning anywhere in the email.
    if subject is not None:
        again = checker.check(body, rewritten)
        fixed_text = rewritten
    else:
        fixed_text = body[:offset] + rewritten + body[offset + len(original) :]
        again = checker.check(fixed_text)
        # The library applies the same fix when asked for this rule alone.
        assert report.apply_fixes(body, unsafe=True, only=[row["rule"]]) == fixed_text
    serious = [(f.rule, f.text) for f in again.at_or_above(tonecheck.Severity.WARNING)]
    assert serious == [], f"the rewrite {rewritten!r} is flagged: {serious}"
    # 3. It does not read as more negative than what it replaces.
    before = _VADER.polarity_scores(original)["compound"]
    after = _VADER.polarity_scores(rewritten)["compound"]
    assert after >= before, f"sentiment {before:+.3f} -> {after:+.3f} for {rewritten!r}"


@pytest.mark.parametrize(
    ("text", "rule_or_category"),
    [
        ("This report is a fucking mess.", "profanity"),
        ("Only an idiot would sign off on these numbers.", "insult"),
        (
            "We have reviewed the proposal that was circulated by the regional team last week "
            "and we believe that the assumptions about pricing and staffing and timelines and "
            "the vendors and the contracts that the team relies on need to be revisited in some "
            "detail with the finance group and the legal group before anyone in the business "
            "commits to anything at all this quarter.",
            "readability",
        ),
    ],
)
def test_rules_without_a_safe_rewrite_give_advice(
    checker: tonecheck.Checker, text: str, rule_or_category: str
) -> None:
    finding = next(
        f for f in checker.check(text).findings if rule_or_category in (f.rule, f.category)
    )
    assert finding.suggestions == ()
    assert finding.advice


def test_captured_verbs_are_inflected_with_what_completes_them(
    checker: tonecheck.Checker,
) -> None:
    text = "If you haven't signed the lease by Friday, we will cancel the booking."
    finding = next(f for f in checker.check(text).findings if f.rule == "ultimatum-if-no-reply")
    assert finding.fix is not None
    assert finding.fix.replacement.startswith("Would you be able to sign the lease by Friday?")


def test_a_shouted_ultimatum_is_rewritten_without_capitals(checker: tonecheck.Checker) -> None:
    text = "IF YOU DON'T REPLY BY FRIDAY I WILL CLOSE YOUR FILE."
    finding = next(f for f in checker.check(text).findings if f.category == "ultimatum")
    assert finding.fix is not None
    assert "by Friday" in finding.fix.replacement
    assert not any(w.isupper() and len(w) > 1 for w in finding.fix.replacement.split())


_HOUSE_RULE = """
rules:
  - id: small-print
    kind: phrase
    category: pushy
    severity: warning
    phrases: [small print]
    message: Say which terms.
    why: It sounds like a trap.
    suggest: ["terms & conditions"]
    examples: {flag: [Read the small print.], ok: [Read the terms.]}
"""


def test_a_rewrite_in_html_is_escaped_and_markup_is_never_rewritten(tmp_path: Path) -> None:
    rules = tmp_path / "house.yaml"
    rules.write_text(_HOUSE_RULE, encoding="utf-8")
    checker = tonecheck.Checker(tonecheck.Config(rule_paths=(str(rules),)))
    draft = tmp_path / "note.html"
    draft.write_text(
        "<p>Read the small print.</p>\n<p>Sorry, I've been <b>so</b> busy.</p>\n"
        "<p>Sorry, I've been so swamped this week.</p>",
        encoding="utf-8",
    )
    report = checker.check_message(tonecheck.read_file(draft))
    by_rule = {f.rule: f for f in report.findings}
    swap = by_rule["small-print"].fix
    assert swap is not None
    assert (swap.replacement, swap.safety) == ("terms &amp; conditions", tonecheck.Safety.SAFE)
    busy = [f for f in report.findings if f.rule == "busy-excuse"]
    assert [f.fix.safety for f in busy if f.fix] == [
        tonecheck.Safety.MANUAL,  # holds <b>: a rewrite would lose it
        tonecheck.Safety.UNSAFE,
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("If you don't reply BY FRIDAY I will", "by Friday"),
        ("Confirm by eod or else", "by EOD"),
        ("You have until Thursday to decide", "by Thursday"),
        ("before the 15th of march, please", "before the 15th of March"),
        ("We need it by 5pm today", "by 5pm today"),
        ("We need a decision today.", "today"),
        ("Let me know when you can.", None),
    ],
)
def test_deadline(sentence: str, expected: str | None) -> None:
    assert deadline(sentence) == expected


def test_templates() -> None:
    verb = Captured("replied", "reply", "")
    assert render("Could you {v:VB}?", {"v": verb}) == "Could you reply?"
    assert render("{v:VBG} soon", {"v": Captured("call", "call", "me back")}) == (
        "calling me back soon"
    )
    assert render("Could you {v:VB} {deadline}?", {"v": verb}) is None  # no deadline: skipped
    assert render("{x}", {"x": Captured("PLEASE SEND THE PDF")}) == "please send the PDF"
    assert render("{x:lower}", {"x": Captured("URGENT")}) == "urgent"


def test_case_helpers() -> None:
    assert sentence_case("PLEASE READ THE PDF!!!") == "Please read the PDF!"
    assert unshout("I need the NDA and the REPORT") == "I need the NDA and the report"
    assert (
        sentence_case("EACH E-MAIL IS A U.S. AUDIT NOTE!!") == "Each e-mail is a U.S. audit note!"
    )
    assert is_question("Why is this still not fixed!!!")
    assert not is_question("This is still not fixed!!!")


def test_conditions_choose_the_rewrite_that_fits(checker: tonecheck.Checker) -> None:
    def first(text: str, rule: str) -> str:
        finding = next(f for f in checker.check(text).findings if f.rule == rule)
        assert finding.fix is not None
        return finding.fix.replacement

    assert first("Not my problem.", "dismissive-reply").startswith("That's outside")
    assert first("As you wish.", "dismissive-reply").startswith("OK, let's go")
    assert first(
        "If I don't hear back by Monday, I'll close your file.", "ultimatum-if-no-reply"
    ) == (
        "It would be great to hear from you by Monday. If the timing isn't right, just let me "
        "know and I'll check back later."
    )
