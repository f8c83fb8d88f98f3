"""Shared fixtures: the spaCy pipeline and the default checker are built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import tonecheck

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def checker() -> tonecheck.Checker:
    return tonecheck.Checker()
