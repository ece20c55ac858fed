"""The link lexicon: shortener, affiliate, referral and tracking data, loaded once.

The lists live in ``lint/data/links/`` (plain text one entry per line with ``#``
comments, or YAML); ``Lexicon.build(options)`` merges them with the check's options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from lint.checks.links.domains import normalize_domains
from lint.speed import regexcache

_DATA = "data/links/"


def read_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line data file, without comments and blank lines."""
    text = resources.files("lint").joinpath(_DATA + name).read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))


@cache
def _affiliate_data() -> dict[str, Any]:
    from lint.speed.yamlcache import load_yaml  # parsed once, then read back from the cache

    text = resources.files("lint").joinpath(_DATA + "affiliate.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_yaml(text, "affiliate")
    return data


@cache
def builtin_shorteners() -> frozenset[str]:
    return normalize_domains(read_list("shorteners.txt"))


def _lower(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.strip().lower() for item in items if item.strip())


def _path(pattern: str) -> re.Pattern[str]:
    return regexcache.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PathRule:
    """A path regex (``None`` = any path) and/or parameter names for one named scheme."""

    name: str
    path: re.Pattern[str] | None
    params: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Everything the classifier matches against, normalised for direct lookup."""

    allow: frozenset[str]
    first_party: frozenset[str]
    shorteners: frozenset[str]
    affiliate_hosts: Mapping[str, str]
    affiliate_paths: Mapping[str, tuple[PathRule, ...]]
    path_shapes: tuple[PathRule, ...]
    affiliate_params: Mapping[str, Mapping[str, str]]
    affiliate_prefixes: tuple[str, ...]
    affiliate_utm_medium: frozenset[str]
    referral_programs: Mapping[str, tuple[PathRule, ...]]
    referral_any_value: frozenset[str]
    referral_code_value: frozenset[str]
    referral_segments: frozenset[str]
    referral_ignore: frozenset[str]
    tracking_names: frozenset[str]
    tracking_prefixes: tuple[str, ...]
    tracking_by_host: Mapping[str, frozenset[str]]
    hack_tlds: frozenset[str]
    short_subdomains: frozenset[str]
    not_shorteners: frozenset[str]

    @cached_property
    def bare_domains(self) -> frozenset[str]:
        """Hosts recognised without a scheme (``bit.ly/x``, ``okx.com/join/CODE``): shorteners,
        affiliate hosts and referral programmes."""
        return self.shorteners | frozenset(self.affiliate_hosts) | frozenset(self.referral_programs)

    @classmethod
    def build(cls, options: Mapping[str, Any]) -> Lexicon:
        data = _affiliate_data()
        tracking = data["tracking_params"]
        likely = data["likely_shortener"]
        return cls(
            allow=normalize_domains(options["allow-domains"]),
            first_party=normalize_domains(options["first-party-short-domains"]),
            shorteners=builtin_shorteners() | normalize_domains(options["shorteners"]),
            affiliate_hosts=_by_domain(data["affiliate_hosts"], "network"),
            affiliate_paths=_rules_by_domain(data["affiliate_paths"], "network"),
            path_shapes=tuple(
                PathRule(entry["network"], _path(entry["path"]), frozenset())
                for entry in data["affiliate_path_shapes"]
            ),
            affiliate_params=_params_by_domain(
                data["affiliate_params"], options["affiliate-params"]
            ),
            affiliate_prefixes=tuple(data["affiliate_param_prefixes"]),
            affiliate_utm_medium=_lower(data["affiliate_utm_medium"]),
            referral_programs=_rules_by_domain(data["referral_programs"], "name"),
            referral_any_value=_lower(data["referral_params_any_value"]),
            referral_code_value=_lower(data["referral_params_code_value"]),
            referral_segments=_lower(data["referral_path_segments"]),
            referral_ignore=normalize_domains(data["referral_ignore_domains"]),
            tracking_names=_lower([*tracking["names"], *options["tracking-params"]]),
            tracking_prefixes=tuple(tracking["prefixes"]),
            tracking_by_host={
                domain: _lower(entry["params"])
                for entry in tracking["host_names"]
                for domain in normalize_domains(entry["domains"])
            },
            hack_tlds=_lower(likely["hack_tlds"]),
            short_subdomains=_lower(likely["short_subdomains"]),
            not_shorteners=normalize_domains(likely["not_shorteners"]),
        )


def _by_domain(entries: Iterable[Mapping[str, Any]], label: str) -> dict[str, str]:
    return {
        domain: str(entry[label])
        for entry in entries
        for domain in normalize_domains(entry["domains"])
    }


def _rules_by_domain(
    entries: Iterable[Mapping[str, Any]], label: str
) -> dict[str, tuple[PathRule, ...]]:
    rules: dict[str, list[PathRule]] = {}
    for entry in entries:
        path = entry.get("path")
        rule = PathRule(
            str(entry[label]), _path(path) if path else None, _lower(entry.get("params", ()))
        )
        for domain in normalize_domains(entry["domains"]):
            rules.setdefault(domain, []).append(rule)
    return {domain: tuple(found) for domain, found in rules.items()}


def _params_by_domain(
    entries: Iterable[Mapping[str, Any]], extra: Iterable[str]
) -> dict[str, dict[str, str]]:
    params: dict[str, dict[str, str]] = {}
    for entry in entries:
        domains = entry["domains"]
        keys = ["*"] if domains == ["*"] else sorted(normalize_domains(domains))
        for key in keys:
            for name in _lower(entry["params"]):
                params.setdefault(key, {})[name] = str(entry["network"])
        for host in normalize_domains(entry.get("except", ())):
            params.setdefault(host, {})  # the most specific entry wins: none here
    for name in _lower(extra):
        params.setdefault("*", {})[name] = "a configured affiliate parameter"
    return params
