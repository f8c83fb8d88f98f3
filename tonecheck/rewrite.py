"""Suggestion templates -> replacement text that fits where it goes.

A template is text with fields: ``{match}`` (the flagged words), a rule kind's captures
(``{cond}``, a regex's named groups), and ``{deadline}`` ("by Friday", found in the
flagged sentence). A field may take a spec: ``{cond:VB}`` inflects a captured word to a
Penn tag (with lemminflect; a verb keeps the words that complete it: "called me back" ->
"call me back", "signed the form by Friday" -> "sign the form"),
``{match:lower}`` lowers it. A template that names a field the hit does not have is
skipped, so a rule can list a specific rewrite first and a general one after it.

Words put in from the original are never left shouting: a word in capitals is lowered
unless it is "I" or an acronym ("PDF").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .nlp import is_acronym

#: Penn tags a captured word can be inflected to.
INFLECTIONS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "JJR", "JJS"})
#: Every spec a template field may carry.
SPECS = INFLECTIONS | {"lower"}

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")

_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WHEN = (
    rf"(?:(?:this|next|on)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening))?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_MONTH})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month|quarter)"
    r"|(?:close\s+of\s+business|eod|cob|eow|noon|midday|tomorrow|tonight|today)"
    r"|(?:this|next)\s+(?:week|month|morning|afternoon|evening)"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm)(?:\s+(?:today|tomorrow))?"
)
_DEADLINE = re.compile(
    rf"\b(?:(?:by|before|until)\s+(?:{_WHEN})|(?:today|tomorrow|tonight)"
    r"|(?:this|next)\s+(?:week|morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_NAME = re.compile(rf"\b(?:{_DAY}|{_MONTH})\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\b(?:eod|cob|eow|am|pm)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Captured:
    """A word (or words) taken from the flagged text, with what inflecting it needs."""

    text: str
    lemma: str | None = None
    #: What completes a verb: particle and objects ("me back" in "call me back"); kept
    #: when the word is inflected.
    tail: str = ""

    def __format__(self, spec: str) -> str:
        if spec == "lower":
            return self.text.lower()
        if spec in INFLECTIONS:
            return _inflect(self, spec)
        return unshout(self.text)


def deadline(sentence: str) -> str | None:
    """The first deadline ("by Friday", "before the 15th") in ``sentence``, in lower case
    but for day and month names and EOD/COB/EOW."""
    m = _DEADLINE.search(sentence)
    if not m:
        return None
    # "until Friday" reads as a grace period in a request; a rewrite asks "by Friday".
    text = re.sub(r"^until\b", "by", m.group(0).lower())
    text = _NAME.sub(lambda w: w.group(0).capitalize(), text)
    return _ABBREVIATION.sub(
        lambda w: w.group(0).upper() if w.group(0).lower() in ("eod", "cob", "eow") else w.group(0),
        text,
    )


_QUESTION_START = re.compile(
    r"^\W*(?:why|what|how|when|where|who|which|is|are|am|was|were|do|does|did|can|could|"
    r"will|would|should|shall|have|has|had|may|might|isn't|aren't|don't|doesn't|didn't|"
    r"won't|can't|wouldn't|shouldn't)\b",
    re.IGNORECASE,
)


def is_question(sentence: str) -> bool:
    """Whether ``sentence`` asks something: it has a question mark, or opens like a
    question ("Why is this still not fixed!!!")."""
    return "?" in sentence or bool(_QUESTION_START.match(sentence))


def render(template: str, values: Mapping[str, Captured | str]) -> str | None:
    """``template`` filled in from ``values``; ``None`` if it names a value not there."""
    out: list[str] = []
    last = 0
    for m in _FIELD.finditer(template):
        value = values.get(m.group(1))
        if value is None:
            return None
        out.append(template[last : m.start()])
        out.append(format(value, m.group(2) or "") if isinstance(value, Captured) else value)
        last = m.end()
    out.append(template[last:])
    return "".join(out)


def fields(template: str) -> list[tuple[str, str]]:
    """``(name, spec)`` for each field of ``template`` (spec ``""`` when there is none)."""
    return [(m.group(1), m.group(2) or "") for m in _FIELD.finditer(template)]


def unshout(text: str) -> str:
    """Lower words in capitals, keeping "I", acronyms and initials ("U.S."); day and month
    names keep their capital ("MONDAY" -> "Monday")."""

    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        if word == "I" or not word.isupper():
            return word
        if _NAME.fullmatch(word) and word != "MAY":  # "YOU MAY" is a verb, not the month
            return word.capitalize()
        if len(word) == 1:  # "A", the "E" of "E-MAIL"; but not the "U" of "U.S."
            return word if text[m.end() : m.end() + 1] == "." else word.lower()
        return word if is_acronym(word) else word.lower()

    return _WORD.sub(lower, text)


def sentence_case(text: str) -> str:
    """``PLEASE READ THE PDF!!!`` -> ``Please read the PDF!``: shouted words lowered,
    acronyms kept, runs of exclamation marks cut to one."""
    out = re.sub(r"[!?]*!{2,}[!?]*", "!", unshout(text))
    return out[:1].upper() + out[1:]


def fit_case(text: str, original: str, at_sentence_start: bool) -> str:
    """Fit a rewrite's first letter to where it goes: capitalised at a sentence start,
    lower case inside a sentence (unless it starts with "I" or the original was a name)."""
    if not text or not original:
        return text
    if at_sentence_start:
        return text[0].upper() + text[1:]
    if text[0].isupper() and not original[0].isupper() and not re.match(r"I\b", text):
        return text[0].lower() + text[1:]
    return text


def _inflect(word: Captured, tag: str) -> str:
    from lemminflect import getAllLemmas, getInflection

    text = word.text.lower() if word.text.isupper() else word.text
    lemma = word.lemma.lower() if word.lemma and word.lemma.isupper() else word.lemma
    if not lemma:
        pos = "VERB" if tag.startswith("VB") else "ADJ" if tag.startswith("JJ") else "NOUN"
        lemma = (getAllLemmas(text, upos=pos).get(pos) or (text,))[0]
    forms = getInflection(lemma, tag=tag)
    inflected = forms[0] if forms else lemma
    return f"{inflected} {unshout(word.tail)}" if word.tail else inflected
