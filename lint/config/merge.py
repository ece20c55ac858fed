"""Merging the user's configuration over the defaults, validated with file:line errors,
and building the frozen Config."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from lint.config.model import CheckConfig, Config, ConfigError, RuleConfig, freeze
from lint.config.sources import Source
from lint.finding import Rule, Severity

TOP_LEVEL_KEYS = {
    "include": list,
    "exclude": list,
    "respect-gitignore": bool,
    "max-file-size": int,
    "max-prose-removed": float,
    "fail-on": str,
    "per-file-ignores": dict,
    "checks": dict,
}
RULE_KEYS = {"severity": str, "enabled": bool, "fix": bool}


def with_plugins(data: dict[str, Any], checks: Mapping[str, Any]) -> dict[str, Any]:
    """Give every registered check a section: plugins bring their rules and options."""
    result = dict(data)
    sections = dict(result.get("checks") or {})
    for check_id, check in checks.items():
        if check_id in sections:
            continue
        section: dict[str, Any] = {
            "enabled": True,
            "rules": {rule.id: {"severity": str(rule.severity)} for rule in check.rules},
        }
        section.update(dict(getattr(check, "default_options", {}) or {}))
        sections[check_id] = section
    result["checks"] = sections
    return result


def _type_name(kind: type) -> str:
    return {
        list: "a list",
        dict: "a mapping",
        bool: "true or false",
        int: "an integer",
        float: "a number",
        str: "a string",
    }.get(kind, kind.__name__)


def _check_type(value: Any, default: Any, path: tuple[str, ...], source: Source) -> None:
    expected: type = type(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, list | tuple):
        expected = list
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        expected = dict
        ok = isinstance(value, dict)
    else:
        ok = default is None or isinstance(value, expected)
    if not ok:
        raise ConfigError(
            f"{source.where(path)}: '{'.'.join(path)}' must be {_type_name(expected)}, got {value!r}"
        )


def merge(
    base: dict[str, Any], user: dict[str, Any], path: tuple[str, ...], source: Source
) -> dict[str, Any]:
    result = dict(base)
    for key, value in user.items():
        key_path = (*path, key)
        target = key[len("extend-") :] if key.startswith("extend-") else ""
        if target and target in base:
            if not isinstance(base[target], list):
                raise ConfigError(
                    f"{source.where(key_path)}: '{target}' is not a list, so it has no '{key}'"
                )
            if not isinstance(value, list):
                raise ConfigError(
                    f"{source.where(key_path)}: '{'.'.join(key_path)}' must be a list"
                )
            result[target] = [*result[target], *value]
            continue
        if key not in base:
            raise ConfigError(f"{source.where(key_path)}: {_unknown(key_path)}{_hint(key, base)}")
        default = base[key]
        if _is_rule_path(key_path):
            result[key] = _merge_rule(default, value, key_path, source)
            continue
        _check_type(value, default, key_path, source)
        if isinstance(default, dict) and _merges_deeper(key_path):
            result[key] = merge(default, value, key_path, source)
        else:
            result[key] = value
    return result


def _unknown(path: tuple[str, ...]) -> str:
    if len(path) == 2 and path[0] == "checks":
        return f"unknown check '{path[1]}'"
    if _is_rule_path(path):
        return f"unknown rule '{path[1]}/{path[3]}'"
    return f"unknown key '{'.'.join(path)}'"


def _merges_deeper(path: tuple[str, ...]) -> bool:
    """Sections merged key by key: checks, each check, its rules. Other mappings are replaced."""
    return path == ("checks",) or (
        path[0] == "checks" and (len(path) == 2 or path[2:] == ("rules",))
    )


def _is_rule_path(path: tuple[str, ...]) -> bool:
    return len(path) == 4 and path[0] == "checks" and path[2] == "rules"


def _merge_rule(default: Any, value: Any, path: tuple[str, ...], source: Source) -> dict[str, Any]:
    rule = dict(default) if isinstance(default, dict) else {}
    if value is False or value is True:
        rule["enabled"] = value
        return rule
    if isinstance(value, str):
        value = {"severity": value}
    if not isinstance(value, dict):
        raise ConfigError(
            f"{source.where(path)}: '{'.'.join(path)}' must be a mapping, a severity or false, got {value!r}"
        )
    for key, item in value.items():
        if key not in RULE_KEYS:
            raise ConfigError(
                f"{source.where((*path, key))}: unknown key '{'.'.join((*path, key))}'"
                " (a rule takes severity, enabled and fix)"
            )
        if not isinstance(item, RULE_KEYS[key]):
            raise ConfigError(
                f"{source.where((*path, key))}: '{'.'.join((*path, key))}' must be"
                f" {_type_name(RULE_KEYS[key])}, got {item!r}"
            )
        if key == "severity":
            try:
                Severity.parse(str(item))
            except ValueError as error:
                raise ConfigError(f"{source.where((*path, key))}: {error}") from None
        rule[key] = item
    return rule


def _hint(key: str, options: Mapping[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def build(
    data: dict[str, Any], checks: Mapping[str, Any], source: Source, sources: tuple[str, ...]
) -> Config:
    for key, kind in TOP_LEVEL_KEYS.items():
        if key not in data:
            raise ConfigError(f"{source.name}: missing key '{key}'")
        accepted = (int, float) if kind is float else kind
        if not isinstance(data[key], accepted) or (
            kind in {int, float} and isinstance(data[key], bool)
        ):
            raise ConfigError(f"{source.where((key,))}: '{key}' must be {_type_name(kind)}")
    share = data["max-prose-removed"]
    if not 0 <= share <= 1:
        raise ConfigError(
            f"{source.where(('max-prose-removed',))}: 'max-prose-removed' must be a share"
            f" between 0 and 1 (0.3 is 30%), got {share!r}"
        )
    try:
        fail_on = Severity.parse(data["fail-on"])
    except ValueError as error:
        raise ConfigError(f"{source.where(('fail-on',))}: {error}") from None
    per_file: dict[str, tuple[str, ...]] = {}
    for pattern, codes in data["per-file-ignores"].items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(
                f"{source.where(('per-file-ignores', pattern))}: per-file-ignores values must be lists of rules"
            )
        per_file[str(pattern)] = tuple(codes)
    check_configs: dict[str, CheckConfig] = {}
    for check_id, section in data["checks"].items():
        if check_id not in checks:
            continue  # a section for a plugin that is not installed: nothing to run
        check_configs[check_id] = _check_config(check_id, section, checks[check_id].rules, source)
    return Config(
        include=tuple(data["include"]),
        exclude=tuple(data["exclude"]),
        respect_gitignore=data["respect-gitignore"],
        max_file_size=data["max-file-size"],
        fail_on=fail_on,
        per_file_ignores=MappingProxyType(per_file),
        checks=MappingProxyType(check_configs),
        sources=sources,
        max_prose_removed=float(share),
    )


def _check_config(
    check_id: str, section: Any, rules: Iterable[Rule], source: Source
) -> CheckConfig:
    if not isinstance(section, dict):
        raise ConfigError(
            f"{source.where(('checks', check_id))}: 'checks.{check_id}' must be a mapping"
        )
    rule_sections = section.get("rules") or {}
    rule_configs: dict[str, RuleConfig] = {}
    for rule in rules:
        raw = rule_sections.get(rule.id, {})
        rule_configs[rule.id] = RuleConfig(
            severity=Severity.parse(str(raw.get("severity", rule.severity))),
            enabled=bool(raw.get("enabled", True)),
            fix=bool(raw.get("fix", True)),
        )
    known = {rule.id for rule in rules}
    for rule_id in rule_sections:
        if rule_id not in known:
            raise ConfigError(
                f"{source.where(('checks', check_id, 'rules', rule_id))}:"
                f" unknown rule '{check_id}/{rule_id}'{_hint(rule_id, dict.fromkeys(known))}"
            )
    options = {k: v for k, v in section.items() if k not in {"enabled", "rules"}}
    return CheckConfig(
        enabled=bool(section.get("enabled", True)),
        rules=MappingProxyType(rule_configs),
        options=freeze(options),
    )
