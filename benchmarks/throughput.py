"""Speed and memory of a full check (run by hand; never a timed test).

Measures, on this machine:
- cold start: a fresh ``python -m tonecheck`` on one short draft, end to end;
- throughput of ``Checker.check`` and ``Checker.check_many`` over the bundled examples and
  clean emails, repeated to ``--emails`` texts;
- peak resident memory of this process.

    python benchmarks/throughput.py [--emails 1000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import tonecheck

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[str]:
    files = sorted((ROOT / "examples").glob("*.txt")) + sorted(
        (ROOT / "tests/data/clean").glob("*.txt")
    )
    texts = [p.read_text(encoding="utf-8") for p in files]
    return (texts * (n // len(texts) + 1))[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000)
    args = parser.parse_args()

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tonecheck", str(ROOT / "examples" / "terse-reply.txt")],
        capture_output=True,
        check=False,
    )
    print(f"cold start, one draft (fresh process): {time.perf_counter() - started:.2f}s")

    started = time.perf_counter()
    checker = tonecheck.Checker()
    loaded = time.perf_counter() - started
    print(f"Checker() in this process: {loaded:.2f}s ({len(checker.rules)} rules)")

    texts = corpus(args.emails)
    words = sum(len(t.split()) for t in texts)
    checker.check(texts[0])  # first use loads the CMU dictionary and VADER lexicon
    started = time.perf_counter()
    for text in texts:
        checker.check(text)
    elapsed = time.perf_counter() - started
    print(
        f"check():      {len(texts) / elapsed:7.1f} emails/s ({words / len(texts):.0f} words each)"
    )

    started = time.perf_counter()
    for _ in checker.check_many(texts, batch_size=64):
        pass
    elapsed = time.perf_counter() - started
    print(f"check_many(): {len(texts) / elapsed:7.1f} emails/s")

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
