"""How often ordinary business email gets an error or warning (run by hand, not in CI).

Reads the AESLC Enron corpus from ../shared/data/enron/ (never copied into the project) and
prints the share of emails with at least one error or warning, the count per rule, and a
sample of flagged sentences to read.

    python benchmarks/enron_false_positives.py [--limit N] [--sample K] [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from enron import DEFAULT_DATA, load_rows

import tonecheck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N emails")
    parser.add_argument("--sample", type=int, default=40, help="flagged findings to print")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", type=Path, help="write every error/warning as JSON lines here")
    args = parser.parse_args()

    rows = load_rows(args.data, args.limit)
    checker = tonecheck.Checker()
    started = time.perf_counter()
    reports = list(checker.check_many((r["body"], r["subject"]) for r in rows))
    elapsed = time.perf_counter() - started

    flagged = 0
    per_rule: Counter[str] = Counter()
    all_rules: Counter[str] = Counter()
    examples: list[tuple[str, str, str]] = []
    for row, report in zip(rows, reports, strict=True):
        serious = report.at_or_above(tonecheck.Severity.WARNING)
        flagged += bool(serious)
        per_rule.update({f.rule for f in serious})
        all_rules.update({f.rule for f in report.findings})
        examples.extend((row["id"], f.rule, f.text) for f in serious)

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for email_id, rule, text in examples:
                out.write(json.dumps({"id": email_id, "rule": rule, "text": text}) + "\n")
    n = len(rows)
    print(f"{n} emails in {elapsed:.1f}s ({n / elapsed:.1f}/s)")
    print(f"with an error or warning: {flagged} ({100 * flagged / n:.2f}%)")
    print("emails per rule (error/warning):")
    for rule, count in per_rule.most_common():
        print(f"  {rule:28} {count:5}  {100 * count / n:.2f}%")
    print("emails per rule (any severity):")
    for rule, count in all_rules.most_common():
        print(f"  {rule:28} {count:5}  {100 * count / n:.2f}%")
    random.Random(args.seed).shuffle(examples)
    print(f"\nsample of {min(args.sample, len(examples))} flagged findings:")
    for email_id, rule, text in examples[: args.sample]:
        print(f"  [{rule}] {email_id}: {text[:200]!r}")


if __name__ == "__main__":
    main()
