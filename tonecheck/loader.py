"""Loading rule packs: YAML (safe loader only) -> schema validation -> compiled rules.

A pack is a YAML mapping ``{pack: name, description: text, rules: [...]}``. Every problem is a
:class:`~tonecheck.errors.RuleError` naming the file, the line, the rule and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import RuleError, first_line
from .findings import CATEGORIES
from .kinds import KINDS, Kind
from .kinds.regex import compile_checked, refuse_catastrophic
from .schema import ID_PATTERN, TEMPLATE_VALUES, RuleSpec

#: The registry of rule kinds a loader uses: the built-in ones and any from plugins.
Kinds = Mapping[str, type[Kind]]

RULE_SUFFIXES = (".yaml", ".yml")
_PACK_KEYS = {"pack", "description", "categories", "rules"}


@dataclass(frozen=True)
class RuleSource:
    """A validated rule and where it was written."""

    spec: RuleSpec
    path: str
    line: int | None


@dataclass(frozen=True)
class Rule:
    """A compiled rule, ready to run."""

    spec: RuleSpec
    kind: Kind
    path: str
    line: int | None

    @property
    def id(self) -> str:
        return self.spec.id


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` in a source checkout."""
    packaged = Path(str(resources.files("tonecheck"))) / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories (searched recursively) into sorted rule files."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())
            if not found:
                raise RuleError(str(path), "no rule files (*.yaml, *.yml) in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError(str(path), "no such rule file or directory")
    return files


def load_specs(paths: Iterable[str | Path], kinds: Kinds = KINDS) -> list[RuleSource]:
    """Read and validate every rule in the given files and directories."""
    seen: dict[str, RuleSource] = {}
    out: list[RuleSource] = []
    for file in rule_files(paths):
        for source in _load_file(file, kinds):
            if source.spec.id in seen:
                first = seen[source.spec.id]
                raise RuleError(
                    source.path,
                    f"duplicate rule id (already defined in {first.path}:{first.line}); rename one",
                    source.spec.id,
                    source.line,
                )
            seen[source.spec.id] = source
            out.append(source)
    return out


def compile_rules(sources: Sequence[RuleSource], nlp: Any, kinds: Kinds = KINDS) -> list[Rule]:
    """Build each rule's matcher with ``nlp``'s vocabulary; bad spaCy patterns fail here."""
    rules = []
    for source in sources:
        try:
            kind = kinds[source.spec.kind](source.spec, nlp)
        except Exception as exc:  # spaCy reports bad patterns as ValueError, re.error, ...
            raise RuleError(source.path, _spacy_problem(exc), source.spec.id, source.line) from None
        rules.append(Rule(source.spec, kind, source.path, source.line))
    for cls in dict.fromkeys(type(rule.kind) for rule in rules):
        group = [rule for rule in rules if type(rule.kind) is cls]
        try:
            cls.prepare([rule.kind for rule in group])
        except Exception as exc:  # a plugin's kind
            first = group[0]
            raise RuleError(
                first.path,
                f"rule kind '{first.spec.kind}' failed to prepare its rules "
                f"({type(exc).__name__}: {first_line(exc)}); the plugin that adds it needs a fix",
                first.spec.id,
                first.line,
            ) from None
    return rules


def _load_file(path: Path, kinds: Kinds) -> list[RuleSource]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(name, f"cannot read rule file ({exc})") from None
    trusted = path.resolve().is_relative_to(builtin_rules_dir().resolve())
    try:
        node, data = _parse(text, trusted)
    except RecursionError:
        raise RuleError(name, "not valid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(name, f"not valid YAML: {problem}", line=line) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(name, "a rule file is a mapping with a 'rules:' list (see README)")
    unknown = sorted(set(data) - _PACK_KEYS)
    if unknown:
        raise RuleError(
            name, f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(_PACK_KEYS))})"
        )
    declared = data.get("categories", [])
    if not isinstance(declared, list) or not all(
        isinstance(c, str) and ID_PATTERN.match(c) for c in declared
    ):
        raise RuleError(name, "'categories:' is a list of kebab-case names, e.g. [brand-tone]")
    categories = {*CATEGORIES, *declared}
    lines = _rule_lines(node)
    return [
        _validate(name, raw, lines[i] if i < len(lines) else None, kinds, categories, trusted)
        for i, raw in enumerate(data["rules"])
    ]


def _parse(text: str, trusted: bool) -> tuple[Any, Any]:
    """A YAML document's node tree (for line numbers) and its data, read in one pass.

    The built-in packs are read with libyaml when PyYAML has it (ten times faster); other
    files always with the pure-Python reader, which turns nesting too deep for the stack
    into ``RecursionError`` where libyaml would crash the process.
    """
    safe: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else yaml.SafeLoader
    loader = safe(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _rule_lines(node: Any) -> list[int]:
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "rules" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _validate(
    path: str, raw: Any, line: int | None, kinds: Kinds, categories: set[str], trusted: bool
) -> RuleSource:
    """One rule, validated. ``trusted`` (a built-in rule) skips the regex probe, which a
    test runs on every built-in rule instead."""
    if not isinstance(raw, dict):
        raise RuleError(path, "each entry under 'rules:' must be a mapping", line=line)
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in kinds:
        problem = "missing key 'kind'" if kind is None else f"unknown kind '{kind}'"
        raise RuleError(path, f"{problem} (expected one of: {', '.join(kinds)})", rule_id, line)
    try:
        spec = kinds[kind].spec_model.model_validate(raw, context={"trusted": trusted})
    except ValidationError as exc:
        raise RuleError(path, _pydantic_problem(exc), rule_id, line) from None
    for expression in () if trusted else token_regexes(raw):
        try:
            refuse_catastrophic(compile_checked(expression))
        except ValueError as exc:
            raise RuleError(path, f"a REGEX in a pattern: {exc}", rule_id, line) from None
    if spec.category not in categories:
        known = ", ".join(sorted(categories))
        raise RuleError(
            path,
            f"category: unknown category '{spec.category}' (expected one of: {known}; "
            "a pack declares its own under 'categories:')",
            rule_id,
            line,
        )
    missing = spec.placeholders() - set(TEMPLATE_VALUES)
    if missing:
        # Only now the rule's captures (a regex's groups: it is compiled to read them).
        missing -= spec.captures()
    if missing:
        raise RuleError(
            path,
            f"suggestion uses {{{sorted(missing)[0]}}}, which this rule does not capture",
            rule_id,
            line,
        )
    return RuleSource(spec, path, line)


def token_regexes(node: Any) -> Iterator[str]:
    """Every ``REGEX`` value in a rule's spaCy patterns (token attributes, dependency nodes)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).upper() == "REGEX" and isinstance(value, str):
                yield value
            else:
                yield from token_regexes(value)
    elif isinstance(node, list):
        for item in node:
            yield from token_regexes(item)


def _pydantic_problem(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        problem = f"unknown key '{loc}'"
    elif first["type"] == "missing":
        problem = f"missing key '{loc}'"
    else:
        message = first["msg"].removeprefix("Value error, ")
        problem = f"{loc}: {message}" if loc else message
    more = len(errors) - 1
    return problem + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def _spacy_problem(exc: Exception) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    detail = next((ln for ln in lines if ln.startswith("-")), None)
    head = lines[0] if lines else type(exc).__name__
    return f"bad spaCy pattern: {detail.lstrip('- ') if detail else head}"
