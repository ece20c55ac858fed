"""What kind of link a URL is: shortened, affiliate, referral, or carrying tracking.

``classify`` answers with the first matching class (allow-list and first-party short
domains first, then shortener, affiliate host, referral programme, affiliate path or
parameter, generic referral code, likely shortener) and a reason a reader can check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lint.checks.links.domains import match_domain, parents, public_suffix, registered_domain
from lint.checks.links.lexicon import Lexicon, PathRule
from lint.checks.links.url import Param, UrlParts
from lint.speed import regexcache

LinkClass = Literal["shortener", "likely-shortener", "affiliate", "referral"]

_TOKEN = regexcache.compile(r"[A-Za-z0-9_-]{4,40}")
_OPAQUE_TOKEN = regexcache.compile(r"[A-Za-z0-9]{4,12}")
_GIT_SHA = regexcache.compile(r"[0-9a-f]{7,40}")
_SWITCH = regexcache.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
_MAX_PATH = 2000


@dataclass(frozen=True, slots=True)
class Verdict:
    """The class of a link and why, in words for the finding's message."""

    kind: LinkClass
    reason: str


def classify(parts: UrlParts, lexicon: Lexicon) -> Verdict | None:
    host = parts.host
    if match_domain(host, lexicon.allow) or match_domain(host, lexicon.first_party):
        return None
    domain = match_domain(host, lexicon.shorteners)
    if domain:
        return Verdict("shortener", f"{domain} is a URL shortener")
    domain = match_domain(host, lexicon.affiliate_hosts)
    if domain:
        return Verdict("affiliate", f"{domain}, {lexicon.affiliate_hosts[domain]}")
    path = parts.path[:_MAX_PATH]
    params = {param.name: param.value for param in parts.params if param.value}
    found = _program(host, path, params, lexicon.referral_programs)
    if found:
        return Verdict("referral", f"{found} sign-up link with a referral code")
    found = _program(host, path, {}, lexicon.affiliate_paths)
    if found:
        return Verdict("affiliate", f"{found} affiliate link")
    for shape in lexicon.path_shapes:
        if shape.path and shape.path.search(path):
            return Verdict("affiliate", f"the path has the shape of a {shape.name} link")
    verdict = _affiliate_param(host, params, lexicon)
    if verdict:
        return verdict
    if "." not in host or host.replace(".", "").isdigit():
        return None  # localhost, intranet names and IPv4 addresses: no codes, no shorteners
    if not match_domain(host, lexicon.referral_ignore):
        verdict = _generic_referral(path, params, lexicon)
        if verdict:
            return verdict
    return _likely_shortener(parts, lexicon)


def _program(
    host: str, path: str, params: Mapping[str, str], programs: Mapping[str, tuple[PathRule, ...]]
) -> str | None:
    for candidate in parents(host):
        for rule in programs.get(candidate, ()):
            if rule.path is not None and rule.path.search(path):
                return rule.name
            if any(name in params for name in rule.params):
                return rule.name
    return None


def _affiliate_param(host: str, params: Mapping[str, str], lexicon: Lexicon) -> Verdict | None:
    if not params:
        return None
    specific = next(
        (lexicon.affiliate_params[c] for c in parents(host) if c in lexicon.affiliate_params), {}
    )
    for known in (specific, lexicon.affiliate_params.get("*", {})):
        for name in params:
            if name in known:
                return Verdict("affiliate", f"{name}=, {known[name]}")
    for name in params:
        if name.startswith(lexicon.affiliate_prefixes):
            return Verdict("affiliate", f"{name}=, an affiliate parameter")
    if params.get("utm_medium", "").lower() in lexicon.affiliate_utm_medium:
        return Verdict("affiliate", "utm_medium declares an affiliate link")
    return None


def _generic_referral(path: str, params: Mapping[str, str], lexicon: Lexicon) -> Verdict | None:
    for name, value in params.items():
        if name in lexicon.referral_any_value and len(value) >= 3:
            return Verdict("referral", f"{name}= carries a referral code")
        if name in lexicon.referral_code_value and code_like(value):
            return Verdict("referral", f"{name}={value} looks like a referral code")
    segments = path.split("/")
    for index, segment in enumerate(segments[:-1]):
        if segment.lower() in lexicon.referral_segments and code_like(segments[index + 1]):
            return Verdict(
                "referral", f"/{segment}/{segments[index + 1]} looks like a referral code"
            )
    return None


def code_like(token: str) -> bool:
    """A referral code: letters with digits, an upper-case token, or camel case.

    Words (``homepage``, ``sidebar``), slugs, version strings and git commit ids are not.
    """
    if not _TOKEN.fullmatch(token) or _GIT_SHA.fullmatch(token):
        return False
    if ("_" in token or "-" in token) and any(char.islower() for char in token):
        return False  # a slug such as web_share_1 or spring-sale-2024
    letters = sum(char.isalpha() for char in token)
    digits = sum(char.isdigit() for char in token)
    # Letters with digits, but not a word with one digit after it (step2, page3).
    if letters and digits and len(token) >= 5 and (digits >= 2 or not token.islower()):
        return True
    if token.isupper() and letters >= 5:
        return True
    return any(char.isupper() for char in token[1:]) and any(char.islower() for char in token)


def _opaque(token: str) -> bool:
    """A random-looking short-link token: digits woven into letters, or inner capitals."""
    if (
        not _OPAQUE_TOKEN.fullmatch(token)
        or token.isdigit()
        or (token.isalpha() and token.islower())
    ):
        return False
    inner_capital = any(char.isupper() for char in token[1:]) and any(c.islower() for c in token)
    return inner_capital or len(_SWITCH.findall(token)) >= 2


def _likely_shortener(parts: UrlParts, lexicon: Lexicon) -> Verdict | None:
    host = parts.host
    if parts.params or len(host) > 24 or not parts.path.startswith("/"):
        return None
    token = parts.path[1:]
    if not _opaque(token) or match_domain(host, lexicon.not_shorteners):
        return None
    tld = host.rpartition(".")[2]
    if not tld.isalpha():
        return None
    registered = registered_domain(host)
    suffix = public_suffix(host)
    name = registered[: -len(suffix) - 1] if suffix and registered.endswith("." + suffix) else ""
    if not name:
        return None
    sub = host[: -len(registered) - 1] if host != registered else ""
    if sub in lexicon.short_subdomains and len(name) <= 10:
        short = True
    else:
        short = not sub and len(name) <= 5 and tld in lexicon.hack_tlds
    if not short:
        return None
    return Verdict("likely-shortener", f"{host} is a short host and /{token} an opaque token")


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
