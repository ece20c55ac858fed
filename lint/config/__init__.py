"""Configuration: the shipped defaults plus the user's file, validated with clear errors.

The defaults are the top-level ``config.yaml`` (inside the wheel as ``lint/config.yaml``).
A user file overrides them key by key; for a list option ``KEY`` the user's value replaces
the default and ``extend-KEY`` appends to it. Unknown keys and wrong types are errors that
name the file, the key and the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lint.config.merge import build, merge, with_plugins
from lint.config.model import CheckConfig, Config, ConfigError, RuleConfig
from lint.config.sources import (
    USER_CONFIG_NAME,
    Source,
    default_config_text,
    default_source,
    find_user_config,
    parse_pyproject,
    parse_yaml,
    read_config_text,
)

__all__ = [
    "USER_CONFIG_NAME",
    "CheckConfig",
    "Config",
    "ConfigError",
    "RuleConfig",
    "config_from_mapping",
    "default_config_text",
    "default_source",
    "load_config",
    "parse_yaml",
]


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
    base = with_plugins(defaults.data, checks)
    sources: list[str] = []
    user: Source | None = None
    if path is not None:
        user_path = Path(path)
        user = parse_pyproject(user_path) if user_path.name == "pyproject.toml" else None
        if user is None:
            user = parse_yaml(read_config_text(user_path), str(user_path))
    elif discover:
        found = find_user_config(start or Path.cwd())
        if found is not None:
            user = (
                parse_pyproject(found)
                if found.name == "pyproject.toml"
                else parse_yaml(read_config_text(found), str(found))
            )
    merged = base
    if user is not None:
        sources.append(user.name)
        merged = merge(base, user.data, (), user)
    return build(merged, checks, user or defaults, tuple(sources))


def config_from_mapping(data: Mapping[str, Any], checks: Mapping[str, Any] | None = None) -> Config:
    """Defaults overridden by an in-memory mapping (the library API's ``config=``)."""
    if checks is None:
        from lint.registry import load_checks

        checks = load_checks()
    defaults = default_source()
    source = Source("<config>", dict(data), {})
    merged = merge(with_plugins(defaults.data, checks), dict(data), (), source)
    return build(merged, checks, source, ())
