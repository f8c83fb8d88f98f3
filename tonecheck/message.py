"""Input -> message: the subject and the author's body text, with positions in the source.

Every field knows where its text starts in the source it was read from, so findings can be
reported against the file as read (``source[start:end] == finding.text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

_SUBJECT_LINE = re.compile(
    r"\A[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\r\n]*?)[ \t]*(?:\r?\n|\Z)", re.I
)


@dataclass(frozen=True)
class Field:
    """One checked field: its text and the offset of ``text[0]`` in the message's source.

    ``origin is None`` means the field is not part of the source (a string passed in on its
    own); positions then refer to ``text`` itself.
    """

    name: str
    text: str
    origin: int | None = None

    def frame(self, source: str | None) -> tuple[str, int]:
        """The text that positions refer to, and the offset of this field's text in it."""
        if self.origin is None or source is None:
            return self.text, 0
        return source, self.origin


@dataclass(frozen=True)
class Message:
    """What rules see. ``source`` is the text positions refer to (``None``: each field's own)."""

    body: Field
    subject: Field | None = None
    source: str | None = None
    path: str | None = None

    @property
    def fields(self) -> tuple[Field, ...]:
        return (self.subject, self.body) if self.subject is not None else (self.body,)


def from_strings(body: str, subject: str | None = None) -> Message:
    """A message from strings; findings' positions refer to each string itself."""
    return Message(
        body=Field("body", body),
        subject=Field("subject", subject) if subject is not None else None,
    )


def parse_text(source: str, path: str | None = None, subject: str | None = None) -> Message:
    """A plain-text draft: an optional first line ``Subject: ...``, then the body.

    A ``subject`` given by the caller replaces the one in the text; its positions then refer
    to the given string, since it is not in the file.
    """
    m = _SUBJECT_LINE.match(source)
    if m:
        subject_field = Field("subject", m.group("subject"), m.start("subject"))
        body = Field("body", source[m.end() :], m.end())
    else:
        subject_field = None
        body = Field("body", source, 0)
    if subject is not None:
        subject_field = Field("subject", subject)
    return Message(body=body, subject=subject_field, source=source, path=path)


def read_file(path: str | Path, subject: str | None = None) -> Message:
    """Read a draft file as UTF-8 text; one clear error if it cannot be read as text."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None
    return parse_bytes(data, name, subject)


def parse_bytes(data: bytes, name: str, subject: str | None = None) -> Message:
    """A draft from raw bytes (a file or standard input): UTF-8, a BOM dropped."""
    if b"\x00" in data:
        raise InputError(
            name, "looks like a binary file (it contains NUL bytes); check text files only"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
    return parse_text(text, path=name, subject=subject)
