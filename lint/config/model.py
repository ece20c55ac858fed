"""The effective configuration as plain, immutable data (it pickles to worker processes)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from lint.finding import Severity


class ConfigError(Exception):
    """A configuration problem, already phrased as the one line the user sees."""


class RuleConfig(NamedTuple):
    severity: Severity
    enabled: bool = True
    fix: bool = True


class CheckConfig(NamedTuple):
    enabled: bool
    rules: Mapping[str, RuleConfig]
    options: Mapping[str, Any]


class Config(NamedTuple):
    """The effective configuration: plain, immutable data, so it pickles to workers. (A
    named tuple: creating a dataclass, and importing ``dataclasses``, costs start-up.)"""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    max_file_size: int
    fail_on: Severity
    per_file_ignores: Mapping[str, tuple[str, ...]]
    checks: Mapping[str, CheckConfig]
    sources: tuple[str, ...] = ()
    # The most of a document's prose that the fixes together may remove (0.3: 30%).
    max_prose_removed: float = 0.3

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
                    cid: (c.enabled, dict(c.rules), thaw(c.options))
                    for cid, c in self.checks.items()
                },
                self.sources,
                self.max_prose_removed,
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
    max_prose_removed: float,
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
                cid: CheckConfig(enabled, MappingProxyType(rules), freeze(options))
                for cid, (enabled, rules, options) in checks.items()
            }
        ),
        sources=sources,
        max_prose_removed=max_prose_removed,
    )


def freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value
