"""Glob patterns for include, exclude and per-file-ignores.

``*`` and ``?`` stay inside one path segment, ``**`` crosses segments, and a pattern
without ``/`` matches a file or folder name at any depth (as in .gitignore).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lint.files.gitignore import translate


@lru_cache(maxsize=512)
def compile_glob(pattern: str, *, subtree: bool = True) -> re.Pattern[str]:
    """A regex for a relative '/'-separated path; ``subtree`` also matches paths below a match.

    The pattern language is .gitignore's, translated by the same code.
    """
    translated = translate(pattern.rstrip("/"))
    if translated is None:
        return re.compile(r"(?!)")
    body, on_name = translated
    prefix = "(?:.*/)?" if on_name else ""
    suffix = "(?:/.*)?" if subtree else ""
    return re.compile(f"{prefix}{body}{suffix}")


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a '/'-separated relative path matches any of the patterns."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return any(compile_glob(pattern).fullmatch(path) for pattern in patterns)
