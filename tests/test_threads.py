"""``Checker.check`` is safe from many threads: 8 threads over 500 drafts give exactly the
reports one thread gives."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import yaml
from conftest import ROOT

import tonecheck

DEVSET = yaml.safe_load((ROOT / "benchmarks" / "data" / "devset.yaml").read_text(encoding="utf-8"))


def _drafts() -> list[tuple[str, str | None]]:
    items = [(item["text"], item.get("subject")) for item in DEVSET]
    return (items * 2)[:500]


def _summary(report: tonecheck.Report) -> tuple[object, ...]:
    return (
        [f.to_dict() for f in report.findings],
        report.scores,
        [u.to_dict() for u in report.strategies],
        report.errors,
    )


def test_eight_threads_give_the_sequential_reports() -> None:
    # A checker of its own, first used by the threads.
    checker = tonecheck.Checker(tonecheck.Config(ignore=("long-email",)))
    drafts = _drafts()
    assert len(drafts) == 500
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda d: _summary(checker.check(*d)), drafts))
    sequential = [_summary(checker.check(*d)) for d in drafts]
    assert threaded == sequential
    assert all(s[3] == () for s in sequential)  # no rule failed
    assert sum(1 for s in sequential if s[0]) > 250  # most dev-set drafts have findings
