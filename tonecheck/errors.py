"""Exceptions a user sees as one clear line, and the CLI's exit codes."""

from __future__ import annotations

from enum import IntEnum


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type's name when it has none)."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class ExitCode(IntEnum):
    """Public API: what the ``tonecheck`` command returns."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


class TonecheckError(Exception):
    """Base class: ``str(error)`` is a complete, one-line message for a person."""


class RuleError(TonecheckError):
    """A rule file or one rule in it is invalid."""

    def __init__(self, path: str, problem: str, rule: str | None = None, line: int | None = None):
        self.path = path
        self.rule = rule
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line else path
        who = f": rule '{rule}'" if rule else ""
        super().__init__(f"{where}{who}: {problem}")


class ConfigError(TonecheckError):
    """A setting is unknown or has a bad value."""


class InputError(TonecheckError):
    """An input file cannot be read as text."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: error: {problem}")
