"""Visible text of an HTML document, with a standard-library parser (never regexes).

Tags, attributes, ``<style>``, ``<script>`` and ``<head>`` are left out; block elements
become paragraph breaks so that sentences do not run together; ``<title>`` is returned
separately (a template's subject).
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = (
    "address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul"
)
BLOCK_TAGS = frozenset(_BLOCKS.split())
HIDDEN_TAGS = frozenset({"style", "script", "head", "template", "noscript"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str, str | None]:
    """``(body text, title or None)`` of an HTML document."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    body = "\n".join(lines)
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    title = " ".join("".join(parser.title).split()) or None
    return body.strip("\n"), title
