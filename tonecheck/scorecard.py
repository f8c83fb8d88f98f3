"""The scorecard: the measures people look at before they send, each with a band.

Each measure gets a band (``good``, ``fair`` or ``poor``) for how likely the email is to get a
reply and keep the relationship warm, with a reason and the source of its threshold. The
thresholds come from the studies cited in README ("The scorecard") and can be changed with
the ``scorecard`` key of a config file; a band's reason is written from the thresholds in use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .schema import Condition

GOOD, FAIR, POOR = "good", "fair", "poor"
BANDS = (GOOD, FAIR, POOR)

#: Where each threshold comes from (short names; README, "The scorecard", cites them in full).
BOOMERANG = "Boomerang 2016"
VADER = "VADER; Boomerang 2016"
PLAIN = "plain English"
POLITENESS = "politeness, ACL 2013"
ENRON = "Enron spread"


@dataclass(frozen=True)
class Bands:
    """A measure's ``good`` and ``fair`` ranges (a value in neither is ``poor``). Each band
    is one or more ranges; a value in any of them is in the band."""

    good: tuple[Condition, ...]
    fair: tuple[Condition, ...] = ()

    def band(self, value: float) -> str:
        if any(c.holds(value) for c in self.good):
            return GOOD
        if any(c.holds(value) for c in self.fair):
            return FAIR
        return POOR

    def to_dict(self) -> dict[str, Any]:
        return {
            GOOD: [c.model_dump(exclude_none=True) for c in self.good],
            FAIR: [c.model_dump(exclude_none=True) for c in self.fair],
        }


def _c(**bounds: float) -> Condition:
    return Condition(**bounds)


@dataclass(frozen=True)
class Measure:
    """One line of the scorecard."""

    name: str
    label: str
    source: str
    default: Bands
    #: What the line shows, from all the scores.
    shown: Callable[[Mapping[str, float]], str]
    #: The reason, for a value below, inside or above the good range; ``{good}`` is that
    #: range in words.
    low: str
    good: str
    high: str
    #: Whether values are shares, shown as percentages in the reasons.
    percent: bool = False
    #: When the email gives the measure nothing to measure: the test, and the reason for
    #: the ``fair`` band it then gets whatever the value.
    empty: Callable[[Mapping[str, float]], bool] | None = None
    empty_reason: str = ""


def _no_pronouns(scores: Mapping[str, float]) -> bool:
    return not scores.get("first_person", 0.0) + scores.get("second_person", 0.0)


def _n(value: float) -> str:
    return f"{round(value, 2):g}"


def _plural(n: float, word: str) -> str:
    return f"{_n(n)} {word}{'' if n == 1 else 's'}"


MEASURES: tuple[Measure, ...] = (
    Measure(
        "words",
        "length",
        BOOMERANG,
        Bands(
            (_c(at_least=50, at_most=125),), (_c(at_least=1, below=50), _c(above=125, at_most=500))
        ),
        lambda s: _plural(s["words"], "word"),
        low="shorter than the {good} words that get the most replies; fine for a quick answer",
        good="in the {good} words that get the most replies",
        high="longer than the {good} words that get the most replies; replies fall past 500",
    ),
    Measure(
        "words_per_sentence",
        "sentences",
        PLAIN,
        Bands((_c(at_most=20),), (_c(above=20, at_most=30),)),
        lambda s: (
            f"{_plural(s['sentences'], 'sentence')}, {s['words_per_sentence']:.1f} words each"
        ),
        low="short sentences (good: {good} words on average)",
        good="short sentences (good: {good} words on average)",
        high="long sentences (good: {good} words on average); split the longest",
    ),
    Measure(
        "grade",
        "reading",
        BOOMERANG,
        Bands((_c(at_most=6),), (_c(above=6, at_most=12),)),
        lambda s: f"grade {s['grade']:.1f}",
        low="plain reading level (good: grade {good}); replies peak at grade 3 to 5",
        good="plain reading level (good: grade {good}); replies peak at grade 3 to 5",
        high="harder than plain (good: grade {good}); college-level emails get the fewest replies",
    ),
    Measure(
        "sentiment",
        "sentiment",
        VADER,
        Bands((_c(at_least=0.05),), (_c(above=-0.5, below=0.05),)),
        lambda s: f"{s['sentiment']:+.2f} overall",
        low="neutral to negative (good: {good}); mildly warm emails get 10-15% more replies",
        good="warm (good: {good}); mildly positive emails get the most replies",
        high="warm (good: {good}); mildly positive emails get the most replies",
    ),
    Measure(
        "min_sentence_sentiment",
        "harshest line",
        ENRON,
        Bands((_c(above=-0.5),), (_c(above=-0.75, at_most=-0.5),)),
        lambda s: f"{s['min_sentence_sentiment']:+.2f}",
        low="a sentence reads as harsh (good: {good}); soften it or say it in person",
        good="no sentence reads as harsh",
        high="no sentence reads as harsh",
    ),
    Measure(
        "politeness",
        "politeness",
        POLITENESS,
        Bands((_c(at_least=0.5),), (_c(at_least=0, below=0.5),)),
        lambda s: f"{s['politeness']:+.2f}",
        low="few polite strategies (good: {good}); thanks, a greeting or 'could you' help",
        good="reads polite (good: {good}): thanks, greetings, 'could you', 'please' inside",
        high="reads polite (good: {good}): thanks, greetings, 'could you', 'please' inside",
    ),
    Measure(
        "reader_focus",
        "reader focus",
        ENRON,
        Bands((_c(at_least=0.3),), (_c(at_least=0.1, below=0.3),)),
        lambda s: "no I or you" if _no_pronouns(s) else f"{round(100 * s['reader_focus'])}% you",
        low="mostly about the writer (good: {good} 'you' among I/we/you); turn to the reader",
        good="speaks to the reader (good: {good} 'you' among I/we/you)",
        high="speaks to the reader (good: {good} 'you' among I/we/you)",
        percent=True,
        # Neither about the writer nor written to the reader.
        empty=_no_pronouns,
        empty_reason="no I, we or you; name the reader or what they need",
    ),
    Measure(
        "questions",
        "questions",
        BOOMERANG,
        Bands((_c(at_least=1, at_most=3),), (_c(at_most=0),)),
        lambda s: _n(s["questions"]),
        low="no question; if you need an answer, ask (1 to 3 questions get 50% more replies)",
        good="a clear ask (good: {good}); 1 to 3 questions get the most replies",
        high="many questions (good: {good}); the reader may answer none",
    ),
    Measure(
        "subject_words",
        "subject",
        BOOMERANG,
        Bands((_c(at_least=2, at_most=5),), (_c(at_least=1, below=2), _c(above=5, at_most=9))),
        lambda s: _plural(s["subject_words"], "word"),
        low="short; subjects of 3 to 4 words get the most replies, none at all the fewest",
        good="short and clear (good: {good}); 3 to 4 words get the most replies",
        high="long; subjects of 3 to 4 words get the most replies",
    ),
)

BY_NAME: dict[str, Measure] = {m.name: m for m in MEASURES}


@dataclass(frozen=True)
class ScoreLine:
    """One measure of one email, with its band and why."""

    measure: str
    label: str
    value: float
    shown: str
    band: str
    reason: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def describe(conditions: tuple[Condition, ...], percent: bool = False) -> str:
    """A range in words: "50 to 125", "up to 20", "0.05 or more", "30% or more"."""
    parts = []
    scale = 100.0 if percent else 1.0
    for c in conditions:
        low = c.at_least if c.at_least is not None else c.above
        high = c.at_most if c.at_most is not None else c.below
        low = low * scale if low is not None else None
        high = high * scale if high is not None else None
        if low is not None and high is not None:
            parts.append(f"{_n(low)} to {_n(high)}" if low != high else _n(low))
        elif low is not None:
            parts.append(f"{_n(low)} or more" if c.at_least is not None else f"over {_n(low)}")
        elif high is not None:
            parts.append(f"up to {_n(high)}" if c.at_most is not None else f"under {_n(high)}")
    text = " or ".join(parts)
    return re.sub(r"(\d)(?= |$)", r"\1%", text) if percent else text


def _side(bands: Bands, value: float) -> str:
    """Whether ``value`` is below, inside or above the good range."""
    if any(c.holds(value) for c in bands.good):
        return "good"
    lows = [c.at_least if c.at_least is not None else c.above for c in bands.good]
    floor = min((x for x in lows if x is not None), default=None)
    return "low" if floor is not None and value < floor else "high"


def score_lines(
    scores: Mapping[str, float], bands: Mapping[str, Bands] | None = None
) -> tuple[ScoreLine, ...]:
    """The scorecard of one email from its scores (``subject_words`` is left out when the
    email has no subject); ``bands`` replace the default thresholds by measure name."""
    lines = []
    for m in MEASURES:
        if m.name not in scores:
            continue
        chosen = (bands or {}).get(m.name, m.default)
        value = scores[m.name]
        if m.empty is not None and m.empty(scores):
            band, reason = FAIR, m.empty_reason
        else:
            band = chosen.band(value)
            good = describe(chosen.good, percent=m.percent)
            reason = getattr(m, _side(chosen, value)).format(good=good)
        lines.append(ScoreLine(m.name, m.label, value, m.shown(scores), band, reason, m.source))
    return tuple(lines)


_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr)\s*(?:\[\d+\])?\s*:)+", re.I)


def subject_words(subject: str) -> float:
    """Words in a subject line, not counting "Re:" and "Fwd:" (as the reply studies count)."""
    return float(len(re.findall(r"\w[\w'\u2019-]*", _REPLY_PREFIX.sub("", subject))))
