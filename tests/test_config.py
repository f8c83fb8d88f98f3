"""Configuration: discovery, precedence, profiles, overrides, and errors that name the key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

import tonecheck
from tonecheck.cli import main
from tonecheck.config import glob_match
from tonecheck.schemagen import SCHEMAS, generate

ULTIMATUM = "If you don't call back I'll assume you're not interested."
PUSHY = "Please send the signed contract ASAP."
DRAFT = f"Subject: Final Contact\n\nHi Sam,\n\n{ULTIMATUM} {PUSHY}\n"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def rules_in(out: str) -> set[str]:
    doc = json.loads(out)
    return {f["rule"] for entry in doc["files"] for f in entry["findings"]}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- discovery and precedence ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected_ignored"),
    [
        # In one directory: .tonecheck.yaml, then .tonecheck.yml, then pyproject.toml.
        (
            {
                ".tonecheck.yaml": "ignore: [ultimatum]\n",
                ".tonecheck.yml": "ignore: [pushy]\n",
                "pyproject.toml": "[tool.tonecheck]\nignore = ['final-contact']\n",
            },
            {"ultimatum"},
        ),
        (
            {
                ".tonecheck.yml": "ignore: [pushy]\n",
                "pyproject.toml": "[tool.tonecheck]\nignore = ['final-contact']\n",
            },
            {"pushy"},
        ),
        ({"pyproject.toml": "[tool.tonecheck]\nignore = ['final-contact']\n"}, {"final-contact"}),
        # A pyproject.toml without [tool.tonecheck] is not a config: the parent's applies.
        ({"pyproject.toml": "[project]\nname = 'x'\n"}, {"assumes-intent"}),
        # The nearest directory wins over a parent.
        ({"inner/.tonecheck.yaml": "ignore: [pushy]\n"}, {"pushy"}),
    ],
)
def test_discovery_precedence(
    tmp_path: Path, files: dict[str, str], expected_ignored: set[str]
) -> None:
    write(tmp_path / ".tonecheck.yaml", "ignore: [assumes-intent]\n")  # the parent's config
    project = tmp_path / "project"
    for name, text in files.items():
        write(project / name, text)
    draft = write(project / "inner" / "draft.txt", DRAFT)
    config = tonecheck.Config.discover(draft)
    assert set(config.ignore) == expected_ignored
    _, out, _ = run("--format", "json", str(draft))
    found = rules_in(out)
    categories = {
        "ultimatum": {"ultimatum-if-no-reply"},
        "pushy": {"urgency-words"},
        "final-contact": {"final-contact-subject"},
        "assumes-intent": {"assumes-disinterest"},
    }
    for category, ids in categories.items():
        if category in expected_ignored:
            assert not ids & found, (category, found)
        else:
            assert ids <= found, (category, found)


def test_config_option_and_isolated(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "ignore: [ultimatum]\n")
    other = write(tmp_path / "elsewhere" / "team.yaml", "ignore: [pushy]\n")
    draft = write(tmp_path / "draft.txt", DRAFT)
    _, discovered, _ = run("--format", "json", str(draft))
    _, given, _ = run("--format", "json", "--config", str(other), str(draft))
    _, isolated, _ = run("--format", "json", "--isolated", str(draft))
    assert "ultimatum-if-no-reply" not in rules_in(discovered)
    assert "urgency-words" in rules_in(discovered)
    assert "ultimatum-if-no-reply" in rules_in(given)
    assert "urgency-words" not in rules_in(given)
    assert {"ultimatum-if-no-reply", "urgency-words"} <= rules_in(isolated)
    code, _, err = run("--config", str(other), "--isolated", str(draft))
    assert code == 2 and "cannot be used together" in err


def test_command_line_is_a_layer_on_top(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "ignore: [ultimatum]\nfail-on: error\n")
    draft = write(tmp_path / "draft.txt", f"Hi Sam,\n\n{PUSHY}\n")
    # The config's fail-on (error) applies: only a suggestion is found.
    code, _, _ = run(str(draft))
    assert code == 0
    code, _, _ = run("--fail-on", "suggestion", str(draft))
    assert code == 1
    # --extend-select on the command line brings back what the config ignored.
    write(draft, DRAFT)
    _, out, _ = run("--format", "json", "--extend-select", "ultimatum-if-no-reply", str(draft))
    assert "ultimatum-if-no-reply" in rules_in(out)
    # --select replaces the selection; --ignore removes from it.
    _, out, _ = run(
        "--format",
        "json",
        "--select",
        "pushy,final-contact",
        "--ignore",
        "final-contact-body",
        str(draft),
    )
    assert rules_in(out) == {"urgency-words", "final-contact-subject"}


def test_library_config_from_file_is_the_same_object(tmp_path: Path) -> None:
    path = write(
        tmp_path / ".tonecheck.yaml",
        "extends: warm\nignore: [pushy]\nseverity: {ultimatum: warning}\naccept: [ACME]\n",
    )
    config = tonecheck.Config.from_file(path)
    assert isinstance(config, tonecheck.Config)
    assert config.accept == ("ACME",)
    report = tonecheck.Checker(config).check(f"{ULTIMATUM} {PUSHY}")
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["ultimatum-if-no-reply"].severity == tonecheck.Severity.WARNING
    assert "urgency-words" not in by_rule
    # The same settings built in code give the same checker results.
    in_code = tonecheck.Config(ignore=("pushy",), severity={"ultimatum": "warning"})
    same = tonecheck.Checker(in_code).check(f"{ULTIMATUM} {PUSHY}")
    assert [f.rule for f in same.findings] == [f.rule for f in report.findings]


# -- per-file overrides and exclude ---------------------------------------------------------


def test_per_file_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / ".tonecheck.yaml",
        "per-file-overrides:\n"
        "  'transactional/**':\n    ignore: [pushy]\n"
        "  '*.html':\n    severity: {final-contact: suggestion}\n    fail-on: error\n",
    )
    plain = write(tmp_path / "sales" / "a.txt", DRAFT)
    transactional = write(tmp_path / "transactional" / "deep" / "b.txt", DRAFT)
    html = write(
        tmp_path / "news" / "c.html", f"<p>{PUSHY}</p><p>This is my last attempt to reach you.</p>"
    )
    _, out, _ = run("--format", "json", str(tmp_path))
    doc = json.loads(out)
    found = {
        Path(e["path"]).name: {f["rule"]: f["severity"] for f in e["findings"]}
        for e in doc["files"]
    }
    assert "urgency-words" in found["a.txt"]
    assert "urgency-words" not in found["b.txt"]
    assert "ultimatum-if-no-reply" in found["b.txt"]
    assert found["c.html"].get("final-contact-body") == "suggestion"
    # fail-on: error for the HTML file alone: its warnings do not fail the run.
    code, _, _ = run(str(html))
    assert code == 0
    code, _, _ = run(str(plain))
    assert code == 1
    # The library applies the same overrides.
    config = tonecheck.Config.discover(transactional).for_file(transactional)
    assert "pushy" in {n for s in config.selections() for n in s.ignore}


def test_exclude_in_directories_and_with_force_exclude(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "exclude: ['vendor/**', '*.eml']\n")
    write(tmp_path / "vendor" / "x.txt", DRAFT)
    write(tmp_path / "mail.eml", "Subject: hi\n\nNoted.\n")
    kept = write(tmp_path / "ok.txt", "Thanks so much for your help this week!\n")
    code, out, _ = run("--format", "json", str(tmp_path))
    assert [Path(e["path"]).name for e in json.loads(out)["files"]] == [kept.name]
    assert code == 0
    # A file named on the command line is checked unless --force-exclude (pre-commit).
    vendored = str(tmp_path / "vendor" / "x.txt")
    assert run(vendored)[0] == 1
    code, out, _ = run("--force-exclude", "--format", "json", vendored)
    assert code == 0 and json.loads(out)["files"] == []


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("transactional/**", "transactional/a.txt", True),
        ("transactional/**", "transactional/x/y/a.txt", True),
        ("transactional/**", "sales/transactional.txt", False),
        ("transactional", "transactional/a.txt", True),
        ("transactional", "sales/transactional/a.txt", True),
        ("/transactional", "sales/transactional/a.txt", False),
        ("*.eml", "a/b/c.eml", True),
        ("*.eml", "a/b/c.eml.txt", False),
        ("sales/*.txt", "sales/a.txt", True),
        ("sales/*.txt", "sales/x/a.txt", False),
        ("sales/**/*.txt", "sales/x/a.txt", True),
        ("sales/**/*.txt", "sales/a.txt", True),
        ("a?.txt", "a1.txt", True),
        ("[ab].txt", "b.txt", True),
        ("[!ab].txt", "b.txt", False),
    ],
)
def test_glob_patterns(tmp_path: Path, pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, tmp_path, tmp_path / path) is matches


# -- profiles -------------------------------------------------------------------------------


def test_warm_profile_is_stricter_on_pressure_and_terseness(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "extends: warm\n")
    reply = "Ok, noted, will check."
    default = tonecheck.check(reply)
    warm = tonecheck.Checker(tonecheck.Config.discover(tmp_path)).check(reply)
    assert "terse-reply" not in {f.rule for f in default.findings}
    assert "terse-reply" in {f.rule for f in warm.findings}
    bump = tonecheck.Checker(tonecheck.Config.discover(tmp_path)).check(
        "Just bumping this to the top of your inbox."
    )
    assert {f.rule: f.severity for f in bump.findings}["bumping-this"] == tonecheck.Severity.ERROR


FIRM_OK = (
    "Subject: Final notice: invoice 4471 is overdue\n\n"
    "Hi Sam,\n\nThis is the final notice for invoice 4471, now 30 days overdue. "
    "Please pay by Friday. Let me know if anything is unclear.\n\nThanks,\nAlex\n"
)
FIRM_BAD = "Subject: Invoice\n\nPAY THIS INVOICE NOW OR ELSE!!! Did you even read my last email?\n"


def test_firm_profile_allows_deadlines_but_not_shouting(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "extends: firm\n")
    ok = write(tmp_path / "ok.txt", FIRM_OK)
    bad = write(tmp_path / "bad.txt", FIRM_BAD)
    assert run("--isolated", str(ok))[0] == 1  # the default profile flags it
    code, out, _ = run(str(ok))
    assert code == 0, out
    code, out, _ = run("--format", "json", str(bad))
    assert code == 1
    categories = {f["category"] for e in json.loads(out)["files"] for f in e["findings"]}
    assert {"shouting", "passive-aggressive"} <= categories


def test_a_team_extends_a_profile_and_adjusts(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "extends: firm\nignore: [readability]\n")
    write(
        tmp_path / ".tonecheck.yaml",
        "extends: ./base.yaml\nextend-select: [final-contact-subject]\n",
    )
    config = tonecheck.Config.discover(tmp_path)
    checker = tonecheck.Checker(config)
    ids = {r.id for r in checker.rules}
    assert "final-contact-subject" in ids  # brought back by the team
    assert "final-contact-body" not in ids  # still off from firm
    assert not ids & {"long-email", "long-sentence"}  # off from base.yaml
    assert [Path(p).name for p in config.chain] == [
        "default.yaml",
        "firm.yaml",
        "base.yaml",
        ".tonecheck.yaml",
    ]


# -- errors name the file and the key -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            ".tonecheck.yaml",
            "ignore: [pushy]\nfial-on: error\n",
            ".tonecheck.yaml:2: unknown key 'fial-on' (allowed: ",
        ),
        (
            ".tonecheck.yaml",
            "per-file-overrides:\n  'a/**':\n    model: x\n",
            ".tonecheck.yaml:3: unknown key 'per-file-overrides.a/**.model'",
        ),
        (
            ".tonecheck.yaml",
            "fail-on: sometimes\n",
            ".tonecheck.yaml:1: fail-on: Input should be 'error', 'warning', 'suggestion' or 'never'",
        ),
        (
            ".tonecheck.yaml",
            "severity: {pushy: loud}\n",
            ".tonecheck.yaml:1: severity.pushy: Input should be",
        ),
        (
            ".tonecheck.yaml",
            "ignore: [pushyy]\n",
            ".tonecheck.yaml: ignore: 'pushyy' is neither a rule id nor a category; did you mean 'pushy'?",
        ),
        (
            ".tonecheck.yaml",
            "thresholds: {terse-reply: {grade: {above: 3}}}\n",
            "thresholds: rule 'terse-reply' has no metric 'grade' (its metrics: questions, sentiment, words)",
        ),
        (
            ".tonecheck.yaml",
            "thresholds: {terse-reply: {words: {}}}\n",
            "a condition needs one of: above, below, at_least, at_most",
        ),
        (
            ".tonecheck.yaml",
            "extends: cheerful\n",
            "extends: 'cheerful' is neither a profile (default, warm, firm) nor a config file",
        ),
        (".tonecheck.yaml", "extends: ./.tonecheck.yaml\n", "a config cannot extend itself"),
        (".tonecheck.yaml", "ignore: [pushy\n", ".tonecheck.yaml:2: not valid YAML"),
        (".tonecheck.yaml", "- pushy\n", "a config file is a mapping of settings"),
        (".tonecheck.yaml", "rule-paths: [missing/]\n", "missing: no such rule file or directory"),
        (
            "pyproject.toml",
            "[tool.tonecheck]\nignor = ['pushy']\n",
            "pyproject.toml: unknown key 'ignor'",
        ),
        ("pyproject.toml", "[tool.tonecheck\n", "pyproject.toml: cannot read it"),
    ],
)
def test_config_errors_are_one_line_naming_file_and_key(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    write(tmp_path / name, text)
    draft = write(tmp_path / "draft.txt", "Thanks so much!\n")
    code, out, err = run(str(draft))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert expected in err, err
    assert str(tmp_path) in err or "pyproject" not in name


# -- accept, rule-paths with own categories -------------------------------------------------


def test_accepted_words_are_never_flagged(tmp_path: Path) -> None:
    draft = "Hi Sam, ACME CLOUD REPORTS ARE LIVE today. Thanks for the ASAP LOGISTICS intro!"
    flagged = tonecheck.check(draft)
    assert {f.category for f in flagged.findings} & {"shouting", "pushy"}
    accepted = tonecheck.Checker(
        tonecheck.Config(accept=("ACME CLOUD REPORTS", "ASAP LOGISTICS"))
    ).check(draft)
    assert not {f.category for f in accepted.findings} & {"shouting", "pushy"}, accepted.findings
    # Positions still refer to the text as written.
    for f in flagged.findings:
        assert draft[f.start : f.end] == f.text


def test_team_rule_pack_with_its_own_category(tmp_path: Path) -> None:
    write(
        tmp_path / "tone" / "brand.yaml",
        "pack: brand\ncategories: [brand]\nrules:\n"
        "  - id: no-synergy\n    kind: phrase\n    category: brand\n    severity: warning\n"
        "    phrases: [synergy]\n    message: We do not say synergy.\n"
        "    why: It reads as jargon to our customers.\n    suggest: [working together]\n"
        "    examples:\n      flag: [Great synergy here.]\n      ok: [Great to work together.]\n",
    )
    write(tmp_path / ".tonecheck.yaml", "rule-paths: [tone/]\nseverity: {brand: error}\n")
    draft = write(tmp_path / "sub" / "a.txt", "Looking forward to the synergy.\n")
    code, out, _ = run("--format", "json", str(draft))
    findings = [f for e in json.loads(out)["files"] for f in e["findings"]]
    assert code == 1
    assert [(f["rule"], f["category"], f["severity"]) for f in findings] == [
        ("no-synergy", "brand", "error")
    ]
    code, out, _ = run("--format", "json", "--ignore", "brand", str(draft))
    assert code == 0
    # An undeclared category is still an error.
    undeclared = (tmp_path / "tone" / "brand.yaml").read_text().replace("categories: [brand]\n", "")
    write(tmp_path / "other" / "tone" / "brand.yaml", undeclared)
    write(tmp_path / "other" / ".tonecheck.yaml", "rule-paths: [tone/]\n")
    code, _, err = run(str(write(tmp_path / "other" / "a.txt", "Hello.\n")))
    assert code == 2 and "unknown category 'brand'" in err and "categories:" in err


# -- config --show and init -----------------------------------------------------------------


def test_config_show_prints_the_effective_settings(tmp_path: Path) -> None:
    write(
        tmp_path / ".tonecheck.yaml",
        "extends: firm\nper-file-overrides:\n  'billing/**':\n    ignore: [terse]\n",
    )
    draft = write(tmp_path / "billing" / "a.txt", "Paid.\n")
    code, out, _ = run("config", "--show", str(draft))
    assert code == 0
    assert out.startswith(f"# settings for {draft}, from: {tmp_path / '.tonecheck.yaml'} <- ")
    shown = yaml.safe_load(out)
    ignored = [n for layer in shown["selection"] for n in layer.get("ignore", [])]
    assert {"final-contact", "terse"} <= set(ignored)
    assert shown["severity"]["ultimatum"] == "suggestion"
    assert "rules on; off: " in out and "terse-reply" in out.rsplit("off:", 1)[1]


def test_init_writes_a_starter_config_that_loads(tmp_path: Path) -> None:
    code, out, _ = run("init", "--profile", "warm", str(tmp_path))
    assert code == 0, out
    config_file = tmp_path / ".tonecheck.yaml"
    text = config_file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.tonecheck.schema.json\n")
    assert "extends: warm" in text and text.count("#") > 20
    assert tonecheck.Config.from_file(config_file).chain[-2].endswith("warm.yaml")
    schema = json.loads((tmp_path / ".tonecheck.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)
    code, _, err = run("init", str(tmp_path))
    assert code == 2 and "already exists; use --force" in err
    assert run("init", "--force", str(tmp_path))[0] == 0


# -- JSON Schemas ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_schemas_are_generated_from_the_models(name: str) -> None:
    shipped = ROOT / "tonecheck" / "schemas" / SCHEMAS[name]
    assert shipped.read_text(encoding="utf-8") == generate(name), (
        "schemas are out of date: run python -m tonecheck.schemagen"
    )


def test_rule_files_and_profiles_validate_against_the_schemas() -> None:
    rules = json.loads((ROOT / "tonecheck" / "schemas" / "rules.schema.json").read_text())
    config = json.loads((ROOT / "tonecheck" / "schemas" / "config.schema.json").read_text())
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), rules)
    for path in sorted((ROOT / "tonecheck" / "profiles").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), config)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"ignore": ["pushy"], "fial-on": "error"}, config)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"rules": [{"id": "x", "kind": "regex", "colour": "red"}]}, rules)


# -- found in review ------------------------------------------------------------------------


def test_command_line_beats_per_file_overrides(tmp_path: Path) -> None:
    write(
        tmp_path / ".tonecheck.yaml",
        "per-file-overrides:\n  't/**':\n    fail-on: suggestion\n    ignore: [ultimatum]\n",
    )
    draft = write(tmp_path / "t" / "a.txt", f"Hi Sam,\n\n{PUSHY} {ULTIMATUM}\n")
    _, out, _ = run("--format", "json", "--fail-on", "error", str(draft))
    assert "ultimatum-if-no-reply" not in rules_in(out)  # the override applies ...
    assert run(str(draft))[0] == 1  # ... and its fail-on: suggestion fails the run
    assert run("--fail-on", "never", str(draft))[0] == 0  # the command line beats it
    _, out, _ = run("--format", "json", "--select", "ultimatum-if-no-reply", str(draft))
    assert rules_in(out) == {"ultimatum-if-no-reply"}


def test_override_pattern_with_a_leading_slash_is_anchored_at_the_config(tmp_path: Path) -> None:
    write(
        tmp_path / ".tonecheck.yaml", "per-file-overrides:\n  '/t/**':\n    ignore: [ultimatum]\n"
    )
    inside = write(tmp_path / "t" / "a.txt", DRAFT)
    deeper = write(tmp_path / "x" / "t" / "a.txt", DRAFT)
    _, out, _ = run("--format", "json", str(inside), str(deeper))
    files = {e["path"]: {f["rule"] for f in e["findings"]} for e in json.loads(out)["files"]}
    assert "ultimatum-if-no-reply" not in files[str(inside)]
    assert "ultimatum-if-no-reply" in files[str(deeper)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exclude: ['[z-a]*.txt']\n", ".tonecheck.yaml:1: exclude: bad glob pattern '[z-a]*.txt'"),
        (
            "per-file-overrides:\n  'd/[]x':\n    ignore: [pushy]\n",
            ".tonecheck.yaml:2: per-file-overrides: bad glob pattern 'd/[]x'",
        ),
        # Names in an override are checked even when no file matches it.
        (
            "per-file-overrides:\n  'nomatch/**':\n    ignore: [pushhy]\n",
            "(per-file-overrides 'nomatch/**'): ignore: 'pushhy' is neither",
        ),
        (
            "per-file-overrides:\n  'nomatch/**':\n    severity: {nosuch: error}\n",
            "severity: 'nosuch' is neither",
        ),
        (
            "per-file-overrides:\n  'nomatch/**':\n    thresholds: {terse-reply: {grade: {above: 3}}}\n",
            "rule 'terse-reply' has no metric 'grade'",
        ),
        ("fail_on: error\n", "unknown key 'fail_on'"),
    ],
)
def test_more_config_errors(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / ".tonecheck.yaml", text)
    code, _, err = run(str(write(tmp_path / "a.txt", "Thanks so much!\n")))
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1, err


def test_errors_in_an_extended_file_say_so(tmp_path: Path) -> None:
    write(tmp_path / "base" / "team.yaml", "severity: {nosuch: error}\n")
    write(tmp_path / ".tonecheck.yaml", "extends: base/team.yaml\n")
    code, _, err = run(str(write(tmp_path / "a.txt", "Thanks!\n")))
    assert code == 2 and "or a config it extends" in err and "team.yaml" in err


def test_pyproject_with_a_strange_tool_key(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", "tool = 1\n")
    code, _, err = run("--config", str(config), str(write(tmp_path / "a.txt", "Thanks!\n")))
    assert code == 2 and "[tool.tonecheck] must be a table" in err


def test_edits_are_seen_by_a_long_running_process(tmp_path: Path) -> None:
    draft = write(tmp_path / "d" / "a.txt", "Thanks!\n")
    assert tonecheck.Config.discover(draft).source is None
    write(tmp_path / "base.yaml", "fail-on: warning\n")
    top = write(tmp_path / ".tonecheck.yaml", "extends: base.yaml\n")
    assert tonecheck.Config.discover(draft).source == str(top)
    write(tmp_path / "base.yaml", "fail-on: error   # edited\n")
    assert tonecheck.Config.from_file(top).fail_on == tonecheck.Severity.ERROR
    pack = write(
        tmp_path / "p" / "pack.yaml",
        (ROOT / "rules" / "terse.yaml")
        .read_text()
        .replace("pack: terse", "pack: t2")
        .replace("id: terse-reply", "id: terse-reply-2")
        .replace("id: dismissive-reply", "id: dismissive-reply-2"),
    )
    config = tonecheck.Config(builtin_rules=False, rule_paths=(str(pack),))
    from tonecheck.checker import checker_for

    first = checker_for(config)
    write(pack, pack.read_text().replace("severity: warning", "severity: error") + "\n")
    again = checker_for(config)
    assert again is not first
    assert {r.spec.severity for r in again.rules} == {tonecheck.Severity.ERROR}


def test_output_options_that_do_not_apply_are_errors(tmp_path: Path) -> None:
    draft = str(write(tmp_path / "a.txt", DRAFT))
    for args in (
        ["--diff", "-o", str(tmp_path / "x")],
        ["--diff", "--format", "json"],
        ["--statistics", "--format", "sarif"],
    ):
        code, _, err = run(*args, draft)
        assert code == 2 and err.startswith("tonecheck: error: "), (args, err)


def test_directory_walk_skips_environments_and_excluded_directories(tmp_path: Path) -> None:
    write(tmp_path / ".tonecheck.yaml", "exclude: [drafts]\n")
    write(tmp_path / ".venv" / "lib" / "LICENSE.txt", DRAFT)
    write(tmp_path / "node_modules" / "pkg" / "README.md", DRAFT)
    write(tmp_path / "drafts" / "old.txt", DRAFT)
    kept = write(tmp_path / "emails" / "ok.txt", "Thanks so much for your help this week!\n")
    code, out, _ = run("--format", "json", str(tmp_path))
    assert [e["path"] for e in json.loads(out)["files"]] == [str(kept)]
    assert code == 0
