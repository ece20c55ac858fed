"""The link lexicon: shortener lists, networks and programmes, tracking and shape data.

The data lives in ``lint/data/links/``: the public shortener list (``url-shorteners/``, CC BY-SA
4.0, shipped as it is), the team's additions (``shorteners.txt``), the listed hosts whose links
are not shortened (``not-shorteners.yaml``), affiliate networks, referral programmes and the
hosts that pay nobody (``networks.yaml``), tracking parameters (``tracking.yaml``) and the
shape of a short link (``link-shapes.yaml``). ``Lexicon.build(options)`` merges them with the
check's options, once per configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from typing import Any, Literal, NamedTuple

from lint.checks.links.domains import normalize_domains, normalize_host
from lint.speed import packagedata, regexcache

_DATA = "data/links/"
PUBLIC_LIST = ("url-shorteners/list.txt", "url-shorteners/inactive.txt")

EntryKind = Literal["affiliate", "referral", "not-paid"]


def read_text(name: str) -> str:
    return packagedata.read_text("lint", _DATA + name)


def read_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line data file, without comments and blank lines."""
    entries = (line.strip() for line in read_text(name).splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))


@cache
def _yaml(name: str) -> Any:
    from lint.speed.yamlcache import load_yaml  # parsed once, then read back from the cache

    return load_yaml(read_text(name), name.replace("/", "-"))


@cache
def builtin_shorteners() -> Mapping[str, bool]:
    """Listed shortener domains -> whether the service is dead: the public list (active and
    inactive), then the team's additions, whose ``defunct`` mark overrides the public one."""
    found: dict[str, bool] = {}
    for name, dead in zip(PUBLIC_LIST, (False, True), strict=True):
        for domain in normalize_domains(read_list(name)):
            found[domain] = dead
    for line in read_list("shorteners.txt"):
        words = line.split("#", 1)[0].split()
        found[normalize_host(words[0])] = words[1:2] == ["defunct"]
    return found


def _lower(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.strip().lower() for item in items if item.strip())


def _pattern(pattern: str | None) -> re.Pattern[str] | None:
    return regexcache.compile(pattern, re.IGNORECASE) if pattern else None


class Entry(NamedTuple):
    """One network, programme or not-paid host group of ``networks.yaml``."""

    name: str
    kind: EntryKind
    host: re.Pattern[str] | None
    path: re.Pattern[str] | None
    params: frozenset[str]
    prefixes: tuple[str, ...]
    value: re.Pattern[str] | None
    code: bool

    @property
    def wants_params(self) -> bool:
        return bool(self.params or self.prefixes)


class Shape(NamedTuple):
    """What a short link on a listed shortener looks like, and the evidence for unlisted ones."""

    file_extensions: frozenset[str]
    asset_extensions: frozenset[str]
    max_segments: int
    site_sections: frozenset[str]
    name_words: tuple[str, ...]
    hack_tlds: frozenset[str]
    short_subdomains: frozenset[str]
    max_token: int
    not_shorteners: frozenset[str]


class Lexicon:
    """Everything the classifier matches against, normalised for direct lookup.

    ``not_shorteners`` maps a not-shortener domain to the paths it covers (None: all of
    them); on the ``named_only`` ones it covers only a page's name (a word, a slug), never an
    opaque code. A plain class: a dataclass costs start-up more than the lookups it holds.
    """

    def __init__(
        self,
        *,
        allow: frozenset[str],
        first_party: frozenset[str],
        shorteners: Mapping[str, bool],
        not_shorteners: Mapping[str, re.Pattern[str] | None],
        named_only: frozenset[str],
        by_host: Mapping[str, tuple[Entry, ...]],
        generic: tuple[Entry, ...],
        tracking_names: frozenset[str],
        tracking_prefixes: tuple[str, ...],
        tracking_by_host: Mapping[str, frozenset[str]],
        shape: Shape,
    ) -> None:
        self.allow = allow
        self.first_party = first_party
        self.shorteners = shorteners
        self.not_shorteners = not_shorteners
        self.named_only = named_only
        self.by_host = by_host
        self.generic = generic
        self.tracking_names = tracking_names
        self.tracking_prefixes = tracking_prefixes
        self.tracking_by_host = tracking_by_host
        self.shape = shape

    @cached_property
    def bare_domains(self) -> frozenset[str]:
        """Hosts recognised without a scheme (``bit.ly/x``, ``okx.com/join/CODE``): shorteners
        and the hosts of paying networks and programmes."""
        paying = (
            host
            for host, entries in self.by_host.items()
            if any(entry.kind != "not-paid" for entry in entries)
        )
        return frozenset(self.shorteners) | frozenset(paying)

    @classmethod
    def build(cls, options: Mapping[str, Any]) -> Lexicon:
        configured = normalize_domains(options["shorteners"])
        shorteners = dict(builtin_shorteners())
        shorteners.update(dict.fromkeys(configured, False))
        by_host, generic = _entries(_yaml("networks.yaml")["entries"], options["affiliate-params"])
        tracking = _yaml("tracking.yaml")
        return cls(
            allow=normalize_domains(options["allow-domains"]),
            first_party=normalize_domains(options["first-party-short-domains"]),
            shorteners=shorteners,
            not_shorteners={
                domain: path
                for domain, path in _not_shorteners().items()
                if domain not in configured  # a domain you list is reported
            },
            named_only=_named_only(),
            by_host=by_host,
            generic=generic,
            tracking_names=_lower([*tracking["names"], *options["tracking-params"]]),
            tracking_prefixes=tuple(tracking["prefixes"]),
            tracking_by_host={
                domain: _lower(entry["params"])
                for entry in tracking["host_names"]
                for domain in normalize_domains(entry["domains"])
            },
            shape=_shape(),
        )


@cache
def _not_shorteners() -> Mapping[str, re.Pattern[str] | None]:
    return {
        domain: _pattern(group.get("paths"))
        for group in _yaml("not-shorteners.yaml")["groups"]
        for domain in normalize_domains(group["domains"])
    }


@cache
def _named_only() -> frozenset[str]:
    """Brands' short domains whose named paths lead to the brand's own pages while their
    opaque codes are short links like any other (``named: true`` in not-shorteners.yaml)."""
    return frozenset(
        domain
        for group in _yaml("not-shorteners.yaml")["groups"]
        if group.get("named")
        for domain in normalize_domains(group["domains"])
    )


def entry_of(data: Mapping[str, Any]) -> Entry:
    names = _lower(data.get("params") or ())
    return Entry(
        name=str(data["name"]),
        kind=data["kind"],
        host=_pattern(data.get("host")),
        path=_pattern(data.get("path")),
        params=frozenset(name for name in names if not name.endswith("*")),
        prefixes=tuple(sorted(name[:-1] for name in names if name.endswith("*"))),
        value=_pattern(data.get("value")),
        code=bool(data.get("code")),
    )


def _entries(
    data: Iterable[Mapping[str, Any]], extra_params: Iterable[str]
) -> tuple[dict[str, tuple[Entry, ...]], tuple[Entry, ...]]:
    """Entries by host (paying ones first on each host) and the any-host ones (not-paid first)."""
    by_host: dict[str, list[Entry]] = {}
    generic: list[Entry] = []
    for item in data:
        entry = entry_of(item)
        if item["hosts"] == ["*"]:
            generic.append(entry)
            continue
        for host in normalize_domains(item["hosts"]):
            by_host.setdefault(host, []).append(entry)
    extra = _lower(extra_params)
    if extra:
        generic.append(
            Entry(
                "a configured affiliate parameter", "affiliate", None, None, extra, (), None, False
            )
        )

    def paying_last(entry: Entry) -> bool:
        return entry.kind != "not-paid"

    def not_paid_last(entry: Entry) -> bool:
        return entry.kind == "not-paid"

    return (
        {host: tuple(sorted(found, key=not_paid_last)) for host, found in by_host.items()},
        tuple(sorted(generic, key=paying_last)),
    )


@cache
def _shape() -> Shape:
    data = _yaml("link-shapes.yaml")
    likely = data["likely"]
    return Shape(
        file_extensions=_lower(data["file_extensions"]),
        asset_extensions=_lower(data["asset_extensions"]),
        max_segments=int(data["max_segments"]),
        site_sections=_lower(data["site_sections"]),
        name_words=tuple(sorted(_lower(likely["name_words"]), key=lambda w: (-len(w), w))),
        hack_tlds=_lower(likely["hack_tlds"]),
        short_subdomains=_lower(likely["short_subdomains"]),
        max_token=int(likely["max_token"]),
        not_shorteners=normalize_domains(likely["not_shorteners"]),
    )
