"""A link's parts: normalised host, path and query parameters with their exact offsets.

Offsets are into the URL as written, so that a fix can remove parameters and keep every
other byte (``without_params``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from lint.checks.links.domains import normalize_host

_MAX_HOST = 253
_MAX_PARAMS = 200
_MAX_FRAGMENT = 500


class Param(NamedTuple):
    """One query parameter; ``start``/``end`` are offsets into the URL of ``name=value``."""

    name: str
    value: str
    start: int
    end: int
    separator: str


class UrlParts(NamedTuple):
    """A parsed link. ``host`` is normalised; ``query_start`` is the offset of ``?`` (or -1);
    ``fragment`` is the text after ``#`` (where some programmes put their code: ``#a_aid=``);
    ``query_code`` is a query that is one bare token after an empty path, case kept
    (``ley.su/?RKZp``: some shorteners write their codes so, and parameter names are lower-cased)."""

    host: str
    path: str
    params: tuple[Param, ...]
    query_start: int
    query_end: int
    fragment: str = ""
    query_code: str = ""


# Candidate anchors, each found at memory speed on its own (one alternation is 10x slower).


def parse_url(url: str) -> UrlParts | None:
    """Host, path and query parameters of a link; None when it has no usable host."""
    absolute = (
        url if "://" in url[:10] else "http:" + url if url.startswith("//") else "http://" + url
    )
    try:
        host = urlsplit(absolute).hostname
    except ValueError:
        return None
    if not host or len(host) > _MAX_HOST:
        return None
    offset = len(absolute) - len(url)
    authority = absolute.find("//") + 2
    path_start = len(absolute)
    for delimiter in "/?#":
        found = absolute.find(delimiter, authority)
        if 0 <= found < path_start:
            path_start = found
    fragment = absolute.find("#", path_start)
    query_end = fragment if fragment >= 0 else len(absolute)
    query_start = absolute.find("?", path_start, query_end)
    path_end = query_start if query_start >= 0 else query_end
    path = unquote(absolute[path_start:path_end])
    params: tuple[Param, ...] = ()
    query_code = ""
    if query_start >= 0:
        params = _params(absolute, query_start + 1, query_end, offset)
        query = absolute[query_start + 1 : query_end]
        if path in ("", "/") and query and "=" not in query and "&" not in query:
            query_code = unquote(query)
        query_start -= offset
    return UrlParts(
        host=normalize_host(host),
        path=path,
        params=params,
        query_start=query_start,
        query_end=query_end - offset,
        fragment=absolute[fragment + 1 : fragment + 1 + _MAX_FRAGMENT] if fragment >= 0 else "",
        query_code=query_code,
    )


def fragment_params(fragment: str) -> tuple[Param, ...]:
    """The ``name=value`` pairs of a fragment (``#a_aid=5f3c&a_bid=11``, ``#/?ref=AbC12``),
    for classifying only: a fix never touches them (their offsets are -1)."""
    if "=" not in fragment:
        return ()
    query = fragment.rpartition("?")[2]
    params = []
    for token in query.split("&")[:_MAX_PARAMS]:
        name, equals, value = token.partition("=")
        if equals and name:
            params.append(Param(unquote(name).lower(), unquote(value), -1, -1, ""))
    return tuple(params)


def _params(url: str, start: int, end: int, offset: int) -> tuple[Param, ...]:
    params: list[Param] = []
    pos = start
    separator = ""
    while pos <= end:
        if len(params) == _MAX_PARAMS:  # the rest, kept as it is: nobody needs 200 parameters
            params.append(Param("", "", pos - offset, end - offset, separator))
            break
        amp = url.find("&", pos, end)
        stop = end if amp < 0 else amp
        token = url[pos:stop]
        if token:
            name, _, value = token.partition("=")
            params.append(
                Param(unquote(name).lower(), unquote(value), pos - offset, stop - offset, separator)
            )
        if amp < 0:
            break
        separator = "&amp;" if url.startswith("&amp;", amp) else "&"
        pos = amp + len(separator)
    return tuple(params)


def without_params(url: str, parts: UrlParts, drop: Collection[Param]) -> str:
    """``url`` with the ``drop`` parameters removed; every other byte stays as it was."""
    dropped = {param.start for param in drop}
    kept = [param for param in parts.params if param.start not in dropped]
    query = "".join(
        (param.separator if index else "") + url[param.start : param.end]
        for index, param in enumerate(kept)
    )
    head = url[: parts.query_start]
    tail = url[parts.query_end :]
    return head + ("?" + query if query else "") + tail
