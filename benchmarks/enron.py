"""The Enron corpus the benchmarks read: where it is, and its rows (never copied here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: The AESLC Enron corpus in ../shared/data/enron/, beside the project.
DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "enron" / "aeslc_train.jsonl"
)


def load_rows(path: Path, limit: int = 0) -> list[dict[str, Any]]:
    """The corpus's emails (``id``, ``subject``, ``body``), the first ``limit`` if it is set."""
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return rows[:limit] if limit else rows
