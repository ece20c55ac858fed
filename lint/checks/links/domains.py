"""Host names: normalising them and matching them against domain lists, offline.

List lookups walk a host's parent domains (``a.b.example.co.uk`` → ``b.example.co.uk`` →
``example.co.uk`` …), which gives the same answer as comparing registered domains when
the lists hold registered domains or full hosts, and needs no suffix list at all. Only
``registered_domain`` and ``public_suffix`` need the Public Suffix List: tldextract's
bundled snapshot, read as sets on first use (``suffixes.py``), never the network.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache


def normalize_host(host: str) -> str:
    """Lower-case, without a trailing dot, internationalised labels as punycode."""
    host = host.strip().rstrip(".").lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def normalize_domains(domains: Iterable[str]) -> frozenset[str]:
    """A list entry as a host: ``*.example.com`` and ``.example.com`` mean ``example.com``."""
    out = set()
    for entry in domains:
        host = entry.strip()
        host = normalize_host((host[2:] if host.startswith("*.") else host).lstrip("."))
        if host:
            out.add(host)
    return frozenset(out)


@lru_cache(maxsize=8192)
def parents(host: str) -> tuple[str, ...]:
    """The host itself, then each parent domain down to the top-level label."""
    found = [host]
    pos = host.find(".")
    while pos >= 0:
        found.append(host[pos + 1 :])
        pos = host.find(".", pos + 1)
    return tuple(found)


def match_domain(host: str, domains: Collection[str]) -> str | None:
    """The most specific entry of ``domains`` that is ``host`` or a parent of it."""
    if not domains:
        return None
    for candidate in parents(host):
        if candidate in domains:
            return candidate
    return None


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """The registrable domain (``on.wsj.com`` → ``wsj.com``); the host itself when there is
    none (IP addresses, ``localhost``, reserved names)."""
    from lint.checks.links.suffixes import split_host

    return split_host(host)[0] or host


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    """The public suffix of ``host`` (``co.uk`` for ``bbc.co.uk``), or ``""``."""
    from lint.checks.links.suffixes import split_host

    return split_host(host)[1]
