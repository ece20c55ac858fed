"""One JSON object per line, parsed so that it can be written back byte for byte.

A record is rewritten by splicing: only the text field's value (when the text changed) and
the ``contentlint`` field are new bytes; every other field keeps its exact spelling
(number format, escapes, key order, spacing), which a parse-and-dump round trip would not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

_DECODER = json.JSONDecoder()
_KEY = json.JSONEncoder(ensure_ascii=False)
# json's C scanner (not in the type stubs): (value, end) or StopIteration when malformed.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_OPEN = re.compile(r"[ \t\n\r]*\{")
_CLOSE = re.compile(r"[ \t\n\r]*\}")
# A key without escapes or control characters, its colon, and the spacing after the colon.
_MEMBER = re.compile(r'[ \t\n\r]*"([^"\\\x00-\x1f]*)"[ \t\n\r]*:([ \t\n\r]*)')
_QUOTE = re.compile(r'[ \t\n\r]*"')
_COLON = re.compile(r"[ \t\n\r]*:([ \t\n\r]*)")
_NEXT = re.compile(r"[ \t\n\r]*([,}])")


class RecordError(ValueError):
    """A record that cannot be processed; the message is the reason written to the error file."""


@dataclass(frozen=True, slots=True)
class RawObject:
    """A top-level JSON object: its values, and where each value and the object end."""

    line: str
    values: dict[str, Any]
    spans: dict[str, tuple[int, int]]
    last_value_end: int  # where a new member is inserted (-1: the object is empty)
    compact: bool  # no space after ':' in the first member, so new members match

    def splice(self, replacements: dict[str, str]) -> str:
        """The line with the members in ``replacements`` set to new JSON values.

        Existing members are replaced in place; new ones are appended after the last member.
        """
        edits = sorted(
            (self.spans[key], value) for key, value in replacements.items() if key in self.spans
        )
        added = [(key, value) for key, value in replacements.items() if key not in self.spans]
        parts: list[str] = []
        pos = 0
        for (start, end), value in edits:
            parts.append(self.line[pos:start])
            parts.append(value)
            pos = end
        if added:
            insert_at = (
                self.last_value_end if self.last_value_end >= 0 else self.line.index("{") + 1
            )
            parts.append(self.line[pos:insert_at])
            pos = insert_at
            separator, colon = (",", ":") if self.compact else (", ", ": ")
            for index, (key, value) in enumerate(added):
                if index or self.last_value_end >= 0:
                    parts.append(separator)
                parts.append(_KEY.encode(key) + colon + value)
        parts.append(self.line[pos:])
        return "".join(parts)


def _skip(line: str, pos: int) -> int:
    match = _WHITESPACE.match(line, pos)
    return match.end() if match else pos


def parse_object(line: str) -> RawObject:
    """Parse ``line`` as one JSON object; raise RecordError with json's own wording."""
    try:
        return _parse(line)
    except (ValueError, IndexError, RecursionError, StopIteration):
        pass
    # Ask the standard parser for the reason (it reports the same error, or a non-object).
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(
            f"invalid JSON: {error.msg.removesuffix(' at')} at column {error.colno}"
        ) from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None
    raise RecordError(f"not a JSON object but {_kind(value)}")


def _parse(line: str) -> RawObject:
    """Walk the top-level members with C-speed pieces: a regex per key, json's scanner per value."""
    match = _OPEN.match(line)
    if match is None:
        raise ValueError("not an object")
    pos = match.end()
    values: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    compact: bool | None = None
    last_end = -1
    if (empty := _CLOSE.match(line, pos)) is not None:
        pos = empty.end()
    else:
        while True:
            member = _MEMBER.match(line, pos)
            if member is not None:
                key = member.group(1)
            else:  # a key with escapes, or a syntax error that scanstring will name
                member = _QUOTE.match(line, pos)
                if member is None:
                    raise ValueError("expected a key")
                key, pos = scanstring(line, member.end())
                member = _COLON.match(line, pos)
                if member is None:
                    raise ValueError("expected ':'")
            if compact is None:
                compact = not member.group(member.re.groups)  # spacing after the colon
            start = member.end()
            values[key], last_end = _SCAN(line, start)
            spans[key] = (start, last_end)
            after = _NEXT.match(line, last_end)
            if after is None:
                raise ValueError("expected ',' or '}'")
            pos = after.end()
            if after.group(1) == "}":
                break
    if _skip(line, pos) != len(line):
        raise ValueError("extra data")
    return RawObject(line, values, spans, last_end, bool(compact))


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def describe(value: Any) -> str:
    """What a JSON value is, for reasons such as "field 'text' is null, not a string"."""
    if isinstance(value, dict):
        return "an object"
    return _kind(value)


def dumps_text(text: str, original: str) -> str:
    """``text`` as a JSON string, escaped like ``original`` (the raw value it replaces)."""
    escape = original.isascii() and not text.isascii()
    if not escape:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from \\ud800-style escapes
            escape = True
    return json.dumps(text, ensure_ascii=escape)
