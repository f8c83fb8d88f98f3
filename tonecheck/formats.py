"""Readers for templates: HTML (and MJML, Handlebars, Jinja, Liquid) and Markdown.

Both keep every checked character's place in the file. A YAML front matter ``subject:``
is the subject; in HTML, else the ``<title>``.
"""

from __future__ import annotations

import re

from .htmltext import html_text
from .message import Field, Message, ReadOptions, read_field
from .textmap import Edit

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_SUBJECT = re.compile(r"^subject[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$", re.MULTILINE | re.I)


def _front_matter(source: str, options: ReadOptions) -> tuple[Field | None, int]:
    """The subject from YAML front matter (``subject: ...``), and where the body starts."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return None, 0
    s = _FRONT_SUBJECT.search(source, m.start("body"), m.end("body"))
    subject = None
    if s and s.group("value"):
        start, end = s.start("value"), s.end("value")
        if end - start >= 2 and source[start] == source[end - 1] and source[start] in "'\"":
            start, end = start + 1, end - 1
        subject = read_field("subject", source, start, end, options)
    return subject, m.end()


def parse_html(source: str, path: str | None, options: ReadOptions) -> Message:
    """An HTML-like template: visible text only, block elements as paragraph breaks."""
    subject, body_start = _front_matter(source, options)
    html = html_text(source, body_start, len(source), hide_quotes=not options.include_quoted)
    if subject is None and html.title is not None:
        subject = read_field("subject", source, *html.title, options, markup="html")
    body = read_field("body", source, body_start, len(source), options, html.edits, False, "html")
    return Message(body=body, subject=subject, path=path)


_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)[^`\n].*?\1")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(?P<open>\[)(?P<text>[^\]\n]+)(?P<close>\]\([^)\n]*\))")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def parse_markdown(source: str, path: str | None, options: ReadOptions) -> Message:
    """A Markdown draft: code and link targets are not checked; link text is."""
    subject, body_start = _front_matter(source, options)
    edits: list[Edit] = []
    for regex in (_FENCE, _INLINE_CODE, _IMAGE, _AUTOLINK, _COMMENT):
        edits.extend(Edit(m.start(), m.end(), "") for m in regex.finditer(source, body_start))
    for m in _LINK.finditer(source, body_start):
        edits.append(Edit(m.start("open"), m.end("open"), ""))
        edits.append(Edit(m.start("close"), m.end("close"), ""))
    body = read_field("body", source, body_start, len(source), options, edits)
    return Message(body=body, subject=subject, path=path)
