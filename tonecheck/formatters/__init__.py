"""Output formats. Formatters only format: they receive reports and write text.

Every formatter has the same small interface (``start``, ``report``, ``error``, ``finish``;
see :class:`Formatter`) and is registered by name in :data:`FORMATTERS`, from which the
CLI's ``--format`` choices are built. One module per format:

- ``text`` (:mod:`.text`): compiler-style lines for people;
- ``json`` (:mod:`.jsondoc`): one document, ``version`` 1;
- ``jsonl`` (:mod:`.jsonl`): one object per finding per line, streamed;
- ``sarif`` (:mod:`.sarif`): SARIF 2.1.0, for GitHub code scanning;
- ``github`` (:mod:`.github`): GitHub Actions workflow commands (annotations).

``--statistics`` is :func:`write_statistics` (:mod:`.statistics`), over all reports at once.
"""

from __future__ import annotations

from .base import FileError, Formatter
from .github import GithubFormatter
from .jsondoc import JSON_VERSION, JsonFormatter
from .jsonl import JsonlFormatter
from .sarif import SarifFormatter
from .statistics import RuleCount, rule_counts, statistics_dict, write_statistics
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "jsonl": JsonlFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
}

__all__ = [
    "FORMATTERS",
    "JSON_VERSION",
    "FileError",
    "Formatter",
    "GithubFormatter",
    "JsonFormatter",
    "JsonlFormatter",
    "RuleCount",
    "SarifFormatter",
    "TextFormatter",
    "rule_counts",
    "statistics_dict",
    "write_statistics",
]
