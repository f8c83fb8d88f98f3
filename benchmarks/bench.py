"""Speed and memory of tonecheck against bare spaCy and proselint, in one run (by hand).

    pip install -e ".[bench]"
    python benchmarks/bench.py [--emails 2000] [--rounds 3] [--processes N] [--stream 100000]

Builds a corpus of realistic drafts (ours: sentences of the labelled sets in
``benchmarks/data``, with greetings and sign-offs, about 125 words each) and prints, on the
same texts in the same run:

1. bare ``nlp.pipe`` with the components tonecheck parses with (no NER);
2. ``Checker.check_many`` in the default mode and with ``full_parse``, in 1 and N processes,
   and the share of sentences each parsed; whether both modes gave the same reports;
3. proselint through its Python API (``pip install -e ".[bench]"``), on one core;
4. the ratios that are the targets: default mode against proselint (at least 1), full-parse
   mode against bare ``nlp.pipe`` (at least 0.8);
5. the latency of single ``check`` calls (p50, p95);
6. the CLI's cold start on one short draft against a bare ``spacy.load``;
7. growth: time and memory per word for one text of 100, 1k, 10k and 100k words, and the
   resident memory while ``--stream`` emails go through ``check_many``;
8. peak resident memory.

Throughputs are medians of ``--rounds`` rounds; each round runs every contender once, in
turn. The machines are shared: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

import tonecheck

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

GREETINGS = ["Hi {name},", "Hello {name},", "Dear {name},", "Hey {name},", "{name},", ""]
SIGN_OFFS = ["Best,\n{me}", "Thanks,\n{me}", "Kind regards,\n{me}", "Cheers,\n{me}", "{me}"]
NAMES = ["Sam", "Priya", "Marco", "Dana", "Jordan", "Aiko", "Tom", "Fatima", "Lee", "Olga"]


def _sentences() -> list[str]:
    """Body lines of the labelled sets (ours), without their greetings and sign-offs."""
    lines: list[str] = []
    for name in ("devset", "heldout", "heldout2", "heldout3"):
        for item in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")):
            if not isinstance(item, dict) or "text" not in item:
                continue
            for line in item["text"].splitlines():
                line = line.strip()
                if len(line.split()) >= 4 and not line.endswith(","):
                    lines.append(line)
    return sorted(set(lines))


def corpus(n: int, seed: int = 8) -> list[str]:
    """``n`` drafts of about 125 words: a greeting, body paragraphs, a sign-off."""
    rng = random.Random(seed)
    pool = _sentences()
    drafts = []
    for _ in range(n):
        name, me = rng.sample(NAMES, 2)
        parts = [rng.choice(GREETINGS).format(name=name)]
        paragraph: list[str] = []
        words = 0
        while words < 115:
            line = rng.choice(pool)
            paragraph.append(line)
            words += len(line.split())
            if len(paragraph) >= rng.randint(2, 4):
                parts.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            parts.append(" ".join(paragraph))
        parts.append(rng.choice(SIGN_OFFS).format(me=me))
        drafts.append("\n\n".join(p for p in parts if p) + "\n")
    return drafts


def median_rates(runs: dict[str, Callable[[], int]], rounds: int) -> dict[str, float]:
    """Items a second of each run (which returns its count): the median over ``rounds``
    rounds, each of which runs every one once in turn, so that a slow spell on the shared
    machine slows them all alike rather than one of them."""
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            gc.collect()
            started = time.perf_counter()
            count = run()
            rates[name].append(count / (time.perf_counter() - started))
    return {name: statistics.median(found) for name, found in rates.items()}


def rss_mib() -> float:
    """This process's resident memory now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def summary(report: tonecheck.Report) -> tuple[object, ...]:
    return (
        [f.to_dict() for f in report.findings],
        report.scores,
        [u.to_dict() for u in report.strategies],
    )


def bare_spacy(texts: list[str], model: str) -> Callable[[], int]:
    import spacy

    nlp = spacy.load(model, exclude=["ner"])
    list(nlp.pipe(texts[:50]))
    return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=64))


def proselint_run(texts: list[str]) -> Callable[[], int] | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    LintFile("warm-up", texts[0]).lint()
    return lambda: sum(1 for t in texts if LintFile("draft", t).lint() or 1)


def tonecheck_run(
    checker: tonecheck.Checker, texts: list[str], n_process: int
) -> Callable[[], int]:
    """Emails through ``check_many``."""
    return lambda: sum(1 for _ in checker.check_many(texts, batch_size=64, n_process=n_process))


def latency(checker: tonecheck.Checker, texts: list[str]) -> tuple[float, float]:
    times = []
    for text in texts:
        started = time.perf_counter()
        checker.check(text)
        times.append(time.perf_counter() - started)
    times.sort()
    return times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000


def cold_start(draft: str, model: str, rounds: int) -> tuple[float, float]:
    """Median seconds of ``tonecheck draft.txt`` and of a bare ``spacy.load``, each in a
    fresh interpreter."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(draft, encoding="utf-8")
        commands = [
            [sys.executable, "-m", "tonecheck", "--isolated", str(path)],
            [sys.executable, "-c", f"import spacy; spacy.load({model!r})"],
        ]
        results = []
        for command in commands:
            runs = []
            for _ in range(rounds):
                started = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False, cwd=tmp)
                runs.append(time.perf_counter() - started)
            results.append(statistics.median(runs))
    return results[0], results[1]


def growth(checker: tonecheck.Checker, texts: list[str]) -> None:
    print("\ngrowth: one text of N words (fresh measurements, this process)")
    print(f"  {'words':>8} {'seconds':>9} {'us/word':>8} {'MiB held':>9}")
    joined = "\n\n".join(texts)
    words = joined.split(" ")
    for n in (100, 1_000, 10_000, 100_000):
        text = " ".join((words * (n // len(words) + 1))[:n])
        gc.collect()
        before = rss_mib()
        started = time.perf_counter()
        report = checker.check(text)
        elapsed = time.perf_counter() - started
        held = rss_mib() - before
        del report
        print(f"  {n:>8,} {elapsed:>9.2f} {elapsed / n * 1e6:>8.0f} {held:>9.0f}")


def stream(checker: tonecheck.Checker, texts: list[str], total: int) -> None:
    print(f"\nmemory while {total:,} emails stream through check_many (one process)")

    def endless() -> Iterator[str]:
        for i in range(total):
            yield texts[i % len(texts)]

    step = max(1, total // 10)
    started = time.perf_counter()
    for i, _ in enumerate(checker.check_many(endless(), batch_size=64), 1):
        if i % step == 0:
            print(f"  {i:>8,} emails  {rss_mib():6.0f} MiB  {time.perf_counter() - started:6.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--stream", type=int, default=100_000, help="0 to skip")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--growth-only", action="store_true", help="only the growth table")
    args = parser.parse_args()

    texts = corpus(args.emails)
    words = sum(len(t.split()) for t in texts) / len(texts)
    default = tonecheck.Checker()
    model = default.pipeline.name
    full = tonecheck.Checker(tonecheck.Config(full_parse=True))
    python = platform.python_version()
    print(f"tonecheck {tonecheck.__version__}, spaCy model {model}, Python {python}")
    cpu = platform.processor() or platform.machine()
    print(f"{cpu}, {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    print(
        f"corpus: {len(texts):,} drafts, {words:.0f} words each on average; {args.rounds} rounds\n"
    )

    default.check(texts[0])  # first use loads the lexicons
    if args.growth_only:
        growth(default, texts)
        return
    same = all(
        summary(a) == summary(b)
        for a, b in zip(default.check_many(texts), full.check_many(texts), strict=True)
    )

    runs = {"bare nlp.pipe (no NER)": bare_spacy(texts, model)}
    prose_run = proselint_run(texts)
    if prose_run is not None:
        runs["proselint (Python API)"] = prose_run
    checkers = {"default": default, "--full-parse": full}
    names = {
        (label, n): f"tonecheck {label}, {n} process{'es' if n > 1 else ''}"
        for label in checkers
        for n in sorted({1, args.processes})
    }
    for (label, n), name in names.items():
        runs[name] = tonecheck_run(checkers[label], texts, n)
    # Workers count their own sentences, so the counts here are the one-process runs'.
    counts = {label: (c.sentences_parsed, c.sentences_seen) for label, c in checkers.items()}
    rates = median_rates(runs, args.rounds)
    shares = {
        names[(label, 1)]: (c.sentences_parsed - counts[label][0])
        / max(1, c.sentences_seen - counts[label][1])
        for label, c in checkers.items()
    }
    bare = rates["bare nlp.pipe (no NER)"]
    prose = rates.get("proselint (Python API)")
    results = {key: rates[name] for key, name in names.items()}
    rows = [(name, rate, shares.get(name)) for name, rate in rates.items()]

    print(f"{'':40} {'emails/s':>9} {'x bare':>7} {'x proselint':>12} {'parsed':>7}")
    for label, rate, share in rows:
        vs_prose = f"{rate / prose:12.2f}" if prose else f"{'-':>12}"
        parsed = f"{share:7.0%}" if share is not None else f"{'':>7}"
        print(f"{label:40} {rate:9.1f} {rate / bare:7.2f} {vs_prose} {parsed}")
    print(f"\nsame reports in both modes on all {len(texts):,} drafts: {'yes' if same else 'NO'}")
    one = results[("default", 1)]
    print("targets, one core:")
    if prose is not None:
        print(f"  default mode / proselint:   {one / prose:.2f} (target at least 1)")
    else:
        print("  default mode / proselint:   proselint not installed (pip install -e '.[bench]')")
    ratio = results[("--full-parse", 1)] / bare
    print(f"  --full-parse / bare spaCy:  {ratio:.2f} (target at least 0.8)")
    if args.processes > 1:
        print(
            f"  {args.processes} processes / 1, default: "
            f"{results[('default', args.processes)] / one:.2f}"
        )

    p50, p95 = latency(default, texts[:300])
    print(f"\nsingle check() latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    ours, spacy_load = cold_start(texts[0], model, args.rounds)
    print(
        f"cold start, tonecheck draft.txt: {ours:.2f} s; bare spacy.load: {spacy_load:.2f} s "
        f"({ours / spacy_load:.2f}x; target at most 1.5x)"
    )
    if not args.skip_growth:
        growth(default, texts)
    if args.stream:
        stream(default, texts, args.stream)
    print(
        f"\npeak memory: this process {peak_mib():.0f} MiB, "
        f"worker processes {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB"
    )


if __name__ == "__main__":
    main()
