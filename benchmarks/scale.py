"""Time and memory against input size, for the shapes of input that go wrong: run by hand.

    python benchmarks/scale.py                      # 25k to 200k characters, five shapes
    python benchmarks/scale.py --sizes 50000 400000 --shapes paragraphs

Each (shape, size) is checked in a fresh process (so its peak memory is its own), through
the library's ``Checker.check`` on the body; the model's loading is not timed. For each
shape it prints the seconds, microseconds per character, peak resident memory and the
memory above a one-line email's, then whether time per character stayed roughly flat
(linear) from the smallest size to the largest. The README states the bound measured here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Builds ``size`` characters of one shape (run inside the measuring process).
SHAPES: dict[str, str] = {
    # Real drafts (the examples), one after another: many findings, many sentences.
    "paragraphs": (
        "import pathlib\n"
        "parts = [p.read_text() for p in sorted(pathlib.Path(EXAMPLES).glob('*.txt'))]\n"
        "one = '\\n\\n'.join(parts)\n"
        "text = (one * (SIZE // len(one) + 1))[:SIZE]\n"
    ),
    # One line of words with no punctuation: one sentence, one parse tree.
    "one-line": (
        "words = 'we need the signed report by friday please send it to me'.split()\n"
        "text = ' '.join(words[i % len(words)] for i in range(SIZE // 4))[:SIZE]\n"
    ),
    # A single word: a pasted token or base64 blob.
    "one-word": "text = ('QUJD' * SIZE)[:SIZE]\n",
    # Blank lines with a sentence here and there (the visible text of nested HTML).
    "blank-lines": (
        "block = '\\n' * 400 + 'WHY IS THIS STILL NOT FIXED!!!!'\n"
        "text = (block * (SIZE // len(block) + 1))[:SIZE]\n"
    ),
    # Shouting and exclamations everywhere: a finding every few words.
    "findings": (
        "line = 'PLEASE SEND IT NOW!!!! Did you even read my email? Per my last email, no. '\n"
        "text = (line * (SIZE // len(line) + 1))[:SIZE]\n"
    ),
}

_MEASURE = """
import json, resource, sys, time
EXAMPLES = {examples!r}
SIZE = {size}
{build}
import tonecheck
checker = tonecheck.Checker()
checker.check("Thanks, that works for me.")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
report = checker.check(text)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"chars": len(text), "seconds": seconds, "findings": len(report.findings),
                  "errors": len(report.errors), "peak_kb": peak, "base_kb": base}}))
"""


def measure(shape: str, size: int) -> dict[str, float]:
    code = _MEASURE.format(examples=str(EXAMPLES), size=size, build=SHAPES[shape])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    worst = 0.0
    print(
        f"{'shape':<12} {'chars':>9} {'seconds':>8} {'us/char':>8} {'peak MiB':>9} "
        f"{'extra MiB':>9} {'findings':>8} {'errors':>6}"
    )
    for shape in args.shapes:
        rows = [measure(shape, size) for size in args.sizes]
        for row in rows:
            per_char = row["seconds"] / row["chars"] * 1e6
            print(
                f"{shape:<12} {int(row['chars']):>9,} {row['seconds']:>8.2f} {per_char:>8.1f} "
                f"{row['peak_kb'] / 1024:>9.0f} {(row['peak_kb'] - row['base_kb']) / 1024:>9.0f} "
                f"{int(row['findings']):>8} {int(row['errors']):>6}"
            )
        first, last = rows[0], rows[-1]
        growth = (last["seconds"] / last["chars"]) / (first["seconds"] / first["chars"])
        worst = max(worst, growth)
        verdict = "roughly linear" if growth < 2 else "SUPER-LINEAR"
        print(f"{'':<12} time per character x{growth:.2f} from the smallest size: {verdict}")
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
