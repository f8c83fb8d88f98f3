"""Politeness strategies read from the parse, and the politeness score built from them.

The strategies and their weights are those of Danescu-Niculescu-Mizil, Sudhof, Jurafsky,
Leskovec and Potts, "A computational approach to politeness with application to social
factors" (ACL 2013), Table 3: each weight is the average normalised politeness score
(annotators' z-scores) of the requests that use the strategy. Nothing here is fitted to data:
a sentence's score is the sum of the weights of the strategies it uses (each counted once),
and a text's score is the sum over the strategies used anywhere in it.

Detection reads the spaCy parse where words alone mislead: "could you" counts as a
counterfactual request only when the modal comes before its subject "you" (a question to the
reader), not in "you could try"; "please" is told apart at the start of a sentence and inside
it; a sentence that starts with a bare command verb is told from one that starts with "I" or
"you"; "thanks to the storm" is not gratitude and "Good morning" is a greeting, not praise.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_tools
from .segment import Sentence, Word, read_words

PAPER = (
    "Danescu-Niculescu-Mizil et al., A computational approach to politeness with application "
    "to social factors, ACL 2013, Table 3"
)


@dataclass(frozen=True)
class Strategy:
    """One politeness strategy: its name, weight and what it looks like."""

    name: str
    label: str
    weight: float
    example: str
    #: Where the weight comes from: the paper, or tonecheck (where the paper has none).
    source: str = PAPER


#: Every strategy, in the paper's order; weights from its Table 3.
STRATEGIES: dict[str, Strategy] = {
    s.name: s
    for s in (
        Strategy("gratitude", "Gratitude", 0.87, "I really appreciate that you've done them."),
        Strategy("deference", "Deference", 0.78, "Nice work so far on your rewrite."),
        Strategy("greeting", "Greeting", 0.43, "Hey, I just tried to ..."),
        Strategy("positive_lexicon", "Positive words", 0.12, "This is a great way to deal ..."),
        Strategy("negative_lexicon", "Negative words", -0.13, "If you're going to accuse me ..."),
        Strategy("apologizing", "Apologising", 0.36, "Sorry to bother you ..."),
        Strategy("please", "Please (inside the sentence)", 0.49, "Could you please say more ..."),
        Strategy("please_start", "Please (first word)", -0.30, "Please do not remove warnings ..."),
        Strategy("indirect_btw", "Indirect (by the way)", 0.63, "By the way, where did you find"),
        Strategy("direct_question", "Direct question", -0.27, "What is your native language?"),
        Strategy("direct_start", "Direct start", -0.43, "So can you retrieve it or not?"),
        Strategy("counterfactual", "Counterfactual modal", 0.47, "Could you ... / Would you ..."),
        Strategy("indicative", "Indicative modal", 0.09, "Can you ... / Will you ..."),
        Strategy("first_person_start", "First person start", 0.12, "I have just put the article"),
        Strategy("first_person_plural", "First person plural", 0.08, "Could we find a ..."),
        Strategy("first_person", "First person", 0.08, "It is my view that ..."),
        Strategy("second_person", "Second person", 0.05, "But what's the source you have?"),
        Strategy("second_person_start", "Second person start", -0.30, "You've reverted yourself"),
        Strategy("hedges", "Hedges", 0.14, "I suggest we start with ..."),
        Strategy("factuality", "Factuality", -0.38, "In fact you did link, ..."),
        Strategy(
            "command_start",
            "Bare command first",
            -0.30,
            "Send me the file.",
            # The paper has no separate feature for a sentence that opens with a bare command;
            # it reads "please" first as one (-0.30), and this takes the same weight.
            source="tonecheck: the weight of 'please' first, which the paper reads as a command",
        ),
    )
}

#: Strategies with a positive weight: what makes a request read as polite.
POLITE = frozenset(name for name, s in STRATEGIES.items() if s.weight > 0)


@dataclass(frozen=True)
class Use:
    """One use of a strategy: ``text[start:end]`` in the field's text."""

    strategy: str
    start: int
    end: int

    @property
    def weight(self) -> float:
        return STRATEGIES[self.strategy].weight


def score(uses: Iterable[Use]) -> float:
    """The politeness score of some uses: the weights of the distinct strategies, summed
    (in one order, so the same uses always give the same score, and never -0.0)."""
    total = sum(STRATEGIES[name].weight for name in sorted({u.strategy for u in uses}))
    return round(total, 4) + 0


# -- word lists; the parse decides which uses count --------------------------------------

_GREETINGS = frozenset({"hi", "hello", "hey", "dear", "greetings", "hiya", "howdy", "heya"})
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "day", "night"})
_PRAISE = frozenset(
    [
        "great",
        "good",
        "nice",
        "excellent",
        "awesome",
        "interesting",
        "cool",
        "wonderful",
        "fantastic",
        "impressive",
        "brilliant",
        "terrific",
        "superb",
        "lovely",
        "amazing",
        "outstanding",
    ]
)
_PRAISED = frozenset(
    [
        "work",
        "job",
        "point",
        "points",
        "question",
        "questions",
        "idea",
        "ideas",
        "catch",
        "find",
        "edit",
        "edits",
        "article",
        "effort",
        "efforts",
        "suggestion",
        "suggestions",
        "thinking",
        "writing",
        "contribution",
        "contributions",
        "call",
        "summary",
        "write-up",
        "writeup",
        "presentation",
        "answer",
        "analysis",
        "research",
    ]
)
#: Apologies and gratitude, as written: every form is listed, so no lemma is needed.
_APOLOGY_WORDS = frozenset(
    [
        "sorry",
        "apologize",
        "apologizes",
        "apologized",
        "apologizing",
        "apologise",
        "apologises",
        "apologised",
        "apologising",
        "apology",
        "apologies",
    ]
)
_THANKS = frozenset({"thank", "thanks", "thanked", "thanking"})
_GRATEFUL = frozenset(
    [
        "appreciate",
        "appreciates",
        "appreciated",
        "appreciating",
        "grateful",
        "thankful",
        "gratitude",
        "thx",
        "thankyou",
    ]
)
_PLEASE = frozenset({"please", "pls", "plz", "kindly"})
_WH = frozenset({"what", "why", "who", "how", "where", "when", "which", "whose", "whom"})
_DIRECT_STARTERS = frozenset({"so", "then", "and", "but", "or"})
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ur"})
_HEDGE_WORDS = frozenset(
    [
        "maybe",
        "perhaps",
        "possibly",
        "probably",
        "presumably",
        "apparently",
        "arguably",
        "likely",
        "unlikely",
        "somewhat",
        "fairly",
        "kinda",
        "sorta",
        "hopefully",
    ]
)
#: Verbs that hedge when "I" or "we" comes just before ("I think", "we'd suggest", "I don't
#: believe"), in every form.
_HEDGE_VERBS = frozenset(
    [
        "think",
        "thinks",
        "thought",
        "thinking",
        "believe",
        "believes",
        "believed",
        "believing",
        "suppose",
        "supposes",
        "supposed",
        "supposing",
        "guess",
        "guesses",
        "guessed",
        "guessing",
        "suggest",
        "suggests",
        "suggested",
        "suggesting",
        "assume",
        "assumes",
        "assumed",
        "assuming",
        "wonder",
        "wonders",
        "wondered",
        "wondering",
    ]
)
#: Verbs that hedge with any subject ("it seems", "this appears to").
_HEDGE_ANY = frozenset(
    ["seem", "seems", "seemed", "seeming", "appear", "appears", "appeared", "appearing"]
)
#: Words before "kind of" / "sort of" that make it a noun ("a kind of tool"), not a hedge.
_KIND_NOUN = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "any",
        "some",
        "every",
        "each",
        "no",
        "one",
        "another",
        "same",
        "right",
        "wrong",
        "other",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
    ]
)
_FACT_WORDS = frozenset({"actually", "honestly", "frankly", "surely", "truthfully"})
_FACT_NOUNS = frozenset({"fact", "point", "reality", "truth"})
_BE = frozenset({"is", "was", "'s", "\u2019s", "remains"})
#: Words that turn a rated word around when they come shortly before it in its clause.
_NEGATIONS = frozenset(
    [
        "not",
        "n't",
        "n\u2019t",
        "nt",
        "no",
        "never",
        "neither",
        "nor",
        "none",
        "nothing",
        "nobody",
        "nowhere",
        "hardly",
        "barely",
        "scarcely",
        "without",
        "cannot",
    ]
)
#: What ends a clause, for negation: a rated word after one of these is not negated.
_CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "-", "but", "(", ")"})
_COUNTERFACTUAL = frozenset({"could", "would"})
_INDICATIVE = frozenset({"can", "will", "ca", "wo"})  # "ca"/"wo" are spaCy's "can't"/"won't"
#: First words that may be verbs but open no order to the reader, so the parse is not asked:
#: everyday courtesies ("Let me know", "Feel free", "Have a good weekend", "See attached",
#: "Talk soon", "Speak soon"); an unspoken "I" ("Hope the move went well", "Appreciate your
#: help", "Wish you a good week", "Trust all is well"); sign-offs ("Best, Sam", "Warm
#: regards"); and words that are verbs only in senses an email never opens with ("Still
#: waiting", "Further to my note", "Last thing", "Like I said", "Will do", "Saw your post",
#: "Perfect, thanks", "Wow"). The parser tagged several of these as bare commands.
_NOT_COMMAND_WORDS = (
    "let feel have enjoy see thank excuse pardon forgive welcome talk speak hope appreciate "
    "wish trust best warm still further last like will saw perfect wow"
)
_NOT_COMMANDS = frozenset(_NOT_COMMAND_WORDS.split())


def detect(doc: Any, verbs: frozenset[str] | None = None) -> list[Use]:
    """Every strategy used in a parsed text (its parser's sentences), in text order."""
    words = read_words(doc)
    text = doc.text
    uses: list[Use] = []
    for span in doc.sents:
        sentence = Sentence(doc, words, span.start, span.end, text)
        uses.extend(detect_sentence(sentence, span, verbs))
    return sorted(set(uses), key=lambda u: (u.start, u.end, u.strategy))


def needs_parse(sentence: Sentence, verbs: frozenset[str] | None = None) -> bool:
    """Whether detecting the strategies of ``sentence`` reads its parse: only a bare command
    first does (when the sentence opens with a word that may be one), and "thanks to"."""
    words = sentence.lexical
    if not words:
        return False
    lows = sentence.lexical_lower
    thanks_to = any(a == "thanks" and b == "to" for a, b in itertools.pairwise(lows))
    return thanks_to or _may_command(sentence.text, words, verbs)


def detect_sentence(
    sentence: Sentence, parsed: Any | None = None, verbs: frozenset[str] | None = None
) -> list[Use]:
    """The strategies one sentence uses, at offsets in its field's text. ``parsed`` is the
    sentence's analysis (a ``Doc`` or ``Span`` whose tokens are the sentence's), or ``None``.

    Only a bare command first and "thanks to" read the parse, and only when
    :func:`needs_parse` says so; every other strategy is read from the words, so a
    sentence gives the same strategies whether it was parsed or not. ``verbs`` are the
    words that may open a command (the model's verbs); ``None`` lets any word.
    """
    words = sentence.lexical
    if not words:
        return []
    uses: list[Use] = []
    first = words[0]

    def add(name: str, start_token: Word, end_token: Word | None = None) -> None:
        last = end_token if end_token is not None else start_token
        uses.append(Use(name, start_token.idx, last.idx + len(last.text)))

    def dep(k: int) -> str:
        """The dependency label of the ``k``-th word; "" without a parse."""
        return str(parsed[words[k].i - sentence.start].dep_) if parsed is not None else ""

    lows = sentence.lexical_lower
    # What the sentence starts with.
    if lows[0] in _GREETINGS or (lows[0] == "good" and len(words) > 1 and lows[1] in _TIMES_OF_DAY):
        add("greeting", first, words[1] if lows[0] == "good" else None)
    elif _praise_start(lows):
        add("deference", first, words[1] if len(words) > 1 else None)
    if lows[0] in _PLEASE:
        add("please_start", first)
    if lows[0] in _DIRECT_STARTERS and len(words) > 1:
        add("direct_start", first)
    if lows[0] in _WH and sentence.text.rstrip().endswith("?"):
        add("direct_question", first)
    if lows[0] in _FIRST_SINGULAR:
        add("first_person_start", first)
    if lows[0] in _SECOND:
        add("second_person_start", first)
    if (
        parsed is not None
        and _may_command(sentence.text, words, verbs)
        and _command_start(parsed[first.i - sentence.start])
    ):
        add("command_start", first)

    taken: set[int] = set()
    for i, tok in enumerate(words):
        low = lows[i]
        nxt = lows[i + 1] if i + 1 < len(words) else ""
        if _gratitude(lows, i, dep):
            add("gratitude", tok)
        elif low in _APOLOGY_WORDS or (
            low in ("excuse", "forgive", "pardon") and nxt in ("me", "my", "us")
        ):
            add("apologizing", tok)
        elif low in _PLEASE and i > 0:
            add("please", tok)
        elif low == "btw" or low == "incidentally":
            add("indirect_btw", tok)
        elif low == "by" and nxt == "the" and i + 2 < len(words) and lows[i + 2] == "way":
            add("indirect_btw", tok, words[i + 2])
            taken.update({i + 1, i + 2})
        elif low in _COUNTERFACTUAL | _INDICATIVE and (reader := _reader_after(lows, i)):
            add("counterfactual" if low in _COUNTERFACTUAL else "indicative", tok, words[reader])
        elif _hedge(words, lows, i):
            add("hedges", tok)
        elif low in _FACT_WORDS or _fact_phrase(lows, i):
            add("factuality", tok, words[i + 1] if low in ("in", "the") else None)
        else:
            continue
        taken.add(i)
    for i, tok in enumerate(words):
        low = lows[i]
        if i == 0 and low in _FIRST_SINGULAR | _SECOND:
            continue
        if low in _FIRST_SINGULAR:
            add("first_person", tok)
        elif low in _FIRST_PLURAL:
            add("first_person_plural", tok)
        elif low in _SECOND:
            add("second_person", tok)
        elif i not in taken and not tok.is_stop and all(u.start != tok.idx for u in uses):
            # A word rated clearly positive or negative in VADER's lexicon (the paper used
            # Liu and Hu's); "not very good" counts as negative, "not bad" as neither.
            rating = nlp_tools.valence(low)
            if abs(rating) >= 1.0:
                negated = _negated(sentence, tok)
                if rating > 0:
                    add("negative_lexicon" if negated else "positive_lexicon", tok)
                elif not negated:
                    add("negative_lexicon", tok)
    return uses


def _praise_start(lows: list[str]) -> bool:
    """ "Nice work", "Great question", "Well done": praise of the reader's work, first."""
    if len(lows) < 2:
        return False
    first, second = lows[0], lows[1]
    return (first in _PRAISE and second in _PRAISED) or (first, second) == ("well", "done")


def _gratitude(lows: list[str], i: int, dep: Callable[[int], str]) -> bool:
    low = lows[i]
    if low in _GRATEFUL:
        return True
    if low not in _THANKS:
        return False
    # "no thanks" declines; "thanks to the storm" gives a cause, unless the parse makes
    # "thanks" the head of the sentence ("Thanks to everyone who came").
    if i > 0 and lows[i - 1] == "no":
        return False
    if low == "thanks" and i + 1 < len(lows) and lows[i + 1] == "to":
        return dep(i) == "ROOT"
    return True


def _reader_after(lows: list[str], i: int) -> int | None:
    """The index of "you" right after a modal ("could you", "can't you"): the question
    word order, which asks the reader, not "you could try"."""
    j = i + 1
    if j < len(lows) and lows[j] in ("n't", "n\u2019t", "not"):
        j += 1
    return j if j < len(lows) and lows[j] in _SECOND else None


def _hedge(words: list[Word], lows: list[str], i: int) -> bool:
    low = lows[i]
    if low in _HEDGE_WORDS or low in _HEDGE_ANY:
        return True
    # "might", and "may" in lower case (not the month), inside the sentence.
    if i > 0 and (low == "might" or words[i].text == "may"):
        return True
    if low in _HEDGE_VERBS:
        return any(w in ("i", "we") for w in lows[max(0, i - 3) : i])
    if low in ("kind", "sort") and i + 1 < len(lows) and lows[i + 1] == "of":
        return i == 0 or lows[i - 1] not in _KIND_NOUN
    return False


def _fact_phrase(lows: list[str], i: int) -> bool:
    """'In fact', or "the fact/point/reality/truth is" as the sentence's frame."""
    low = lows[i]
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if low == "in" and nxt == "fact":
        return True
    return low == "the" and nxt in _FACT_NOUNS and i + 2 < len(lows) and lows[i + 2] in _BE


def _may_command(text: str, words: list[Word], verbs: frozenset[str] | None) -> bool:
    """Whether the sentence may open with a bare command, which only the parse can tell:
    its first word may be a verb and is not a courtesy ("Let me know", "Have a good day",
    "Please ..."), and it is not a question."""
    first = words[0].lower_
    if first in _PLEASE or first in _NOT_COMMANDS or text.rstrip().endswith("?"):
        return False
    return first in verbs if verbs is not None else words[0].is_alpha


def _command_start(first: Any) -> bool:
    """The parse says the first word is a bare command verb ("Send me the file", "Fix
    this"): a base-form verb heading the sentence, with no subject."""
    if first.tag_ != "VB" or first.dep_ not in ("ROOT", "conj"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)


def _negated(sentence: Sentence, tok: Word) -> bool:
    """Whether a negation comes shortly before the word in its clause: "not good", "don't
    find it very good", but not "no problem, good".

    Read from the words (up to four before it), not the parse, like VADER's own check."""
    seen = 0
    base = sentence.start
    for j in range(tok.i - 1, base - 1, -1):
        prev = sentence.tokens[j - base]
        low = prev.lower_
        if low in _CLAUSE_BREAKS:
            return False
        if low in _NEGATIONS:
            return True
        if not (prev.is_punct or prev.is_space):
            seen += 1
            if seen >= 4:
                return False
    return False
