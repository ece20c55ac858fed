"""Shipped YAML data (the default configuration, word and domain lists), parsed once per change.

Importing PyYAML and parsing the defaults costs tens of milliseconds, a large share of a
pre-commit run. The parsed data (and other data derived from the shipped lists, such as
the chrome library's index) is kept in the user's cache folder as ``marshal`` bytes,
named by a checksum of its source text: a changed file gets a new entry, and any problem
with the cache (no home folder, read-only disk, a corrupt entry, data marshal cannot hold)
silently falls back to parsing. Only plain data is cached, never code.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

_FORMAT = 1


def cache_folder() -> Path | None:
    """``$CONTENTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/contentlint``, else ``~/.cache/contentlint``.

    ``CONTENTLINT_CACHE_DIR=""`` turns the cache off.
    """
    explicit = os.environ.get("CONTENTLINT_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "contentlint"
    try:
        return Path.home() / ".cache" / "contentlint"
    except RuntimeError:  # no home folder
        return None


def load_yaml(text: str, name: str) -> Any:
    """``yaml.safe_load(text)``, from the cache when this exact text was parsed before."""

    def parse() -> Any:
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return derived(name, text, parse)


def derived(name: str, source: str, build: Callable[[], Any], *code: ModuleType) -> Any:
    """``build()``, from the cache when it was built before from the same ``source`` text by
    the same ``code`` (the modules whose functions ``build`` calls: their files are read into
    the checksum, so an upgrade never reads an entry an older version built)."""
    folder = cache_folder()
    checksum = zlib.crc32(source.encode("utf-8", "surrogatepass"))
    for module in code:
        try:
            checksum = zlib.crc32(Path(str(module.__file__)).read_bytes(), checksum)
        except OSError:
            return build()
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    entry = (
        None
        if folder is None
        else folder / f"{name}-{checksum:08x}-{len(source)}-py{version}-{_FORMAT}.marshal"
    )
    if entry is not None:
        try:
            return marshal.loads(entry.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = build()
    if entry is not None:
        _store(entry, data)
    return data


def _store(entry: Path, data: Any) -> None:
    try:
        payload = marshal.dumps(data)
    except ValueError:  # a type marshal cannot hold (a YAML date): parse every time
        return
    write_atomic(entry, payload)


def write_atomic(entry: Path, payload: bytes) -> bool:
    """Replace ``entry`` with ``payload`` in one step, or leave it as it was on any error.

    Returns whether it was written.
    """
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(payload)
        temporary.replace(entry)  # atomic: a concurrent reader sees all or nothing
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True
