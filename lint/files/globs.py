"""Glob patterns for include, exclude and per-file-ignores.

``*`` and ``?`` stay inside one path segment, ``**`` crosses segments, and a pattern
without ``/`` matches a file or folder name at any depth (as in .gitignore).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lint.speed import regexcache


@lru_cache(maxsize=512)
def compile_glob(pattern: str, *, subtree: bool = True) -> re.Pattern[str]:
    """A regex for a relative '/'-separated path; ``subtree`` also matches paths below a match.

    The pattern language is .gitignore's, translated by the same code (``translate``, here:
    checking a file named on the command line needs it, but not lint.files.gitignore).
    """
    translated = translate(pattern.rstrip("/"))
    if translated is None:
        return regexcache.compile(r"(?!)")
    body, on_name = translated
    prefix = "(?:.*/)?" if on_name else ""
    suffix = "(?:/.*)?" if subtree else ""
    return regexcache.compile(f"{prefix}{body}{suffix}")


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a '/'-separated relative path matches any of the patterns."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return any(compile_glob(pattern).fullmatch(path) for pattern in patterns)


def translate(pattern: str) -> tuple[str, bool] | None:
    """(regex, matched on the name alone) for one gitignore pattern, without ``!`` and a
    trailing ``/``; None if it is empty. A pattern with a "/" matches the relative path."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if not pattern:
        return None
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if char == "*" and pattern.startswith("**", i):
            whole_segment = (i == 0 or pattern[i - 1] == "/") and (
                i + 2 == n or pattern[i + 2] == "/"
            )
            if whole_segment and i + 2 < n:  # "**/": any folders, or none
                out.append("(?:[^/]*/)*")
                i += 3
                continue
            if whole_segment:  # a trailing "/**": everything inside
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")  # "a**b" is just a star
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", i + 2)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : close]
                negate = body[:1] in ("!", "^")
                body = re.sub(r"([\\\]\[^])", r"\\\1", body[1:] if negate else body)
                out.append(f"[{'^' if negate else ''}{body}]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out), not anchored
