"""Reading the chrome library's regular expressions: translation and fixed starts.

Entries are plain ``re`` syntax with two line-safe conventions (a space matches a run of
blanks, ``.`` never crosses a line break). To pick the entries a line is tried against,
each entry's fixed start ("leave a reply", "share this") is read from its source, with
a leading ``(?:a|b)`` group expanded and optional letters (``s?``) forked.
"""

from __future__ import annotations

import re

from lint.speed import regexcache
from lint.speed.regex_source import class_end, group_end, split_alternatives

BLANK = r"[ \t\xa0]"
_SPECIAL = frozenset(".^$*+?{}[]()|\\")
_ESCAPED_LITERALS = _SPECIAL | frozenset("-/#&~ %@:!,")
_QUANTIFIERS = frozenset("?*+{")
_MAX_EXPANSION = 64
_MAX_CLASS_KEYS = 64
# How much of an entry's fixed start is used to pick the entries a line is tried against.
_MAX_PREFIX = 24
_OPTIONAL_CHAR = regexcache.compile(r"(\\[^dDwWsSbBAZ0-9]|[^.^$*+?{}\[\]()|\\])\?(?!\?)")
_MAX_FORKS = 3
_AT_LEAST_ONCE = regexcache.compile(r"\+|\{[1-9]")
_OPAQUE = "("  # never parses as a literal: ends a prefix

# Repetitions are bounded so that an unclosed "[" cannot make the scan quadratic.
_TOKENS = regexcache.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\]){0,500}\]| {1,100}[?*]?|\.")


def _translate_token(match: re.Match[str]) -> str:
    token = match.group()
    if token[0] == " ":
        return f"{BLANK}*" if token[-1] in "?*" else f"{BLANK}+"  # " ?" stays optional
    if token == ".":
        return r"[^\r\n]"
    return token  # escapes and character classes pass through


def translate(pattern: str) -> str:
    """Make an entry line-safe: a space matches a run of blanks, ``.`` never crosses a break."""
    return _TOKENS.sub(_translate_token, pattern)


def expand_head(pattern: str, budget: int = _MAX_EXPANSION) -> list[str]:
    """Rewrite a leading ``(?:a|b)`` group into alternatives that each start plainly."""
    if not pattern.startswith("(?:"):
        return [pattern]
    close = group_end(pattern, 0)
    if close < 0:
        return [pattern]
    body, rest = pattern[3:close], pattern[close + 1 :]
    optional = rest.startswith("?") and not rest.startswith("??")
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        return [pattern]
    heads = [alt + rest for alt in split_alternatives(body)]
    if optional:
        heads.append(rest)
    if len(heads) > budget:
        return [pattern]
    out: list[str] = []
    for head in heads:
        out.extend(expand_head(head, budget // max(1, len(heads))))
    return out if len(out) <= budget else [pattern]


def _head_chars(pattern: str) -> tuple[frozenset[str], str] | None:
    """The characters a pattern's first element matches (lower-cased) and what follows it.

    None when the first element is not a plain character, an escaped one, ``\\d``, a blank
    run, or a small character class, or when it is optional or repeated.
    """
    chars: frozenset[str]
    if pattern.startswith(BLANK):
        chars, rest = frozenset(" "), pattern[len(BLANK) :]
        if rest[:1] == "+":
            rest = rest[1:]
        else:
            return None
        return chars, rest
    if pattern.startswith("\\d"):
        chars, rest = frozenset("0123456789"), pattern[2:]
    elif pattern.startswith("\\") and len(pattern) > 1 and pattern[1] in _ESCAPED_LITERALS:
        chars, rest = frozenset(pattern[1]), pattern[2:]
    elif pattern.startswith("[") and not pattern.startswith("[^"):
        end = class_end(pattern, 0)
        listed = _class_chars(pattern[1 : end - 1])
        if listed is None:
            return None
        chars, rest = listed, pattern[end:]
    elif pattern and pattern[0] not in _SPECIAL:
        chars, rest = frozenset(pattern[0]), pattern[1:]
    else:
        return None
    if _AT_LEAST_ONCE.match(rest):
        # Repeated at least once: the first character is known, what follows is not.
        return frozenset(char.lower() for char in chars), _OPAQUE
    if rest[:1] in _QUANTIFIERS:
        return None
    return frozenset(char.lower() for char in chars), rest


def _class_chars(body: str) -> frozenset[str] | None:
    """Every character a simple class body lists; None if it has escapes or wide ranges."""
    chars: set[str] = set()
    index = 0
    while index < len(body):
        if body[index] == "\\":
            return None
        if index + 2 < len(body) and body[index + 1] == "-":
            low, high = ord(body[index]), ord(body[index + 2])
            if high - low > _MAX_CLASS_KEYS:
                return None
            chars.update(chr(code) for code in range(low, high + 1))
            index += 3
        else:
            chars.add(body[index])
            index += 1
    return frozenset(chars)


def literal_prefixes(pattern: str) -> set[str]:
    """The fixed, lower-cased text each expansion of a pattern must start with.

    A blank run counts as one space; an optional single character (``s?``) forks the
    prefix. An expansion that starts with a listed class yields one prefix per character;
    one that starts with anything wider yields "".
    """
    prefixes: set[str] = set()
    for alternative in expand_head(pattern):
        prefixes.update(_prefixes_of(alternative, "", _MAX_FORKS))
    return prefixes


def _prefixes_of(pattern: str, text: str, forks: int) -> set[str]:
    if len(text) >= _MAX_PREFIX:
        return {text}
    optional = _OPTIONAL_CHAR.match(pattern)
    if optional is not None and forks > 0:
        char = optional.group(1)
        char = char[-1] if char.startswith("\\") else char
        rest = pattern[optional.end() :]
        return _prefixes_of(rest, text, forks - 1) | _prefixes_of(
            rest, text + char.lower(), forks - 1
        )
    head = _head_chars(pattern)
    if head is None:
        return {text}
    chars, rest = head
    if len(chars) == 1:
        return _prefixes_of(rest, text + next(iter(chars)), forks)
    if text:
        return {text}
    return {prefix for char in chars for prefix in _prefixes_of(rest, char, 0)}
