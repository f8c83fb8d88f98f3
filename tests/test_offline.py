"""Checks never touch the network: with sockets blocked, the library and the CLI still work."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES

import tonecheck


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed("a socket was opened during a check")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_library_check_is_offline(no_network: None) -> None:
    # A fresh checker with its own config loads rules and runs every analysis again.
    checker = tonecheck.Checker(tonecheck.Config(ignore=("long-email",)))
    report = checker.check(
        (EXAMPLES / "ultimatum.txt").read_text(encoding="utf-8"), subject="Final Contact"
    )
    assert report.findings
    assert report.scores["grade"] > 0


def test_cli_in_a_fresh_process_is_offline(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import socket

            def refuse(*args, **kwargs):
                raise RuntimeError("NETWORK USED")

            socket.socket.connect = refuse
            socket.socket.connect_ex = refuse
            socket.create_connection = refuse
            socket.getaddrinfo = refuse
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tonecheck", str(EXAMPLES), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "NETWORK USED" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert '"version": 1' in result.stdout
