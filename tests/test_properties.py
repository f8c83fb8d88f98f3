"""Property and fuzz tests: checking never fails, and every reported position is exact.

Inputs are arbitrary Unicode (control characters, NUL, bidi and zero-width marks, emoji,
every kind of line break, case mappings that change a string's length, very long words),
drafts mixed from real flagged and clean sentences, template placeholders, HTML fragments,
suppression comments, quoted replies and ``Subject:`` lines, and arbitrary bytes read as
each input format. The properties:

1. ``Checker.check`` (and ``check_message`` on anything ``parse_bytes`` returns) never raises.
2. Every finding, suppressed finding and politeness strategy use points at its own text:
   ``0 <= start < end <= len(source)`` and ``source[start:end] == text``.
3. Findings are sorted by ``Finding.sort_key``; checking twice gives the same report.
4. ``check_many`` gives the same reports as ``check``, in order, for any batch size.
5. ``parse_bytes`` returns a ``Message`` or raises ``InputError``, nothing else.
6. Fixing (unsafe fixes on) is idempotent, on a file and on a string.

Each test runs a bounded number of examples, derandomized, so the suite is deterministic
and quick. For a long bug hunt::

    TONECHECK_HYPOTHESIS_EXAMPLES=2000 TONECHECK_HYPOTHESIS_RANDOM=1 pytest tests/test_properties.py

``TONECHECK_HYPOTHESIS_EXAMPLES`` sets every test's ``max_examples``;
``TONECHECK_HYPOTHESIS_RANDOM=1`` turns derandomization off (a new search each run).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck.errors import InputError, TonecheckError
from tonecheck.findings import Finding, Report, StrategyUse
from tonecheck.fixes import fix_text
from tonecheck.fixfile import fix_bytes
from tonecheck.message import Message, parse_bytes, parse_text

_F = TypeVar("_F", bound=Callable[..., Any])

_SCALE = os.environ.get("TONECHECK_HYPOTHESIS_EXAMPLES", "")
_RANDOM = os.environ.get("TONECHECK_HYPOTHESIS_RANDOM", "") not in ("", "0")


def examples(default: int) -> Callable[[_F], _F]:
    """Hypothesis settings for one test: ``default`` examples unless the environment says."""
    return settings(
        max_examples=int(_SCALE) if _SCALE else default,
        deadline=None,
        derandomize=not _RANDOM,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


#: Built once: loading the rules and the spaCy pipeline takes a second or two.
CHECKER = tonecheck.Checker()

# ---------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------

FLAGGED = [
    "PLEASE SEND IT NOW!!!!",
    "If you don't reply by Friday, I'll close your file.",
    "Per my last email, the invoice is due on the 5th.",
    "Per my last email, ...",
    "Sorry, I've been so busy.",
    "Did you even read my email?",
    "This is my final attempt.",
    "Why is this still not fixed!!!!",
    "Please send the report ASAP.",
    "Bumping this to the top of your inbox.",
    "You obviously don't care about this renewal.",
    "I wanted to tell you about our analytics platform.",
    "Please do NOT forward this email.",
    "If you don't call back I'll assume you're not interested.",
    "Noted.",
    "Final Contact",
    "PLEASE SEND İT TO İSTANBUL NOW!!!!",
    "ﬁNAL NOTICE: PAY THE STRASSE ß INVOICE!!!",
    "ǅURO, ŉ HAS TO BE DONE TODAY!!!!",
]
CLEAN = [
    "Thanks for the notes from Tuesday.",
    "The café on Rue Saint-Honoré opens at 9.",
    "Naïve estimates put the total at 12 000 €.",
    "Zoë and Jürgen will join the call 😀.",
    "東京のチームも参加します。",
    "مرحبا، هل وصلك الملف؟",
    "שלום, קיבלת את הקובץ?",
    "Let me know if the figures look right.",
    "Best,",
    "Hi Sam,",
]
PLACEHOLDERS = [
    "{{first_name}}",
    "{{ first_name }}",
    "{{{ name }}}",
    "{{ amount | currency }}",
    "{% if x %}",
    "{%- endif -%}",
    "{# note #}",
    "{{#each items}}",
    "{{/each}}",
    "{{else}}",
    "%NAME%",
    "%FIRSTNAME%",
    "*|FNAME|*",
    "{name}",
    "[First Name]",
    "[Company Name]",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ unclosed",
    "{}",
    "%%",
]
HTML = [
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<div>",
    "</div>",
    "<b>PLEASE SEND IT NOW!!!!</b>",
    "<p>Per my last email, thanks.</p>",
    "don&#8217;t",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&#99999999;",
    "&#0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<div",
    '<a href="https://example.com">link</a>',
    "<script>var x = '<p>';</script>",
    "<style>p { color: red }</style>",
    "<blockquote>Did you even read my email?</blockquote>",
    "<title>Final Contact</title>",
    "<!-- a comment -->",
    "<!--",
    "-->",
    "<!-- tonecheck: disable -->",
    "<!-- tonecheck: enable -->",
    "<!-- tonecheck: disable-next-line=shouting -->",
    "<!-- tonecheck: disable-line -->",
    "<!-- tonecheck: disable-file=pushy -->",
    "<!-- tonecheck: disable=nonexistent-rule -->",
    '{# tonecheck: disable=passive-aggressive:"per my last email" #}',
    "{{! tonecheck: disable-line }}",
    "{{!-- tonecheck: disable --}}",
    "<mj-text>Hi</mj-text>",
    "<![CDATA[x]]>",
]
QUOTED = [
    "> PLEASE READ THIS!!!!",
    "> Per my last email, no.",
    ">",
    ">> Did you even read my email?",
    "On Mon, Jan 5, 2025 at 9:00 AM Sam <sam@example.com> wrote:",
    "On Mon, Jan 5, 2025 at 9:00 AM Sam Smith",
    "<sam@example.com> wrote:",
    "-----Original Message-----",
    "From: Sam",
    "Sent: Monday",
    "---------- Forwarded message ---------",
    "Begin forwarded message:",
    "Le lun. 5 janv. 2025, Sam a écrit :",
    "Am Mo., 5. Jan. 2025 schrieb Sam:",
    "-- ",
    "--",
    "Alex Doe | ACME",
    "Thanks,",
    "Kind regards,",
]
SUBJECT_LINES = [
    "Subject: Final Contact",
    "Subject:",
    "subject :   Last attempt  ",
    "SUBJECT: PLEASE READ!!!!",
    "Subject: {{first_name}}, this is my final email",
    "Subject: =?utf-8?q?Final_Contact?=",
    "  Subject:\tNotes",
]
#: Characters that often break offset arithmetic: controls, line and paragraph separators,
#: bidi and zero-width marks, combining marks, emoji sequences, and letters whose case
#: mapping changes the string's length ("İ".lower(), "ß".upper(), "ﬁ".upper()).
SPECIAL = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\r\n",
    "\x1b",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x7f",
    "\x85",
    "\xa0",
    "\xad",
    "\u034f",
    "\u061c",
    "\u180e",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2069",
    "\u3000",
    "\ufeff",
    "\ufffc",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "e\u0301",
    "\u0301",
    "😀",
    "👩\u200d💻",
    "🇫🇷",
    "👍🏽",
    "İ",
    "\u0131",
    "ß",
    "ẞ",
    "ﬁ",
    "ﬀ",
    "ŉ",
    "ǅ",
    "ΐ",
    "Ω",
    "\U0010ffff",
    "\U000e0001",
    "\U0001d400\U0001d401\U0001d402",
    "!",
    "!!!!",
    "?",
    "...",
    "…",
    "\u2019",
    "'",
    '"',
    "\\",
    " ",
    "  ",
    ".",
    ",",
    ":",
    ";",
    "-",
    "*",
    "#",
    "|",
    "{",
    "}",
    "%",
    "<",
    ">",
    "&",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\x0c", "\t", "\u2028", "\x85", ""]

#: Any code point but a surrogate (``codec="utf-8"``), or one of the pieces above.
char = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL))


def wild(max_size: int) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text, weighted towards the pieces above."""
    return st.lists(char, max_size=max_size).map("".join)


wild_text = wild(60)
#: One very long word (no spaces), plain or in capitals.
long_word = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["a", "A", "ab", "É", "İ", "ß", "!", "😀", "x\u200b", "\u0301", "{", "<"]),
    st.integers(min_value=100, max_value=3000),
)
fragment = st.one_of(
    st.sampled_from(FLAGGED),
    st.sampled_from(CLEAN),
    st.sampled_from(PLACEHOLDERS),
    st.sampled_from(HTML),
    st.sampled_from(QUOTED),
    st.sampled_from(SPECIAL),
    wild_text,
    st.builds(
        lambda s, p: s.replace("Friday", p).replace("the 5th", p).replace("IT", p),
        st.sampled_from(FLAGGED),
        st.sampled_from(PLACEHOLDERS),
    ),
    st.builds(str.upper, st.sampled_from(FLAGGED + CLEAN)),
    st.builds(lambda s: "> " + s, st.sampled_from(FLAGGED)),
)


@st.composite
def drafts(draw: st.DrawFn) -> str:
    """A draft mixed from real sentences, markup, placeholders, quotes and odd characters."""
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(SUBJECT_LINES)))
        parts.append(draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"])))
    for piece in draw(st.lists(fragment, max_size=12)):
        parts.append(piece)
        parts.append(draw(st.sampled_from(SEPARATORS)))
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(long_word))
    return "".join(parts)


#: Any body: arbitrary Unicode, or a mixed draft.
bodies = st.one_of(st.text(), wild_text, drafts(), long_word)
#: Any subject, including none and the empty string.
subjects = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=40),
    wild_text,
    st.sampled_from(FLAGGED + CLEAN + PLACEHOLDERS + SUBJECT_LINES),
    drafts(),
)

# ---------------------------------------------------------------------------------------
# Checking the invariants of one report
# ---------------------------------------------------------------------------------------


def _span_ok(kind: str, item: Finding | StrategyUse, texts: dict[str, str]) -> None:
    assert item.field in texts, f"{kind} {item!r} names a field the report has no text for"
    source = texts[item.field]
    assert 0 <= item.start < item.end <= len(source), (
        f"{kind} span {item.start}:{item.end} outside its {item.field} of {len(source)} "
        f"characters: {item!r}"
    )
    assert source[item.start : item.end] == item.text, (
        f"{kind} text {item.text!r} is not {item.field}[{item.start}:{item.end}] = "
        f"{source[item.start : item.end]!r}"
    )


def line_column(source: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset``, lines ending at each "\\n"."""
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


def assert_positions(report: Report) -> None:
    """Property 2 (and the sorting half of 3) for one report; lines and columns agree
    with the offsets."""
    # Property 1 includes the rules: a rule that raised is caught and listed here.
    assert report.errors == ()
    located = [("finding", f) for f in report.findings]
    located += [("suppressed finding", f) for f in report.suppressed]
    for kind, finding in located:
        _span_ok(kind, finding, report.texts)
        source = report.texts[finding.field]
        assert (finding.line, finding.column) == line_column(source, finding.start), finding
        assert (finding.end_line, finding.end_column) == line_column(source, finding.end), finding
    for use in report.strategies:
        _span_ok("strategy use", use, report.texts)
        assert (use.line, use.column) == line_column(report.texts[use.field], use.start), use
    body = report.texts.get("body", "")
    for sentence in report.sentences:
        assert 0 <= sentence.start < sentence.end <= len(body), sentence
        assert sentence.line == line_column(body, sentence.start)[0], sentence
    keys = [f.sort_key for f in report.findings]
    assert keys == sorted(keys), "findings are not sorted by Finding.sort_key"


def assert_checked(report: Report, body: str, subject: str | None) -> None:
    """The texts of a report from ``check(body, subject)`` are those strings."""
    assert report.texts.get("body") == body
    assert report.texts.get("subject") == subject
    assert_positions(report)


def _number(value: Any) -> Any:
    # NaN is not equal to itself; compare it by name so that two NaNs count as equal.
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def summary(report: Report) -> dict[str, Any]:
    """What two reports of the same input must agree on."""
    return {
        "findings": [f.to_dict() for f in report.findings],
        "suppressed": [f.to_dict() for f in report.suppressed],
        "strategies": [u.to_dict() for u in report.strategies],
        "scores": {k: _number(v) for k, v in report.scores.items()},
        "warnings": list(report.warnings),
        "notes": list(report.notes),
    }


# ---------------------------------------------------------------------------------------
# 1-3: check never raises, positions are exact, findings are sorted, results repeat
# ---------------------------------------------------------------------------------------


@examples(80)
@given(st.text(), st.one_of(st.none(), st.just(""), st.text(max_size=30)))
def test_check_arbitrary_unicode(body: str, subject: str | None) -> None:
    assert_checked(CHECKER.check(body, subject), body, subject)


#: Any text with lone surrogates in it: a program's string may hold them (no file can).
#: (Hypothesis's text strategies never draw surrogates, so they are drawn as numbers.)
any_code_point = st.lists(
    st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=60
).map("".join)


@examples(40)
@given(any_code_point, st.one_of(st.none(), any_code_point))
def test_check_strings_with_lone_surrogates(body: str, subject: str | None) -> None:
    assert_checked(CHECKER.check(body, subject), body, subject)


@examples(80)
@given(wild_text, subjects)
def test_check_control_and_bidi_text(body: str, subject: str | None) -> None:
    assert_checked(CHECKER.check(body, subject), body, subject)


@examples(80)
@given(drafts(), subjects)
def test_check_mixed_drafts(body: str, subject: str | None) -> None:
    assert_checked(CHECKER.check(body, subject), body, subject)


@examples(15)
@given(long_word, subjects)
def test_check_very_long_words(body: str, subject: str | None) -> None:
    assert_checked(CHECKER.check(body, subject), body, subject)


@examples(40)
@given(drafts())
def test_parse_text_positions_point_into_the_draft(source: str) -> None:
    # Read as a file is: a first "Subject:" line is the subject; both fields' positions
    # then refer to the whole draft.
    report = CHECKER.check_message(parse_text(source, path="draft.txt"))
    assert all(text == source for text in report.texts.values())
    assert_positions(report)


@examples(40)
@given(bodies, subjects)
def test_check_is_deterministic(body: str, subject: str | None) -> None:
    first = CHECKER.check(body, subject)
    second = CHECKER.check(body, subject)
    assert summary(first) == summary(second)
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]


# ---------------------------------------------------------------------------------------
# 4: check_many agrees with check
# ---------------------------------------------------------------------------------------


@examples(20)
@given(
    st.lists(st.tuples(bodies, subjects), min_size=0, max_size=6),
    st.integers(min_value=2, max_value=8),
)
def test_check_many_matches_check(items: list[tuple[str, str | None]], batch_size: int) -> None:
    one_by_one = [summary(CHECKER.check(body, subject)) for body, subject in items]
    for size in (1, batch_size):
        reports = list(CHECKER.check_many(items, batch_size=size))
        assert len(reports) == len(items)
        for report, (body, subject) in zip(reports, items, strict=True):
            assert_checked(report, body, subject)
        assert [summary(r) for r in reports] == one_by_one, f"batch_size={size}"


@examples(10)
@given(st.lists(drafts(), min_size=1, max_size=5))
def test_check_many_accepts_bodies_and_messages(bodies_: list[str]) -> None:
    # The other item forms: a bare body string, and a Message.
    expected = [summary(CHECKER.check(b)) for b in bodies_]
    items: list[str | tuple[str, str | None] | Message] = list(bodies_)
    assert [summary(r) for r in CHECKER.check_many(items, batch_size=2)] == expected
    messages = [parse_text(b) for b in bodies_]
    direct = [summary(CHECKER.check_message(m)) for m in messages]
    assert [summary(r) for r in CHECKER.check_many(messages, batch_size=3)] == direct


# ---------------------------------------------------------------------------------------
# 5: parse_bytes reads anything or raises InputError; checking what it reads never fails
# ---------------------------------------------------------------------------------------

NAMES = ["x.txt", "x.eml", "x.html", "x.md"]


@st.composite
def eml_bytes(draw: st.DrawFn) -> bytes:
    """An RFC 5322-ish message: real and broken headers, charsets, encodings, multipart."""
    nl = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    charset = draw(
        st.sampled_from(
            ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "shift_jis", "bogus-charset", ""]
        )
    )
    cte = draw(st.sampled_from(["", "7bit", "8bit", "base64", "quoted-printable", "x-uuencode"]))
    ctype = draw(
        st.sampled_from(["text/plain", "text/html", "multipart/alternative", "image/png", ""])
    )
    subject = draw(
        st.one_of(
            st.sampled_from(
                [
                    "Final Contact",
                    "=?utf-8?q?Final_Contact?=",
                    "=?utf-8?b?RmluYWwgQ29udGFjdA==?=",
                    "=?bogus?q?x?=",
                    "=?utf-8?b?!!!?=",
                    "=?iso-8859-1?q?caf=E9?=",
                    "",
                ]
            ),
            wild(20),
        )
    )
    headers = [b"From: a@example.com", b"Subject: " + subject.encode("utf-8")]
    boundary = draw(st.sampled_from(["b1", "", '"quoted boundary"', "b1--"]))
    if ctype:
        params = f"; charset={charset}" if charset else ""
        if ctype.startswith("multipart"):
            params = f"; boundary={boundary}"
        headers.append(f"Content-Type: {ctype}{params}".encode())
    if cte:
        headers.append(f"Content-Transfer-Encoding: {cte}".encode())
    body_text = draw(st.one_of(drafts(), wild_text))
    payload = draw(
        st.one_of(
            st.just(body_text.encode("utf-8")),
            st.just(body_text.encode("latin-1", "replace")),
            st.binary(max_size=60),
        )
    )
    if ctype.startswith("multipart"):
        b = boundary.strip('"').encode()
        payload = nl.join(
            [
                b"--" + b,
                b"Content-Type: text/plain; charset=" + charset.encode(),
                b"Content-Transfer-Encoding: " + cte.encode(),
                b"",
                payload,
                b"--" + b,
                b"Content-Type: text/html",
                b"",
                b"<p>" + payload + b"</p>",
                b"--" + b + b"--",
            ]
        )
    extra = draw(st.lists(st.binary(max_size=12), max_size=2))
    return nl.join([*headers, *extra, b"", payload])


raw_bytes = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda s: s.encode("utf-8"), drafts()),
    st.builds(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), drafts()),
    st.builds(lambda s: s.encode("utf-16"), drafts()),
    st.builds(lambda s: s.encode("utf-8"), wild(60)),
    st.builds(lambda a, b: a + b, st.builds(lambda s: s.encode("utf-8"), drafts()), st.binary()),
    eml_bytes(),
    st.builds(
        lambda fm, s: fm.encode() + s.encode("utf-8"),
        st.sampled_from(
            ["---\nsubject: Final Contact\n---\n", "---\nsubject: [\n---\n", "---\n", "---\n---\n"]
        ),
        drafts(),
    ),
)


def _parse_and_check(data: bytes, name: str, subject: str | None) -> None:
    try:
        message = parse_bytes(data, name, subject)
    except InputError:
        return
    assert isinstance(message, Message)
    report = CHECKER.check_message(message)
    assert_positions(report)


@examples(60)
@given(raw_bytes, st.one_of(st.none(), st.sampled_from(["", "Final Contact"])))
def test_parse_bytes_reads_or_raises_input_error(data: bytes, subject: str | None) -> None:
    for name in NAMES:
        _parse_and_check(data, name, subject)


@examples(60)
@given(eml_bytes())
def test_parse_eml_reads_or_raises_input_error(data: bytes) -> None:
    _parse_and_check(data, "x.eml", None)


@examples(30)
@given(st.builds(lambda s: s.encode("utf-8"), drafts()), st.sampled_from(NAMES))
def test_parse_bytes_of_utf8_text_reads(data: bytes, name: str) -> None:
    # NUL-free UTF-8 text is always readable as text, HTML and Markdown.
    if b"\x00" in data or name == "x.eml":
        _parse_and_check(data, name, None)
        return
    message = parse_bytes(data, name)
    report = CHECKER.check_message(message)
    assert_positions(report)


def test_input_error_is_a_tonecheck_error() -> None:
    assert issubclass(InputError, TonecheckError)
    with pytest.raises(InputError):
        parse_bytes(b"\xff\xfe\x00", "x.txt")


@st.composite
def eml_echoing_the_body(draw: st.DrawFn) -> bytes:
    """A plain-text ``.eml`` whose body's text also stands in a header (a subject that
    repeats it, a quoted "Re:")."""
    body = draw(st.sampled_from(["Noted.", "Fine.", "OK.", *FLAGGED]))
    header = draw(st.sampled_from(["Subject", "X-Note", "Thread-Topic"]))
    prefix = draw(st.sampled_from(["", "Re: ", "Fwd: "]))
    lines = [
        "From: Sam <sam@example.com>",
        f"{header}: {prefix}{body}",
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
    ]
    return ("\n".join(lines) + draw(st.sampled_from(["", "\n"]))).encode("utf-8")


@examples(20)
@given(eml_echoing_the_body())
def test_eml_body_positions_point_into_the_body(data: bytes) -> None:
    # "Where the checked text stands in the file as it is ... positions point into the
    # file": a body finding must point at the body, below the blank line that ends the
    # headers, not at the same words in a header.
    message = parse_bytes(data, "x.eml")
    report = CHECKER.check_message(message)
    assert_positions(report)
    source = report.texts["body"]
    header_end = source.find("\n\n")
    assert header_end >= 0
    for finding in (*report.findings, *report.suppressed):
        if finding.field == "body":
            assert finding.start > header_end, (
                f"body finding {finding.rule} at {finding.start}:{finding.end} (line "
                f"{finding.line}) is inside the headers, which end at {header_end}"
            )


@examples(20)
@given(eml_echoing_the_body())
def test_eml_body_fix_leaves_the_headers_alone(data: bytes) -> None:
    # A fix of a body finding rewrites the body; the headers change only where a subject
    # finding was fixed, and then only the Subject line.
    new, result = fix_bytes(CHECKER, data, "x.eml", unsafe=True)
    fixed_subject = any(a.finding.field == "subject" for a in result.applied)
    old_head, _, _ = data.partition(b"\n\n")
    new_head, _, _ = new.partition(b"\n\n")
    old_lines, new_lines = old_head.split(b"\n"), new_head.split(b"\n")
    assert len(new_lines) == len(old_lines)
    for old_line, new_line in zip(old_lines, new_lines, strict=True):
        if old_line.lower().startswith(b"subject:") and fixed_subject:
            continue
        assert new_line == old_line, f"a body fix rewrote a header: {old_line!r} -> {new_line!r}"


# ---------------------------------------------------------------------------------------
# 6: fixing is idempotent
# ---------------------------------------------------------------------------------------


@st.composite
def fixable_drafts(draw: st.DrawFn) -> bytes:
    """Flagged sentences inside arbitrary Unicode, as a UTF-8 file (maybe with a BOM)."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [f"Subject: {draw(st.sampled_from(FLAGGED + CLEAN))}", ""]
    for _ in range(draw(st.integers(1, 4))):
        pieces: list[str] = []
        for _ in range(draw(st.integers(1, 3))):
            pieces.append(draw(wild(12)))
            pieces.append(
                draw(
                    st.one_of(
                        st.sampled_from(FLAGGED),
                        st.sampled_from(CLEAN),
                        st.builds(str.upper, st.sampled_from(CLEAN)),
                        st.sampled_from(PLACEHOLDERS),
                    )
                )
            )
        pieces.append(draw(wild(12)))
        lines.append(draw(st.sampled_from([" ", "", "\t"])).join(pieces))
    if draw(st.booleans()):
        lines += ["> PLEASE READ THIS!!!!", "Best,", "Alex"]
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


@examples(40)
@given(
    st.one_of(fixable_drafts(), st.builds(lambda s: s.encode("utf-8"), drafts())),
    st.sampled_from(["draft.txt", "draft.md", "draft.html"]),
)
def test_fix_bytes_is_idempotent(data: bytes, name: str) -> None:
    try:
        once, _ = fix_bytes(CHECKER, data, name, unsafe=True)
    except InputError:
        return  # e.g. a NUL byte: not a text file, nothing to fix
    twice, second = fix_bytes(CHECKER, once, name, unsafe=True)
    assert twice == once
    assert not second.passes


@examples(40)
@given(st.one_of(drafts(), wild_text, st.text()))
def test_fix_text_of_a_string_is_idempotent(body: str) -> None:
    # The library path: fix a body string with Checker.check, then again.
    first = fix_text(body, CHECKER.check, unsafe=True)
    assert_checked(first.report, first.text, None)
    second = fix_text(first.text, CHECKER.check, unsafe=True)
    assert second.text == first.text
    assert not second.passes


@examples(40)
@given(drafts())
def test_apply_fixes_keeps_text_outside_the_fixed_spans(body: str) -> None:
    report = CHECKER.check(body)
    chosen = report.fixes(body, unsafe=True)
    fixed = report.apply_fixes(body, unsafe=True)
    at = last = 0
    for finding, fix in sorted(chosen, key=lambda pair: pair[1].start):
        assert last <= fix.start < fix.end <= len(body)
        assert body[fix.start : fix.end] == finding.text
        kept = body[last : fix.start]
        assert fixed[at : at + len(kept)] == kept
        at += len(kept) + len(fix.replacement)
        last = fix.end
    assert fixed[at:] == body[last:]


@examples(30)
@given(eml_bytes())
def test_fix_bytes_of_an_eml_is_idempotent(data: bytes) -> None:
    try:
        once, _ = fix_bytes(CHECKER, data, "draft.eml", unsafe=True)
    except InputError:
        return
    twice, second = fix_bytes(CHECKER, once, "draft.eml", unsafe=True)
    assert twice == once
    assert not second.passes
