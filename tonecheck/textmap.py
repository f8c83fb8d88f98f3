"""Checked text built from pieces of a source, with every character mapped back to the source.

Readers (plain text, and later HTML, Markdown, ``.eml``) copy the author's own text, put
neutral stand-ins where template placeholders were, and leave out quoted threads and
signatures. Each checked character remembers the source span it came from, so a finding on
the checked text can be reported on the file as written.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``source[start:end]`` with ``text`` ("" drops it) in the checked text."""

    start: int
    end: int
    text: str


class MappedText:
    """Accumulates checked text and, per character, its ``[start, end)`` in the source."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def copy(self, source: str, start: int, end: int) -> None:
        """Take ``source[start:end]`` as it is."""
        if end <= start:
            return
        self._parts.append(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def insert(self, text: str, start: int, end: int) -> None:
        """Put ``text`` in place of ``source[start:end]``; all its characters map to that span."""
        if not text:
            return
        self._parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    @property
    def text(self) -> str:
        return "".join(self._parts)


def build(source: str, start: int, end: int, edits: Iterable[Edit] = ()) -> MappedText:
    """The checked text for ``source[start:end]`` with ``edits`` applied (overlaps: first wins)."""
    out = MappedText()
    position = start
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if edit.start < position or edit.end > end:
            continue  # inside an earlier edit, or outside the field
        out.copy(source, position, edit.start)
        out.insert(edit.text, edit.start, edit.end)
        position = edit.end
    out.copy(source, position, end)
    return out
