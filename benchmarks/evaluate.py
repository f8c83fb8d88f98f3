"""Every measured figure in README "How often it is right", in one command (run by hand).

    python benchmarks/evaluate.py [--skip-enron] [--enron-limit N] [--misses]

1. The labelled development set (``benchmarks/data/devset.yaml``): precision, recall and F1
   per category, the false-positive rate on clean items (the same as ``tonecheck evaluate``).
2. The politeness score against human judgement: the Wikipedia half of the Stanford
   Politeness Corpus (``../shared/data/politeness/``), most polite quartile against least
   polite. ROC AUC and accuracy at the median split, for tonecheck's politeness score (never
   trained on this data), for VADER's compound score, and for the two added. The corpus is
   split by id into two halves: only the even half was read while the strategies were
   written, so the odd half is a held-out check.
3. The share of real business email (``../shared/data/enron/``) with an error or warning.

The shared data is read where it lies and never copied; a missing corpus is skipped with a
note.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

import tonecheck
from tonecheck import evaluation

sys.path.insert(0, str(Path(__file__).resolve().parent))
from enron import DEFAULT_DATA as ENRON_DATA
from enron import load_rows

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "data" / "devset.yaml"
POLITENESS = HERE.parents[1] / "shared" / "data" / "politeness" / "wikipedia.slim.tsv"

#: The paper's figures on the same task (Danescu-Niculescu-Mizil et al. 2013, Wikipedia).
PAPER = (
    ("bag-of-words SVM, trained (paper)", 0.798),
    ("SVM with strategies, trained (paper)", 0.838),
    ("human agreement (paper)", 0.867),
)


def devset(checker: tonecheck.Checker, misses: bool) -> None:
    print(f"## Development set: {DEVSET.relative_to(HERE.parent)}\n")
    result = evaluation.evaluate(checker, evaluation.load(DEVSET))
    for line in evaluation.table(result, misses=misses):
        print(line)
    print()


def politeness(checker: tonecheck.Checker, path: Path) -> None:
    print(f"## Politeness against human judgement: {path.name}\n")
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["quartile_label"] != "middle"]
    reports = list(checker.check_many(r["text"] for r in rows))
    halves = {
        "even ids (read while writing the strategies)": lambda r: int(r["id"]) % 2 == 0,
        "odd ids (held out)": lambda r: int(r["id"]) % 2 == 1,
        "all": lambda r: True,
    }
    print(f"{'score':38} {'half':46} {'n':>5} {'AUC':>6} {'accuracy':>8}")
    for name, score in (
        ("tonecheck politeness (untrained)", lambda rep: rep.scores["politeness"]),
        ("VADER compound", lambda rep: rep.scores["sentiment"]),
        (
            "politeness + 0.3 x VADER",
            lambda rep: rep.scores["politeness"] + 0.3 * rep.scores["sentiment"],
        ),
    ):
        for half, keep in halves.items():
            chosen = [
                (score(rep), r["quartile_label"] == "polite")
                for r, rep in zip(rows, reports, strict=True)
                if keep(r)
            ]
            values, labels = [s for s, _ in chosen], [y for _, y in chosen]
            auc = evaluation.roc_auc(values, labels)
            acc = evaluation.median_split_accuracy(values, labels)
            print(f"{name:38} {half:46} {len(chosen):5} {auc:6.3f} {acc:8.3f}")
    for name, acc in PAPER:
        print(f"{name:38} {'in-domain, as reported in the paper':46} {'':5} {'':>6} {acc:8.3f}")
    used = [{u.strategy for u in rep.strategies} for rep in reports]
    count: Counter[str] = Counter(name for names in used for name in names)
    polite: Counter[str] = Counter(
        name
        for names, r in zip(used, rows, strict=True)
        for name in names
        if r["quartile_label"] == "polite"
    )
    polite_share = {name: polite[name] / n for name, n in count.items()}
    print("\nstrategy                share of requests using it that are in the polite quartile")
    for name, share in sorted(polite_share.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22} {share:5.2f}  (n={count[name]})")
    print()


def enron(checker: tonecheck.Checker, path: Path, limit: int) -> None:
    rows = load_rows(path, limit)
    print(f"## Real business email: {len(rows)} Enron emails (AESLC)\n")
    start = time.perf_counter()
    flagged: Counter[str] = Counter()
    n = serious = 0
    for report in checker.check_many((r["body"], r["subject"]) for r in rows):
        n += 1
        found = report.at_or_above(tonecheck.Severity.WARNING)
        if found:
            serious += 1
            flagged.update({f.category for f in found})
    elapsed = time.perf_counter() - start
    print(f"emails with an error or warning: {serious}/{n} ({100 * serious / n:.2f}%)")
    for cat, count in flagged.most_common():
        print(f"  {cat:20} {count:5} ({100 * count / n:.2f}%)")
    print(f"({elapsed:.0f} s, {n / elapsed:.0f} emails/s)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-enron", action="store_true", help="leave out the Enron share")
    parser.add_argument("--enron-limit", type=int, default=0, help="only the first N Enron emails")
    parser.add_argument("--misses", action="store_true", help="list the dev set's misses")
    args = parser.parse_args()
    checker = tonecheck.Checker()
    devset(checker, args.misses)
    if POLITENESS.exists():
        politeness(checker, POLITENESS)
    else:
        print(f"## Politeness: skipped, {POLITENESS} is not there\n")
    if args.skip_enron:
        return
    if ENRON_DATA.exists():
        enron(checker, ENRON_DATA, args.enron_limit)
    else:
        print(f"## Enron: skipped, {ENRON_DATA} is not there\n")


if __name__ == "__main__":
    main()
