"""Hyperscan databases kept between runs, like compiled patterns (``regexcache``).

Building a database takes hyperscan from tens of milliseconds (a few patterns) to seconds
(hundreds of phrases); loading a built one takes well under a millisecond. A database is
kept in the user's cache folder, named by a checksum of its expressions, its flags and the
hyperscan release, and rebuilt when anything about it differs (hyperscan itself refuses a
database built for another release or processor). Like ``__pycache__``, the folder is
trusted; any problem with it falls back to building the database.
"""

from __future__ import annotations

import contextlib
import marshal
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any

from lint.speed.yamlcache import cache_folder, write_atomic

_FORMAT = 1


@cache
def hyperscan() -> Any:
    """The hyperscan module, or None where its wheel does not install."""
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


def database(expressions: Sequence[str]) -> tuple[Any, tuple[int, ...]] | None:
    """A block-mode prefilter database of UTF-8 expressions, and which of them it holds
    (ids are positions in that tuple); None when hyperscan takes none of them."""
    hs = hyperscan()
    if hs is None:
        return None
    import platform

    folder = cache_folder()
    name = f"{hs.__version__}|{platform.machine()}|{_FORMAT}|" + "\0".join(expressions)
    entry = None
    if folder is not None:
        checksum = zlib.crc32(name.encode("utf-8", "surrogatepass"))
        entry = folder / f"hyperscan-{checksum:08x}-{len(expressions)}.db"
        with contextlib.suppress(Exception):  # missing, unreadable, corrupt or refused
            stored, accepted, blob = marshal.loads(entry.read_bytes())
            if stored == name:
                return _ready(hs, hs.loadb(blob, hs.HS_MODE_BLOCK)), tuple(accepted)
    built = _build(hs, expressions)
    if built is not None and entry is not None:
        built_database, accepted = built
        write_atomic(entry, marshal.dumps((name, accepted, hs.dumpb(built_database))))
    return built


def _ready(hs: Any, database: Any) -> Any:
    database.scratch = hs.Scratch(database)
    return database


def _build(hs: Any, expressions: Sequence[str]) -> tuple[Any, tuple[int, ...]] | None:
    """All the expressions hyperscan takes: one it refuses (too large, say) is left out."""

    def compiled(indexes: Sequence[int]) -> Any:
        database = hs.Database(mode=hs.HS_MODE_BLOCK)
        database.compile(
            expressions=[expressions[i].encode("utf-8") for i in indexes],
            ids=list(range(len(indexes))),
            elements=len(indexes),
            flags=[hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8] * len(indexes),
        )
        return database

    accepted = tuple(range(len(expressions)))
    with contextlib.suppress(hs.error):
        return compiled(accepted), accepted
    taken = []
    for index in accepted:
        with contextlib.suppress(hs.error):
            compiled([index])
            taken.append(index)
    if not taken:
        return None
    return compiled(taken), tuple(taken)
