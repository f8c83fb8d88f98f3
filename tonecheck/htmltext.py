"""The visible text of HTML, as edits on the source, with the standard library's parser.

Tags, attributes, comments, ``<style>``, ``<script>`` and ``<head>`` are left out; block
elements become paragraph breaks so sentences do not run together; entities are read as the
characters they stand for; ``<title>`` is found separately (a template's subject). Because
the result is a list of edits on the source, every checked character keeps its place in the
file, and template placeholders are handled on top like in any other text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .textmap import Edit

_BLOCKS = (
    "address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main mj-column mj-section mj-text mj-button nav ol p pre section table tbody "
    "td tfoot th thead tr ul"
)
BLOCK_TAGS = frozenset(_BLOCKS.split())
HIDDEN_TAGS = frozenset({"style", "script", "head", "template", "noscript", "mj-head"})


@dataclass(frozen=True)
class HtmlText:
    """Edits that turn ``source[start:end]`` into its visible text, and the title's span."""

    edits: tuple[Edit, ...]
    title: tuple[int, int] | None


class _Tokens(HTMLParser):
    """Records each token's kind and where it starts; a token ends where the next begins."""

    def __init__(self, line_starts: list[int], base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.base = base
        self.tokens: list[tuple[str, str, int]] = []  # (kind, tag or text, offset)

    def _at(self) -> int:
        line, column = self.getpos()
        return self.base + self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, self._at()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("startend", tag, self._at()))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag, self._at()))

    def handle_data(self, data: str) -> None:
        self.tokens.append(("data", data, self._at()))

    def handle_entityref(self, name: str) -> None:
        self.tokens.append(("entity", f"&{name};", self._at()))

    def handle_charref(self, name: str) -> None:
        self.tokens.append(("entity", f"&#{name};", self._at()))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("markup", "", self._at()))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("markup", "", self._at()))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("markup", "", self._at()))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("markup", "", self._at()))


def html_text(
    source: str, start: int = 0, end: int | None = None, hide_quotes: bool = True
) -> HtmlText:
    """The edits that leave only the visible text of ``source[start:end]``; with
    ``hide_quotes``, ``<blockquote>`` (a quoted reply) is left out too."""
    hidden_tags = HIDDEN_TAGS | {"blockquote"} if hide_quotes else HIDDEN_TAGS
    end = len(source) if end is None else end
    chunk = source[start:end]
    line_starts = [0]
    for i, ch in enumerate(chunk):
        if ch == "\n":
            line_starts.append(i + 1)
    parser = _Tokens(line_starts, start)
    parser.feed(chunk)
    parser.close()
    tokens = parser.tokens
    edits: list[Edit] = []
    hidden = 0
    in_title = False
    title: tuple[int, int] | None = None
    for i, (kind, value, at) in enumerate(tokens):
        stop = tokens[i + 1][2] if i + 1 < len(tokens) else end
        if kind in ("start", "startend", "end"):
            if value == "title":
                in_title = kind == "start"
            elif value in hidden_tags and kind != "startend":
                hidden += 1 if kind == "start" else -1 if hidden else 0
            edits.append(Edit(at, stop, "\n\n" if value in BLOCK_TAGS else ""))
        elif kind == "markup":
            edits.append(Edit(at, stop, ""))
        elif hidden or in_title:
            if in_title and kind == "data" and value.strip() and title is None:
                lead = len(value) - len(value.lstrip())
                title = (at + lead, at + lead + len(value.strip()))
            edits.append(Edit(at, stop, ""))
        elif kind == "entity":
            edits.append(Edit(at, stop, unescape(source[at:stop])))
    return HtmlText(tuple(edits), title)
