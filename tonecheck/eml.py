"""``.eml`` messages (RFC 5322), read with Python's ``email`` package (policy ``default``).

The Subject header (RFC 2047 words decoded) is the subject; the body is the ``text/plain``
part, else the visible text of the ``text/html`` part; attachments are ignored. Positions
point into the file where the checked text stands in it as it is; where it cannot (encoded
words, quoted-printable or base64 bodies, HTML), they refer to the decoded text, and the
message carries a note that says so.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import replace
from email.message import EmailMessage, MIMEPart

from .errors import InputError
from .htmltext import html_text
from .message import DEFAULT_READ, HEADER_END, Field, Message, ReadOptions, read_field

_HEADER_END = re.compile(HEADER_END)
_SUBJECT_HEADER = re.compile(r"^Subject:[ \t]*(?P<value>[^\r\n]*)", re.MULTILINE | re.IGNORECASE)


def parse_eml(data: bytes, name: str, options: ReadOptions = DEFAULT_READ) -> Message:
    """An email file as a message; see the module docstring for what positions refer to."""
    try:
        return _parse(data, name, options)
    except InputError:
        raise
    except Exception as exc:  # the email package fails in many ways on malformed messages
        raise InputError(
            name,
            f"cannot be read as an email message (the email package failed: {type(exc).__name__})",
        ) from None


def _parse(data: bytes, name: str, options: ReadOptions) -> Message:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(msg, EmailMessage):
        raise InputError(name, "cannot be read as an email message")
    raw = _as_text(data)
    notes: list[str] = []
    if raw is None:
        notes.append(
            "the file is not UTF-8 (read with its declared charset); positions refer to the "
            "decoded subject and body"
        )
    subject = _subject(msg, raw, options, notes)
    body = _body(msg, raw, options, notes)
    return Message(body=body, subject=subject, path=name, notes=tuple(notes))


def _as_text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _subject(
    msg: EmailMessage, raw: str | None, options: ReadOptions, notes: list[str]
) -> Field | None:
    value = msg["subject"]
    if value is None:
        return None
    decoded = str(value)
    if raw is not None:
        header_end = _HEADER_END.search(raw)
        m = _SUBJECT_HEADER.search(raw, 0, header_end.start() if header_end else len(raw))
        if m and m.group("value").strip() == decoded.strip():
            start = m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip()))
            return read_field("subject", raw, start, start + len(decoded.strip()), options)
        notes.append(
            "the subject is encoded in the file; its positions refer to the decoded subject"
        )
    return _decoded(read_field("subject", decoded, options=options))


def _body(msg: EmailMessage, raw: str | None, options: ReadOptions, notes: list[str]) -> Field:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        notes.append("no text/plain or text/html part; nothing in the body was checked")
        return read_field("body", "", options=options)
    content = _content(part, notes)
    if not isinstance(content, str):
        notes.append("the body part is not text; nothing in the body was checked")
        return read_field("body", "", options=options)
    if part.get_content_type() == "text/html":
        notes.append("the body is HTML; positions refer to lines of the decoded HTML")
        html = html_text(content, hide_quotes=not options.include_quoted)
        return _decoded(
            read_field(
                "body", content, options=options, extra=html.edits, plain_lines=False, markup="html"
            )
        )
    if raw is not None:
        begin = _content_start(msg, raw)
        for candidate in (content, content.replace("\n", "\r\n")):
            at = raw.find(candidate, begin) if candidate.strip() else -1
            if at >= 0:
                return read_field("body", raw, at, at + len(candidate), options)
        encoding = str(part.get("Content-Transfer-Encoding", "7bit")).lower()
        notes.append(
            f"the body is encoded ({encoding}); positions refer to lines of the decoded body"
        )
    return _decoded(read_field("body", content, options=options))


def _content_start(msg: EmailMessage, raw: str) -> int:
    """Where the body's text may start in the file: after the headers, and in a multipart
    message after its first boundary (a header or a preamble may hold the same words)."""
    header_end = _HEADER_END.search(raw)
    begin = header_end.end() if header_end else len(raw)
    boundary = msg.get_boundary() if msg.is_multipart() else None
    if boundary:
        first = raw.find(f"--{boundary}", begin)
        if first >= 0:
            begin = first
    return begin


def _content(part: MIMEPart, notes: list[str]) -> object:
    """The part's decoded content; a body whose declared charset or encoding is broken is
    read as UTF-8, with what cannot be read replaced, and a note says so."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            raise
        charset = part.get_content_charset() or "unknown"
        notes.append(
            f"the body's charset '{charset}' cannot be read; it was read as UTF-8 with the "
            "bytes that are not UTF-8 replaced"
        )
        return payload.decode("utf-8", errors="replace")


def _decoded(field: Field) -> Field:
    """A field read from decoded text: its rewrites cannot be written into the file."""
    return replace(field, editable=False)
