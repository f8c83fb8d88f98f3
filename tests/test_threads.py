"""``Checker.check`` is safe from many threads: 8 threads over 500 drafts give exactly the
reports one thread gives."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import labelled, report_summary

import tonecheck


def _drafts() -> list[tuple[str, str | None]]:
    items = [(item["text"], item.get("subject")) for item in labelled()]
    return (items * 2)[:500]


def test_eight_threads_give_the_sequential_reports() -> None:
    # A checker of its own, first used by the threads.
    checker = tonecheck.Checker(tonecheck.Config(ignore=("long-email",)))
    drafts = _drafts()
    assert len(drafts) == 500
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda d: report_summary(checker.check(*d)), drafts))
    sequential = [report_summary(checker.check(*d)) for d in drafts]
    assert threaded == sequential
    assert all(s["errors"] == () for s in sequential)  # no rule failed
    assert sum(1 for s in sequential if s["findings"]) > 250  # most dev-set drafts have findings
