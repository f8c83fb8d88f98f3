"""``tonecheck evaluate``: precision, recall and F1 of the rules on a labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .checker import checker_for
from .cli import Settings, _fail, main
from .cli_docs import _HELP, _format_option, _settings_options
from .errors import TonecheckError
from .findings import Severity


@main.command(context_settings=_HELP)
@click.argument("labelled", type=click.Path(dir_okay=False), metavar="FILE")
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "suggestion"]),
    default="warning",
    show_default=True,
    help="Lowest severity that counts as finding a category (lower for a category whose "
    "rules never reach it).",
)
@_format_option
@click.option("--no-misses", is_flag=True, help="Leave out the list of misses and false alarms.")
@_settings_options
def evaluate(
    labelled: str,
    min_severity: str,
    fmt: str,
    no_misses: bool,
    config_file: str | None,
    isolated: bool,
) -> None:
    """Score the rules on a labelled FILE of emails.

    FILE is YAML (a list of items) or JSON Lines; each item has 'text', optionally
    'subject' and 'id', and 'categories': every category a careful reader would flag,
    [] for a clean email. Prints precision, recall and F1 per category and overall, the
    share of clean emails flagged, and every miss and false alarm. The settings are those
    that apply to FILE (its nearest config file), as for a check.
    """
    from . import evaluation

    try:
        items = evaluation.load(labelled)
        config = Settings(config_file=config_file, isolated=isolated).config_for(labelled)
        result = evaluation.evaluate(checker_for(config), items, Severity(min_severity))
    except TonecheckError as exc:
        _fail(str(exc))
    if fmt == "json":
        doc = {"file": str(Path(labelled)), **result.to_dict()}
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        for line in evaluation.table(result, misses=not no_misses):
            click.echo(line)
