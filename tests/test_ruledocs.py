"""Rule documentation generated from the rules: the table, ``explain`` pages, docs/rules.md."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

import tonecheck
from tonecheck import ruledocs
from tonecheck.checker import checker_for
from tonecheck.loader import builtin_rules_dir, load_specs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules.md"
_SOURCES = load_specs([builtin_rules_dir()])
_IDS = [s.spec.id for s in _SOURCES]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _explain(name: str, checker: tonecheck.Checker) -> str:
    out = io.StringIO()
    ruledocs.write_explain(name, _SOURCES, checker, out)
    return out.getvalue()


@pytest.mark.parametrize("rule_id", _IDS)
def test_explain_renders_every_rule(checker: tonecheck.Checker, rule_id: str) -> None:
    source = next(s for s in _SOURCES if s.spec.id == rule_id)
    spec = source.spec
    doc = ruledocs.document(source, checker)
    page = _flat(_explain(rule_id, checker))
    assert page.startswith(rule_id)
    for part in (spec.message, spec.why, doc.fine, f"ignore: [{rule_id}]"):
        assert _flat(part) in page
    # The bad example is the rule's first flag example (a very long one is cut short).
    assert " ".join(spec.examples.flag[0].split()[:10]) in page
    assert doc.note is None, doc.note
    if ruledocs.fix_kind(spec) == "advice":
        assert doc.better is None
        assert spec.advice is not None and _flat(spec.advice) in page
        return
    # A rule with rewrites shows tonecheck's own first suggestion, applied to the example...
    assert doc.better is not None
    assert doc.better != doc.bad
    assert _flat(doc.better) in page
    # ... and the better version, checked again, no longer raises this rule.
    alone = checker_for(replace(checker.config, select=(rule_id,), ignore=()))
    again = (
        alone.check("", subject=doc.better) if spec.field == "subject" else alone.check(doc.better)
    )
    assert [f.text for f in again.findings if f.rule == rule_id] == []


def test_explain_of_the_ultimatum_rule(checker: tonecheck.Checker) -> None:
    page = _explain("ultimatum-if-no-reply", checker)
    assert "If you don't call back I'll assume you're not interested." in page
    assert "Whenever you have a moment to call back" in page
    assert "--unsafe-fixes" in page
    assert "<!-- tonecheck: disable=ultimatum-if-no-reply -->" in page
    assert all(line == line.rstrip() for line in page.splitlines())


def test_unknown_rule_suggests_close_matches(checker: tonecheck.Checker) -> None:
    with pytest.raises(ruledocs.UnknownRuleError) as caught:
        _explain("ultimatum-assume", checker)
    message = str(caught.value)
    assert isinstance(caught.value, tonecheck.ConfigError)
    assert message.startswith(
        "unknown rule 'ultimatum-assume'; did you mean 'ultimatum-if-no-reply'"
    )
    assert message.endswith("(tonecheck rules lists them)")
    assert "\n" not in message
    with pytest.raises(ruledocs.UnknownRuleError, match=r"^unknown rule 'zzz' \(tonecheck"):
        ruledocs.find("zzz", _SOURCES)


def test_explain_a_category_lists_its_rules(checker: tonecheck.Checker) -> None:
    page = _explain("ultimatum", checker)
    assert "ultimatum-if-no-reply" in page and "ultimatum-or-else" in page
    assert "profanity" not in page
    # "busy-excuse" is a rule id and a category: the rule wins.
    assert _explain("busy-excuse", checker).startswith("busy-excuse\ncategory: busy-excuse")


def test_explain_a_rule_the_configuration_turns_off(checker: tonecheck.Checker) -> None:
    off = checker_for(replace(checker.config, ignore=("caps-emphasis",)))
    source = next(s for s in _SOURCES if s.spec.id == "caps-emphasis")
    doc = ruledocs.document(source, off)
    assert doc.status == "disabled"
    assert doc.better == "I sent a very good lead to your team."


def test_explain_shows_the_configured_severity_and_thresholds(
    checker: tonecheck.Checker,
) -> None:
    config = replace(
        checker.config,
        severity={"caps-emphasis": "error"},
        thresholds={"long-sentence": {"words": {"above": 30}}},
    )
    page = _flat(_explain("caps-emphasis", checker_for(config)))
    assert "severity: error" in page
    page = _flat(_explain("long-sentence", checker_for(config)))
    assert "`words` is above 30" in page


def test_table_lists_every_rule_by_category_then_id() -> None:
    enabled = set(_IDS) - {"long-email"}
    rows = ruledocs.rule_rows(_SOURCES, enabled)
    assert sorted(r["id"] for r in rows) == sorted(_IDS)
    order = [(tonecheck.CATEGORIES.index(r["category"]), r["id"]) for r in rows]
    assert order == sorted(order)
    by_id = {r["id"]: r for r in rows}
    assert by_id["long-email"]["enabled"] is False and by_id["profanity"]["enabled"] is True
    assert by_id["profanity"]["fix"] == "advice"
    assert by_id["caps-emphasis"]["fix"] == "safe"
    assert by_id["ultimatum-if-no-reply"]["fix"] == "unsafe"
    assert by_id["urgency-words"]["fix"] == "unsafe"  # its phrases carry their own swaps
    json.dumps(rows)


def test_table_is_plain_aligned_text_off_a_terminal() -> None:
    out = io.StringIO()
    ruledocs.write_rules(_SOURCES, set(_IDS), out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["id", "category", "severity", "kind", "fix", "enabled", "message"]
    assert len(lines) == 1 + len(_IDS)
    assert "\x1b[" not in out.getvalue()
    assert all(line == line.rstrip() for line in lines)
    message_column = lines[0].index("message")
    assert {line.index(line.split()[6]) for line in lines[1:]} == {message_column}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_on_a_terminal_has_colour_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = _Tty()
    ruledocs.write_rules(_SOURCES, set(_IDS), Console(file=coloured, force_terminal=True))
    assert "\x1b[" in coloured.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Tty()
    ruledocs.write_rules(_SOURCES, set(_IDS), plain)
    assert "\x1b[" not in plain.getvalue()
    assert "ultimatum-if-no-reply" in plain.getvalue()


def test_docs_rules_md_is_up_to_date(checker: tonecheck.Checker) -> None:
    expected = ruledocs.markdown(_SOURCES, checker)
    assert DOCS.is_file(), f"docs/rules.md is missing; run: {ruledocs.REGENERATE}"
    assert DOCS.read_text(encoding="utf-8") == expected, (
        f"docs/rules.md is out of date with rules/*.yaml; regenerate it: {ruledocs.REGENERATE}"
    )
    assert str(ROOT) not in expected
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", expected)
    for rule_id in _IDS:
        assert f"\n### {rule_id}\n" in expected
