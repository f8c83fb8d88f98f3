"""Finding what in a reply draft is not the author's new text: the quoted thread below it
(or inline ``>`` lines), forwarded messages, and the signature block.

Sign-offs themselves ("Best,", "Thanks,") stay checked; the name and contact lines after
them do not.
"""

from __future__ import annotations

import re

from .textmap import Edit

_FLAGS = re.MULTILINE | re.IGNORECASE

#: A line that starts the quoted thread: everything from it to the end is someone else's.
THREAD_START = re.compile(
    r"^[ \t]*(?:"
    r"On\s[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:[ \t]*$"  # Gmail, Apple Mail, Thunderbird
    r"|-{2,}[ \t]*Original Message[ \t]*-{2,}"  # Outlook
    r"|-{2,}[ \t]*Forwarded message[ \t]*-{2,}"  # Gmail forward
    r"|Begin forwarded message:"  # Apple Mail forward
    r"|From:[ \t]+[^\n]+\n(?:[ \t]*[^\n]*\n){0,2}?[ \t]*(?:Sent|Date):[ \t]"  # Outlook header
    r"|_{10,}[ \t]*\n[ \t]*From:"  # Outlook separator line
    r"|(?:Le|Am|El|Il|Op)\s[^\n]{0,200}?(?:a écrit|schrieb|escribió|ha scritto|schreef)[ \t]*:"
    r")",
    _FLAGS,
)
QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|\Z)", re.MULTILINE)
SIGNATURE_DELIMITER = re.compile(r"^-- ?[ \t]*$", re.MULTILINE)
SIGN_OFF = re.compile(
    r"^[ \t]*(?:best(?:\s+(?:regards|wishes))?|kind(?:est)?\s+regards|warm(?:est)?\s+regards|"
    r"regards|many\s+thanks|thanks(?:\s+(?:again|so\s+much|a\s+lot))?|thank\s+you|cheers|"
    r"sincerely|yours(?:\s+(?:truly|sincerely|faithfully))?|all\s+the\s+best|talk\s+soon|"
    r"speak\s+soon|with\s+thanks|best,?\s+wishes|br|thx)[ \t]*[,.!-]*[ \t]*$",
    _FLAGS,
)
#: The first line of a signature: a name (at most five words, not ending like a sentence).
_NAME_LINE = re.compile(r"^(?:\S+\s+){0,4}\S+$(?<![.?!:;])")
#: The most lines after a sign-off that still look like a name and contact block.
MAX_SIGNATURE_LINES = 8
MAX_SIGNATURE_LINE = 80


def not_authored(text: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Edits that leave out the quoted thread, ``>`` lines and the signature of
    ``text[start:end]``; each left-out block becomes a paragraph break."""
    end = len(text) if end is None else end
    edits: list[Edit] = []
    thread = THREAD_START.search(text, start, end)
    author_end = thread.start() if thread else end
    if thread:
        edits.append(Edit(thread.start(), end, "\n"))
    for m in QUOTED_LINE.finditer(text, start, author_end):
        edits.append(Edit(m.start(), m.end(), "\n"))
    signature = _signature(text, start, author_end)
    if signature is not None:
        edits.append(Edit(signature, author_end, "\n"))
    return edits


def _signature(text: str, start: int, end: int) -> int | None:
    """Where the signature starts: a ``-- `` line, or the lines after the last sign-off when
    they are few and short (a name, a title, a phone number)."""
    delimiter = SIGNATURE_DELIMITER.search(text, start, end)
    if delimiter:
        return delimiter.start()
    sign_offs = list(SIGN_OFF.finditer(text, start, end))
    if not sign_offs:
        return None
    after = sign_offs[-1].end()
    block = text[after:end].strip("\n")
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    if not lines or not _NAME_LINE.match(lines[0]):
        return None  # "Thanks!" followed by more of the email: not a signature
    if len(lines) <= MAX_SIGNATURE_LINES and all(len(ln) <= MAX_SIGNATURE_LINE for ln in lines):
        return after
    return None
