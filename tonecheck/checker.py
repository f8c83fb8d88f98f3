"""The engine: message -> one spaCy ``Doc`` per field -> rules -> sorted findings."""

from __future__ import annotations

import html
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from . import message as messages
from . import politeness
from .config import Config
from .findings import CATEGORIES, Finding, Fix, Report, Safety, SentenceScore, StrategyUse
from .kinds import Context, Hit
from .kinds.regex import RuleTimeout
from .loader import (
    Kinds,
    Rule,
    RuleSource,
    builtin_rules_dir,
    compile_rules,
    load_specs,
    rule_files,
)
from .message import Field, Message, ReadOptions
from .metrics import Measures, SentenceMeasures, measure
from .nlp import Pipeline, load_pipeline
from .plugins import installed
from .politeness import STRATEGIES
from .processes import check_in_processes, default_processes
from .rewrite import Captured, deadline, fit_case, is_question, render, sentence_case
from .ruleset import resolve
from .scorecard import Bands, score_lines, subject_words
from .segment import Segmented, Sentence

log = logging.getLogger("tonecheck")

#: What ``check_many`` accepts: a body, a ``(body, subject)`` pair, or a :class:`Message`.
Item = str | tuple[str, str | None] | Message


@dataclass(frozen=True)
class _FieldResult:
    findings: list[Finding]
    #: Where things are in the field, and its measures (``layout.measures``).
    layout: _Layout
    #: Rules that failed on this field, one line each (no draft text in them).
    errors: list[str]


class _Layout:
    """Where things are in one field, looked up by bisection so that a long text with many
    findings costs time in proportion to its length: the source's lines, the measured
    sentences, and the segmented sentences."""

    def __init__(self, field: Field, segmented: Segmented, measures: Measures) -> None:
        self.measures = measures
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", field.source))]
        self.measured_starts = [s.start for s in measures.sentences]
        self.sents = segmented.sentences
        self.sent_starts = [s.start_char for s in self.sents]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` in the field's source."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def sentence_at(self, offset: int) -> SentenceMeasures | None:
        """The measured sentence holding the character at ``offset`` of the field's text."""
        i = bisect_right(self.measured_starts, offset) - 1
        if i < 0:
            return None
        sent = self.measures.sentences[i]
        return sent if offset < max(sent.end, sent.start + 1) else None


class Checker:
    """Loads the rules and the NLP pipeline once; ``check`` is safe to call from many threads."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        plugins = installed()
        kinds = plugins.kinds
        paths: list[str | Path] = [builtin_rules_dir()] if self.config.builtin_rules else []
        paths.extend(plugins.rule_paths)
        paths.extend(self.config.rule_paths)
        #: Every rule loaded (built in, from plugins and from ``rule_paths``), selected or not.
        self.sources: tuple[RuleSource, ...] = _load_sources(paths, kinds)
        #: Every rule id and category a name may refer to, selected or not.
        self.known: frozenset[str] = frozenset(
            {s.spec.id for s in self.sources}
            | {s.spec.category for s in self.sources}
            | set(CATEGORIES)
        )
        chosen = resolve(self.sources, self.config)
        self.pipeline: Pipeline = load_pipeline(self.config.model)
        compiled = compile_rules(chosen, self.pipeline.nlp, kinds)
        self.rules: tuple[Rule, ...] = tuple(
            r for r in compiled if self.pipeline.provides(r.kind.needs)
        )
        #: Sentences segmented, and of them parsed, by this checker so far.
        self.sentences_seen = 0
        self.sentences_parsed = 0
        #: The rules that read tags or a parse: they see only the sentences they need.
        self.analysed: tuple[Rule, ...] = tuple(r for r in self.rules if r.kind.needs != "tokens")
        #: How inputs are read (quoted threads, placeholders, accepted words), from the config.
        self.read_options = ReadOptions(
            include_quoted=self.config.include_quoted, accept=self.config.accept
        )
        #: The scorecard's thresholds, by measure (the defaults, or the config's).
        self.bands: dict[str, Bands] = self.config.scorecard_bands()
        #: Rules that cannot run because the pipeline lacks what they need (no model).
        self.skipped: tuple[Rule, ...] = tuple(r for r in compiled if r not in self.rules)
        log.debug(
            "checker: %d rules loaded, %d selected, %d runnable; model %s",
            len(self.sources),
            len(compiled),
            len(self.rules),
            self.pipeline.name,
        )

    def check(self, body: str, subject: str | None = None) -> Report:
        """Check one email; positions refer to ``body`` (and to ``subject`` for its findings)."""
        return self.check_message(messages.from_strings(body, subject, self.read_options))

    def check_message(self, message: Message) -> Report:
        """Check a :class:`Message`; positions refer to its source when it has one."""
        return self.check_batch([message])[0]

    def check_many(
        self, items: Iterable[Item], *, batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Report]:
        """Check many emails, streaming reports in input order.

        The sentences that need a parse are parsed ``batch_size`` emails at a time
        (``nlp.pipe``). With ``n_process`` above 1, batches are checked by that many worker
        processes (``-1``: one per core), a few batches ahead at most, so an iterator of any
        length takes constant memory; the reports are the same as from one process.
        """
        iterator = iter(items)
        batches = iter(
            lambda: [self._as_message(item) for item in islice(iterator, batch_size)], []
        )
        if n_process == -1:
            n_process = default_processes()
        if n_process > 1:
            yield from check_in_processes(self, batches, n_process)
            return
        for batch in batches:
            yield from self.check_batch(batch)

    def check_batch(self, batch: list[Message]) -> list[Report]:
        """Reports of a batch of messages: every field is segmented, the sentences some
        rule or measure needs parsed (all of them with ``full_parse``) are parsed in one
        ``nlp.pipe`` call, then the rules run."""
        with self.pipeline.lock:
            fields = [f for m in batch for f in m.fields]
            segmented = [self.pipeline.segment(f.text) for f in fields]
            plans = [self._plan(f, seg) for f, seg in zip(fields, segmented, strict=True)]
            wanted = [s for plan in plans for s in plan]
            self.sentences_parsed += len(wanted)
            for sentence, parsed in zip(
                wanted, self.pipeline.analyse([s.sentence for s in wanted]), strict=True
            ):
                sentence.parsed = parsed
            results = iter(
                self._check_field(f, seg, plan)
                for f, seg, plan in zip(fields, segmented, plans, strict=True)
            )
            return [self._report(m, [next(results) for _ in m.fields]) for m in batch]

    def _plan(self, field: Field, segmented: Segmented) -> list[_Sentence]:
        """The sentences of a field to parse, each with the rules that read its parse:
        those whose trigger words it holds, or every one with ``full_parse``."""
        rules = [r for r in self.analysed if r.spec.field in (field.name, "any")]
        verbs = self.pipeline.verbs
        plan = []
        for sentence in segmented.sentences:
            if sentence.blank:
                continue
            self.sentences_seen += 1
            if not self.pipeline.has_tags:
                continue
            if self.config.full_parse:
                plan.append(_Sentence(sentence, frozenset(r.id for r in rules)))
                continue
            words = sentence.words if rules else frozenset()
            firing = [r for r in rules if r.kind.trigger.fires(words)]
            if firing or politeness.needs_parse(sentence, verbs):
                plan.append(_Sentence(sentence, frozenset(r.id for r in firing)))
        return plan

    def _as_message(self, item: Item) -> Message:
        if isinstance(item, Message):
            return item
        if isinstance(item, str):
            return messages.from_strings(item, options=self.read_options)
        body, subject = item
        return messages.from_strings(body, subject, self.read_options)

    def _report(self, message: Message, results: list[_FieldResult]) -> Report:
        findings: list[Finding] = []
        scores: dict[str, float] = {}
        texts: dict[str, str] = {}
        uses: list[StrategyUse] = []
        sentences: tuple[SentenceScore, ...] = ()
        errors: list[str] = []
        for field, result in zip(message.fields, results, strict=True):
            texts[field.name] = field.source
            findings.extend(result.findings)
            errors.extend(result.errors)
            if field.name == "body":
                # The politeness score, like the other scores, is the body's.
                uses.extend(_strategy_uses(field, result.layout))
                # Strategy counts are in ``strategies``, one record per use.
                scores.update(
                    (k, v)
                    for k, v in result.layout.measures.text.items()
                    if not k.startswith("strategy_")
                )
                sentences = _sentence_scores(field, result.layout)
            else:
                scores["subject_words"] = subject_words(field.text)
        findings.sort(key=lambda f: f.sort_key)
        from .suppress import split

        kept, suppressed, warnings = split(_drop_nested(findings), message, self.known)
        return Report(
            kept,
            scores,
            message.path,
            texts,
            message.notes,
            suppressed,
            warnings,
            scorecard=score_lines(scores, self.bands),
            strategies=tuple(uses),
            sentences=sentences,
            errors=tuple(errors),
        )

    def _check_field(
        self, field: Field, segmented: Segmented, parsed: list[_Sentence]
    ) -> _FieldResult:
        analysed = {s.sentence.start: s.parsed for s in parsed}
        measures = measure(segmented, analysed, self.pipeline.verbs)
        layout = _Layout(field, segmented, measures)
        ctx = Context(field.text, segmented.doc, measures)
        # One context per parsed sentence, shared by the rules that read it.
        contexts = [
            (s, Context(s.parsed.text, s.parsed, measures, s.sentence.words)) for s in parsed
        ]
        findings = []
        errors = []
        for rule in self.rules:
            if rule.spec.field not in (field.name, "any"):
                continue
            try:
                if rule.kind.needs == "tokens":
                    raw = list(rule.kind.find(ctx))
                else:
                    raw = [
                        _moved(hit, s.sentence.start_char)
                        for s, sentence_ctx in contexts
                        if rule.id in s.rules
                        for hit in rule.kind.find(sentence_ctx)
                    ]
                hits = [h for h in raw if _sentence_ok(rule, h, layout)]
                found = [
                    _finding(rule, field, hit, layout)
                    for hit in _non_overlapping(_widen(rule, h, layout) for h in hits)
                    if _authored(field, hit)
                ]
            except Exception as exc:  # a rule's own failure must not stop the others
                errors.append(_rule_failed(rule, field, exc))
                continue
            findings.extend(found)
        return _FieldResult(findings, layout, errors)


@dataclass
class _Sentence:
    """A sentence to parse, the rules to run on it, and once parsed, its own ``Doc``."""

    sentence: Sentence
    #: The ids of the rules that read its parse.
    rules: frozenset[str]
    parsed: Any = None


def _moved(hit: Hit, offset: int) -> Hit:
    """A hit in a sentence's own ``Doc``, moved to its place in the field."""
    return Hit(hit.start + offset, hit.end + offset, hit.captures, hit.swap)


def _rule_failed(rule: Rule, field: Field, exc: Exception) -> str:
    """One line for a rule that raised: the rule, where it is written, and what went wrong,
    without the exception's own message, which may quote the draft (``--verbose`` logs it)."""
    where = f"{rule.path}:{rule.line}" if rule.line else rule.path
    timed_out = isinstance(exc, RuleTimeout)
    problem = str(exc) if timed_out else f"failed with {type(exc).__name__}"
    log.debug("rule %r failed on the %s", rule.id, field.name, exc_info=exc)
    return f"rule '{rule.id}' ({where}) {problem} on the {field.name}; the other rules ran"


def check(body: str, subject: str | None = None, *, config: Config | None = None) -> Report:
    """Check one email with a checker for ``config``, built once and reused."""
    return checker_for(config or Config()).check(body, subject)


_checkers: dict[tuple[Config, tuple[tuple[str, int, int], ...]], Checker] = {}


def checker_for(config: Config) -> Checker:
    """The checker for ``config``, built once per process and reused, and built again when
    one of its own rule files (``rule_paths``) changes."""
    key = (config, tuple((str(f), *_stamp(f)) for f in rule_files(config.rule_paths)))
    checker = _checkers.get(key)
    if checker is None:
        if len(_checkers) > 64:
            _checkers.clear()
        checker = _checkers.setdefault(key, Checker(config))
    return checker


def _load_sources(paths: list[str | Path], kinds: Kinds) -> tuple[RuleSource, ...]:
    """Rule files are read once per process and version: a checker is built per distinct
    config (per-file overrides), and they all share the same packs."""
    files = rule_files(paths)
    key = tuple((str(f), *_stamp(f)) for f in files)
    cached = _sources.get(key)
    if cached is None:
        if len(_sources) > 64:
            _sources.clear()
        cached = _sources.setdefault(key, tuple(load_specs(files, kinds)))
    return cached


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


_sources: dict[tuple[tuple[str, int, int], ...], tuple[RuleSource, ...]] = {}


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that says again what another of its category and field says: one
    inside a more severe finding ("ASAP" inside "I need an answer ASAP"), or one on the very
    same span at the same severity (the first rule, by id, is kept).

    One rule's findings in a field never overlap, so of each other rule only the last
    finding that starts at or before ``f`` can hold ``f``: it is found by bisection.
    """
    by_rule: dict[tuple[str, str, str], list[Finding]] = {}
    for f in sorted(findings, key=lambda f: f.start):
        by_rule.setdefault((f.category, f.field, f.rule), []).append(f)
    starts = {key: [f.start for f in group] for key, group in by_rule.items()}
    rules_of: dict[tuple[str, str], list[str]] = {}
    for category, name, rule in by_rule:
        rules_of.setdefault((category, name), []).append(rule)

    def covered(f: Finding) -> bool:
        for rule in rules_of[(f.category, f.field)]:
            key = (f.category, f.field, rule)
            i = bisect_right(starts[key], f.start) - 1
            if i < 0:
                continue
            g = by_rule[key][i]
            if g is f or f.end > g.end:
                continue
            same = (g.start, g.end) == (f.start, f.end)
            if g.severity.rank > f.severity.rank or (
                g.severity == f.severity and same and g.rule < f.rule
            ):
                return True
        return False

    return [f for f in findings if not covered(f)]


def _sentence_ok(rule: Rule, hit: Hit, layout: _Layout) -> bool:
    """Whether the sentence holding ``hit`` meets the rule's ``sentence_when`` conditions."""
    conditions = rule.spec.sentence_when
    if not conditions:
        return True
    sent = layout.sentence_at(hit.start)
    return sent is not None and all(c.holds(sent.values[n]) for n, c in conditions.items())


def _widen(rule: Rule, hit: Hit, layout: _Layout) -> Hit:
    """Report the whole sentence for rules whose rewrite replaces the sentence."""
    if rule.spec.span != "sentence":
        return hit
    sents = layout.sents
    i = bisect_right(layout.sent_starts, hit.start) - 1
    if i < 0 or hit.start >= sents[i].end_char:
        return hit
    # The parser sometimes ends a sentence at a conjunction ("... on the quote | so
    # I can ..."); a rewrite must cover the sentence as written, up to its full stop.
    first = i
    while first > 0 and not _ends_sentence(sents[first - 1].text):
        first -= 1
    last = i
    while last + 1 < len(sents) and not _ends_sentence(sents[last].text):
        last += 1
    start = sents[first].start_char
    end = sents[last].start_char + len(sents[last].text.rstrip())
    return Hit(start, max(end, hit.end), hit.captures, hit.swap)


def _ends_sentence(text: str) -> bool:
    """Whether a parsed sentence ends where the writer ended one: at a full stop, a
    question or exclamation mark, a colon or semicolon, or a line break."""
    return bool(re.search(r"(?:[.!?:;][\"')\]\u201d\u2019]*|\n)\s*$", text))


def _non_overlapping(hits: Iterable[Hit]) -> list[Hit]:
    """One finding per place: of overlapping hits of one rule, the earliest, then longest."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _authored(field: Field, hit: Hit) -> bool:
    """Whether a hit holds some of the author's own words, not only placeholders' stand-ins
    (and the spaces between them)."""
    if field.starts is None or field.ends is None:
        return True
    return any(
        field.ends[i] - field.starts[i] == 1 and not field.text[i].isspace()
        for i in range(hit.start, hit.end)
    )


def _finding(rule: Rule, field: Field, hit: Hit, layout: _Layout) -> Finding:
    spec = rule.spec
    frame = field.source
    start, end = field.span(hit.start, hit.end)
    matched = frame[start:end]
    line, column = layout.position(start)
    end_line, end_column = layout.position(end)
    sent = layout.sentence_at(hit.start)
    values = template_values(matched, field.text[sent.start : sent.end] if sent else "")
    values.update(hit.captures)
    return Finding(
        rule=spec.id,
        category=spec.category,
        severity=spec.severity,
        field=field.name,
        message=spec.message.format_map(_Safe(_plain(values))),
        why=spec.why,
        text=matched,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        suggestions=_fixes(rule, field, hit, matched, values),
        advice=spec.advice,
    )


def _fixes(
    rule: Rule, field: Field, hit: Hit, matched: str, values: dict[str, Captured | str]
) -> tuple[Fix, ...]:
    """Up to three rewrites of ``matched`` (the finding's text), best first, fitted to where
    they go."""
    start, end = field.span(hit.start, hit.end)
    at_start = _starts_sentence(field.text, hit.start)
    words = _plain(values)
    candidates: list[str | None] = [hit.swap] if hit.swap else []
    candidates += [render(t.text, values) for t in rule.spec.templates() if t.applies(words)]
    # A span holding a placeholder, markup or a skipped quote is never rewritten unasked.
    verbatim = field.editable and field.verbatim(hit.start, hit.end)
    safety = Safety(rule.spec.fix_safety) if verbatim else Safety.MANUAL
    replacements: list[str] = []
    for text in candidates:
        if text is None:
            continue
        replacement = fit_case(text, matched, at_start)
        if field.markup == "html":
            replacement = html.escape(replacement, quote=False)
        if replacement != matched and replacement not in replacements:
            replacements.append(replacement)
    return tuple(Fix(r, start, end, safety) for r in replacements[:3])


def _starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` starts a sentence: only spaces before it, or a sentence end
    (``. ! ? : ;``) or a line break. Reads back over the spaces only, not the whole text."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in ".!?:;" or "\n" in text[i:start]


def _plain(values: dict[str, Captured | str]) -> dict[str, str]:
    return {k: v.text if isinstance(v, Captured) else v for k, v in values.items()}


def template_values(matched: str, sentence: str = "") -> dict[str, Captured | str]:
    """What every suggestion template may use, besides a rule kind's own captures."""
    values: dict[str, Captured | str] = {
        "match": Captured(matched),
        "match_lower": matched.lower(),
        "match_sentence_case": sentence_case(matched),
        "match_sentence": sentence_case(matched.strip()).rstrip(",;:")
        + ("" if re.search(r"[.!?]\s*$", matched) else "."),
    }
    values["stop"] = "?" if is_question(sentence) else "."
    found = deadline(sentence)
    if found:
        values["deadline"] = found
    return values


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _strategy_uses(field: Field, layout: _Layout) -> Iterator[StrategyUse]:
    """The field's politeness strategies, located in its source like findings."""
    for use in layout.measures.strategies:
        start, end = field.span(use.start, use.end)
        line, column = layout.position(start)
        strategy = STRATEGIES[use.strategy]
        yield StrategyUse(
            use.strategy,
            strategy.label,
            strategy.weight,
            field.name,
            field.source[start:end],
            start,
            end,
            line,
            column,
        )


def _sentence_scores(field: Field, layout: _Layout) -> tuple[SentenceScore, ...]:
    scores = []
    for sent in layout.measures.sentences:
        if sent.end <= sent.start:
            continue
        start, end = field.span(sent.start, sent.end)
        scores.append(
            SentenceScore(start, end, layout.position(start)[0], sent.values["politeness"])
        )
    return tuple(scores)
