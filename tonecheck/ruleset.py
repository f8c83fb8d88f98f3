"""From every loaded rule to the rules a config runs: selection layers, severity overrides
and metric thresholds, each name checked against the rules that exist."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from .config import Config, Selection
from .errors import ConfigError
from .loader import RuleSource
from .schema import Condition, RuleSpec


def resolve(sources: Sequence[RuleSource], config: Config) -> list[RuleSource]:
    """The rules ``config`` selects, with its severities and thresholds applied."""
    known = _known(sources)
    ids = {s.spec.id: s for s in sources}
    _check_overrides(sources, config, known, ids)
    chosen = _selected(sources, config.selections(), known)
    severities = config.severities()
    where = _written_in(config)
    for name in severities:
        _check_name(name, "severity", where, known)
    thresholds: dict[str, dict[str, Condition]] = {}
    for rule, metric, condition in config.thresholds_tuple():
        _check_rule(rule, where, ids)
        thresholds.setdefault(rule, {})[metric] = condition
    out = []
    for source in chosen:
        spec = source.spec
        severity = severities.get(spec.id, severities.get(spec.category))
        if severity is not None and severity != spec.severity:
            spec = spec.model_copy(update={"severity": severity})
        if spec.id in thresholds:
            spec = _with_thresholds(spec, thresholds[spec.id], where)
        out.append(source if spec is source.spec else RuleSource(spec, source.path, source.line))
    return out


def _written_in(config: Config) -> str | None:
    """Where the config's severities and thresholds were written: its file, or one of the
    files it extends."""
    if len(config.chain) > 1:
        others = ", ".join(config.chain[:-1])
        return f"{config.source} (or a config it extends: {others})"
    return config.source


def _check_overrides(
    sources: Sequence[RuleSource],
    config: Config,
    known: set[str],
    ids: dict[str, RuleSource],
) -> None:
    """Every per-file override's names are checked, whether or not a file matches it."""
    for override in config.per_file_overrides:
        where = override.selection.origin or config.source
        _selected(sources, [override.selection], known)
        for name, _ in override.severity:
            _check_name(name, "severity", where, known)
        for rule, metric, condition in override.thresholds:
            _check_rule(rule, where, ids)
            _with_thresholds(ids[rule].spec, {metric: condition}, where)


def _check_rule(rule: str, where: str | None, ids: dict[str, RuleSource]) -> None:
    if rule not in ids:
        raise ConfigError(
            f"{_where(where)}thresholds: '{rule}' is not a rule id{_close(rule, ids)}"
        )


def _known(sources: Sequence[RuleSource]) -> set[str]:
    return {s.spec.id for s in sources} | {s.spec.category for s in sources}


def _selected(
    sources: Sequence[RuleSource], layers: Sequence[Selection], known: set[str]
) -> list[RuleSource]:
    chosen = {s.spec.id for s in sources}
    for layer in layers:
        where = layer.origin or None
        for setting, names in (
            ("select", layer.select),
            ("extend-select", layer.extend_select),
            ("ignore", layer.ignore),
        ):
            for name in names:
                _check_name(name, setting, where, known)
        if layer.select:
            chosen = {s.spec.id for s in sources if _named(s, layer.select)}
        chosen |= {s.spec.id for s in sources if _named(s, layer.extend_select)}
        chosen -= {s.spec.id for s in sources if _named(s, layer.ignore)}
    return [s for s in sources if s.spec.id in chosen]


def _named(source: RuleSource, names: Sequence[str]) -> bool:
    return source.spec.id in names or source.spec.category in names


def _check_name(name: str, setting: str, where: str | None, known: set[str]) -> None:
    if name not in known:
        raise ConfigError(
            f"{_where(where)}{setting}: '{name}' is neither a rule id nor a category"
            f"{_close(name, known)} (tonecheck rules lists them)"
        )


def _where(source: str | None) -> str:
    return f"{source}: " if source and source != "command line" else ""


def _close(name: str, known: set[str] | dict[str, RuleSource]) -> str:
    from difflib import get_close_matches

    match = get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def _with_thresholds(spec: RuleSpec, changes: dict[str, Condition], source: str | None) -> RuleSpec:
    """``spec`` with the conditions of some of its metrics replaced (metric rules' ``when``
    and any rule's ``sentence_when``)."""
    data = spec.model_dump(exclude_none=False)
    when = dict(getattr(spec, "when", {}) or {})
    sentence_when = dict(spec.sentence_when)
    for metric, condition in changes.items():
        if metric in when:
            when[metric] = condition
        elif metric in sentence_when:
            sentence_when[metric] = condition
        else:
            have = sorted({*when, *sentence_when})
            listed = ", ".join(have) if have else "none"
            raise ConfigError(
                f"{_where(source)}thresholds: rule '{spec.id}' has no metric '{metric}' "
                f"(its metrics: {listed})"
            )
    if "when" in data:
        data["when"] = {k: v.model_dump(exclude_none=True) for k, v in when.items()}
    data["sentence_when"] = {k: v.model_dump(exclude_none=True) for k, v in sentence_when.items()}
    try:
        # Its patterns were checked (and probed) when it was loaded; only thresholds change.
        return type(spec).model_validate(data, context={"trusted": True})
    except ValidationError as exc:
        problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{_where(source)}thresholds: rule '{spec.id}': {problem}") from None
