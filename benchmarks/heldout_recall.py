"""Recall and false positives on the held-out set (run by hand, not in CI).

``benchmarks/data/heldout*.yaml`` were written by someone who had not read the rules, so unlike
``tests/data/paraphrases.yaml`` they were not written to fit them (``heldout.yaml`` has since
been used to find gaps; ``heldout2.yaml`` has not). A sentence counts as caught
when a finding of its category is an error or a warning; with ``--any`` suggestions count too.

    python benchmarks/heldout_recall.py [--data benchmarks/data/heldout2.yaml] [--any] [--misses]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

import tonecheck

DATA = Path(__file__).resolve().parent / "data" / "heldout.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--any", action="store_true", help="count suggestions as caught too")
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    parser.add_argument("--data", type=Path, default=DATA, help="a YAML set with flag/ok keys")
    args = parser.parse_args()
    floor = tonecheck.Severity.SUGGESTION if args.any else tonecheck.Severity.WARNING

    data = yaml.safe_load(args.data.read_text(encoding="utf-8"))
    checker = tonecheck.Checker()
    caught_all = total = 0
    for key, texts in data["flag"].items():
        category = key.removesuffix("-subject")
        missed = []
        for text in texts:
            report = (
                checker.check("", subject=text) if key.endswith("-subject") else checker.check(text)
            )
            if category not in {f.category for f in report.at_or_above(floor)}:
                missed.append(text)
        caught = len(texts) - len(missed)
        caught_all += caught
        total += len(texts)
        print(f"{key:24} {caught:3}/{len(texts):<3} {100 * caught / len(texts):5.1f}%")
        if args.misses:
            for text in missed:
                print(f"    missed: {text}")
    print(f"{'all':24} {caught_all:3}/{total:<3} {100 * caught_all / total:5.1f}%")

    flagged = []
    for text in data["ok"]:
        serious = checker.check(text).at_or_above(tonecheck.Severity.WARNING)
        if serious:
            flagged.append((text, sorted({f.rule for f in serious})))
    n = len(data["ok"])
    print(
        f"near-misses with an error or warning: {len(flagged)}/{n} ({100 * len(flagged) / n:.1f}%)"
    )
    for text, rules in flagged:
        print(f"    {rules}: {text}")


if __name__ == "__main__":
    main()
