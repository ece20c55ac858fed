"""Public suffixes from tldextract's bundled Public Suffix List snapshot, without tldextract.

Importing tldextract and building its trie costs about 130 ms, more than a whole run on a
small file. The snapshot it ships (``tldextract/.tld_set_snapshot``) is the source: this
module reads that file where the package is installed (found without importing it), keeps
its public section (private domains off, as the check asks tldextract) as two sets, and
walks a host's labels the way tldextract's trie does, wildcards and exceptions included,
so the answers are the same (``tests/test_links_suffixes.py`` compares them on thousands
of hosts). The parsed sets are cached like the other shipped data
(``lint.speed.yamlcache.derived``); where the snapshot cannot be read, tldextract itself
answers.
"""

from __future__ import annotations

import sys
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_SNAPSHOT = ".tld_set_snapshot"
_PRIVATE = "// ===BEGIN PRIVATE DOMAINS==="
_WORD_START = frozenset("*.!")

# (rules, nodes): the public rules as written ("co.uk", "*.ck", "!www.ck") and every trie
# node, that is every rule and each of its parent suffixes ("kawasaki.jp" for "*.kawasaki.jp").
Suffixes = tuple[frozenset[str], frozenset[str]]


def _snapshot_text() -> str | None:
    try:
        spec = find_spec("tldextract")  # finds the package folder; imports nothing
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        try:
            return (Path(folder) / _SNAPSHOT).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return None


def parse(text: str) -> Suffixes:
    """The public rules and trie nodes of a Public Suffix List text.

    A rule is the first word of a line that starts with ``*``, ``.`` or ``!`` characters
    and then a word character (tldextract's ``^[.*!]*\\w\\S*``); comments start with ``//``.
    """
    rules = []
    for line in text.partition(_PRIVATE)[0].split("\n"):
        stripped = line.lstrip("*.!")
        if not stripped or not (stripped[0].isalnum() or stripped[0] == "_"):
            continue
        rules.append(line.split(None, 1)[0])
    nodes = set(rules)
    for rule in rules:
        dot = rule.find(".")
        while dot >= 0:
            nodes.add(rule[dot + 1 :])
            dot = rule.find(".", dot + 1)
    return frozenset(rules), frozenset(nodes)


@cache
def suffix_sets() -> Suffixes | None:
    """The snapshot's public rules and trie nodes, or None when the snapshot is not there."""
    text = _snapshot_text()
    if text is None:
        return None
    from lint.speed.yamlcache import derived

    found: Suffixes = derived("public-suffixes", text, lambda: parse(text), sys.modules[__name__])
    return found


def _decoded(label: str) -> str:
    """A punycode label as Unicode, as tldextract compares labels; others lower-cased."""
    lowered = label.lower()
    if not lowered.startswith("xn--"):
        return lowered
    try:
        import idna  # tldextract's own decoder (IDNA 2008); it comes with tldextract

        return str(idna.decode(lowered))
    except ImportError:
        return _builtin_decode(lowered)
    except (UnicodeError, IndexError, ValueError):
        return lowered


def _builtin_decode(label: str) -> str:
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def suffix_start(labels: list[str], sets: Suffixes) -> int:
    """The index of the first label of the public suffix, ``len(labels)`` when none matches.

    The walk of tldextract's ``suffix_index`` on its trie, with the trie's nodes as a set:
    from the last label leftwards, follow the longest chain of nodes; a rule that ends there
    moves the suffix start; at the first label with no node, a wildcard below the current
    node takes that label too, unless an exception (``!label``) names it.
    """
    rules, nodes = sets
    start = count = len(labels)
    node = ""
    for index in range(count - 1, -1, -1):
        label = _decoded(labels[index])
        child = f"{label}.{node}" if node else label
        if child in nodes:
            node = child
            if child in rules:
                start = index
            continue
        wildcard = f"*.{node}" if node else "*"
        if wildcard in nodes:
            exception = f"!{label}.{node}" if node else f"!{label}"
            return index + 1 if exception in nodes else index
        break
    return start


@cache
def _extractor() -> Any:
    import tldextract  # the fallback: only where the snapshot file cannot be read

    # No suffix-list URLs means no fetch; cache_dir=None means no cache writes: the
    # bundled snapshot is used as it is.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str]:
    """``(registered domain, public suffix)`` of a normalised host, as tldextract gives them
    with private domains off: ``("bbc.co.uk", "co.uk")``; ``("", "")`` for IP addresses,
    ``localhost`` and names under no known suffix; ``("", suffix)`` for a bare suffix."""
    sets = suffix_sets()
    if sets is None:
        result = _extractor().extract_str(host, include_psl_private_domains=False)
        return str(result.top_domain_under_public_suffix), str(result.suffix)
    labels = host.split(".")
    start = suffix_start(labels, sets)
    if start == len(labels):
        return "", ""
    suffix = ".".join(labels[start:])
    return (f"{labels[start - 1]}.{suffix}" if start > 0 else ""), suffix
