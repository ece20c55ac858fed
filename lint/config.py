"""Configuration: the shipped defaults plus the user's file, validated with clear errors.

The defaults are the top-level ``config.yaml`` (inside the wheel as ``lint/config.yaml``).
A user file overrides them key by key; for a list option ``KEY`` the user's value replaces
the default and ``extend-KEY`` appends to it. Unknown keys and wrong types are errors that
name the file, the key and the line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lint.finding import Rule, Severity

TOP_LEVEL_KEYS = {
    "include": list,
    "exclude": list,
    "respect-gitignore": bool,
    "max-file-size": int,
    "fail-on": str,
    "per-file-ignores": dict,
    "checks": dict,
}
RULE_KEYS = {"severity": str, "enabled": bool, "fix": bool}
USER_CONFIG_NAME = ".contentlint.yaml"


class ConfigError(Exception):
    """A configuration problem, already phrased as the one line the user sees."""


@dataclass(frozen=True)
class RuleConfig:
    severity: Severity
    enabled: bool = True
    fix: bool = True


@dataclass(frozen=True)
class CheckConfig:
    enabled: bool
    rules: Mapping[str, RuleConfig]
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Config:
    """The effective configuration: plain, immutable data, so it pickles to workers."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    max_file_size: int
    fail_on: Severity
    per_file_ignores: Mapping[str, tuple[str, ...]]
    checks: Mapping[str, CheckConfig]
    sources: tuple[str, ...] = field(default=())

    def __reduce__(self) -> tuple[Any, ...]:
        # MappingProxyType does not pickle; rebuild from plain dicts.
        return (
            _rebuild_config,
            (
                self.include,
                self.exclude,
                self.respect_gitignore,
                self.max_file_size,
                self.fail_on,
                dict(self.per_file_ignores),
                {
                    cid: (c.enabled, dict(c.rules), _thaw(c.options))
                    for cid, c in self.checks.items()
                },
                self.sources,
            ),
        )


def _rebuild_config(
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    respect_gitignore: bool,
    max_file_size: int,
    fail_on: Severity,
    per_file_ignores: dict[str, tuple[str, ...]],
    checks: dict[str, tuple[bool, dict[str, RuleConfig], dict[str, Any]]],
    sources: tuple[str, ...],
) -> Config:
    return Config(
        include=include,
        exclude=exclude,
        respect_gitignore=respect_gitignore,
        max_file_size=max_file_size,
        fail_on=fail_on,
        per_file_ignores=MappingProxyType(per_file_ignores),
        checks=MappingProxyType(
            {
                cid: CheckConfig(enabled, MappingProxyType(rules), _freeze(options))
                for cid, (enabled, rules, options) in checks.items()
            }
        ),
        sources=sources,
    )


# --- reading YAML with line numbers -------------------------------------------------


@dataclass
class Source:
    """A parsed config file and the line of every key path in it."""

    name: str
    data: dict[str, Any]
    lines: dict[tuple[str, ...], int]

    def where(self, path: tuple[str, ...]) -> str:
        line = None
        for depth in range(len(path), 0, -1):
            line = self.lines.get(path[:depth])
            if line is not None:
                break
        return f"{self.name}:{line}" if line is not None else self.name


def _yaml_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> Source:
    """Parse YAML keeping the line of every mapping key; errors become ConfigError."""
    import yaml

    loader_class = _yaml_loader()
    try:
        node = yaml.compose(text, Loader=loader_class)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if node is None:
        return Source(name, {}, {})
    lines: dict[tuple[str, ...], int] = {}
    constructor = loader_class("")
    data = _construct(node, (), lines, constructor, name)
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:{node.start_mark.line + 1}: the configuration must be a mapping")
    return Source(name, data, lines)


def _construct(
    node: Any, path: tuple[str, ...], lines: dict[tuple[str, ...], int], loader: Any, name: str
) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise ConfigError(
                    f"{name}:{key_node.start_mark.line + 1}: keys must be strings, got {key!r}"
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, (*path, key), lines, loader, name)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path, lines, loader, name) for item in node.value]
    return loader.construct_object(node, deep=True)


def parse_pyproject(path: Path) -> Source | None:
    """The ``[tool.contentlint]`` table of a pyproject.toml, or None when there is none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("contentlint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.contentlint] must be a table")
    # TOML gives no positions; find each key's first line as a best effort.
    lines: dict[tuple[str, ...], int] = {}
    text_lines = text.splitlines()
    for key in _key_paths(table, ()):
        needle = key[-1]
        for number, line in enumerate(text_lines, 1):
            stripped = line.strip()
            if stripped.startswith((needle, f'"{needle}"', f"[tool.contentlint.{needle}")) or (
                f".{needle}]" in stripped
            ):
                lines[key] = number
                break
    return Source(str(path), table, lines)


def _key_paths(data: Mapping[str, Any], path: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    for key, value in data.items():
        yield (*path, key)
        if isinstance(value, Mapping):
            yield from _key_paths(value, (*path, key))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


# --- defaults, discovery, merging -----------------------------------------------------


def default_config_text() -> str:
    """The shipped defaults: ``lint/config.yaml`` in the wheel, else the repository's top-level file."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "config.yaml", here.parent / "config.yaml"):
        if candidate.is_file():  # a plain folder: no importlib.resources (and its imports) needed
            return candidate.read_text(encoding="utf-8")
    from importlib.resources import files

    return files("lint").joinpath("config.yaml").read_text(encoding="utf-8")


def default_source() -> Source:
    """The parsed defaults (cached: they are the same on every run until the file changes)."""
    from lint.yamlcache import load_yaml

    name = "config.yaml (defaults)"
    data = load_yaml(default_config_text(), "defaults")
    if not isinstance(data, dict):
        return parse_yaml(default_config_text(), name)  # let the parser phrase the problem
    return Source(name, data, {})


def find_user_config(start: Path) -> Path | None:
    """The nearest ``.contentlint.yaml``, else the nearest pyproject.toml with [tool.contentlint]."""
    folders = [start, *start.parents]
    for folder in folders:
        candidate = folder / USER_CONFIG_NAME
        if candidate.is_file():
            return candidate
    for folder in folders:
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.contentlint" in _read(candidate):
            return candidate
    return None


def load_config(
    path: str | Path | None = None,
    *,
    start: Path | None = None,
    checks: Mapping[str, Any] | None = None,
    discover: bool = True,
) -> Config:
    """Defaults merged with the user's configuration.

    ``checks`` maps check id to check object (for plugin defaults and rule lists);
    by default the registry is asked. ``discover=False`` ignores configuration files
    found on disk (for the library API).
    """
    if checks is None:
        from lint.registry import load_checks

        checks = load_checks()
    defaults = default_source()
    base = _with_plugins(defaults.data, checks)
    sources: list[str] = []
    user: Source | None = None
    if path is not None:
        user_path = Path(path)
        user = parse_pyproject(user_path) if user_path.name == "pyproject.toml" else None
        if user is None:
            user = parse_yaml(_read(user_path), str(user_path))
    elif discover:
        found = find_user_config(start or Path.cwd())
        if found is not None:
            user = (
                parse_pyproject(found)
                if found.name == "pyproject.toml"
                else parse_yaml(_read(found), str(found))
            )
    merged = base
    if user is not None:
        sources.append(user.name)
        merged = _merge(base, user.data, (), user)
    return _build(merged, checks, user or defaults, tuple(sources))


def config_from_mapping(data: Mapping[str, Any], checks: Mapping[str, Any] | None = None) -> Config:
    """Defaults overridden by an in-memory mapping (the library API's ``config=``)."""
    if checks is None:
        from lint.registry import load_checks

        checks = load_checks()
    defaults = default_source()
    source = Source("<config>", dict(data), {})
    merged = _merge(_with_plugins(defaults.data, checks), dict(data), (), source)
    return _build(merged, checks, source, ())


def _with_plugins(data: dict[str, Any], checks: Mapping[str, Any]) -> dict[str, Any]:
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


def _merge(
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
            result[key] = _merge(default, value, key_path, source)
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


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _build(
    data: dict[str, Any], checks: Mapping[str, Any], source: Source, sources: tuple[str, ...]
) -> Config:
    for key, kind in TOP_LEVEL_KEYS.items():
        if key not in data:
            raise ConfigError(f"{source.name}: missing key '{key}'")
        if not isinstance(data[key], kind) or (kind is int and isinstance(data[key], bool)):
            raise ConfigError(f"{source.where((key,))}: '{key}' must be {_type_name(kind)}")
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
        options=_freeze(options),
    )
