"""The engine: message -> one spaCy ``Doc`` per field -> rules -> sorted findings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from . import message as messages
from .config import Config
from .errors import ConfigError
from .findings import CATEGORIES, Finding, Report, Suggestion
from .kinds import Context, Hit
from .loader import Rule, builtin_rules_dir, compile_rules, load_specs
from .message import Field, Message
from .metrics import Measures, measure
from .nlp import Pipeline, load_pipeline

#: What ``check_many`` accepts: a body, a ``(body, subject)`` pair, or a :class:`Message`.
Item = str | tuple[str, str | None] | Message

_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")


@dataclass(frozen=True)
class _FieldResult:
    findings: list[Finding]
    measures: Measures


class Checker:
    """Loads the rules and the NLP pipeline once; ``check`` is safe to call from many threads."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        paths: list[Any] = [builtin_rules_dir()] if self.config.builtin_rules else []
        paths.extend(self.config.rule_paths)
        sources = load_specs(paths)
        chosen = _select(sources, self.config)
        self.pipeline: Pipeline = load_pipeline(self.config.model)
        compiled = compile_rules(chosen, self.pipeline.nlp)
        self.rules: tuple[Rule, ...] = tuple(r for r in compiled if self.pipeline.provides(r.kind.needs))
        #: Rules that cannot run because the pipeline lacks what they need (no model).
        self.skipped: tuple[Rule, ...] = tuple(r for r in compiled if r not in self.rules)

    def check(self, body: str, subject: str | None = None) -> Report:
        """Check one email; positions refer to ``body`` (and to ``subject`` for its findings)."""
        return self.check_message(messages.from_strings(body, subject))

    def check_message(self, message: Message) -> Report:
        """Check a :class:`Message`; positions refer to its source when it has one."""
        with self.pipeline.lock:
            docs = [self.pipeline.nlp(f.text) for f in message.fields]
            return self._report(message, docs)

    def check_many(self, items: Iterable[Item], *, batch_size: int = 32) -> Iterator[Report]:
        """Check many emails, streaming reports in input order; parses in batches (``nlp.pipe``)."""
        iterator = iter(items)
        while batch := [_as_message(item) for item in islice(iterator, batch_size)]:
            with self.pipeline.lock:
                texts = [f.text for m in batch for f in m.fields]
                docs = iter(list(self.pipeline.nlp.pipe(texts, batch_size=batch_size)))
                reports = [self._report(m, [next(docs) for _ in m.fields]) for m in batch]
            yield from reports

    def _report(self, message: Message, docs: list[Any]) -> Report:
        findings: list[Finding] = []
        scores: dict[str, float] = {}
        texts: dict[str, str] = {}
        for field, doc in zip(message.fields, docs, strict=True):
            texts[field.name] = field.frame(message.source)[0]
            result = self._check_field(message, field, doc)
            findings.extend(result.findings)
            if field.name == "body":
                scores.update(result.measures.text)
            else:
                scores["subject_words"] = result.measures.text["words"]
        findings.sort(key=lambda f: f.sort_key)
        return Report(tuple(findings), scores, message.path, texts)

    def _check_field(self, message: Message, field: Field, doc: Any) -> _FieldResult:
        measures = measure(doc)
        ctx = Context(field.text, doc, measures)
        frame, origin = field.frame(message.source)
        findings = []
        for rule in self.rules:
            if rule.spec.field not in (field.name, "any"):
                continue
            for hit in _non_overlapping(_widen(rule, h, doc) for h in rule.kind.find(ctx)):
                findings.append(_finding(rule, field, hit, frame, origin))
        return _FieldResult(findings, measures)


def check(body: str, subject: str | None = None, *, config: Config | None = None) -> Report:
    """Check one email with a checker for ``config``, built once and reused."""
    return _checker_for(config or Config()).check(body, subject)


_checkers: dict[Config, Checker] = {}


def _checker_for(config: Config) -> Checker:
    checker = _checkers.get(config)
    if checker is None:
        checker = _checkers.setdefault(config, Checker(config))
    return checker


def _as_message(item: Item) -> Message:
    if isinstance(item, Message):
        return item
    if isinstance(item, str):
        return messages.from_strings(item)
    body, subject = item
    return messages.from_strings(body, subject)


def _select(sources: list[Any], config: Config) -> list[Any]:
    ids = {s.spec.id for s in sources}
    for setting, names in (("select", config.select), ("ignore", config.ignore)):
        for name in names:
            if name not in ids and name not in CATEGORIES:
                raise ConfigError(
                    f"{setting}: '{name}' is neither a rule id nor a category "
                    "(run with --format json or see README for the list)"
                )

    def named(source: Any, names: tuple[str, ...]) -> bool:
        return source.spec.id in names or source.spec.category in names

    return [
        s
        for s in sources
        if (not config.select or named(s, config.select)) and not named(s, config.ignore)
    ]


def _widen(rule: Rule, hit: Hit, doc: Any) -> Hit:
    """Report the whole sentence for rules whose rewrite replaces the sentence."""
    if rule.spec.span != "sentence":
        return hit
    for sent in doc.sents:
        if sent.start_char <= hit.start < sent.end_char:
            text = sent.text
            end = sent.start_char + len(text.rstrip())
            return Hit(sent.start_char, max(end, hit.end), hit.captures, hit.swap)
    return hit


def _non_overlapping(hits: Iterable[Hit]) -> list[Hit]:
    """One finding per place: of overlapping hits of one rule, the earliest, then longest."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _finding(rule: Rule, field: Field, hit: Hit, frame: str, origin: int) -> Finding:
    spec = rule.spec
    matched = field.text[hit.start : hit.end]
    start, end = origin + hit.start, origin + hit.end
    line, column = _position(frame, start)
    end_line, end_column = _position(frame, end)
    at_start = not field.text[: hit.start].strip() or bool(_SENTENCE_END.search(field.text[: hit.start]))
    values = {**template_values(matched), **hit.captures}
    candidates = ([hit.swap] if hit.swap else []) + [t.format_map(values) for t in spec.suggest]
    suggestions: list[Suggestion] = []
    for text in candidates:
        replacement = _match_case(text, matched, at_start)
        if replacement != matched and all(s.replacement != replacement for s in suggestions):
            suggestions.append(Suggestion(replacement))
    return Finding(
        rule=spec.id,
        category=spec.category,
        severity=spec.severity,
        field=field.name,
        message=spec.message.format_map(_Safe(values)),
        why=spec.why,
        text=frame[start:end],
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        suggestions=tuple(suggestions[:3]),
        advice=spec.advice,
    )


def template_values(matched: str) -> dict[str, str]:
    """What every suggestion template may use, besides a rule kind's own captures."""
    return {"match": matched, "match_lower": matched.lower(), "match_sentence_case": _sentence_case(matched)}


#: Template values available to every rule (see :func:`template_values`).
TEMPLATE_VALUES = frozenset({"match", "match_lower", "match_sentence_case"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _sentence_case(text: str) -> str:
    """``PLEASE READ THE PDF`` -> ``Please read the PDF``: shouted words lowered, short
    acronyms (two or three capitals that are not common words) kept."""
    from spacy.lang.en.stop_words import STOP_WORDS

    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        if not word.isupper() or word == "I":
            return word
        if len(word) <= 3 and word.lower() not in STOP_WORDS:
            return word
        return word.lower()

    out = _WORD.sub(lower, text)
    return out[:1].upper() + out[1:]


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _match_case(text: str, original: str, at_sentence_start: bool) -> str:
    """Capitalise a rewrite like the text it replaces (sentence starts stay capitalised)."""
    if not text or not original:
        return text
    if original[0].isupper() and text[0].islower():
        return text[0].upper() + text[1:]
    if (
        original[0].islower()
        and text[0].isupper()
        and not at_sentence_start
        and not re.match(r"I\b", text)
    ):
        return text[0].lower() + text[1:]
    return text


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
