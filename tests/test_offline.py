"""Checks never touch the network: with sockets blocked, the library and the CLI still work."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

import tonecheck

INPUTS = DATA / "inputs"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed("a socket was opened during a check")

    class NoSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise NetworkUsed("a socket was created during a check")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)


def test_library_check_is_offline(no_network: None) -> None:
    with pytest.raises(NetworkUsed):
        socket.socket()
    # A fresh checker with its own config loads rules and runs every analysis again.
    checker = tonecheck.Checker(tonecheck.Config(ignore=("long-email",)))
    report = checker.check(
        (EXAMPLES / "ultimatum.txt").read_text(encoding="utf-8"), subject="Final Contact"
    )
    assert report.findings
    assert report.scores["grade"] > 0
    many = list(checker.check_many([("PLEASE ANSWER NOW!!!!", "Final Contact")] * 3))
    assert all(r.findings for r in many)
    html = tonecheck.read_file(INPUTS / "reply-outlook.html")
    assert checker.check_message(html).findings


#: Loaded before anything else in a fresh interpreter: no socket can even be created.
NO_SOCKETS = """
import socket

class NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        raise RuntimeError("NETWORK USED")

def refuse(*args, **kwargs):
    raise RuntimeError("NETWORK USED")

socket.socket = NoSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.socketpair = refuse
"""


@pytest.mark.parametrize(
    ("args", "status", "shows"),
    [
        ([str(EXAMPLES), "--format", "json", "--scores"], 1, '"version": 1'),
        ([str(EXAMPLES / "ultimatum.txt"), "--diff", "--unsafe-fixes"], 1, "+++ "),
        (["rules"], 0, "terse-reply"),
        (["explain", "ultimatum-if-no-reply"], 0, "ultimatum-if-no-reply"),
        (["config", "--show", str(EXAMPLES)], 0, "rules"),
    ],
)
def test_cli_in_a_fresh_process_is_offline(
    tmp_path: Path, args: list[str], status: int, shows: str
) -> None:
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent(NO_SOCKETS), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.socket()"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "NETWORK USED" in probe.stderr  # the block is in place
    result = subprocess.run(
        [sys.executable, "-m", "tonecheck", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "NETWORK USED" not in result.stderr
    assert result.returncode == status, result.stderr
    assert shows in result.stdout
