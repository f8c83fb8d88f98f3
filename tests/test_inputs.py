"""Email as it is written: quoted threads, signatures and template placeholders are not the
author's words and are not checked; findings still point into the file as written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import DATA

import tonecheck
from tonecheck import placeholders
from tonecheck.cli import main
from tonecheck.placeholders import DEFAULT_PLACEHOLDERS, Placeholder
from tonecheck.placeholders import find as find_placeholders
from tonecheck.thread import not_authored

INPUTS = DATA / "inputs"
MANIFEST = yaml.safe_load((INPUTS / "manifest.yaml").read_text(encoding="utf-8"))


def _entry(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["files"]
    return dict(entry)


def _findings(*args: str) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = _entry(*args)["findings"]
    return findings


def test_every_input_file_is_in_the_manifest() -> None:
    assert {p.name for p in INPUTS.iterdir() if p.name != "manifest.yaml"} == set(MANIFEST)


@pytest.mark.parametrize(("name", "expected"), sorted(MANIFEST.items()))
def test_findings_point_at_the_file_as_written(name: str, expected: Any) -> None:
    path = INPUTS / name
    decoded = isinstance(expected, dict) and expected["decoded"]
    if isinstance(expected, dict):
        expected = expected["findings"]
    entry = _entry(str(path))
    findings = entry["findings"]
    got = [[f["rule"], f["line"], f["column"], f["text"]] for f in findings]
    assert got == expected
    if decoded:
        assert entry["notes"], "positions that do not refer to the file must be said"
        return
    assert entry["notes"] == []
    source = path.read_bytes().decode("utf-8")
    for f in findings:
        start, end = int(str(f["start"])), int(str(f["end"]))
        assert source[start:end] == f["text"]
        line_start = source.rfind("\n", 0, start) + 1
        assert (f["line"], f["column"]) == (
            source.count("\n", 0, start) + 1,
            start - line_start + 1,
        )


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("reply-gmail.txt", "exclamation-run"),
        ("reply-outlook.txt", "did-you-even-read"),
        ("reply-outlook-header.txt", "ultimatum-if-no-reply"),
        ("inline-quoted.txt", "demand-reply-now"),
        ("forwarded-apple.txt", "final-contact-body"),
        ("reply-quoted.html", "did-you-even-read"),
        ("reply-outlook.html", "did-you-even-read"),
        ("announcement.md", "exclamation-run"),
    ],
)
def test_include_quoted_checks_the_thread_too(name: str, rule: str) -> None:
    assert rule not in {f["rule"] for f in _findings(str(INPUTS / name))}
    assert rule in {f["rule"] for f in _findings(str(INPUTS / name), "--include-quoted")}


def test_a_directory_of_mixed_templates(tmp_path: Path) -> None:
    """`tonecheck some-repo/`: every format found, each finding at its path:line:col."""
    result = CliRunner().invoke(main, [str(INPUTS)])
    assert result.exit_code == 1
    finding_line = re.compile(r"^(?P<path>.+?):\d+:\d+ (?:error|warning|suggestion) \[")
    reported = {m["path"] for m in map(finding_line.match, result.stdout.splitlines()) if m}
    expected = {
        str(INPUTS / name)
        for name, spec in MANIFEST.items()
        if (spec["findings"] if isinstance(spec, dict) else spec)
    }
    assert reported == expected
    clean = tmp_path / "clean"
    clean.mkdir()
    for name in ("reply-outlook-header.txt", "template-mailchimp.txt", "reply-quoted.html"):
        (clean / name).write_bytes((INPUTS / name).read_bytes())
    assert CliRunner().invoke(main, [str(clean)]).exit_code == 0


def test_eml_body_is_read_from_the_text_part_and_attachments_are_ignored() -> None:
    message = tonecheck.read_file(INPUTS / "plain-7bit-attachment.eml")
    assert message.subject is not None and message.subject.text == "Re: Renewal paperwork"
    assert "JVBERi" not in message.body.text  # the PDF attachment
    assert "STILL NOT SORTED" not in message.body.text  # the quoted thread
    assert "As I already said" in message.body.text


def test_input_format_can_be_forced(tmp_path: Path) -> None:
    draft = tmp_path / "draft.msg"
    draft.write_bytes((INPUTS / "rfc2047-subject.eml").read_bytes())
    assert "final-contact-subject" not in {f["rule"] for f in _findings(str(draft))}
    forced = _findings(str(draft), "--input-format", "eml")
    assert "final-contact-subject" in {f["rule"] for f in forced}


def test_library_reads_drafts_the_same_way() -> None:
    draft = "Thanks, Tuesday works.\n\nOn Mon, Sam wrote:\n> WHY IS THIS LATE?!?!\n"
    assert tonecheck.check(draft).findings == ()
    quoted = tonecheck.Checker(tonecheck.Config(include_quoted=True)).check(draft)
    assert {f.rule for f in quoted.findings} >= {"exclamation-run"}
    for f in quoted.findings:
        assert draft[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("template", "stand_in"),
    [
        ("{{ first_name }}", "Sam"),
        ("{{{ contact.name }}}", "Sam"),
        ("{{ deal.amount | currency }}", "100"),
        ("*|FNAME|*", "Sam"),
        ("%FIRSTNAME%", "Sam"),
        ("%COMPANY_NAME%", "Acme"),
        ("{first_name}", "Sam"),
        ("[First Name]", "Sam"),
        ("[Company Name]", "Acme"),
        ("{{ meeting_date }}", "Monday"),
        ("{% if vip %}", ""),
        ("{%- endif -%}", ""),
        ("{# a note #}", ""),
        ("{{#each items}}", ""),
        ("{{/each}}", ""),
        ("{{else}}", ""),
    ],
)
def test_placeholders_of_each_engine(template: str, stand_in: str) -> None:
    (edit,) = find_placeholders(f"Hi {template}, thanks.")
    assert (edit.start, edit.end, edit.text) == (3, 3 + len(template), stand_in)


@pytest.mark.parametrize("placeholder", DEFAULT_PLACEHOLDERS, ids=lambda p: p.engine)
def test_a_text_without_an_opening_character_is_not_searched(placeholder: Placeholder) -> None:
    # The search is skipped on a text with none of these: each syntax must start with one.
    (first,) = re.findall(r"^\\?(.)", placeholder.pattern)
    assert first in placeholders._DEFAULT_OPENERS


@pytest.mark.parametrize(
    "text",
    [
        "Hi {{ FIRST_NAME }}, %FIRSTNAME% *|FNAME|* [FIRST NAME]",
        "{{ CTA_BUTTON }} {{ URGENT_FLAG }} {{ DEADLINE }}",
    ],
)
def test_no_placeholder_is_ever_flagged(text: str) -> None:
    assert tonecheck.check(text).findings == ()


@pytest.mark.parametrize(
    ("draft", "left_out"),
    [
        ("Fine by me.\n\nOn Tue, 3 Mar 2026 at 10:02, Sam <s@x.com> wrote:\n> hi\n", "On Tue"),
        ("Fine.\n\nOn Tue, 3 Mar 2026, Sam Lee <sam@example.com>\nwrote:\n> hi\n", "On Tue"),
        ("Fine.\n-----Original Message-----\nFrom: a\n", "-----Original"),
        ("Fine.\n\nFrom: Sam\nSent: Monday\nTo: me\n\nold text\n", "From: Sam"),
        ("Fine.\n\n---------- Forwarded message ---------\nFrom: x\n", "---------- Forwarded"),
        ("Fine.\n\nBegin forwarded message:\n\nFrom: x\n", "Begin forwarded"),
        ("Fine.\n\nLe mar. 3 mars 2026, Sam a écrit :\n> salut\n", "Le mar."),
        ("Fine.\n-- \nSam Lee\nSales\n", "-- \nSam"),
        ("Fine.\n\nBest,\nSam Lee\nHead of Sales | Acme\n+1 555 0100\n", "\nSam Lee"),
        ("Fine.\n> quoted line\nMine again.\n", "> quoted line"),
    ],
)
def test_thread_and_signature_are_left_out(draft: str, left_out: str) -> None:
    edits = not_authored(draft)
    cut = [draft[e.start : e.end] for e in edits]
    assert any(c.startswith(left_out) for c in cut), cut
    assert all("Fine" not in c for c in cut)


def test_sign_off_stays_checked_and_long_endings_are_not_signatures() -> None:
    draft = "Please see below.\n\nThanks,\nSam\n"
    (edit,) = not_authored(draft)
    assert draft[: edit.start].endswith("Thanks,\n") or draft[: edit.start].endswith("Thanks,")
    essay = "Thanks,\n" + "\n".join(
        f"Point {i}: a long line that keeps going." * 2 for i in range(12)
    )
    assert not_authored(essay) == []
    more = "Hi Sam,\n\nThanks!\nI'll send the deck Monday.\nCan we meet Tuesday?\n"
    assert not_authored(more) == []


def test_positions_survive_crlf_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        "\ufeffSubject: Final attempt\r\n\r\nHi {{name}},\r\nBumping this again.\r\n".encode()
    )
    findings = _findings(str(path))
    as_read = path.read_bytes().decode("utf-8-sig")
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [
        ("final-contact-subject", 1, 10),
        ("bumping-this", 4, 1),
    ]
    for f in findings:
        assert as_read[int(str(f["start"])) : int(str(f["end"]))] == f["text"]


@pytest.mark.parametrize("suffix", [".html", ".md", ".txt"])
def test_positions_survive_mixed_line_endings(tmp_path: Path, suffix: str) -> None:
    lines = ["<p>Hi {{ name }},</p>", "", "<p>Thanks for the call.\tBumping this again.</p>"]
    if suffix != ".html":
        lines = [line.replace("<p>", "").replace("</p>", "") for line in lines]
    path = tmp_path / f"mixed{suffix}"
    path.write_bytes(("\r\n".join(lines[:2]) + "\n" + lines[2] + "\r\n").encode())
    (finding,) = _findings(str(path))
    as_read = path.read_bytes().decode("utf-8")
    assert finding["text"] == "Bumping this again."
    assert as_read[int(str(finding["start"])) : int(str(finding["end"]))] == finding["text"]
    assert finding["line"] == 3


@pytest.mark.parametrize("name", ["plain-7bit-attachment.eml", "welcome.html", "announcement.md"])
def test_subject_option_replaces_the_files_subject(name: str) -> None:
    findings = _findings(str(INPUTS / name), "--subject", "One last try")
    subject = [f for f in findings if f["field"] == "subject"]
    assert [(f["rule"], f["start"], f["end"], f["text"]) for f in subject] == [
        ("final-contact-subject", 0, 12, "One last try")
    ]
