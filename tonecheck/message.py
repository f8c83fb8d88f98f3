"""Input -> message: the subject and the author's own body text, mapped back to the source.

Rules see each field's ``text``: the author's words, with template placeholders replaced by
neutral stand-ins and (unless asked otherwise) quoted threads and signatures left out. Each
field also keeps the ``source`` its positions refer to (the file as read, or the string
passed in) and, per checked character, where it came from there, so that
``field.source[start:end]`` is what a finding flags.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import placeholders as placeholder_syntax
from . import suppress, thread
from .errors import InputError
from .placeholders import DEFAULT_PLACEHOLDERS, Placeholder
from .textmap import Edit, build

_SUBJECT_LINE = re.compile(
    r"\A[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\r\n]*?)[ \t]*(?:\r?\n|\Z)", re.I
)


_SURROGATE = re.compile("[\ud800-\udfff]")

#: The blank line that ends an email's headers (LF, CRLF or old Mac CR line endings).
HEADER_END = r"\r?\n\r?\n|\r\r"
_HEADER_END_BYTES = re.compile(HEADER_END.encode())


@dataclass(frozen=True)
class ReadOptions:
    """How a draft is read: keep quoted threads and signatures, and which placeholders."""

    include_quoted: bool = False
    placeholders: tuple[Placeholder, ...] = DEFAULT_PLACEHOLDERS
    #: Words and names never flagged (``accept`` in the config), matched as written.
    accept: tuple[str, ...] = ()


#: The default way of reading: quoted threads and signatures left out, all placeholders.
DEFAULT_READ = ReadOptions()


@dataclass(frozen=True)
class Field:
    """One checked field.

    ``text`` is what rules see; ``source`` is what positions refer to. Without a map,
    ``text`` is ``source[origin:origin + len(text)]``; with one, ``starts[i]``/``ends[i]`` is
    the source span of ``text[i]``.
    """

    name: str
    text: str
    source: str
    origin: int = 0
    starts: array[int] | None = field(default=None, repr=False, compare=False)
    ends: array[int] | None = field(default=None, repr=False, compare=False)
    #: The source's syntax: ``text``, or ``html`` (a fix's replacement is escaped).
    markup: str = "text"
    #: False when ``source`` is decoded text (an encoded ``.eml`` body), not the input as
    #: stored: a rewrite can be shown but not written back.
    editable: bool = True

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of ``text[start:end]`` (``start < end``)."""
        if self.starts is None or self.ends is None:
            return self.origin + start, self.origin + end
        return self.starts[start], self.ends[end - 1]

    def verbatim(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` stands in the source as it is, in one piece: no
        placeholder, markup, entity, quoted line or signature inside it, so that
        replacing its source span loses nothing the author did not write there."""
        if self.starts is None or self.ends is None:
            return True
        for i in range(start, end):
            if self.ends[i] - self.starts[i] != 1 or self.source[self.starts[i]] != self.text[i]:
                return False
            if i + 1 < end and self.starts[i + 1] != self.ends[i]:
                return False
        return True


@dataclass(frozen=True)
class Message:
    """What rules see: an optional subject and a body."""

    body: Field
    subject: Field | None = None
    path: str | None = None
    #: What a reader wants the user to know, e.g. that positions refer to a decoded body.
    notes: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return (self.subject, self.body) if self.subject is not None else (self.body,)


def read_field(
    name: str,
    source: str,
    start: int = 0,
    end: int | None = None,
    options: ReadOptions = DEFAULT_READ,
    extra: Iterable[Edit] = (),
    plain_lines: bool = True,
    markup: str = "text",
) -> Field:
    """``source[start:end]`` as a field: ``extra`` edits applied (a reader's markup removal),
    ``tonecheck:`` directive comments dropped, placeholders stood in for, and, in a body of
    plain lines, the quoted thread and signature left out (unless ``options.include_quoted``)."""
    end = len(source) if end is None else end
    edits = list(extra)
    # A string from a program may hold lone surrogates (no file can: inputs are decoded
    # strictly); the parser cannot take them, so they are read as U+FFFD, in place.
    edits.extend(
        Edit(m.start(), m.end(), "\ufffd") for m in _SURROGATE.finditer(source, start, end)
    )
    directives = suppress.hidden(source, start, end)  # tonecheck's own comments
    edits.extend(directives)
    edits.extend(placeholder_syntax.find(source, start, end, options.placeholders))
    if options.accept:
        edits.extend(_accepted(source, start, end, options.accept))
    if name == "body" and plain_lines and not options.include_quoted:
        edits.extend(_not_authored(source, start, end, directives))
    if not edits:
        return Field(name, source[start:end], source, start, markup=markup)
    mapped = build(source, start, end, edits)
    if name == "body" and not plain_lines and not options.include_quoted:
        # Markup: find the thread and signature in the visible text, then map them back.
        found = thread.not_authored(mapped.text)
        if found:
            edits.extend(
                Edit(mapped.starts[e.start], mapped.ends[e.end - 1], e.text)
                for e in found
                if e.end > e.start
            )
            mapped = build(source, start, end, edits)
    return Field(name, mapped.text, source, start, mapped.starts, mapped.ends, markup)


def _accepted(source: str, start: int, end: int, terms: tuple[str, ...]) -> Iterable[Edit]:
    """Accepted terms stand in for themselves, in title case when written in capitals, so
    that no rule sees them as the author's wording ("ACME CLOUD" is not shouting)."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True) if t)
    if not alternatives:
        return []
    regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return [
        Edit(m.start(), m.end(), m.group().title() if m.group().isupper() else m.group())
        for m in regex.finditer(source, start, end)
    ]


def _not_authored(source: str, start: int, end: int, directives: list[Edit]) -> list[Edit]:
    """The quoted thread and signature of plain lines, found as if the directive comments
    were not there (one between "Best," and the name must not hide the signature)."""
    if not directives:
        return thread.not_authored(source, start, end)
    visible = build(source, start, end, directives)
    return [
        Edit(visible.starts[e.start], visible.ends[e.end - 1], e.text)
        for e in thread.not_authored(visible.text)
        if e.end > e.start
    ]


def from_strings(
    body: str, subject: str | None = None, options: ReadOptions = DEFAULT_READ
) -> Message:
    """A message from strings; findings' positions refer to each string itself."""
    return Message(
        body=read_field("body", body, options=options),
        subject=read_field("subject", subject, options=options) if subject is not None else None,
    )


def parse_text(
    source: str,
    path: str | None = None,
    subject: str | None = None,
    options: ReadOptions = DEFAULT_READ,
) -> Message:
    """A plain-text draft: an optional first line ``Subject: ...``, then the body.

    A ``subject`` given by the caller replaces the one in the text; its positions then refer
    to the given string, since it is not in the file.
    """
    m = _SUBJECT_LINE.match(source)
    subject_field = (
        read_field("subject", source, m.start("subject"), m.end("subject"), options) if m else None
    )
    body = read_field("body", source, m.end() if m else 0, len(source), options)
    return _with_subject(Message(body=body, subject=subject_field, path=path), subject, options)


#: Input formats, and the file endings that select them when the format is "auto".
INPUT_FORMATS: dict[str, tuple[str, ...]] = {
    "text": (),
    "eml": (".eml",),
    "html": (
        ".html",
        ".htm",
        ".mjml",
        ".hbs",
        ".handlebars",
        ".j2",
        ".jinja",
        ".jinja2",
        ".liquid",
    ),
    "markdown": (".md", ".markdown"),
}


def format_for(name: str, input_format: str = "auto") -> str:
    """The reader for a file: the given format, or the one its ending selects (else text)."""
    if input_format != "auto":
        return input_format
    lower = name.lower()
    return next((f for f, ends in INPUT_FORMATS.items() if lower.endswith(ends) and ends), "text")


def read_file(
    path: str | Path,
    subject: str | None = None,
    options: ReadOptions = DEFAULT_READ,
    input_format: str = "auto",
) -> Message:
    """Read a draft file; one clear error if it cannot be read."""
    return parse_bytes(read_bytes(path), str(path), subject, options, input_format)


#: The largest input read (a draft is kilobytes; this keeps ``/dev/zero``, a log or a
#: mailbox named by mistake from filling memory: checking takes about 2 KB of memory per
#: character). Anything larger is an error, never cut.
MAX_INPUT_BYTES = 5 * 1024 * 1024


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; one clear error if it cannot be read."""
    name = str(path)
    try:
        # A named pipe with no writer would block open() for ever: open without waiting,
        # then read as usual (a pipe from "<(command)" has its writer already).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        with open(fd, "rb") as stream:
            return limited(stream, name)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(name, f"broken symbolic link (to {os.readlink(path)})") from None
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None


def limited(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream``, or an error when it holds more than :data:`MAX_INPUT_BYTES`."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            name,
            f"is over {MAX_INPUT_BYTES:,} bytes; tonecheck reads email drafts and templates "
            "(split the file, or check its parts)",
        )
    return bytes(data)


def parse_bytes(
    data: bytes,
    name: str,
    subject: str | None = None,
    options: ReadOptions = DEFAULT_READ,
    input_format: str = "auto",
) -> Message:
    """A draft from raw bytes (a file or standard input) in the given or detected format."""
    kind = format_for(name, input_format)
    # An email's attachments may be binary; its headers, like any text draft, never are.
    text_part = _HEADER_END_BYTES.split(data, maxsplit=1)[0] if kind == "eml" else data
    if b"\x00" in text_part:
        raise InputError(
            name, "looks like a binary file (it contains NUL bytes); check text files only"
        )
    if kind == "eml":
        from .eml import parse_eml

        return _with_subject(parse_eml(data, name, options), subject, options)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
    if kind in ("html", "markdown"):
        from .formats import parse_html, parse_markdown

        reader = parse_html if kind == "html" else parse_markdown
        return _with_subject(reader(text, name, options), subject, options)
    return parse_text(text, path=name, subject=subject, options=options)


def _with_subject(message: Message, subject: str | None, options: ReadOptions) -> Message:
    """``message`` with a caller's subject in place of its own (positions: that string)."""
    if subject is None:
        return message
    subject_field = read_field("subject", subject, options=options)
    return Message(message.body, subject_field, message.path, message.notes)
