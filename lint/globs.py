"""Glob patterns for include, exclude and per-file-ignores.

``*`` and ``?`` stay inside one path segment, ``**`` crosses segments, and a pattern
without ``/`` matches a file or folder name at any depth (as in .gitignore).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def compile_glob(pattern: str, *, subtree: bool = True) -> re.Pattern[str]:
    """A regex for a relative '/'-separated path; ``subtree`` also matches paths below a match."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", i + 1)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : close].replace("\\", "\\\\")
                out.append(f"[{'^' + body[1:] if body.startswith('!') else body}]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "(?:/.*)?" if subtree else ""
    return re.compile(f"{prefix}{body}{suffix}")


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a '/'-separated relative path matches any of the patterns."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return any(compile_glob(pattern).fullmatch(path) for pattern in patterns)
