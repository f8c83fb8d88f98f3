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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_tools

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
    """The politeness score of some uses: the weights of the distinct strategies, summed."""
    return round(sum(STRATEGIES[name].weight for name in {u.strategy for u in uses}), 4)


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
_APOLOGY_LEMMAS = frozenset({"sorry", "apologize", "apologise", "apology", "apologies"})
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
#: Verbs that hedge when "I" or "we" is their subject ("I think", "we suggest").
_HEDGE_VERBS = frozenset({"think", "believe", "suppose", "guess", "suggest", "assume", "wonder"})
#: Verbs that hedge with any subject ("it seems", "this appears to").
_HEDGE_ANY = frozenset({"seem", "appear"})
_FACT_WORDS = frozenset({"actually", "honestly", "frankly", "surely", "truthfully"})
_FACT_NOUNS = frozenset({"fact", "point", "reality", "truth"})
_COUNTERFACTUAL = frozenset({"could", "would"})
_INDICATIVE = frozenset({"can", "will", "ca", "wo"})  # "ca"/"wo" are spaCy's "can't"/"won't"
#: Command verbs that open everyday courtesies rather than orders ("Let me know", "Feel free",
#: "Have a good weekend", "See attached").
_COURTEOUS_COMMANDS = frozenset(
    {"let", "feel", "have", "enjoy", "see", "thank", "excuse", "pardon", "forgive", "welcome"}
)


def detect(doc: Any) -> list[Use]:
    """Every strategy used in a parsed text, in text order."""
    uses: list[Use] = []
    for sent in doc.sents:
        uses.extend(detect_sentence(sent))
    return sorted(set(uses), key=lambda u: (u.start, u.end, u.strategy))


def detect_sentence(sent: Any) -> list[Use]:
    """The strategies one sentence (a spaCy ``Span``) uses."""
    words = [t for t in sent if not (t.is_punct or t.is_space) and any(c.isalnum() for c in t.text)]
    if not words:
        return []
    uses: list[Use] = []
    first = words[0]

    def add(name: str, start_token: Any, end_token: Any | None = None) -> None:
        last = end_token if end_token is not None else start_token
        uses.append(Use(name, start_token.idx, last.idx + len(last.text)))

    # What the sentence starts with.
    if first.lower_ in _GREETINGS or (
        first.lower_ == "good" and len(words) > 1 and words[1].lower_ in _TIMES_OF_DAY
    ):
        add("greeting", first, words[1] if first.lower_ == "good" else None)
    elif _praise_start(words):
        add("deference", first, words[1] if len(words) > 1 else None)
    if first.lower_ in _PLEASE:
        add("please_start", first)
    if first.lower_ in _DIRECT_STARTERS and len(words) > 1:
        add("direct_start", first)
    if first.lower_ in _WH and sent.text.rstrip().endswith("?"):
        add("direct_question", first)
    if first.lower_ in _FIRST_SINGULAR:
        add("first_person_start", first)
    if first.lower_ in _SECOND:
        add("second_person_start", first)
    if _command_start(sent, words):
        add("command_start", first)

    taken: set[int] = set()
    for i, tok in enumerate(words):
        low = tok.lower_
        nxt = words[i + 1].lower_ if i + 1 < len(words) else ""
        if _gratitude(tok, nxt):
            add("gratitude", tok)
        elif tok.lemma_.lower() in _APOLOGY_LEMMAS or (
            low in ("excuse", "forgive", "pardon") and nxt in ("me", "my", "us")
        ):
            add("apologizing", tok)
        elif low in _PLEASE and i > 0:
            add("please", tok)
        elif low == "btw" or low == "incidentally":
            add("indirect_btw", tok)
        elif low == "by" and nxt == "the" and i + 2 < len(words) and words[i + 2].lower_ == "way":
            add("indirect_btw", tok, words[i + 2])
            taken.update({i + 1, i + 2})
        elif low in _COUNTERFACTUAL | _INDICATIVE and _asks_reader(tok):
            add("counterfactual" if low in _COUNTERFACTUAL else "indicative", tok, _subject(tok))
        elif _hedge(tok, low):
            add("hedges", tok)
        elif low in _FACT_WORDS or _fact_phrase(words, i):
            add("factuality", tok, words[i + 1] if low in ("in", "the") else None)
        else:
            continue
        taken.add(i)
    for i, tok in enumerate(words):
        low = tok.lower_
        if i == 0 and low in _FIRST_SINGULAR | _SECOND:
            continue
        if low in _FIRST_SINGULAR:
            add("first_person", tok)
        elif low in _FIRST_PLURAL:
            add("first_person_plural", tok)
        elif low in _SECOND:
            add("second_person", tok)
        elif i not in taken and not tok.is_stop and not any(u.start == tok.idx for u in uses):
            # A word rated clearly positive or negative in VADER's lexicon (the paper used
            # Liu and Hu's); "not very good" counts as negative, "not bad" as neither.
            rating = nlp_tools.valence(low)
            if abs(rating) >= 1.0:
                negated = _negated(tok)
                if rating > 0:
                    add("negative_lexicon" if negated else "positive_lexicon", tok)
                elif not negated:
                    add("negative_lexicon", tok)
    return uses


def _praise_start(words: list[Any]) -> bool:
    """ "Nice work", "Great question", "Well done": praise of the reader's work, first."""
    if len(words) < 2:
        return False
    first, second = words[0].lower_, words[1].lower_
    return (first in _PRAISE and second in _PRAISED) or (first, second) == ("well", "done")


def _gratitude(tok: Any, nxt: str) -> bool:
    low = tok.lower_
    if low in ("thx", "thankyou"):
        return True
    lemma = tok.lemma_.lower()
    if lemma == "thank" or low in ("thanks", "thank"):
        # "thanks to the storm" explains a cause; "no thanks" declines.
        return not (low == "thanks" and nxt == "to" and tok.dep_ != "ROOT") and not (
            tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no"
        )
    return lemma in ("appreciate", "grateful", "thankful", "gratitude") or low == "appreciated"


def _asks_reader(modal: Any) -> bool:
    """A modal asking the reader: "could you", "would you mind", "can you", "will you": its
    subject "you" comes after it (the question word order), not before ("you could try")."""
    if modal.dep_ != "aux" and modal.pos_ != "AUX":
        return False
    subject = _subject(modal)
    return subject is not None and subject.lower_ in _SECOND and subject.i > modal.i


def _subject(modal: Any) -> Any | None:
    head = modal.head if modal.dep_ == "aux" else modal
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return child
    # The tagger sometimes hangs "you" off the modal itself ("Would you mind ...").
    nxt = modal.nbor(1) if modal.i + 1 < len(modal.doc) else None
    if nxt is not None and nxt.lower_ in _SECOND:
        return nxt
    return None


def _hedge(tok: Any, low: str) -> bool:
    if low in _HEDGE_WORDS:
        return True
    if low in ("might", "may") and tok.dep_ == "aux" and tok.i > tok.sent.start:
        return True
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lemma in _HEDGE_ANY:
        return True
    if tok.pos_ == "VERB" and lemma in _HEDGE_VERBS:
        return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children)
    if low in ("kind", "sort") and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "of":
        return tok.dep_ in ("advmod", "amod") or tok.head.pos_ in ("ADJ", "VERB")
    return False


def _fact_phrase(words: list[Any], i: int) -> bool:
    """'In fact', or "the fact/point/reality/truth is" as the sentence's frame."""
    low = words[i].lower_
    nxt = words[i + 1].lower_ if i + 1 < len(words) else ""
    if low == "in" and nxt == "fact":
        return True
    if low == "the" and nxt in _FACT_NOUNS and i + 2 < len(words):
        return bool(words[i + 2].lemma_.lower() == "be" and words[i + 1].dep_ == "nsubj")
    return False


def _command_start(sent: Any, words: list[Any]) -> bool:
    """The sentence opens with a bare command verb ("Send me the file", "Fix this"), not a
    courtesy ("Let me know", "Have a good day") and not a question."""
    first = words[0]
    if first.lower_ in _PLEASE or first.lemma_.lower() in _COURTEOUS_COMMANDS:
        return False
    if sent.text.rstrip().endswith("?"):
        return False
    if first.tag_ != "VB" or first.dep_ not in ("ROOT", "conj"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)


def _negated(tok: Any) -> bool:
    """Whether a negation governs the word: "not good", "don't find it very good"."""
    node = tok
    for _ in range(4):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.dep_ == "ROOT" or node.head is node:
            return False
        node = node.head
    return False
