"""``check_many`` in batches and in worker processes gives, in input order, the reports that
one ``check`` call per email gives, and reads an endless iterator a little at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from conftest import labelled, report_summary

import tonecheck

DRAFTS = [(item["text"], item.get("subject")) for item in labelled()[:120]]


@pytest.fixture(scope="module")
def sequential(checker: tonecheck.Checker) -> list[dict[str, object]]:
    return [report_summary(checker.check(text, subject)) for text, subject in DRAFTS]


@pytest.mark.parametrize(("batch_size", "n_process"), [(1, 1), (7, 1), (64, 1), (8, 2)])
def test_check_many_gives_the_reports_of_check(
    checker: tonecheck.Checker,
    sequential: list[dict[str, object]],
    batch_size: int,
    n_process: int,
) -> None:
    reports = checker.check_many(DRAFTS, batch_size=batch_size, n_process=n_process)
    assert [report_summary(r) for r in reports] == sequential


def test_an_endless_iterator_is_read_as_it_is_checked(checker: tonecheck.Checker) -> None:
    read = 0

    def endless() -> Iterator[str]:
        nonlocal read
        for i in itertools.count():
            read += 1
            yield f"Hi Sam, can you send the report {i}?"

    reports = checker.check_many(endless(), batch_size=4, n_process=2)
    first = list(itertools.islice(reports, 10))
    assert [r.texts["body"] for r in first] == [
        f"Hi Sam, can you send the report {i}?" for i in range(10)
    ]
    # Two workers, two batches ahead each, of four: never far past what was asked for.
    assert read <= 10 + 2 * 2 * 4 + 4
    reports.close()  # type: ignore[attr-defined]
