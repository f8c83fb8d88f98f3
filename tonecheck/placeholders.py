"""Template placeholders, replaced for analysis by a neutral stand-in of the same role.

"Hi {{ first_name }}," is checked as "Hi Sam,", so a placeholder is never flagged (as
shouting, say) and the sentence still parses; control tags (``{% if %}``, ``{{#each}}``) are
dropped. Positions still point at the placeholder in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .textmap import Edit


@dataclass(frozen=True)
class Placeholder:
    """One placeholder syntax: ``pattern``'s group ``name`` is the variable; ``control``
    matches are dropped instead of replaced."""

    engine: str
    pattern: str
    control: bool = False


#: The syntaxes recognised by default, most specific first.
DEFAULT_PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("jinja-comment", r"\{#.*?#\}", control=True),
    Placeholder("jinja-tag", r"\{%-?.*?-?%\}", control=True),
    Placeholder("handlebars-block", r"\{\{\{?\s*[#/^>!][^{}]*\}?\}\}", control=True),
    Placeholder("handlebars-else", r"\{\{\s*else\s*\}\}", control=True),
    Placeholder("mustache", r"\{\{\{?-?\s*(?P<name>[^{}]+?)\s*-?\}?\}\}"),
    Placeholder("mailchimp", r"\*\|(?P<name>[A-Za-z0-9_:]+)\|\*"),
    Placeholder("percent", r"%(?P<name>[A-Z][A-Z0-9_]*)%"),
    Placeholder("python", r"\{(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\}"),
    Placeholder("bracket", r"\[(?P<name>[A-Z][A-Za-z]*(?:[ _][A-Z][A-Za-z]*){0,3})\]"),
)

# Stand-ins by role: the first whose keywords occur in the variable's name.
_ROLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("company", "org", "business", "account", "employer", "brand"), "Acme"),
    (("name", "first", "last", "contact", "recipient", "user", "customer", "rep", "sender"), "Sam"),
    (("date", "day", "deadline"), "Monday"),
    (("time", "hour"), "10:00"),
    (("amount", "price", "total", "cost", "fee", "balance", "discount", "number", "count"), "100"),
    (("url", "link", "href"), "the link"),
    (("email", "mail"), "sam@example.com"),
    (("city", "town", "location", "address", "country"), "Leeds"),
    (("product", "plan", "service", "item", "tier"), "the plan"),
)
_DEFAULT_STAND_IN = "this"


def stand_in(variable: str) -> str:
    """A neutral word of the same role as a placeholder variable ("first_name" -> "Sam")."""
    name = re.sub(r"[^a-z]+", " ", variable.lower().split("|")[0])
    for keywords, word in _ROLES:
        if any(k in name for k in keywords):
            return word
    return _DEFAULT_STAND_IN


def compile_placeholders(placeholders: tuple[Placeholder, ...]) -> re.Pattern[str]:
    alternatives = []
    for i, p in enumerate(placeholders):
        body = p.pattern.replace("(?P<name>", f"(?P<name{i}>")
        alternatives.append(f"(?P<p{i}>{body})")
    return re.compile("|".join(alternatives), re.DOTALL)


_DEFAULT_REGEX = compile_placeholders(DEFAULT_PLACEHOLDERS)
#: A character every default placeholder starts with: a text without one holds none.
_DEFAULT_OPENERS = "{*%["


def find(
    text: str,
    start: int = 0,
    end: int | None = None,
    placeholders: tuple[Placeholder, ...] = DEFAULT_PLACEHOLDERS,
) -> Iterator[Edit]:
    """Edits that replace every placeholder in ``text[start:end]`` by its stand-in."""
    stop = len(text) if end is None else end
    if placeholders is DEFAULT_PLACEHOLDERS and all(
        text.find(opener, start, stop) < 0 for opener in _DEFAULT_OPENERS
    ):
        return  # most emails: no template syntax at all
    regex = (
        _DEFAULT_REGEX
        if placeholders is DEFAULT_PLACEHOLDERS
        else compile_placeholders(placeholders)
    )
    for m in regex.finditer(text, start, stop):
        i = next(
            int(k[1:]) for k, v in m.groupdict().items() if v is not None and k.startswith("p")
        )
        if placeholders[i].control:
            yield Edit(m.start(), m.end(), "")
        else:
            yield Edit(m.start(), m.end(), stand_in(m.group(f"name{i}") or ""))
