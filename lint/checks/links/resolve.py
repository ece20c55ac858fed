"""Following shortened links over the network, only when asked (``resolve-links``).

``resolve_url`` sends HEAD, and GET without reading the body when a server refuses HEAD,
follows at most ``max_redirects`` redirects, sends no cookies and keeps none, and never
raises: a failure is reported in ``Resolution.error``. Results are cached per process.
"""

from __future__ import annotations

import http.client
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "contentlint-resolve/1 (+link check)"


class Resolution(NamedTuple):
    """Where a link ends: ``final`` after ``hops`` redirects, or ``error`` saying why not."""

    url: str
    final: str
    hops: int
    error: str = ""


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"cannot follow {parts.scheme or 'a relative'} URL")
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()  # the body is never read
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def _step(url: str, timeout: float) -> tuple[int, str]:
    status, location = _request(url, "HEAD", timeout)
    if status in (403, 405, 501):  # some shorteners refuse HEAD
        status, location = _request(url, "GET", timeout)
    return status, location


@lru_cache(maxsize=1024)
def resolve_url(url: str, timeout: float = 5.0, max_redirects: int = MAX_REDIRECTS) -> Resolution:
    """Follow ``url``'s redirects; a scheme-less link is taken as https."""
    current = url if "://" in url[:10] else "https://" + url.lstrip("/")
    for hops in range(max_redirects + 1):
        try:
            status, location = _step(current, timeout)
        except (OSError, ValueError, http.client.HTTPException) as error:
            return Resolution(url, current, hops, f"{type(error).__name__}: {error}")
        if status not in _REDIRECTS or not location:
            return Resolution(url, current, hops, "" if status < 400 else f"HTTP {status}")
        current = urljoin(current, location)
    return Resolution(url, current, max_redirects, f"more than {max_redirects} redirects")
