"""One JSON object per line, parsed so that it can be written back byte for byte.

A record is rewritten by splicing: only the text field's value (when the text changed) and
the ``contentlint`` field are new bytes; every other field keeps its exact spelling
(number format, escapes, key order, spacing), which a parse-and-dump round trip would not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


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
                parts.append(json.dumps(key, ensure_ascii=False) + colon + value)
        parts.append(self.line[pos:])
        return "".join(parts)


def _skip(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in _WHITESPACE:
        pos += 1
    return pos


def parse_object(line: str) -> RawObject:
    """Parse ``line`` as one JSON object; raise RecordError with json's own wording."""
    try:
        return _parse(line)
    except (ValueError, IndexError, RecursionError):
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
    pos = _skip(line, 0)
    if line[pos] != "{":
        raise ValueError("not an object")
    values: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    compact: bool | None = None
    last_end = -1
    pos = _skip(line, pos + 1)
    if line[pos] == "}":
        pos += 1
    else:
        while True:
            if line[pos] != '"':
                raise ValueError("expected a key")
            key, pos = scanstring(line, pos + 1)
            pos = _skip(line, pos)
            if line[pos] != ":":
                raise ValueError("expected ':'")
            if compact is None:
                compact = line[pos + 1 : pos + 2] not in (" ", "\t")
            start = _skip(line, pos + 1)
            value, end = _DECODER.raw_decode(line, start)
            values[key] = value
            spans[key] = (start, end)
            last_end = end
            pos = _skip(line, end)
            if line[pos] == ",":
                pos = _skip(line, pos + 1)
                continue
            if line[pos] != "}":
                raise ValueError("expected ',' or '}'")
            pos += 1
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
