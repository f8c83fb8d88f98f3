"""Property: ``--fix`` is idempotent and changes nothing outside the spans it fixes.

Drafts are generated from flagged and clean sentences, template placeholders, non-ASCII
text, LF or CRLF line endings, an optional byte order mark, subject line, quoted thread
and signature. Each is fixed with unsafe fixes on (the most the fixer ever does).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck.fixes import apply
from tonecheck.fixfile import fix_bytes

FLAGGED = [
    "PLEASE SEND THE SIGNED FORM BEFORE THE MEETING.",
    "Per my last email, the invoice is due on the 5th.",
    "If you don't reply by Friday, I'll close your file.",
    "Sorry, I've been so busy with the move.",
    "Why is this still not fixed!!!!",
    "Please send the report ASAP.",
    "Bumping this to the top of your inbox.",
    "You obviously don't care about this renewal.",
    "I wanted to tell you about our analytics platform.",
    "This is my final attempt to get in touch about the audit.",
    "Please do NOT forward this email.",
    "Did you even read my last email?",
]
CLEAN = [
    "Thanks for the notes from Tuesday.",
    "The café on Rue Saint-Honoré opens at 9.",
    "Naïve estimates put the total at 12 000 €.",
    "Zoë and Jürgen will join the call 😀.",
    "東京のチームも参加します。",
    "Let me know if the figures look right.",
]
PLACEHOLDERS = ["{{first_name}}", "{name}", "%DEADLINE%", "{{ order.total }}", "{% if vip %}"]

sentence = st.one_of(
    st.sampled_from(FLAGGED),
    st.sampled_from(CLEAN),
    st.builds(
        lambda s, p: s.replace("Friday", p).replace("the 5th", p).replace("Tuesday", p),
        st.sampled_from(FLAGGED + CLEAN),
        st.sampled_from(PLACEHOLDERS),
    ),
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def drafts(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [
            f"Subject: {draw(st.sampled_from(['Final Contact', 'Notes', 'Last attempt']))}",
            "",
        ]
    lines += [f"Hi {draw(st.sampled_from(['Sam', '{{first_name}}', 'Zoë']))},", ""]
    for p in draw(st.lists(paragraph, min_size=1, max_size=3)):
        lines += [p, ""]
    if draw(st.booleans()):
        lines += ["Best,", "Alex", "--", "Alex Doe | ACME"]
    if draw(st.booleans()):
        lines += [
            "",
            "On Mon, Jan 5, Sam wrote:",
            "> PLEASE READ THIS!!!!",
            "> Per my last email, no.",
        ]
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


_CHECKER = tonecheck.Checker()


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(drafts())
def test_fix_is_idempotent_and_local(data: bytes) -> None:
    new, result = fix_bytes(_CHECKER, data, "draft.txt", unsafe=True)
    # Idempotent: fixing the output again changes nothing.
    again, second = fix_bytes(_CHECKER, new, "draft.txt", unsafe=True)
    assert again == new and not second.passes
    # The byte order mark, and every line ending, are kept.
    assert new.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    before, after = data.decode("utf-8-sig"), new.decode("utf-8-sig")
    assert after.count("\r\n") == before.count("\r\n")
    assert after.count("\n") == before.count("\n")
    # Placeholders, the quoted thread and the signature are never touched.
    for token in [*PLACEHOLDERS, "> PLEASE READ THIS!!!!", "Alex Doe | ACME"]:
        assert after.count(token) == before.count(token)
    # Pass by pass, every character outside the spans that pass fixed is where it was:
    # walking the fixed text, each stretch between spans is found intact, in order.
    text = before
    for chosen in result.passes:
        fixed = apply(text, chosen)
        at = last = 0
        for a in sorted(chosen, key=lambda a: a.fix.start):
            assert text[a.fix.start : a.fix.end] == a.finding.text
            kept = text[last : a.fix.start]
            assert fixed[at : at + len(kept)] == kept
            at += len(kept) + len(a.fix.replacement)
            last = a.fix.end
        assert fixed[at:] == text[last:]
        text = fixed
    assert text == after
