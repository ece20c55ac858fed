"""Compiled regular expressions kept between runs, like byte-code in ``__pycache__``.

Python's ``re`` parses a pattern and generates the engine's program in pure Python; the
lexicons' large alternations make that most of a pre-commit run's start-up. The program is
a list of integers, so a long pattern's program is kept in the user's cache folder (beside
the parsed YAML, see ``yamlcache``; a folder per interpreter build, a file per pattern) and
handed straight to the engine on later runs. Like ``__pycache__``, the folder is trusted:
the engine still validates every program it is given.

Each program is stored only after the pattern rebuilt from it compares equal to what
``re.compile`` returns (``Pattern.__eq__`` compares the flags and the program itself): if
this interpreter's internals ever differ, the cache turns itself off for the process and
``re.compile`` is used. Any problem with the cache file falls back to ``re.compile`` too.
"""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from lint.speed.yamlcache import cache_folder, write_atomic

try:  # CPython's engine and code generator; absent or different elsewhere.
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    _sre = None

_FORMAT = 1

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _State:
    enabled = _sre is not None and sys.implementation.name == "cpython"
    folder: Path | None = None
    located = False


def _entry(pattern: str, flags: int) -> Path | None:
    """One file per pattern in a folder per interpreter build: a run reads only its own."""
    if not _State.located:
        _State.located = True
        base = cache_folder()
        if base is not None and _sre is not None:
            build = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_FORMAT}"
            _State.folder = base / f"regex-{zlib.crc32(build.encode()):08x}"
    if _State.folder is None:
        return None
    checksum = zlib.crc32(pattern.encode("utf-8", "surrogatepass"))
    return _State.folder / f"{checksum:08x}-{len(pattern)}-{flags}.marshal"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cached program when this pattern was seen."""
    flags = int(flags)
    entry = _entry(pattern, flags) if _State.enabled else None
    if entry is None:
        return re.compile(pattern, flags)
    with contextlib.suppress(Exception):  # missing, unreadable or corrupt: compile as usual
        stored, program = marshal.loads(entry.read_bytes())
        if stored == pattern:  # the name is a checksum: make sure it is this pattern
            return _from_program(pattern, program)
    compiled = re.compile(pattern, flags)
    try:
        program = _program(pattern, flags)
        same = _from_program(pattern, program) == compiled
    except Exception:  # internals differ from the ones this was written for
        same = False
    # A cache that cannot be written (read-only home) would cost this extra work on every
    # run: stop trying for the rest of the process.
    if not same or not write_atomic(entry, marshal.dumps((pattern, program))):
        _State.enabled = False
    return compiled


def _program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` hands the engine, as plain data."""
    parsed: Any = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        [int(op) for op in code],  # opcodes are int subclasses marshal cannot store
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _from_program(pattern: str, program: Program) -> re.Pattern[str]:
    assert _sre is not None
    flags, code, groups, groupindex, indexgroup = program
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled
