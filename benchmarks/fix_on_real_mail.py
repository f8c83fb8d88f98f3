"""``--fix`` on real business email (run by hand, not in CI).

Reads the AESLC Enron corpus from ../shared/data/enron/ (never copied into the project),
writes each email as a file's text ("Subject: ...", a blank line, the body), fixes it as
``--fix`` does, and checks on every email what the property test checks on generated ones:

- a second fix changes nothing (idempotent);
- line endings and every character outside the fixed spans are kept;
- after the fix, no finding with an applicable fix is left.

Prints how many emails changed, the fixes per rule, the time per email, and a sample of
rewrites to read.

    python benchmarks/fix_on_real_mail.py [--limit N] [--unsafe] [--sample K]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from enron import DEFAULT_DATA, load_rows

import tonecheck
from tonecheck.fixes import apply
from tonecheck.fixfile import fix_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2000, help="the first N emails (0: all)")
    parser.add_argument("--unsafe", action="store_true", help="also apply sentence rewrites")
    parser.add_argument("--sample", type=int, default=15, help="rewrites to print")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rows = load_rows(args.data, args.limit)
    checker = tonecheck.Checker()
    changed = problems = 0
    per_rule: Counter[str] = Counter()
    rewrites: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    for row in rows:
        data = f"Subject: {row['subject']}\n\n{row['body']}".encode()
        new, result = fix_bytes(checker, data, "mail.txt", unsafe=args.unsafe)
        if new == data:
            continue
        changed += 1
        again, second = fix_bytes(checker, new, "mail.txt", unsafe=args.unsafe)
        text = data.decode()
        ok = again == new and not second.passes and new.count(b"\n") == data.count(b"\n")
        for chosen in result.passes:
            fixed = apply(text, chosen)
            at = last = 0
            for a in chosen:
                kept = text[last : a.fix.start]
                ok &= fixed[at : at + len(kept)] == kept
                at += len(kept) + len(a.fix.replacement)
                last = a.fix.end
                per_rule[a.finding.rule] += 1
                rewrites.append((a.finding.rule, a.finding.text, a.fix.replacement))
            ok &= fixed[at:] == text[last:]
            text = fixed
        left = [f for f in result.report.findings if f.fix and f.fix.applicable(args.unsafe)]
        if not ok or left:
            problems += 1
            print(f"PROBLEM in {row['id']}: idempotent/local={ok}, fixable left={len(left)}")
    elapsed = time.perf_counter() - started

    n = len(rows)
    print(f"{n} emails in {elapsed:.1f}s ({1000 * elapsed / n:.1f} ms/email)")
    mode = "--fix --unsafe-fixes" if args.unsafe else "--fix"
    print(f"changed by {mode}: {changed} ({100 * changed / n:.2f}%)")
    print(f"emails failing a check: {problems}")
    print("fixes per rule:")
    for rule, count in per_rule.most_common():
        print(f"  {rule:24} {count}")
    random.Random(args.seed).shuffle(rewrites)
    print("sample of rewrites:")
    for rule, before, after in rewrites[: args.sample]:
        print(f"  [{rule}] {before[:90]!r}\n      -> {after[:90]!r}")


if __name__ == "__main__":
    main()
