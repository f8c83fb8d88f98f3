"""``--interactive``: go through a draft's findings, accept a rewrite, edit one, or skip.

For each finding with a rewrite that can be applied, the sentence and the options are
shown; the answers are collected and the file is written once, at the end. Findings
that overlap a rewrite already accepted are passed over (their text is gone).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, TextIO

import click

from .findings import Finding, Fix, Report, Safety
from .fixes import Applied, in_text, overlaps, wanted
from .formatters import TextFormatter

Prompt = Callable[..., Any]


@dataclass
class Review:
    """What the person chose for one file."""

    accepted: list[Applied]
    #: True when they asked to stop: the caller writes what was accepted and asks no more.
    quit: bool = False


def review(
    report: Report,
    text: str,
    stream: TextIO,
    prompt: Prompt = click.prompt,
    only: Collection[str] = (),
) -> Review:
    """Ask about each finding of ``report`` in ``text`` (the file's text) that has a rewrite
    (of these rule ids or categories, if ``only`` names some)."""
    show = TextFormatter(stream)
    out = show.console
    result = Review([])
    for finding in in_text(report, text, strict=False):
        if not finding.suggestions or not wanted(finding, only):
            continue
        if any(overlaps(finding, a.fix) for a in result.accepted):
            continue
        show.show(report, finding)
        applicable = finding.suggestions[0].safety != Safety.MANUAL
        for i, s in enumerate(finding.suggestions, 1):
            out.print(f"  {i}) {_plain(s.replacement)}", markup=False)
        if not applicable:
            out.print(
                "  (this span holds a placeholder, markup or text that is not yours: "
                "copy a rewrite by hand)",
                markup=False,
            )
            continue
        numbers = [str(i) for i in range(1, len(finding.suggestions) + 1)]
        answer = prompt(
            f"  Accept 1-{len(numbers)}, e to edit, s to skip, q to quit",
            type=click.Choice([*numbers, "e", "s", "q"]),
            default="1",
            show_choices=False,
        )
        if answer == "q":
            result.quit = True
            break
        if answer == "s":
            continue
        if answer == "e":
            replacement = prompt(
                "  Replacement", default=finding.fix.replacement if finding.fix else ""
            )
            result.accepted.append(_edit(finding, str(replacement)))
        else:
            result.accepted.append(Applied(finding, finding.suggestions[int(answer) - 1]))
    return result


def _edit(finding: Finding, replacement: str) -> Applied:
    return Applied(finding, Fix(replacement, finding.start, finding.end, Safety.UNSAFE))


def _plain(text: str) -> str:
    return text.replace("\n", " ")
