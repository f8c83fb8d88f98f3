"""Measures computed from a parsed field, read by ``metric`` rules and reported as scores."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_tools
from . import politeness
from .segment import Segmented, Sentence

FIRST_PERSON = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
)
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya"})

#: Measures of a whole field, with what each means (``tonecheck`` documents these in README).
TEXT_METRICS: dict[str, str] = {
    "words": "number of words",
    "sentences": "number of sentences",
    "caps_words": "words of two or more letters written in capitals",
    "caps_share": "share of words (two or more letters) written in capitals, 0 to 1",
    "shouted_words": "words in capitals that are not acronyms (READ, NEVER; not PDF, EMEA)",
    "first_person": "I, me, my, we, us, our ... count",
    "second_person": "you, your ... count",
    "first_person_share": "first-person pronouns / (first + second person), 0 when there are none",
    "sentiment": "VADER compound score of the whole text, -1 to 1",
    "min_sentence_sentiment": "VADER compound score of the most negative sentence",
    "grade": "Flesch-Kincaid grade level (textstat)",
    "questions": "sentences ending in a question mark",
    "exclamations": "exclamation marks",
    "max_sentence_words": "words in the longest sentence",
    "words_per_sentence": "average words per sentence",
    "politeness": "sum of the weights of the politeness strategies used (Danescu-Niculescu-Mizil "
    "et al. 2013); above 0.5 reads polite, below 0 brusque",
    "reader_focus": "second-person pronouns / (first + second person), 0 to 1; 0.5 when there "
    "are none",
    "polite_strategies": "number of distinct strategies with a positive weight used",
    "impolite_strategies": "number of distinct strategies with a negative weight used",
    **{
        f"strategy_{name}": f"uses of the politeness strategy '{s.label}' (weight {s.weight:+.2f})"
        for name, s in politeness.STRATEGIES.items()
    },
}

#: Measures of one sentence.
SENTENCE_METRICS: dict[str, str] = {
    "words": "number of words",
    "caps_words": "words of two or more letters written in capitals",
    "caps_share": "share of words (two or more letters) written in capitals",
    "shouted_words": "words in capitals that are not acronyms",
    "first_person": "first-person pronoun count",
    "second_person": "second-person pronoun count",
    "sentiment": "VADER compound score of the sentence",
    "exclamations": "exclamation marks",
    "terminated": "1 when the sentence ends in . ! or ? (0 for headings and fragments)",
    "directed": "1 when the sentence speaks to someone: I/you/we, 'please', '!', a command verb "
    "first, or a clearly negative tone (0 for impersonal notices)",
    "politeness": "sum of the weights of the politeness strategies the sentence uses",
}


_TERMINATED = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")


@dataclass(frozen=True)
class SentenceMeasures:
    start: int  # character offsets into the field text
    end: int
    values: dict[str, float]


@dataclass(frozen=True)
class Measures:
    text: dict[str, float]
    sentences: tuple[SentenceMeasures, ...]
    #: The politeness strategies used, in text order (offsets into the field text).
    strategies: tuple[politeness.Use, ...] = ()


def _counts(sentence: Sentence) -> dict[str, float]:
    tokens = sentence.tokens
    words = sentence.counted
    lettered = [t for t in words if t.letters >= 2]
    caps_words = [t.text for t in lettered if t.text.isupper()]
    caps = len(caps_words)
    lowers = sentence.counted_lower
    first = sum(1 for w in lowers if w in FIRST_PERSON)
    second = sum(1 for w in lowers if w in SECOND_PERSON)
    exclamations = sum(t.text.count("!") for t in tokens)
    return {
        "words": float(len(words)),
        "lettered_words": float(len(lettered)),
        "caps_words": float(caps),
        "caps_share": caps / len(lettered) if lettered else 0.0,
        "shouted_words": float(sum(1 for w in caps_words if not nlp_tools.is_acronym(w))),
        "first_person": float(first),
        "second_person": float(second),
        "exclamations": float(exclamations),
    }


_ADDITIVE = (
    "words",
    "caps_words",
    "shouted_words",
    "first_person",
    "second_person",
    "exclamations",
)


def measure(
    segmented: Segmented,
    analysed: Mapping[int, Any] | None = None,
    verbs: frozenset[str] | None = None,
) -> Measures:
    """All measures of a segmented field. ``analysed`` maps the first token of each parsed
    sentence to that sentence parsed as a ``Doc`` of its own (the bare-command strategy
    reads it)."""
    text = segmented.text
    analysed = analysed or {}
    sentences = []
    uses: list[politeness.Use] = []
    for sent in segmented.sentences:
        if sent.blank:
            continue
        values = _counts(sent)
        values["sentiment"] = nlp_tools.sentiment(sent.text)
        values["directed"] = _directed(sent, values)
        values["terminated"] = 1.0 if _TERMINATED.search(sent.text) else 0.0
        found = politeness.detect_sentence(sent, analysed.get(sent.start), verbs)
        values["politeness"] = politeness.score(found)
        uses.extend(found)
        sentences.append(
            SentenceMeasures(sent.start_char, _rstrip_end(text, sent.end_char), values)
        )
    # The whole field's counts are the sums of its sentences' (blank sentences count nothing).
    totals = {key: sum(s.values[key] for s in sentences) for key in _ADDITIVE}
    lettered = sum(s.values["lettered_words"] for s in sentences)
    totals["caps_share"] = totals["caps_words"] / lettered if lettered else 0.0
    first, second = totals["first_person"], totals["second_person"]
    used = Counter(u.strategy for u in uses)
    totals.update(
        {
            "sentences": float(len(sentences)),
            "first_person_share": first / (first + second) if first + second else 0.0,
            "reader_focus": second / (first + second) if first + second else 0.5,
            "sentiment": nlp_tools.sentiment(text) if text.strip() else 0.0,
            "min_sentence_sentiment": min((s.values["sentiment"] for s in sentences), default=0.0),
            "grade": nlp_tools.reading_grade(text) if totals["words"] else 0.0,
            "questions": float(
                sum(1 for s in sentences if text[s.start : s.end].rstrip().endswith("?"))
            ),
            "max_sentence_words": max((s.values["words"] for s in sentences), default=0.0),
            "words_per_sentence": totals["words"] / len(sentences) if sentences else 0.0,
            "politeness": politeness.score(uses),
            "polite_strategies": float(sum(1 for n in used if n in politeness.POLITE)),
            "impolite_strategies": float(sum(1 for n in used if n not in politeness.POLITE)),
        }
    )
    for name in politeness.STRATEGIES:
        totals[f"strategy_{name}"] = float(used[name])
    ordered = tuple(sorted(set(uses), key=lambda u: (u.start, u.end, u.strategy)))
    return Measures(
        text={k: round(v, 4) for k, v in totals.items()},
        sentences=tuple(sentences),
        strategies=ordered,
    )


#: Verbs that, first in a sentence, make it a command to the reader ("READ THE ATTACHMENT").
#: A closed list: taggers are unreliable on text in capitals.
_COMMAND_WORDS = (
    "do don't dont stop read pay call send reply respond answer check make get give tell look fix "
    "sign return remember listen bring come go put take keep try use let ask contact email submit "
    "complete confirm follow never"
)
COMMAND_VERBS = frozenset(_COMMAND_WORDS.split())


def _directed(sent: Sentence, values: dict[str, float]) -> float:
    """Whether a sentence speaks to someone rather than announcing something."""
    words = sent.counted_lower
    spoken = (
        values["first_person"]
        or values["second_person"]
        or values["exclamations"]
        or "please" in words
        or (words and words[0] in COMMAND_VERBS)
        or values["sentiment"] <= -0.2
    )
    return 1.0 if spoken else 0.0


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
