"""Rule documentation generated from the rules themselves.

Three outputs, all built from the loaded :class:`~tonecheck.loader.RuleSource` list:

- :func:`rule_rows` / :func:`write_rules`: every rule with its category, severity, kind, fix
  and whether the configuration enables it (``tonecheck rules``, text or JSON);
- :func:`document` / :func:`write_explain`: one rule explained for a new user, with its first
  ``flag`` example and the rewrite tonecheck really offers for it (``tonecheck explain RULE``);
- :func:`markdown`: ``docs/rules.md``. Regenerate it with
  ``python -m tonecheck.ruledocs > docs/rules.md``.

Nothing here prints except into the stream or console it is given.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import sys
import textwrap
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .checker import Checker
from .errors import ConfigError, TonecheckError
from .findings import CATEGORIES, Finding
from .kinds.metric import MetricSpec
from .kinds.phrase import Phrase, PhraseSpec
from .loader import Rule, RuleSource, compile_rules
from .metrics import SENTENCE_METRICS, TEXT_METRICS
from .plugins import installed
from .schema import Condition, RuleSpec
from .selftest import alone

#: What the ``fix`` column says: the safety of the rule's rewrite, or ``advice`` when the rule
#: has no rewrite to offer.
FixKind = Literal["safe", "unsafe", "advice"]

REGENERATE = "python -m tonecheck.ruledocs > docs/rules.md"

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
_LONG_EXAMPLE = 120  # words; longer examples are cut in the docs (the rule says the measure)
_SHOWN_WORDS = 60
#: Below this terminal width, the table leaves out the ``kind`` column.
NARROW = 100


class UnknownRuleError(ConfigError):
    """``explain`` was given a name that is neither a loaded rule id nor a category."""


# -- the table ---------------------------------------------------------------------------


def fix_kind(spec: RuleSpec) -> FixKind:
    """``safe``/``unsafe``: the rule offers rewrites of that safety; ``advice``: it only says
    what to change."""
    if not _rewrites(spec):
        return "advice"
    return "unsafe" if spec.fix_safety == "unsafe" else "safe"


def _rewrites(spec: RuleSpec) -> bool:
    swaps = isinstance(spec, PhraseSpec) and any(
        isinstance(p, Phrase) and p.swap for p in spec.phrases
    )
    return bool(spec.suggest) or swaps


def ordered(sources: Iterable[RuleSource]) -> list[RuleSource]:
    """Rules grouped by category (in the order of :data:`~tonecheck.findings.CATEGORIES`),
    then by id."""

    def key(source: RuleSource) -> tuple[int, str, str]:
        cat = source.spec.category
        rank = CATEGORIES.index(cat) if cat in CATEGORIES else len(CATEGORIES)
        return rank, cat, source.spec.id

    return sorted(sources, key=key)


def rule_rows(sources: Iterable[RuleSource], enabled: Collection[str]) -> list[dict[str, Any]]:
    """One JSON-able dict per rule, by category then id (``tonecheck rules --format json``).

    ``enabled`` holds the ids the current configuration runs (``{r.id for r in
    Checker(config).rules}``)."""
    return [
        {
            "id": s.spec.id,
            "category": s.spec.category,
            "severity": s.spec.severity.value,
            "kind": s.spec.kind,
            "field": s.spec.field,
            "fix": fix_kind(s.spec),
            "enabled": s.spec.id in enabled,
            "message": s.spec.message,
            "why": s.spec.why,
            "advice": s.spec.advice,
        }
        for s in ordered(sources)
    ]


def make_console(stream: TextIO) -> Console:
    """A console like the text formatter's: colour on a terminal only, never with
    ``NO_COLOR``."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=stream, highlight=False, emoji=False, color_system=None if plain else "auto"
    )


def rules_table(
    sources: Iterable[RuleSource],
    enabled: Collection[str],
    *,
    plain: bool = False,
    width: int | None = None,
) -> Table:
    """The rules as a rich table, by category then id.

    On a terminal each category is a heading row and long messages wrap; below
    :data:`NARROW` columns (``width``) the ``kind`` column is left out so that the message
    stays readable. ``plain`` gives one aligned line per rule with every column, including
    the category, and no lines or styles (for a pipe or a file)."""
    rows = ordered(sources)
    cells = [
        {
            "id": s.spec.id,
            "category": s.spec.category,
            "severity": s.spec.severity.value,
            "kind": s.spec.kind,
            "fix": fix_kind(s.spec),
            "enabled": "yes" if s.spec.id in enabled else "no",
        }
        for s in rows
    ]
    names = ["id", "category", "severity", "kind", "fix", "enabled"]
    if not plain:
        names.remove("category")
        if width is not None and width < NARROW:
            names.remove("kind")
    table = Table(
        box=None if plain else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="" if plain else "bold",
    )
    for name in names:
        widest = max([len(name), *(len(c[name]) for c in cells)])
        table.add_column(name, no_wrap=True, min_width=widest)
    if plain:
        table.add_column("message", no_wrap=True, overflow="ignore")
    else:
        table.add_column("message", ratio=1, min_width=20, overflow="fold")
    category = None
    for source, row in zip(rows, cells, strict=True):
        if not plain and row["category"] != category:
            category = row["category"]
            table.add_row(Text(category, style="bold magenta"))
        values: list[str | Text] = [row[name] for name in names]
        if not plain:
            severity = row["severity"]
            values[names.index("severity")] = Text(severity, style=_SEVERITY_STYLE[severity])
        table.add_row(*values, source.spec.message)
    return table


def write_rules(
    sources: Iterable[RuleSource], enabled: Collection[str], out: TextIO | Console
) -> None:
    """Print the rules table: styled on a terminal, plain aligned text otherwise."""
    console = out if isinstance(out, Console) else make_console(out)
    plain = not console.is_terminal
    table = rules_table(sources, enabled, plain=plain, width=console.width)
    if not plain:
        console.print(table)
        return
    # Plain text: one rule per line, however long, and no trailing spaces.
    wide = Console(file=io.StringIO(), width=10_000, color_system=None, highlight=False)
    with wide.capture() as capture:
        wide.print(table)
    for line in capture.get().splitlines():
        console.out(line.rstrip(), highlight=False)


# -- one rule, explained ---------------------------------------------------------------------


@dataclass(frozen=True)
class RuleDoc:
    """What ``explain`` says about one rule; the examples are checked, not written by hand."""

    #: The rule as the configuration runs it (its severity and thresholds applied).
    source: RuleSource
    #: ``enabled``, ``disabled`` (by the configuration) or ``skipped`` (needs the spaCy model).
    status: str
    #: The rule's first ``flag`` example (cut short when very long: see ``bad_words``).
    bad: str
    bad_words: int
    #: The words the rule flags in ``bad``, when they are not the whole example.
    flagged: str | None
    #: ``bad`` with the first suggestion put in place of the finding's span.
    better: str | None
    #: ``bad`` with each further suggestion in place.
    alternatives: tuple[str, ...]
    #: The first ``ok`` example the configuration's rules leave alone (else the first one).
    fine: str
    fine_clean: bool
    #: Why the example could not be checked, if it could not.
    note: str | None = None

    @property
    def spec(self) -> RuleSpec:
        return self.source.spec

    @property
    def fix(self) -> FixKind:
        return fix_kind(self.spec)


def find(name: str, sources: Sequence[RuleSource]) -> list[RuleSource]:
    """The rule called ``name``, or every rule of the category ``name``, by id.

    Raises :class:`UnknownRuleError` naming the closest ids and categories."""
    by_id = [s for s in sources if s.spec.id == name]
    if by_id:
        return by_id
    in_category = [s for s in ordered(sources) if s.spec.category == name]
    if in_category or name in CATEGORIES:
        return in_category
    raise UnknownRuleError(_unknown(name, sources))


def _unknown(name: str, sources: Sequence[RuleSource]) -> str:
    names = sorted({s.spec.id for s in sources} | {s.spec.category for s in sources})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    # Rank close names by how many of the typed words the rule's own text uses too
    # ("ultimatum-assume" -> the rule whose message or why says "assume").
    words = {w for w in re.split(r"[^a-z0-9]+", name.lower()) if len(w) > 2}

    def score(candidate: str) -> float:
        text = (
            " ".join(
                f"{s.spec.id} {s.spec.message} {s.spec.why}".lower()
                for s in sources
                if s.spec.id == candidate
            )
            or candidate.lower()
        )
        used = sum(1 for w in words if re.search(rf"\b{re.escape(w)}", text))
        return difflib.SequenceMatcher(None, name, candidate).ratio() + 0.2 * used

    close.sort(key=score, reverse=True)
    hint = " or ".join(f"'{c}'" for c in close[:2])
    guess = f"; did you mean {hint}?" if hint else ""
    return f"unknown rule '{name}'{guess} (tonecheck rules lists them)"


def document(source: RuleSource, checker: Checker) -> RuleDoc:
    """Explain ``source``'s rule under ``checker``'s configuration.

    Its first ``flag`` example is checked by this rule alone, with the configuration's
    settings (severity and thresholds included), and the finding's first suggestion put in
    place; the ``ok`` example shown is the first one the configuration's rules leave alone."""
    rule = _rule(source, checker)
    spec = rule.spec if rule is not None else source.spec
    if any(r.id == spec.id for r in checker.rules):
        status = "enabled"
    elif any(r.id == spec.id for r in checker.skipped):
        status = "skipped"
    else:
        status = "disabled"
    bad = spec.examples.flag[0].strip()
    bad_shown, bad_words = _shorten(bad)
    flagged = better = note = None
    alternatives: tuple[str, ...] = ()
    finding = _first(alone(checker, rule), spec, bad) if rule is not None else None
    if rule is None:
        note = "this rule cannot be built with the current configuration, so it was not run"
    elif finding is None:
        note = (
            "this rule needs the spaCy model, which is not installed"
            if status == "skipped" or not checker.pipeline.provides(rule.kind.needs)
            else "the example is not flagged with the current configuration"
        )
    else:
        if finding.text.strip() != bad:
            flagged = finding.text
        rewritten = [bad[: f.start] + f.replacement + bad[f.end :] for f in finding.suggestions]
        if rewritten:
            better, alternatives = rewritten[0], tuple(rewritten[1:])
    fine, clean = _fine(checker, spec)
    return RuleDoc(
        replace(source, spec=spec),
        status,
        bad_shown,
        bad_words,
        flagged,
        better,
        alternatives,
        fine,
        clean,
        note,
    )


def _rule(source: RuleSource, checker: Checker) -> Rule | None:
    """The compiled rule: the checker's own (with the configuration's severity and
    thresholds), or, for a rule the configuration turns off, built for this page."""
    for rule in (*checker.rules, *checker.skipped):
        if rule.id == source.spec.id:
            return rule
    try:
        return compile_rules([source], checker.pipeline.nlp, installed().kinds)[0]
    except (TonecheckError, KeyError):
        return None


def _check(checker: Checker, spec: RuleSpec, text: str) -> list[Finding]:
    subject = spec.field == "subject"
    report = checker.check("", subject=text) if subject else checker.check(text)
    return list(report.findings)


def _first(checker: Checker, spec: RuleSpec, text: str) -> Finding | None:
    return next((f for f in _check(checker, spec, text) if f.rule == spec.id), None)


def _fine(checker: Checker, spec: RuleSpec) -> tuple[str, bool]:
    for text in spec.examples.ok:
        if not _check(checker, spec, text.strip()):
            return text.strip(), True
    return spec.examples.ok[0].strip(), False


def _shorten(text: str) -> tuple[str, int]:
    words = text.split()
    if len(words) <= _LONG_EXAMPLE:
        return text, len(words)
    return " ".join(words[:_SHOWN_WORDS]) + " ...", len(words)


# -- the words of a page, shared by the terminal and the markdown -----------------------------


def _where(spec: RuleSpec) -> str:
    return {
        "subject": "the subject line",
        "body": "the body",
        "any": "the subject line and the body",
    }[spec.field]


def _conditions(when: dict[str, Condition], measures: dict[str, str]) -> str:
    parts = []
    for name, cond in when.items():
        bounds = [
            f"{label} {value:g}"
            for label, value in (
                ("above", cond.above),
                ("below", cond.below),
                ("at least", cond.at_least),
                ("at most", cond.at_most),
            )
            if value is not None
        ]
        meaning = re.sub(r"\s*\([^)]*\)", "", measures.get(name, ""))
        said = f" ({meaning})" if meaning and meaning != f"number of {name}" else ""
        parts.append(f"`{name}`{said} is {' and '.join(bounds)}")
    return "; ".join(parts)


def _all(when: dict[str, Condition]) -> str:
    return " all of these hold:" if len(when) > 1 else ""


_HOW = {
    "phrase": "Matches a list of words and phrases in {where}.",
    "pattern": "Matches sequences of words in {where}.",
    "dependency": (
        "Reads the grammar of each sentence in {where}: who does what, on what condition."
    ),
    "regex": "Matches text patterns in {where}.",
}


def detection(spec: RuleSpec) -> str:
    """How the rule finds what it flags, in a sentence or two."""
    where = _where(spec)
    if isinstance(spec, MetricSpec):
        if spec.scope == "text":
            return (
                f"A measure of the whole of {where}, flagged when{_all(spec.when)} "
                f"{_conditions(spec.when, TEXT_METRICS)}."
            )
        return (
            f"A measure of each sentence in {where}; a sentence is flagged when{_all(spec.when)} "
            f"{_conditions(spec.when, SENTENCE_METRICS)}."
        )
    text = _HOW.get(spec.kind, "Matches '" + spec.kind + "' patterns in {where}.")
    text = text.format(where=where)
    if spec.span == "sentence":
        text += " It reports the whole sentence, so that the sentence can be rewritten whole."
    if spec.sentence_when:
        text += f" Only where the sentence's {_conditions(spec.sentence_when, SENTENCE_METRICS)}."
    return text


def _target(spec: RuleSpec) -> str:
    if spec.span == "sentence":
        return "the whole sentence"
    if isinstance(spec, MetricSpec):
        if spec.scope == "sentence":
            return "the sentence"
        return "the whole subject line" if spec.field == "subject" else "the whole reply"
    return "the flagged words"


def fix_text(spec: RuleSpec) -> list[str]:
    """How to fix it: what tonecheck offers, and whether ``--fix`` applies it."""
    kind = fix_kind(spec)
    if kind == "advice":
        return [
            "tonecheck offers no rewrite, because the right words depend on what you meant:"
            " change it by hand, as above."
        ]
    target = _target(spec)
    several = len(spec.suggest) + (1 if isinstance(spec, PhraseSpec) else 0) > 1
    offered = (
        f"up to three rewrites of {target}, best first" if several else f"a rewrite of {target}"
    )
    if kind == "safe":
        first = "the first one" if several else "it"
        how = f"It keeps the meaning, so `tonecheck --fix` applies {first}."
    else:
        how = (
            "A rewrite changes what is said, so `tonecheck --fix` applies it only with"
            " `--unsafe-fixes`; read it first with `--diff --unsafe-fixes`, or choose finding"
            " by finding with `--interactive`."
        )
    lines = [f"tonecheck offers {offered}. {how}"]
    if spec.advice:
        lines.append(f"In your own words: {spec.advice}")
    return lines


def off_text(rule_id: str, category: str) -> list[str]:
    """How to turn the rule off: everywhere, on one run, in one email."""
    return [
        f"Everywhere: add `ignore: [{rule_id}]` to `.tonecheck.yaml` "
        f"(or `ignore: [{category}]` for the whole category).",
        f"For one run: `tonecheck --ignore {rule_id} ...`.",
        f"In one email, from that point on: `<!-- tonecheck: disable={rule_id} -->`"
        f" (`disable-next-line={rule_id}` for the next line only, `disable-file={rule_id}`"
        " for the whole email; `{# tonecheck: ... #}` in a Jinja template).",
    ]


def _example(doc: RuleDoc, text: str) -> str:
    return f"Subject: {text}" if doc.spec.field == "subject" else text


def _bad(doc: RuleDoc) -> str:
    shown = _example(doc, doc.bad)
    if doc.bad != doc.source.spec.examples.flag[0].strip():
        shown += f" ({doc.bad_words} words in all)"
    return shown


_A = {"safe": "a safe", "unsafe": "an unsafe", "advice": "no"}


def _better_lines(doc: RuleDoc) -> tuple[str | None, list[str]]:
    """The better version of the example (or None), and what to say about it."""
    if doc.better is not None:
        return _example(doc, doc.better), [f"tonecheck's own first suggestion; {_A[doc.fix]} fix"]
    if doc.fix == "advice":
        return None, [f"No rewrite is offered. {doc.spec.advice}"]
    return None, [f"Not shown: {doc.note or 'no rewrite was offered for this example'}."]


# -- terminal -------------------------------------------------------------------------------


def write_explain(
    name: str, sources: Sequence[RuleSource], checker: Checker, out: TextIO | Console
) -> None:
    """``tonecheck explain NAME``: one rule's page, or a category's rules.

    Raises :class:`UnknownRuleError` for a name that is neither."""
    console = out if isinstance(out, Console) else make_console(out)
    found = find(name, sources)
    if len(found) == 1 and found[0].spec.id == name:
        _write_page(document(found[0], checker), console)
        others = [s.spec.id for s in sources if s.spec.category == name and s.spec.id != name]
        if others:
            console.print(f"\n'{name}' is also a category; its other rules: {', '.join(others)}.")
        return
    enabled = {r.id for r in checker.rules}
    count = f"{len(found)} rule{'s' if len(found) != 1 else ''}"
    console.print(Text.assemble(("Category ", "bold"), (name, "bold"), f": {count}"))
    if found:
        console.print()
        write_rules(found, enabled, console)
        console.print(f"\n`tonecheck explain {found[0].spec.id}` explains one of them.")


_STATUS = {
    "enabled": "on in your configuration",
    "disabled": "off in your configuration",
    "skipped": "skipped: needs the spaCy model",
}


def _write_page(doc: RuleDoc, console: Console) -> None:
    spec = doc.spec
    width = max(40, console.width - 2)

    def para(text: str, style: str = "", prefix: str = "") -> None:
        # Code spans (`ignore: [id]`) are never broken across lines.
        glued = re.sub(r"`[^`]*`", lambda m: m.group().replace(" ", "\0"), text)
        lines = textwrap.wrap(
            glued,
            width,
            initial_indent=prefix,
            subsequent_indent=" " * len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
        )
        for line in lines or [""]:
            console.print(Text("  " + line.replace("\0", " "), style=style), soft_wrap=True)

    def section(title: str) -> None:
        console.print()
        console.print(Text(title, style="bold"))

    console.print(Text(spec.id, style="bold"))
    console.print(
        Text.assemble(
            f"category: {spec.category} · severity: ",
            (spec.severity.value, _SEVERITY_STYLE[spec.severity.value]),
            f" · fix: {doc.fix} · {_STATUS[doc.status]}",
        )
    )
    section("What it catches")
    para(spec.message)
    para(detection(spec), "dim")
    section("Why it matters")
    para(spec.why)
    section("Example")
    for line in _bad(doc).splitlines() or [""]:
        para(line, "red")
    if doc.flagged:
        para(doc.flagged, "bold red", "flagged: ")
    section("Better")
    better, words = _better_lines(doc)
    if better is not None:
        for line in better.splitlines():
            para(line, "green")
        para(f"({words[0]})", "dim")
    else:
        for w in words:
            para(w)
    for alt in doc.alternatives:
        para(_example(doc, alt), "", "also offered: ")
    section("Fix")
    for line in fix_text(spec):
        para(line)
    section("Fine as it is" if doc.fine_clean else "Not flagged by this rule")
    for line in _example(doc, doc.fine).splitlines():
        para(line, "green")
    section("Turn it off")
    for line in off_text(spec.id, spec.category):
        para(line)
    console.print()
    console.print(Text(f"Defined in {_display_path(doc.source)}", style="dim"), soft_wrap=True)


def _display_path(source: RuleSource) -> str:
    path = Path(source.path)
    try:
        shown = str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return f"{shown}:{source.line}" if source.line else shown


# -- markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    """Text that markdown shows as written (examples are the user's words, not markup)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_prose(text: str) -> str:
    """A sentence of ours: backticks stay code, the rest is escaped."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else _md(p) for p in parts)


def _md_quote(text: str) -> str:
    lines = [_md(line) if line.strip() else "" for line in text.splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def markdown(sources: Sequence[RuleSource], checker: Checker) -> str:
    """``docs/rules.md``: an index, then one section per category with each rule's page.

    Deterministic: no dates, no paths, rules by category then id."""
    rules = ordered(sources)
    out = [
        "# tonecheck rules",
        "",
        f"<!-- Generated from rules/*.yaml by `{REGENERATE}`. Do not edit by hand. -->",
        "",
        "Every rule, generated from its YAML. Each example is the rule's own first `flag`"
        ' example, and each "Better" version is what tonecheck itself suggests for it.',
        "",
        "- **severity**: `error`, `warning` or `suggestion`; `--fail-on` sets which of them"
        " fail a check.",
        "- **fix**: `safe` rewrites keep the meaning, and `tonecheck --fix` applies them."
        " `unsafe` rewrites change what is said, and need `--fix --unsafe-fixes`."
        " With `advice`, no rewrite is offered, only what to change.",
        "- `tonecheck rules` lists the rules and shows which ones your configuration runs."
        " `tonecheck explain RULE` shows one rule's page.",
        "",
        "| rule | category | severity | fix | what it catches |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in rules:
        out.append(
            f"| [`{s.spec.id}`](#{s.spec.id}) | {s.spec.category} | {s.spec.severity.value}"
            f" | {fix_kind(s.spec)} | {_md(s.spec.message)} |"
        )
    category = None
    for s in rules:
        if s.spec.category != category:
            category = s.spec.category
            out += ["", f"## Category: {category}"]
        out += ["", *_md_page(document(s, checker))]
    return "\n".join(out) + "\n"


def _md_page(doc: RuleDoc) -> list[str]:
    spec = doc.spec
    meta = (
        f"**{spec.severity.value}** · category `{spec.category}` · fix: `{doc.fix}`"
        f" · kind: `{spec.kind}`"
    )
    lines = [f"### {spec.id}", "", meta, ""]
    lines += ["**What it catches.** " + _md(spec.message) + " " + _md_prose(detection(spec)), ""]
    lines += ["**Why it matters.** " + _md(spec.why), ""]
    lines += ["**Example**", "", _md_quote(_bad(doc)), ""]
    if doc.flagged:
        lines += [f"Flagged: **{_md(doc.flagged)}**", ""]
    better, words = _better_lines(doc)
    lines += ["**Better**", ""]
    if better:
        lines += [_md_quote(better), "", f"({_md(words[0])})", ""]
    else:
        lines += [_md_prose(w) for w in words] + [""]
    if doc.alternatives:
        lines += ["Also offered:", ""]
        for alt in doc.alternatives:
            lines += [_md_quote(_example(doc, alt)), ""]
    lines += ["**Fix.** " + " ".join(_md_prose(t) for t in fix_text(spec)), ""]
    fine_title = "Fine as it is" if doc.fine_clean else "Not flagged by this rule"
    lines += [f"**{fine_title}**", "", _md_quote(_example(doc, doc.fine)), ""]
    lines += [
        "**Turn it off.** " + " ".join(_md_prose(t) for t in off_text(spec.id, spec.category))
    ]
    return lines


def main() -> None:
    """``python -m tonecheck.ruledocs``: print ``docs/rules.md`` for the built-in rules."""
    from .config import Config
    from .loader import builtin_rules_dir, load_specs

    text = markdown(load_specs([builtin_rules_dir()]), Checker(Config()))
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
