"""Inline suppression: ``tonecheck:`` directives in comments silence findings, in every
format, without being seen by the rules or the recipient."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import tonecheck
from tonecheck import suppress

PER_MY_LAST = "Per my last email, the deadline is Thursday."
ALREADY_SAID = "As I already said, the price does not include shipping."
ASAP = "Please send the signed copy ASAP."
URGENT = "This is urgent."
ULTIMATUM = "If you don't reply by Friday, I'll close your file."
UNKNOWN = "suppression names unknown rule or category '{}' (tonecheck rules lists them)"
ACTIONS = "disable, enable, disable-line, disable-next-line or disable-file"

# (draft, file suffix, rule ids left in findings, rule ids suppressed, warnings)
CASES: list[tuple[str, str, list[str], list[str], list[str]]] = [
    # --- plain text -------------------------------------------------------------------
    (  # a region, by category; the line after "enable" is checked again
        f"Hi Sam,\n\n<!-- tonecheck: disable=pushy -->\n{ASAP}\n<!-- tonecheck: enable -->\n{URGENT}\n",
        ".txt",
        ["urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # disable with no names: every rule, until the end
        f"Hi Sam,\n\n<!-- tonecheck: disable -->\n{PER_MY_LAST} {ASAP}\n",
        ".txt",
        [],
        ["per-my-last-email", "urgency-words"],
        [],
    ),
    (  # enable=x after disable-all re-enables x only
        f"Hi Sam,\n\n<!-- tonecheck: disable -->\n<!-- tonecheck: enable=urgency-words -->\n{PER_MY_LAST} {ASAP}\n",
        ".txt",
        ["urgency-words"],
        ["per-my-last-email"],
        [],
    ),
    (  # overlapping regions: enabling one leaves the other on
        f"Hi Sam,\n\n<!-- tonecheck: disable=pushy -->\n<!-- tonecheck: disable=passive-aggressive -->\n{PER_MY_LAST} {ASAP}\n<!-- tonecheck: enable=pushy -->\n{ALREADY_SAID} {URGENT}\n",
        ".txt",
        ["urgency-words"],
        ["per-my-last-email", "per-my-last-email", "urgency-words"],
        [],
    ),
    (  # a region starts where its comment is: not earlier on the same line
        f"Hi Sam,\n\n{ASAP} <!-- tonecheck: disable=urgency-words --> {URGENT}\n",
        ".txt",
        ["urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # disable-next-line: only the line after the comment
        f"Hi Sam,\n\n<!-- tonecheck: disable-next-line=per-my-last-email -->\n{PER_MY_LAST}\n{ALREADY_SAID}\n",
        ".txt",
        ["per-my-last-email"],
        ["per-my-last-email"],
        [],
    ),
    (  # disable-line, at the end of the line it silences (and on the last line, no newline)
        f"Hi Sam,\n\n{ASAP}\n{URGENT} <!-- tonecheck: disable-line=urgency-words -->",
        ".txt",
        ["urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # at the start of a line, the rest of the line reads as if the comment were not there
        f"Hi Sam,\n\n<!-- tonecheck: disable-line=pushy --> {PER_MY_LAST} {ASAP}\n",
        ".txt",
        ["per-my-last-email"],
        ["urgency-words"],
        [],
    ),
    (  # disable-file covers the subject too, wherever the comment is
        f"Subject: Final Contact\n\nHi Sam,\n\n{ASAP}\n\n<!-- tonecheck: disable-file -->\n",
        ".txt",
        [],
        ["final-contact-subject", "urgency-words"],
        [],
    ),
    (  # disable-file=names
        f"Subject: Final Contact\n\n<!-- tonecheck: disable-file=final-contact -->\nHi Sam,\n\n{ASAP}\n",
        ".txt",
        ["urgency-words"],
        ["final-contact-subject"],
        [],
    ),
    (  # a directive in the subject line silences that line
        f"Subject: Final Contact <!-- tonecheck: disable-line=final-contact-subject -->\n\nHi Sam,\n\n{ASAP}\n",
        ".txt",
        ["urgency-words"],
        ["final-contact-subject"],
        [],
    ),
    (  # match level: only the finding holding the phrase, not the other of the same rule
        f'Hi Sam,\n\n<!-- tonecheck: disable=passive-aggressive:"per my LAST" -->\n{PER_MY_LAST}\n{ALREADY_SAID}\n',
        ".txt",
        ["per-my-last-email"],
        ["per-my-last-email"],
        [],
    ),
    (  # match level, combined with a category, single quotes, a comma inside the phrase
        f"Hi Sam,\n\n{PER_MY_LAST} {ASAP}\n{ALREADY_SAID}\n<!-- tonecheck: disable-file=pushy, per-my-last-email:'i already said,' -->\n",
        ".txt",
        ["per-my-last-email"],
        ["per-my-last-email", "urgency-words"],
        [],
    ),
    (  # match level in a disable-next-line
        f'Hi Sam,\n\n<!-- tonecheck: disable-next-line=urgency-words:"urgent" -->\n{ASAP} {URGENT}\n',
        ".txt",
        ["urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # an unknown name warns; the other names in the directive still work
        f"Hi Sam,\n\n<!-- tonecheck: disable-next-line=final-contct,pushy -->\n{ASAP}\n",
        ".txt",
        [],
        ["urgency-words"],
        ["line 3: " + UNKNOWN.format("final-contct")],
    ),
    (  # a misspelt directive warns and silences nothing
        f"Hi Sam,\n\n<!-- tonecheck: disabel -->\n{ASAP}\n",
        ".txt",
        ["urgency-words"],
        [],
        [f"line 3: unknown tonecheck directive 'disabel' (expected {ACTIONS})"],
    ),
    (  # a name list that cannot be read warns
        f"Hi Sam,\n\n<!-- tonecheck: disable-next-line=pushy:urgent -->\n{ASAP}\n\n<!-- tonecheck: disable final-contact -->\n",
        ".txt",
        ["urgency-words"],
        [],
        [
            "line 3: cannot read 'pushy:urgent' (expected a rule id or category, optionally followed by :\"phrase\")",
            "line 6: expected '=' and names after 'disable', not 'final-contact'",
        ],
    ),
    (  # CRLF line endings
        f"Subject: Final Contact\r\n\r\nHi Sam,\r\n\r\n<!-- tonecheck: disable-next-line -->\r\n{ASAP}\r\n{URGENT}\r\n<!-- tonecheck: disable-line=final-contact -->\r\n",
        ".txt",
        ["final-contact-subject", "urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # a finding over two lines belongs to the line it starts on
        f"Hi Sam,\n\n<!-- tonecheck: disable-next-line=ultimatum -->\nIf you don't reply by Friday,\nI'll close your file.\n\n{ULTIMATUM}\n<!-- tonecheck: disable-next-line=ultimatum -->\n",
        ".txt",
        ["ultimatum-if-no-reply"],
        ["ultimatum-if-no-reply"],
        [],
    ),
    (  # a directive in the signature (not checked) still counts: it is in the file
        f"Hi Sam,\n\n{ASAP}\n\nBest,\nAlex\n-- \nAlex Smith, Acme\n<!-- tonecheck: disable-file=pushy -->\n",
        ".txt",
        [],
        ["urgency-words"],
        [],
    ),
    (  # a directive between the sign-off and the name leaves the signature a signature
        f'Hi Sam,\n\n{ASAP}\n\nBest,\n<!-- tonecheck: disable-file=pushy, passive-aggressive:"as promised" -->\nAlex Smith\nHead of Sales, Acme\nBOOK YOUR DEMO TODAY!!!\n',
        ".txt",
        [],
        ["urgency-words"],
        [],
    ),
    (  # Jinja comments in a plain-text template
        f"Hi {{{{ first_name }}}},\n\n{{# tonecheck: disable-next-line=urgency-words #}}\n{ASAP}\n{URGENT}\n",
        ".txt",
        ["urgency-words"],
        ["urgency-words"],
        [],
    ),
    (  # a directive between the lines of a sentence does not split it
        "Hi Sam,\n\nIf you don't reply by Friday,\n<!-- tonecheck: disable-line=pushy -->\nI'll close your file.\n",
        ".txt",
        ["ultimatum-if-no-reply"],
        [],
        [],
    ),
    # --- Markdown ---------------------------------------------------------------------
    (
        f"---\nsubject: Final Contact\n---\n\nHi Sam,\n\n<!-- tonecheck: disable=passive-aggressive -->\n**{PER_MY_LAST}**\n<!-- tonecheck: enable -->\n\n- {ALREADY_SAID}\n- {ASAP} <!-- tonecheck: disable-line -->\n",
        ".md",
        ["final-contact-subject", "per-my-last-email"],
        ["per-my-last-email", "urgency-words"],
        [],
    ),
    (
        f'Hi Sam,\n\n<!-- tonecheck: disable-file=final-contact, pushy:"asap", nonsense -->\n{ASAP} {URGENT}\n',
        ".md",
        ["urgency-words"],
        ["urgency-words"],
        ["line 3: " + UNKNOWN.format("nonsense")],
    ),
    (
        "Hi Sam,\n\nIf you don't reply by Friday,\n<!-- tonecheck: disable-next-line=pushy -->\nI'll close your file.\n",
        ".md",
        ["ultimatum-if-no-reply"],
        [],
        [],
    ),
    # --- HTML -------------------------------------------------------------------------
    (
        "<p>Hi Sam,</p>\n<p>If you don't reply by Friday,\n<!-- tonecheck: disable-line=pushy -->\nI'll close your file.</p>\n",
        ".html",
        ["ultimatum-if-no-reply"],
        [],
        [],
    ),
    (
        "<html><head><title>Final Contact</title></head><body>\n"
        "<!-- tonecheck: disable-line=final-contact -->\n"
        "<p>Hi Sam,</p>\n"
        "<!-- tonecheck: disable-next-line=pushy -->\n"
        f"<p>{ASAP}</p>\n"
        f"<p>{URGENT}</p>\n"
        "<!-- tonecheck: disable=passive-aggressive -->\n"
        f"<p>{PER_MY_LAST}</p>\n"
        "<!-- tonecheck: enable -->\n"
        f"<p>{ALREADY_SAID}</p>\n"
        "</body></html>\n",
        ".html",
        ["final-contact-subject", "per-my-last-email", "urgency-words"],
        ["per-my-last-email", "urgency-words"],
        [],
    ),
    (
        "<html><head><title>Final Contact</title></head><body>\n"
        f"<p>{ASAP}</p><!-- tonecheck: disable-file=final-contact -->\n"
        f"<blockquote><!-- tonecheck: disable-file=pushy --><p>{URGENT}</p></blockquote>\n"
        "</body></html>\n",
        ".html",
        [],
        ["final-contact-subject", "urgency-words"],
        [],
    ),
    # --- Jinja and Handlebars templates -------------------------------------------------
    (
        "---\nsubject: Final Contact\n---\n"
        "<p>Hi {{ first_name }},</p>\n"
        "{# tonecheck: disable-next-line=urgency-words #}\n"
        f"<p>{ASAP}</p>\n"
        "{#- tonecheck: disable=passive-aggressive -#}\n"
        f"<p>{PER_MY_LAST}</p>\n"
        "{# tonecheck: enable #}\n"
        f"<p>{ALREADY_SAID} {URGENT}</p>{{# tonecheck: disable-line=pushy:'urgent' #}}\n"
        "{% if vip %}<p>Thanks!</p>{% endif %}\n"
        "{# tonecheck: disable-file=final-contact-subject #}\n",
        ".j2",
        ["per-my-last-email"],
        ["final-contact-subject", "per-my-last-email", "urgency-words", "urgency-words"],
        [],
    ),
    (
        "<p>Hi {{first_name}},</p>\n"
        "{{!-- tonecheck: disable=pushy --}}\n"
        f"<p>{ASAP}</p>\n"
        "{{! tonecheck: enable }}\n"
        f"<p>{URGENT}</p>\n"
        "{{! tonecheck: disable-next-line=shouty }}\n",
        ".hbs",
        ["urgency-words"],
        ["urgency-words"],
        ["line 6: " + UNKNOWN.format("shouty")],
    ),
]

_WRAPPED = r"(?:<!--|\{#-?|\{\{!(?:--)?)\s*tonecheck:.*?(?:-->|-?#\}|--\}\}|\}\})"


def _without_directives(text: str) -> str:
    """The draft as if its directives were never written (by a regex of the test's own)."""
    text = re.sub(rf"^[ \t]*{_WRAPPED}[ \t]*(?:\r?\n|\Z)", "", text, flags=re.M)
    text = re.sub(rf"[ \t]*{_WRAPPED}[ \t]*(?=\r?$)", "", text, flags=re.M)
    return re.sub(rf"{_WRAPPED}[ \t]*", "", text)


def _check(
    checker: tonecheck.Checker, tmp_path: Path, text: str, suffix: str
) -> tuple[tonecheck.Message, tonecheck.Report]:
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(text.encode("utf-8"))
    message = tonecheck.read_file(path)
    return message, checker.check_message(message)


def _seen(findings: tuple[tonecheck.Finding, ...]) -> Counter[tuple[str, str, str]]:
    """What each finding says, wherever it is."""
    return Counter(
        (f.rule, f.field, " ".join(re.sub(_WRAPPED, "", f.text).split())) for f in findings
    )


@pytest.mark.parametrize(
    ("text", "suffix", "kept", "suppressed", "warnings"),
    CASES,
    ids=[f"{i:02}{case[1]}" for i, case in enumerate(CASES)],
)
def test_directives(
    checker: tonecheck.Checker,
    tmp_path: Path,
    text: str,
    suffix: str,
    kept: list[str],
    suppressed: list[str],
    warnings: list[str],
) -> None:
    message, report = _check(checker, tmp_path, text, suffix)
    assert sorted(f.rule for f in report.findings) == sorted(kept)
    assert sorted(f.rule for f in report.suppressed) == sorted(suppressed)
    assert list(report.warnings) == warnings
    # Offsets stay exact, for silenced findings too.
    for f in report.findings + report.suppressed:
        assert report.texts[f.field][f.start : f.end] == f.text
    # The rules never see a directive ...
    for field in message.fields:
        assert "tonecheck" not in field.text
    # ... and find exactly what they find in the draft without them.
    _, plain = _check(checker, tmp_path, _without_directives(text), suffix)
    assert _seen(report.findings + report.suppressed) == _seen(plain.findings)
    assert not plain.suppressed and not plain.warnings


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("A\n<!-- tonecheck: disable -->\nB\n", "A\nB\n"),
        ("A\r\n  <!-- tonecheck: disable -->  \r\nB", "A\r\nB"),
        ("A\n<!-- tonecheck: enable -->", "A\n"),
        ("A  <!-- tonecheck: disable-line -->\r\nB", "A\r\nB"),
        ("A <!-- tonecheck: disable --> <!-- tonecheck: enable=x -->\nB", "A\nB"),
        ("<!-- tonecheck: disable-line -->  A, B.", "A, B."),
        ("A, <!-- tonecheck: disable -->B.", "A, B."),
        ("A\n{#- tonecheck: disable -#}\n{{!-- tonecheck: x --}}\n{{! tonecheck: y }}\nB", "A\nB"),
        ("A <!-- not a directive -->\nB", "A <!-- not a directive -->\nB"),
    ],
)
def test_directive_comments_leave_no_trace_in_plain_text(text: str, checked: str) -> None:
    assert tonecheck.parse_text(text).body.text == checked


def test_a_rewrite_never_removes_a_directive(checker: tonecheck.Checker) -> None:
    text = "Hi Sam,\n\nIf you don't reply by Friday,\n<!-- tonecheck: disable-line -->\nI'll close it.\n"
    (finding,) = checker.check(text).findings
    assert "tonecheck" in finding.text
    assert finding.suggestions
    assert all(s.safety == tonecheck.Safety.MANUAL for s in finding.suggestions)


def test_separate_subject(checker: tonecheck.Checker) -> None:
    body = f"Hi Sam,\n\n{ASAP}\n"
    # Line directives refer to the body's lines, not to a subject given on its own ...
    report = checker.check("<!-- tonecheck: disable-line -->\n" + body, "Final Contact")
    assert [f.rule for f in report.findings] == ["final-contact-subject", "urgency-words"]
    # ... but the subject's own directives and disable-file do reach it.
    report = checker.check(body, "Final Contact <!-- tonecheck: disable-line=final-contact -->")
    assert [f.rule for f in report.suppressed] == ["final-contact-subject"]
    subject = report.suppressed[0]
    assert report.texts["subject"][subject.start : subject.end] == "Final Contact"
    report = checker.check(body + "<!-- tonecheck: disable-file=final-contact -->", "Final Contact")
    assert [f.rule for f in report.suppressed] == ["final-contact-subject"]
    assert [f.rule for f in report.findings] == ["urgency-words"]
    report = checker.check(body, "Final Contact <!-- tonecheck: disable=nope -->")
    assert report.warnings == ("subject: " + UNKNOWN.format("nope"),)


def test_suppressed_findings_are_not_fixed(checker: tonecheck.Checker) -> None:
    text = (
        f"Hi Sam,\n\n<!-- tonecheck: disable-next-line=passive-aggressive -->\n{PER_MY_LAST}\n"
        f"Per my last email, the price does not include shipping.\n"
    )
    report = checker.check(text)
    assert [f.rule for f in report.suppressed] == ["per-my-last-email"]
    assert [f.rule for f in report.findings] == ["per-my-last-email"]
    fixed = report.apply_fixes(text)
    assert fixed == text.replace("Per my last email, the price", "To recap, the price"), (
        "only the finding left is fixed"
    )


def test_parse_grammar() -> None:
    known = {"pushy", "urgency-words", "final-contact"}
    source = (
        '<!-- TONECHECK : Disable = Pushy , urgency-words : "as, soon" -->\n'
        "{# tonecheck:enable=x #}\n"
        "<!-- tonecheck: disable= -->\n"
        "<!-- tonecheck: -->\n"
        '<!-- tonecheck: disable=pushy:"" -->\n'
        '<!-- tonecheck: disable-file=pushy:"unclosed, final-contact -->\n'
    )
    parsed = suppress.parse(source, known)
    first, second, last = parsed.items[0], parsed.items[1], parsed.items[-1]
    assert first.action == "disable"
    assert first.targets == (
        suppress.Target("pushy"),
        suppress.Target("urgency-words", "as, soon"),
    )
    assert (second.action, second.targets) == ("enable", ())
    assert (last.action, last.targets) == ("disable-file", ())
    assert parsed.problems == (
        (2, "suppression names unknown rule or category 'x' (tonecheck rules lists them)"),
        (3, "'disable=' names nothing; write 'disable' alone for every rule"),
        (4, f"empty directive (expected {ACTIONS})"),
        (5, "empty phrase after 'pushy:'; it would silence nothing"),
        (
            6,
            "cannot read 'pushy:\"unclosed, final-contact' (expected a rule id or category, "
            'optionally followed by :"phrase")',
        ),
    )


def test_cli_exit_status_ignores_suppressed_findings(tmp_path: Path) -> None:
    from tonecheck.cli import main

    path = tmp_path / "draft.txt"
    path.write_text(f"Hi Sam,\n\n{ASAP} <!-- tonecheck: disable-line=urgency-words -->\n")
    result = CliRunner().invoke(main, [str(path), "--fail-on", "suggestion"])
    assert result.exit_code == 0, result.output
    path.write_text(f"Hi Sam,\n\n{ASAP}\n")
    assert CliRunner().invoke(main, [str(path), "--fail-on", "suggestion"]).exit_code == 1
