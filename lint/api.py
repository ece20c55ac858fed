"""The library API: lint or fix a string, with no I/O and no global state but caches.

Safe to call from any worker process; a ``Config`` pickles, so build it once and ship it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from lint.config import Config, config_from_mapping, load_config
from lint.document import Document, Markup
from lint.fixer import fix_document
from lint.linter import Linter
from lint.result import Result

ConfigLike = Config | Mapping[str, Any] | str | Path | None


_LINTERS: dict[tuple[str, frozenset[str], frozenset[str]], Linter] = {}
_DEFAULTS: list[Config] = []


def resolve_config(config: ConfigLike = None) -> Config:
    """A Config from a Config, a mapping of overrides, a file path, or None (the defaults)."""
    if isinstance(config, Config):
        return config
    if config is None:
        if not _DEFAULTS:
            _DEFAULTS.append(load_config(discover=False))
        return _DEFAULTS[0]
    if isinstance(config, str | Path):
        return load_config(config)
    return config_from_mapping(config)


def linter_for(
    config: ConfigLike = None, select: Collection[str] = (), ignore: Collection[str] = ()
) -> Linter:
    """A Linter for the configuration, reused for equal configurations.

    The key is the configuration's content, not its identity, so a Config unpickled in a
    worker for every record still finds the Linter built for the first one.
    """
    resolved = resolve_config(config)
    key = (_content_key(resolved), frozenset(select), frozenset(ignore))
    linter = _LINTERS.get(key)
    if linter is None:
        linter = Linter(resolved, select=tuple(select), ignore=tuple(ignore))
        if len(_LINTERS) > 16:
            _LINTERS.clear()
        _LINTERS[key] = linter
    return linter


# The content keys of the last few configurations, by identity (each entry holds its
# configuration, so the identity is not reused while it is kept).
_CONTENT_KEYS: dict[int, tuple[Config, str]] = {}
_CONTENT_KEYS_KEPT = 16


def _content_key(config: Config) -> str:
    found = _CONTENT_KEYS.get(id(config))
    if found is not None and found[0] is config:
        return found[1]
    key = hashlib.sha256(pickle.dumps(config)).hexdigest()
    if len(_CONTENT_KEYS) >= _CONTENT_KEYS_KEPT:
        del _CONTENT_KEYS[next(iter(_CONTENT_KEYS))]
    _CONTENT_KEYS[id(config)] = (config, key)
    return key


def _document(text: str, markup: Markup, path: str | None) -> Document:
    if path is not None and markup == "text":
        return Document.for_path(text, path)
    return Document(text=text, path=path, markup=markup)


def lint_text(
    text: str,
    *,
    markup: Markup = "text",
    config: ConfigLike = None,
    path: str | None = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> Result:
    """Findings for ``text``; ``markup`` is "text", "markdown" or "html" (or taken from ``path``)."""
    return linter_for(config, select, ignore).lint(_document(text, markup, path))


def fix_text(
    text: str,
    *,
    markup: Markup = "text",
    config: ConfigLike = None,
    path: str | None = None,
    unsafe: bool = False,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> Result:
    """``text`` with every applicable fix applied, and the findings that remain."""
    linter = linter_for(config, select, ignore)
    return fix_document(_document(text, markup, path), linter, unsafe=unsafe)
