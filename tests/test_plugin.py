"""A plugin installed from examples/plugin: its kind and pack load through the entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PLUGIN = ROOT / "examples" / "plugin"
DRAFT = "Hi Sam,\n\nSorry for the delay. Sorry again, and sorry for the long email.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin, really installed (built by hatchling, no download) into a directory."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        capture_output=True,
        text=True,
        cwd=build,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert list(target.glob("tonecheck_example_plugin-*.dist-info/entry_points.txt"))
    return target


def tonecheck(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tonecheck", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def test_plugin_rule_runs_from_the_cli(site: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = tonecheck(site, "--format", "json", "--fail-on", "suggestion", str(draft), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["files"][0]["findings"]
    repeated = [f for f in findings if f["rule"] == "repeated-apology"]
    # The second and third "sorry" are flagged, not the first.
    assert [(f["text"], f["column"]) for f in repeated] == [("Sorry", 22), ("sorry", 39)]
    assert all(f["category"] == "apology" for f in repeated)
    # It is a rule like any other: it can be ignored by id or by its own category.
    done = tonecheck(site, "--format", "json", "--ignore", "apology", str(draft), cwd=tmp_path)
    assert not [
        f
        for f in json.loads(done.stdout)["files"][0]["findings"]
        if f["rule"] == "repeated-apology"
    ]


def test_plugin_rule_is_listed_explained_and_its_examples_pass(site: Path, tmp_path: Path) -> None:
    done = tonecheck(site, "rules", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert any(
        line.split()[:2] == ["repeated-apology", "apology"] for line in done.stdout.splitlines()
    )
    done = tonecheck(site, "explain", "repeated-apology", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "makes the reader comfort you" in " ".join(done.stdout.split())
    script = (
        "import tonecheck\n"
        "from tonecheck.selftest import run_examples\n"
        "bad = [r.describe() for r in run_examples(tonecheck.Checker()) if not r.passed]\n"
        "print(len(bad)); print(*bad, sep='\\n')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "0", done.stdout


def test_without_the_plugin_its_rule_is_unknown(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tonecheck", "explain", "repeated-apology"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 2
    assert "unknown rule 'repeated-apology'" in done.stderr
