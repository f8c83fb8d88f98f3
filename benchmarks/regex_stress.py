"""Worst-case time of every built-in regex on adversarial text (run by hand, or as a check).

For every ``kind: regex`` rule in ``rules/*.yaml`` (the expression built by ``RegexSpec`` and
compiled with the flags ``RegexKind`` uses, with the standard library's ``re`` and, when it is
installed, the ``regex`` module: they backtrack differently) and every token-level ``REGEX``
predicate in the matcher rules (``pattern``, ``dependency``: compiled by ``re`` with no flags and
run with ``search``, as spaCy does, on one token's text), time a full ``finditer`` over
adversarial inputs of 2k to 32k characters: runs of newlines, spaces, "!" and "?!", one giant
word, repeated short words, the rule's own flagged examples repeated (with and without sentence
stops), random words from the rule's own vocabulary, and so on. Each alternative of a rule with
several is also timed alone on random words from its own vocabulary, which packs in the words its
bounded gaps look for.

A (rule, input) is reported when its time grows faster than linearly (time at 32k over time at
8k above 8, where linear is 4) or is slow outright (over 0.2 s at 32k). Times are CPU time of
this thread, the best of a few runs, so a busy machine does not make noise. A case stops growing
once one size takes over 2 s. The exit status is 1 if anything is reported, so it can be run
as a check.

    python benchmarks/regex_stress.py [--engine re|regex|kind] [--rule ID] [--input NAME] [--all]

``--engine kind`` times each rule as a check runs it (``RegexKind.find``: each alternative
searched on its own where its strings are, the matches merged).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import yaml

from tonecheck.kinds.regex import RegexSpec

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

SIZES = (2_000, 4_000, 8_000, 16_000, 32_000)
#: Linear growth multiplies the time by 4 from 8k to 32k characters; above this is reported.
MAX_RATIO = 8.0
#: Below this at the largest size, timer noise decides the ratio; the ratio is not judged.
NOISE_FLOOR = 0.002
#: Reported outright when the largest size takes longer than this (seconds).
SLOW = 0.2
#: A case stops growing once one size takes longer than this (seconds).
STOP = 2.0
#: Nor is the next size run when, growing as it did from the last size, it would take longer.
PREDICTED_STOP = 4.0

#: When nothing is reported, this many of the slowest cases are shown.
SLOWEST = 8

Runner = Callable[[str], None]


class Compiled(Protocol):
    """A compiled pattern of either engine (``re.Pattern``, ``regex.Pattern``)."""

    def finditer(self, string: str) -> Iterator[Any]: ...

    def search(self, string: str) -> Any: ...


def engines() -> dict[str, ModuleType]:
    """The engines a regex rule is timed with: the standard library's ``re`` and, when it is
    installed, the ``regex`` module (``RegexKind`` may run either): a pattern has to be linear
    in both, and they backtrack differently."""
    found = {"re": re}
    try:
        import regex
    except ImportError:
        return found
    found["regex"] = regex
    return found


@dataclass
class Subject:
    """One compiled expression to time: a regex rule, or one token-level REGEX predicate."""

    rule: str
    label: str
    alternatives: list[str]
    run: Runner
    #: Runs of single alternatives, to name the culprit of a slow case.
    runs: list[Runner]
    #: The inputs to time it on, by name: text of a given length.
    inputs: dict[str, Callable[[int], str]] = field(default_factory=dict)
    lower: bool = False


@dataclass
class Result:
    subject: Subject
    input_name: str
    times: dict[int, float]
    stopped: bool
    culprits: list[int] = field(default_factory=list)

    @property
    def largest(self) -> int:
        return max(self.times)

    def ratio(self) -> float | None:
        big = self.largest
        small = big // 4
        if small not in self.times or self.times[small] <= 0:
            return None
        return self.times[big] / self.times[small]

    def verdict(self) -> str:
        if self.stopped:
            return "stopped"
        if self.times[self.largest] > SLOW:
            return "slow"
        ratio = self.ratio()
        if ratio is not None and ratio > MAX_RATIO and self.times[self.largest] > NOISE_FLOOR:
            return "super-linear"
        return ""


# --- inputs -------------------------------------------------------------------------------


def repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def run_then(unit: str, tail: str) -> Callable[[int], str]:
    return lambda n: repeat(unit)(max(n - len(tail), 0)) + tail


GENERIC: dict[str, Callable[[int], str]] = {
    "newlines": repeat("\n"),
    "newlines+words": run_then("\n", "Hello there"),
    "spaces": repeat(" "),
    "spaces+words": run_then(" ", "Hello there"),
    "nl-space-nl": repeat("\n \n"),
    "tabs-crlf": repeat("\t\r\n "),
    "bangs": repeat("!"),
    "questions": repeat("?"),
    "?!": repeat("?!"),
    "bangs+words": run_then("!", " you still haven't"),
    "giant-word": repeat("a"),
    "giant-caps-word": repeat("A"),
    "hyphenated-word": repeat("ab-"),
    "caps-words": repeat("ABC "),
    "caps-words-nl": repeat("ABCD\n"),
    "no-no": repeat("no "),
    "you-you": repeat("you "),
    "please": repeat("please "),
    "I-I": repeat("I "),
    "commas": repeat("word, "),
    "caps-commas": repeat("NOT, "),
    "dots": repeat("."),
    "dot-space": repeat(". "),
    "digits": repeat("1234567890"),
    "apostrophes": repeat("don't "),
    "if-not": repeat("if not "),
    "mixed-case": repeat("Please Note That YOU "),
}


def words_of(expression: str) -> list[str]:
    """Literal words in an expression, to build text from the rule's own vocabulary."""
    text = re.sub(
        r"\[([A-Za-z])([A-Za-z])\]", lambda m: m[1] if m[1].lower() == m[2] else " ", expression
    )
    text = re.sub(r"\\.", " ", text)  # \s, \b, \w, \d, \.
    text = re.sub(r"\(\?(?:P<\w+>|<[=!]|[:=!]|[a-zA-Z-]+:?)", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\{\d*,?\d*\}", " ", text)
    found = re.findall("[A-Za-z][A-Za-z'\u2019-]*", text)
    return sorted(set(found))


def vocabulary_text(words: list[str], seed: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        if not words:
            return ""
        rng = random.Random(seed)
        parts: list[str] = []
        length = 0
        while length < n:
            word = rng.choice(words)
            parts.append(word)
            length += len(word) + 1
        return " ".join(parts)[:n]

    return make


def flagged_text(examples: list[str], keep_stops: bool) -> Callable[[int], str]:
    joined = " ".join(" ".join(e.split()) for e in examples)
    if not keep_stops:
        joined = re.sub(r"[.!?]+", "", joined)
    return repeat(joined + " ")


# --- subjects ------------------------------------------------------------------------------


def finditer_runner(compiled: Compiled) -> Runner:
    def run(text: str) -> None:
        for _ in compiled.finditer(text):
            pass

    return run


def search_runner(compiled: Compiled) -> Runner:
    def run(text: str) -> None:
        compiled.search(text)

    return run


def token_regexes(node: Any, attr: str = "") -> Iterator[tuple[str, str]]:
    """(attribute, expression) of every REGEX predicate in a matcher rule."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).upper() == "REGEX" and isinstance(value, str):
                yield attr, value
            else:
                yield from token_regexes(value, str(key).upper())
    elif isinstance(node, list):
        for item in node:
            yield from token_regexes(item, attr)


def regex_subjects(raw: dict[str, Any], engine: str, module: ModuleType) -> list[Subject]:
    """A ``kind: regex`` rule as it runs, on every input; and each of its alternatives alone, on
    text made of that alternative's own words (dense in the words its gaps look for)."""
    spec = RegexSpec.model_validate(raw)
    flags = module.IGNORECASE if spec.ignorecase else 0
    alternatives = [spec.pattern] if isinstance(spec.pattern, str) else spec.pattern
    examples = spec.examples.flag
    runs = [finditer_runner(module.compile(a, flags)) for a in alternatives]
    whole = Subject(
        rule=spec.id,
        label=engine,
        alternatives=alternatives,
        run=finditer_runner(module.compile(spec.expression(), flags)),
        runs=runs,
        inputs={
            **GENERIC,
            "own-words": vocabulary_text(words_of(spec.expression()), spec.id),
            "flagged": flagged_text(examples, keep_stops=True),
            "flagged-no-stops": flagged_text(examples, keep_stops=False),
        },
    )
    if len(alternatives) == 1:
        return [whole]
    return [whole] + [
        Subject(
            rule=spec.id,
            label=f"{engine}, alternative #{i}",
            alternatives=[alternative],
            run=run,
            runs=[run],
            inputs={"own-words": vocabulary_text(words_of(alternative), f"{spec.id}#{i}")},
        )
        for i, (alternative, run) in enumerate(zip(alternatives, runs, strict=True))
    ]


class _NoDoc:
    """No tokens: a named group is captured as its text (the timing is the regex's)."""

    def char_span(self, start: int, end: int) -> None:
        return None


def kind_subject(raw: dict[str, Any], whole: Subject) -> Subject:
    """The rule as ``RegexKind.find`` runs it in a check: each alternative on its own, where
    its strings are, the matches merged as the whole pattern's (``--engine kind``)."""
    from tonecheck.kinds import Context
    from tonecheck.kinds.regex import RegexKind

    kind = RegexKind(RegexSpec.model_validate(raw), None)

    def run(text: str) -> None:
        for _ in kind.find(Context(text, _NoDoc(), None)):  # type: ignore[arg-type]
            pass

    return Subject(
        rule=whole.rule,
        label="kind",
        alternatives=whole.alternatives,
        run=run,
        runs=whole.runs,
        inputs=whole.inputs,
    )


def token_subjects(raw: dict[str, Any]) -> list[Subject]:
    """Every token-level REGEX predicate of a matcher rule. spaCy compiles it with no flags and
    calls ``search`` on the token's attribute (the lower-cased text for LOWER and NORM); a
    token can be long (one giant word) or a run of whitespace."""
    found: list[Subject] = []
    seen: set[str] = set()
    examples = raw.get("examples", {}).get("flag", [])
    for attr, expression in token_regexes(raw.get("patterns", [])):
        if expression in seen:  # YAML aliases repeat a predicate
            continue
        seen.add(expression)
        run = search_runner(re.compile(expression))
        found.append(
            Subject(
                rule=raw["id"],
                label=f"re, token {attr} REGEX #{len(seen)}",
                alternatives=[expression],
                run=run,
                runs=[run],
                inputs={
                    **GENERIC,
                    "own-words": vocabulary_text(words_of(expression), raw["id"]),
                    "flagged": flagged_text(examples, keep_stops=True),
                },
                lower=attr in {"LOWER", "NORM"},
            )
        )
    return found


def subjects(rules: Path = RULES, chosen: list[str] | None = None) -> list[Subject]:
    """Everything to time, with the ``chosen`` engines (default: every one installed)."""
    modules = {name: m for name, m in engines().items() if not chosen or name in chosen}
    found: list[Subject] = []
    for path in sorted(rules.glob("*.yaml")):
        pack = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in pack["rules"]:
            if raw["kind"] == "regex":
                built = {engine: regex_subjects(raw, engine, m) for engine, m in modules.items()}
                for engine_subjects in built.values():
                    found.extend(engine_subjects)
                if not chosen or "kind" in chosen:
                    whole = built.get("regex") or regex_subjects(raw, "regex", engines()["regex"])
                    found.append(kind_subject(raw, whole[0]))
            else:
                found.extend(token_subjects(raw))
    return found


# --- timing --------------------------------------------------------------------------------


def timed(run: Runner, text: str) -> float:
    """CPU seconds of one run (this thread's CPU time: a busy machine pre-empting the run adds
    wall time, not CPU time). Runs are repeated and the fastest kept: twice, or until 20 ms are
    spent; five times near the :data:`SLOW` line, where noise would decide the verdict."""
    best = float("inf")
    spent = 0.0
    for attempt in range(5):
        started = time.thread_time()
        run(text)
        elapsed = time.thread_time() - started
        best = min(best, elapsed)
        spent += elapsed
        near_the_line = SLOW / 2 < best < SLOW * 2
        if best > STOP / 2 or (attempt >= 1 and spent > 0.02 and not near_the_line):
            break
    return best


def measure(
    subject: Subject, input_name: str, make: Callable[[int], str], sizes: tuple[int, ...]
) -> Result:
    times: dict[int, float] = {}
    stopped = False
    for size in sizes:
        done = sorted(times)
        if len(done) >= 2:
            last, before = times[done[-1]], times[done[-2]]
            # Growing as it did from the size before, the next size would take too long.
            if last > 0.5 and last * last / max(before, 1e-9) > PREDICTED_STOP:
                stopped = True
                break
        text = make(size)
        if subject.lower:
            text = text.lower()
        times[size] = timed(subject.run, text)
        if times[size] > STOP:
            stopped = size != sizes[-1]
            break
    result = Result(subject, input_name, times, stopped)
    if result.verdict() and len(subject.runs) > 1:
        result.culprits = culprits(subject, make, result)
    return result


def culprits(subject: Subject, make: Callable[[int], str], result: Result) -> list[int]:
    """Indexes of the alternatives that account for a slow case."""
    bearable = [s for s, t in result.times.items() if t <= SLOW]
    size = max(bearable) if bearable else min(result.times)
    text = make(size)
    if subject.lower:
        text = text.lower()
    whole = result.times[size]
    each = [timed(run, text) for run in subject.runs]
    return [i for i, t in enumerate(each) if t > max(whole * 0.2, NOISE_FLOOR / 4)]


# --- report --------------------------------------------------------------------------------


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f}s"
    return f"{seconds * 1000:.1f}ms"


def table(results: list[Result], sizes: tuple[int, ...]) -> list[str]:
    head = ["rule", "input"] + [f"{s // 1000}k" for s in sizes] + ["ratio", "verdict"]
    rows = [head]
    for r in results:
        ratio = r.ratio()
        rows.append(
            [f"{r.subject.rule} ({r.subject.label})", r.input_name]
            + [fmt(r.times.get(s)) for s in sizes]
            + ["-" if ratio is None else f"{ratio:.1f}", r.verdict() or "ok"]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rules", type=Path, default=RULES, help="rule directory (default: rules/)"
    )
    parser.add_argument(
        "--engine",
        action="append",
        choices=[*engines(), "kind"],
        help="time regex rules with this engine only (repeatable; default: every one installed)",
    )
    parser.add_argument("--rule", action="append", help="only this rule id (repeatable)")
    parser.add_argument("--input", action="append", help="only this input (repeatable)")
    parser.add_argument("--all", action="store_true", help="print every case, not only bad ones")
    parser.add_argument("--verbose", action="store_true", help="print bad cases as found")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    sizes = tuple(sorted(args.sizes))

    started = time.perf_counter()
    results: list[Result] = []
    chosen = [s for s in subjects(args.rules, args.engine) if not args.rule or s.rule in args.rule]
    for subject in chosen:
        for name, make in subject.inputs.items():
            if (args.input and name not in args.input) or not make(1):
                continue
            results.append(measure(subject, name, make, sizes))
            if args.verbose and results[-1].verdict():
                print(*table(results[-1:], sizes)[2:], file=sys.stderr)

    bad = [r for r in results if r.verdict()]
    print(f"{len(chosen)} expressions, {len(results)} cases, sizes {', '.join(map(str, sizes))}\n")
    if args.all:
        shown, title = results, "Every case"
    elif bad:
        shown, title = bad, "Super-linear or slow"
    else:
        shown = sorted(results, key=lambda r: r.times[r.largest], reverse=True)[:SLOWEST]
        title = f"None super-linear or slow; the {len(shown)} slowest"
    if shown:
        print(f"{title}:\n")
        for line in table(shown, sizes):
            print(line)
        print()
    for r in bad:
        for i in r.culprits:
            print(
                f"{r.subject.rule} ({r.subject.label}) / {r.input_name}: alternative #{i}:",
                r.subject.alternatives[i][:90],
            )
    print(f"\n{len(bad)} super-linear or slow case(s); ran in {time.perf_counter() - started:.1f}s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
