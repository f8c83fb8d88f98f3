"""tonecheck: read an outgoing email the way its recipient will, before it is sent.

>>> import tonecheck
>>> report = tonecheck.check("If you don't call back I'll assume you're not interested.")
>>> [f.category for f in report.findings]  # doctest: +SKIP
['ultimatum', 'assumes-intent']
"""

from __future__ import annotations

from .checker import Checker, check
from .config import Config
from .errors import ConfigError, ExitCode, InputError, RuleError, TonecheckError
from .findings import CATEGORIES, Finding, Fix, Report, Safety, Severity, Suggestion
from .message import Field, Message, ReadOptions, parse_text, read_file
from .plugins import Plugin

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Checker",
    "Config",
    "ConfigError",
    "ExitCode",
    "Field",
    "Finding",
    "Fix",
    "InputError",
    "Message",
    "Plugin",
    "ReadOptions",
    "Report",
    "RuleError",
    "Safety",
    "Severity",
    "Suggestion",
    "TonecheckError",
    "__version__",
    "check",
    "parse_text",
    "read_file",
]
