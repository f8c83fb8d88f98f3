"""The subcommands beside ``check``: ``rules``, ``explain``, ``config`` and ``init``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from .checker import checker_for
from .cli import Settings, _fail, main
from .configfile import PROFILES
from .errors import ConfigError, TonecheckError
from .loader import RuleSource
from .schemagen import SCHEMAS, schema_text

_HELP = {"help_option_names": ["-h", "--help"]}


#: ``--format text|json``, for the commands that print a document rather than findings.
_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


def _settings_options(f: Any) -> Any:
    f = click.option("--isolated", is_flag=True, help="Ignore every config file.")(f)
    f = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        help="Use this config file (no discovery).",
    )(f)
    return f


@main.command(context_settings=_HELP)
@click.argument("path", required=False, default=".", metavar="[PATH]")
@_format_option
@_settings_options
def rules(path: str, fmt: str, config_file: str | None, isolated: bool) -> None:
    """List every rule: id, category, severity, fix, and whether it is on for PATH
    (a file or directory; default: here) under its configuration."""
    from .ruledocs import rule_rows, write_rules

    try:
        checker = checker_for(Settings(config_file=config_file, isolated=isolated).config_for(path))
    except TonecheckError as exc:
        _fail(str(exc))
    enabled = {r.id for r in checker.rules}
    # Shown as configured: a rule that is on has its severity from the config.
    configured = {r.id: r.spec for r in checker.rules}
    sources = [
        RuleSource(configured.get(s.spec.id, s.spec), s.path, s.line) for s in checker.sources
    ]
    if fmt == "json":
        json.dump(rule_rows(sources, enabled), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    write_rules(sources, enabled, sys.stdout)


@main.command(context_settings=_HELP)
@click.argument("name", metavar="RULE")
@click.option(
    "--for",
    "path",
    default=".",
    metavar="PATH",
    help="Say whether the rule is on for this file or directory (default: here).",
)
@_settings_options
def explain(name: str, path: str, config_file: str | None, isolated: bool) -> None:
    """What RULE (a rule id or a category) catches, why it matters to the reader, an
    example and the better wording, and how to turn it off."""
    from .ruledocs import write_explain

    try:
        checker = checker_for(Settings(config_file=config_file, isolated=isolated).config_for(path))
        write_explain(name, checker.sources, checker, sys.stdout)
    except TonecheckError as exc:
        _fail(str(exc))


@main.command("config", context_settings=_HELP)
@click.argument("path", required=False, default=".", metavar="[PATH]")
@click.option(
    "--show",
    is_flag=True,
    help="Print the settings that apply to PATH (the default action).",
)
@click.option(
    "--schema",
    type=click.Choice(sorted(SCHEMAS)),
    help="Print the JSON Schema of config files or rule files instead.",
)
@_settings_options
def config_command(
    path: str, show: bool, schema: str | None, config_file: str | None, isolated: bool
) -> None:
    """Show the settings in effect for PATH (a file or directory; default: here): which
    config file they come from, what it extends, and the merged result."""
    if schema is not None:
        sys.stdout.write(schema_text(schema))
        return
    try:
        config = Settings(config_file=config_file, isolated=isolated).config_for(path)
        checker = checker_for(config)
    except TonecheckError as exc:
        _fail(str(exc))
    if config.chain:
        click.echo(f"# settings for {path}, from: {' <- '.join(reversed(config.chain))}")
    else:
        click.echo(f"# settings for {path}: no config file found; the defaults")
    enabled = [r.id for r in checker.rules]
    off = sorted({s.spec.id for s in checker.sources} - set(enabled))
    data = config.to_dict()
    data = {k: v for k, v in data.items() if v not in ([], {}, None) or k == "fail-on"}
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True).rstrip())
    click.echo(f"# {len(enabled)} of {len(checker.sources)} rules on", nl=False)
    click.echo(f"; off: {', '.join(off)}" if off else "")


_STARTER = """\
# yaml-language-server: $schema={schema}
# tonecheck settings for this directory and everything below it.
# Every key is described in the README (Configuration); `tonecheck config --show` prints
# what is in effect.

# Start from a bundled profile: default, warm (relationship mail: stricter on pressure and
# short replies) or firm (collections and transactional mail: deadlines and "final notice"
# are fine; hostility and shouting are still flagged).
extends: {profile}

# Leave out rules or whole categories (`tonecheck rules` lists them).
ignore: []
#   - urgency-words

# Change a rule's or a category's severity: error, warning or suggestion.
severity: {{}}
#   readability: warning

# Change a metric rule's thresholds (`tonecheck explain terse-reply` shows its metrics).
thresholds: {{}}
#   terse-reply:
#     words: {{at_least: 1, at_most: 5}}

# The lowest severity that makes `tonecheck` (and the pre-commit hook) fail.
fail-on: warning

# Words and names never flagged, as written, e.g. product names in capitals.
accept: []
#   - ACME CLOUD

# Your team's own rule packs (YAML), relative to this file.
rule-paths: []
#   - tone-rules/

# Files not to check, relative to this file.
exclude: []
#   - "vendor/**"

# Settings for some files only.
per-file-overrides: {{}}
#   "transactional/**":
#     ignore: [pushy]
"""


@main.command(context_settings=_HELP)
@click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False), metavar="[DIR]"
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default="default",
    show_default=True,
    help="The bundled profile the new config extends.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing .tonecheck.yaml.")
@click.option(
    "--no-schema",
    is_flag=True,
    help="Do not write .tonecheck.schema.json (editors use it to check the config as typed).",
)
def init(directory: str, profile: str, force: bool, no_schema: bool) -> None:
    """Write a commented starter .tonecheck.yaml in DIR (default: here), and the JSON
    Schema next to it for editors."""
    target = Path(directory) / ".tonecheck.yaml"
    schema_file = Path(directory) / ".tonecheck.schema.json"
    if target.exists() and not force:
        _fail(f"{target} already exists; use --force to overwrite it")
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
        target.write_text(
            _STARTER.format(profile=profile, schema=schema_file.name), encoding="utf-8"
        )
        if not no_schema:
            schema_file.write_text(schema_text("config"), encoding="utf-8")
    except OSError as exc:
        _fail(f"{target}: cannot write it ({exc.strerror})")
    click.echo(f"wrote {target}" + ("" if no_schema else f" and {schema_file}"))
    try:
        checker_for(Settings().config_for(str(target)))
    except ConfigError as exc:  # the starter must always load; say so if it does not
        _fail(f"the new config does not load: {exc}")
