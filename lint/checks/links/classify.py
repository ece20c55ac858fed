"""What kind of link a URL is: shortened, affiliate, referral, or carrying tracking.

``classify`` answers with the first class that fits, in this order, with a reason a reader
can check:

1. the allow-list and your first-party short domains: nothing;
2. the networks and programmes of ``networks.yaml`` that name the host or a parent of it,
   the most specific host first and, on one host, a paying entry before a not-paid one
   (a chat invite, a newsletter, a donation page: nothing);
3. the shortener lists, less the listed hosts that are not shorteners and the service's own
   pages (its home page, files, deep or section pages);
4. the shapes of ``networks.yaml`` that apply to any host (not-paid ones first; on
   localhost, intranet names and IP addresses, and on static assets such as ``app.js?r=1``,
   only the affiliate ones);
5. the shape of an unlisted shortener, on a host no list names: ``likely-shortener``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from lint.checks.links.domains import parents
from lint.checks.links.lexicon import Entry, Lexicon, Shape
from lint.checks.links.url import Param, UrlParts, fragment_params
from lint.speed import regexcache

LinkClass = Literal["shortener", "likely-shortener", "affiliate", "referral"]

_TOKEN = regexcache.compile(r"[A-Za-z0-9_-]{4,40}")
_DIGITS = regexcache.compile(r"[0-9]{6,40}")
# Git commit ids as people paste them: abbreviated (7 to 12 hex digits) or whole (40).
_GIT_SHA = regexcache.compile(r"[0-9a-f]{7,12}|[0-9a-f]{40}")
_MAX_PATH = 2000
_MAX_BRAND = 10
_MAX_EVIDENCE = 40


class Verdict(NamedTuple):
    """The class of a link and why, in words for the finding's message; ``defunct`` marks a
    shortener that no longer works."""

    kind: LinkClass
    reason: str
    defunct: bool = False


def classify(parts: UrlParts, lexicon: Lexicon) -> Verdict | None:
    host = parts.host
    for domains in (lexicon.allow, lexicon.first_party):
        if domains and any(candidate in domains for candidate in parents(host)):
            return None
    path = parts.path[:_MAX_PATH]
    params = [param for param in (*parts.params, *fragment_params(parts.fragment)) if param.value]
    for candidate in parents(host):
        for entry in lexicon.by_host.get(candidate, ()):
            evidence = _evidence(entry, candidate, path, params)
            if evidence is not None:
                return _verdict(entry, evidence)
    listed, verdict = _listed_shortener(parts, path, lexicon)
    if verdict is not None:
        return verdict
    # localhost, intranet names and IPv4 addresses: no referral codes, no shorteners
    local = "." not in host or host.replace(".", "").isdigit()
    asset = _asset(path, lexicon.shape)
    for entry in lexicon.generic:
        if (local or asset) and entry.kind == "referral":
            continue
        evidence = _evidence(entry, host, path, params)
        if evidence is not None:
            return _verdict(entry, evidence)
    return None if local or listed else _likely_shortener(parts, lexicon.shape)


def _asset(path: str, shape: Shape) -> bool:
    """Whether the link is a static asset (an image, a style sheet, a script, a font), whose
    ``r=`` or ``ref=`` is a cache buster rather than a person's code."""
    name = path.rpartition("/")[2]
    return "." in name and name.rpartition(".")[2].lower() in shape.asset_extensions


def _verdict(entry: Entry, evidence: str) -> Verdict | None:
    if entry.kind == "not-paid":
        return None
    return Verdict(entry.kind, f"{entry.name}: {evidence}")


def _short(text: str) -> str:
    return text if len(text) <= _MAX_EVIDENCE else text[: _MAX_EVIDENCE - 1] + "…"


def _evidence(entry: Entry, host: str, path: str, params: Sequence[Param]) -> str | None:
    """What in the link matches ``entry`` (a host, a path, ``name=value``), or None."""
    if entry.host is not None and not entry.host.search(host):
        return None
    shown = host
    if entry.path is not None:
        found = None
        for match in entry.path.finditer(path):
            group = match.group(match.lastindex) if match.lastindex else ""
            if entry.code and not entry.wants_params and group and not code_like(group):
                continue
            found = match
            break
        if found is None:
            return None
        shown = found.group() or path
    if not entry.wants_params:
        return _short(shown)
    for param in params:
        name = param.name
        if name not in entry.params and not (entry.prefixes and name.startswith(entry.prefixes)):
            continue
        if entry.value is not None and not entry.value.fullmatch(param.value):
            continue
        if entry.code and not code_like(param.value):
            continue
        return _short(f"{name}={param.value}")
    return None


def code_like(token: str) -> bool:
    """A referral code: letters with digits, an upper-case token, camel case, or a number of
    six digits or more.

    Words (``homepage``, ``sidebar``), slugs, version strings and git commit ids are not.
    """
    if _DIGITS.fullmatch(token):
        return True
    if not _TOKEN.fullmatch(token) or _GIT_SHA.fullmatch(token):
        return False
    if ("_" in token or "-" in token) and any(char.islower() for char in token):
        return False  # a slug such as web_share_1 or spring-sale-2024
    letters = sum(char.isalpha() for char in token)
    digits = sum(char.isdigit() for char in token)
    # Letters with digits, but not a word with one digit after it (step2, page3).
    if (
        letters
        and digits
        and len(token) >= 5
        and (digits >= 2 or not token.islower() or not token[-1].isdigit())
    ):
        return True
    if token.isupper() and letters >= 5:
        return True
    return any(char.isupper() for char in token[1:]) and any(char.islower() for char in token)


def _listed_shortener(parts: UrlParts, path: str, lexicon: Lexicon) -> tuple[bool, Verdict | None]:
    """Whether the host is on a shortener list (or listed as not one), and the verdict: a link
    through a listed shortener, unless the host or path is listed as not one, or the link is
    the service's own page."""
    for candidate in parents(parts.host):
        if candidate in lexicon.not_shorteners:
            paths = lexicon.not_shorteners[candidate]
            if candidate in lexicon.named_only:
                if _named_path(path):
                    return True, None
            elif paths is None or paths.search(path):
                return True, None
        if candidate in lexicon.shorteners:
            if not _short_link(parts, path, lexicon.shape):
                return True, None
            if lexicon.shorteners[candidate]:
                return True, Verdict("shortener", f"{candidate} no longer works", defunct=True)
            return True, Verdict("shortener", f"{candidate} is a URL shortener")
    return False, None


def _named_path(path: str) -> bool:
    """One path segment that names a page (``/rhdh-docs``, ``/EfficientNodeJS``)."""
    from lint.checks.links.shape import named

    token = path.strip("/")
    return bool(token) and "/" not in token and named(token)


def _short_link(parts: UrlParts, path: str, shape: Shape) -> bool:
    """Whether a link on a shortener is a short link rather than one of the service's own pages:
    it has a path or a query, no file name, at most ``max_segments`` segments and does not
    start with one of the site's own sections (``/pages/``, ``/blog/``)."""
    segments = [segment for segment in path.split("/") if segment]
    if not segments:
        return bool(parts.params)
    if len(segments) > shape.max_segments or segments[0].lower() in shape.site_sections:
        return False
    extension = segments[-1].rpartition(".")[2].lower() if "." in segments[-1] else ""
    return extension not in shape.file_extensions


MODEL = "likely-shortener.json"


def _likely_shortener(parts: UrlParts, shape: Shape) -> Verdict | None:
    """A short link on a host no list names, judged by its shape: the model of
    ``likely-shortener.json`` over the features of ``shape.py`` (the message names the
    features that weighed most), or a short-link subdomain of a short brand name with an
    opaque code (``go.acme.io/x7Y2kQ``), the convention too few labelled links show for the
    model to learn it."""
    from lint.checks.links.shape import (
        candidate_path,
        coined_short_link,
        evidence,
        features,
        opaque,
        short_link_parts,
        short_subdomain,
    )
    from lint.scoring import binary, load_model

    host = parts.host
    path = candidate_path(parts)
    if path is None or any(c in shape.not_shorteners for c in parents(host)):
        return None
    found = short_link_parts(host, path, shape)
    if found is None:
        return _coined(coined_short_link(host, path, shape))
    name, suffix, token, section = found
    found_features = binary(features(host, name, suffix, token, shape, section))
    shown = f"{host}/{section}/{token}" if section else f"{host}/{'?' * bool(parts.params)}{token}"
    model = load_model("lint.checks.links", MODEL)
    head = model.head("likely-shortener")
    probability = head.probability(found_features)
    if probability < model.threshold:
        sub = short_subdomain(host, name, suffix, shape)
        if sub and len(name) <= _MAX_BRAND and opaque(token):
            return Verdict(
                "likely-shortener",
                f"{shown}: a short-link subdomain ({sub}.) of a short name, an opaque code",
            )
        return _coined(coined_short_link(host, path, shape))
    words: list[str] = []
    for feature, _ in head.strongest(found_features, 6):
        phrase = evidence(feature, host, name, suffix, token)
        if phrase not in words:
            words.append(phrase)
    return Verdict(
        "likely-shortener",
        f"{shown}: {', '.join(words[:3])}; score {probability:.2f}",
    )


def _coined(found: tuple[str, str] | None) -> Verdict | None:
    """A short link by its host's name alone (``shape.coined_short_link``)."""
    if found is None:
        return None
    word, shown = found
    return Verdict("likely-shortener", f"{shown}: the name is coined from '{word}', a short path")


def tracking(parts: UrlParts, lexicon: Lexicon) -> list[Param]:
    """The tracking parameters of a link: analytics and click ids, per host where needed."""
    if not parts.params:
        return []
    host_names: frozenset[str] = frozenset()
    for candidate in parents(parts.host):
        if candidate in lexicon.tracking_by_host:
            host_names = lexicon.tracking_by_host[candidate]
            break
    return [
        param
        for param in parts.params
        if param.name in lexicon.tracking_names
        or param.name in host_names
        or param.name.startswith(lexicon.tracking_prefixes)
    ]
