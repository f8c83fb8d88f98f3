"""The code itself: ruff and mypy (strict) are clean, and the package is typed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(
    shutil.which("git") is None and not (ROOT / "pyproject.toml").exists(), reason="no source tree"
)
def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "tonecheck", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_is_typed() -> None:
    import tonecheck

    assert (ROOT / "tonecheck" / "py.typed").exists() or hasattr(tonecheck, "__file__")
