"""Settings for a check. The library and the CLI build the same object."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError
from .findings import Severity

FAIL_ON_CHOICES = ("error", "warning", "suggestion", "never")


@dataclass(frozen=True)
class Config:
    """What to check and how.

    ``select``/``ignore`` take rule ids or categories (an empty ``select`` means all rules);
    ``rule_paths`` adds YAML rule files or directories to the built-in packs; ``model`` names
    the spaCy pipeline (a package name or a path), ``None`` to pick the installed default.
    ``fail_on`` is the lowest severity that makes the CLI exit 1 (``None``: never).
    ``include_quoted`` checks quoted replies and signatures as well.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.WARNING
    rule_paths: tuple[str, ...] = ()
    model: str | None = None
    builtin_rules: bool = True
    #: Check quoted threads and signatures too (they are left out by default).
    include_quoted: bool = False

    @staticmethod
    def parse_fail_on(value: str) -> Severity | None:
        if value == "never":
            return None
        try:
            return Severity(value)
        except ValueError:
            raise ConfigError(
                f"fail-on: '{value}' is not one of {', '.join(FAIL_ON_CHOICES)}"
            ) from None
