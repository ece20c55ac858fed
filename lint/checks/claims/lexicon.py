"""The claims lexicon of one language: triggers per rule and the context word lists.

Data lives in ``lint/data/claims/<language>/`` (one YAML file per rule plus context.yaml,
stopwords.txt and abbreviations.txt) and is compiled once per language and option set.
A trigger pattern is a phrase ("cutting-edge", "the world's") turned into a tolerant
regular expression, or a bounded regular expression written after ``re:``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from lint.speed import regexcache
from lint.speed.regex_source import group_end, split_alternatives
from lint.speed.yamlcache import derived

RULES = ("guarantee", "weasel", "comparative", "statistic", "superlative", "peacock")
_PLACEHOLDER = regexcache.compile(r"\{([A-Z_]+)\}")
_LANGUAGE = regexcache.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: its rule, pattern, example and flag ("", info, scope, success, party).

    ``pattern`` matches at an anchor word; ``left``, when set, must match the text that
    ends right before it (the part of the entry written before ``<<``).
    """

    rule: str
    source: str
    example: str
    flag: str
    pattern_source: str
    left_source: str | None
    anchors: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: most documents reach only a few of the lexicon's entries."""
        return _compiled(self.pattern_source)

    @property
    def left(self) -> re.Pattern[str] | None:
        return None if self.left_source is None else _compiled(self.left_source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return regexcache.compile(source, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Guard:
    """A sense that is not a claim: the trigger text, and what follows or precedes it."""

    term: re.Pattern[str]
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class SourceCue:
    """A way a sentence names its source; the pattern runs only when its cue words occur."""

    cues: tuple[str, ...]
    also: tuple[str, ...]
    pattern: re.Pattern[str]
    # The cue words as one alternation of literals: one C-level search instead of a loop.
    cue_search: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    also_search: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cue_search", _literals(self.cues))
        object.__setattr__(self, "also_search", _literals(self.also))

    def found_in(self, sentence: str, lowered: str) -> bool:
        if self.cue_search is None or self.cue_search.search(lowered) is None:
            return False
        if self.also_search is not None and self.also_search.search(lowered) is None:
            return False
        return self.pattern.search(sentence) is not None


def _literals(words: Sequence[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as a substring (longest first, so a shorter prefix cannot hide one)."""
    if not words:
        return None
    return regexcache.compile(
        "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    )


@dataclass(frozen=True)
class Lexicon:
    language: str
    triggers: Mapping[str, tuple[Trigger, ...]]
    guards: Mapping[str, tuple[Guard, ...]]
    words: Mapping[str, re.Pattern[str]]
    sources: tuple[SourceCue, ...]
    stop_labels: frozenset[str]
    vague: frozenset[str]
    stopwords: frozenset[str]
    abbreviations: frozenset[str]

    def word(self, name: str) -> re.Pattern[str]:
        return self.words[name]


def phrase_pattern(term: str) -> str:
    """A phrase as a regex: spaces match any short run of whitespace, "-" a hyphen, space or
    nothing, "'" a straight or curly apostrophe; whole words only."""
    parts: list[str] = []
    for char in term.strip().lower():
        if char == " ":
            parts.append(r"\s{1,3}")
        elif char == "-":
            parts.append(r"[-‐‑ ]?")
        elif char in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(char))
    return "".join(parts) + r"(?![\w])"


def anchors_of(source: str) -> list[str]:
    """The words a pattern can start with: the keys of the one-pass trigger search.

    A pattern must start with a word, a group of alternative words, a digit (``\\d``) or
    ``#``; anything else (an optional first word, a character class) is a data error.
    """
    if source.startswith("(?:"):
        close = group_end(source, 0)
        if close < 0:
            raise ValueError(f"unbalanced group in trigger pattern: {source!r}")
        if source[close + 1 : close + 2] in ("?", "*", "{"):
            raise ValueError(f"trigger pattern starts with an optional group: {source!r}")
        words: list[str] = []
        for alternative in split_alternatives(source[3:close]):
            words.extend(anchors_of(alternative))
        return words
    if source.startswith(("\\d", "[$€£]?\\d")):
        return ["#digit"]
    if source.startswith("#"):
        return ["#"]
    match = _LEADING_WORD.match(source)
    if match is None or source[match.end() : match.end() + 1] in ("?", "*", "{", "("):
        raise ValueError(f"trigger pattern must start with a whole word: {source!r}")
    return [match.group(0)]


_LEADING_WORD = regexcache.compile(r"[a-z0-9]+")


def _expand(text: str, words: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: words[m.group(1)], text)


def _read_text(language: str, name: str) -> str:
    return (
        resources.files("lint")
        .joinpath("data", "claims", language, name)
        .read_text(encoding="utf-8")
    )


def _read_yaml(language: str, name: str) -> dict[str, Any]:
    from lint.speed.yamlcache import load_yaml  # parsed once, then read back from the cache

    data = load_yaml(_read_text(language, name), f"claims-{language}-{name}")
    return data if isinstance(data, dict) else {}


def _read_list(language: str, name: str) -> frozenset[str]:
    lines = (line.split("#", 1)[0].strip() for line in _read_text(language, name).splitlines())
    return frozenset(line.lower() for line in lines if line)


def _words_pattern(alternatives: str) -> re.Pattern[str]:
    """Whole words or phrases from an alternation; ``search`` in a window or ``fullmatch`` a word."""
    return regexcache.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def load(language: str) -> Lexicon:
    """The lexicon shipped for ``language``; ValueError names the languages that exist."""
    if (
        not _LANGUAGE.fullmatch(language)
        or not resources.files("lint")
        .joinpath("data", "claims", language, "context.yaml")
        .is_file()
    ):
        shipped = sorted(
            p.name
            for p in resources.files("lint").joinpath("data", "claims").iterdir()
            if p.is_dir()
        )
        raise ValueError(
            f"claims: no lexicon for language {language!r} (available: {', '.join(shipped)})"
        )
    triggers: dict[str, tuple[Trigger, ...]] = {}
    guards: dict[str, tuple[Guard, ...]] = {}
    words: dict[str, re.Pattern[str]] = {}
    for rule in RULES:
        data = _read_yaml(language, f"{rule}.yaml")
        placeholders = {k: str(v) for k, v in (data.get("words") or {}).items()}
        triggers[rule] = tuple(
            _trigger(rule, entry, placeholders) for entry in data.get("triggers") or ()
        )
        guards[rule] = tuple(_guard(entry) for entry in data.get("guards") or ())
        for key, value in data.items():
            if key not in {"words", "triggers", "guards", "scopes"} and isinstance(value, str):
                words[f"{rule}.{key}"] = _words_pattern(_expand(value, placeholders))
        if data.get("scopes"):
            scopes = "|".join(_expand(s, placeholders)[3:] for s in data["scopes"])
            words[f"{rule}.scopes"] = regexcache.compile(rf"(?:{scopes})", re.IGNORECASE)
    context = _read_yaml(language, "context.yaml")
    for key in ("negation", "hedge"):
        words[key] = regexcache.compile(rf"(?<![\w'’])(?:{context[key]})(?![\w])", re.IGNORECASE)
    for key in ("first_party", "brand_subject"):
        words[key] = regexcache.compile(context[key], re.IGNORECASE)
    sources = tuple(
        SourceCue(
            tuple(s["cues"]),
            tuple(s.get("also", ())),
            regexcache.compile(s["pattern"], re.IGNORECASE),
        )
        for s in context["sources"]
    )
    return Lexicon(
        language=language,
        triggers=triggers,
        guards=guards,
        words=words,
        sources=sources,
        stop_labels=frozenset(context["stop_labels"].split("|")),
        vague=frozenset(context["vague"].split("|")),
        stopwords=_read_list(language, "stopwords.txt"),
        abbreviations=_read_list(language, "abbreviations.txt"),
    )


def make_trigger(
    rule: str, entry: str, example: str = "", flag: str = "", *, compile_now: bool = True
) -> Trigger:
    """One entry; ``entry`` is a phrase or ``re:LEFT<<ANCHORED`` / ``re:ANCHORED``. Its
    patterns are compiled here (a bad entry fails now) unless ``compile_now`` is false."""
    if entry.startswith("re:"):
        left_source, _, right = entry[3:].rpartition("<<")
    else:
        left_source, right = "", phrase_pattern(entry)
    left = rf"(?<![\w-])(?:{left_source})\Z" if left_source else None
    anchors = anchors_of(right.lower()) if entry.startswith("re:") else [_first_word(entry)]
    trigger = Trigger(
        rule, entry, example, flag, rf"(?:{right})", left, tuple(dict.fromkeys(anchors))
    )
    if compile_now:
        _ = trigger.pattern, trigger.left
    return trigger


def _first_word(phrase: str) -> str:
    match = _LEADING_WORD.match(phrase.lower())
    if match is None:
        raise ValueError(f"trigger phrase must start with a word: {phrase!r}")
    return match.group(0)


def _trigger(rule: str, entry: Sequence[str], words: Mapping[str, str]) -> Trigger:
    flag = str(entry[2]) if len(entry) > 2 else ""
    return make_trigger(rule, _expand(str(entry[0]), words), str(entry[1]), flag, compile_now=False)


def user_trigger(rule: str, term: str) -> Trigger:
    """A term added in the configuration: reported like a built-in entry without a flag."""
    return make_trigger(rule, term)


def _guard(entry: Mapping[str, str]) -> Guard:
    after, before = entry.get("after"), entry.get("before")
    return Guard(
        term=regexcache.compile(entry["term"], re.IGNORECASE),
        after=regexcache.compile(after) if after else None,
        before=regexcache.compile(rf"(?<![\w'’])(?:{before})") if before else None,
    )


# The text is lowercased a piece at a time, not copied whole (4 bytes a character for text
# with an emoji): each piece is read with this much text on either side for the patterns'
# look-behind (9 characters) and for a match and its look-ahead (``AnchorFinder.reach``).
_PIECE = 1 << 16
_BEHIND = 16


def lowered(text: str) -> str:
    """Lowercase with the same offsets: "İ" (U+0130, the one character whose lowercase is two
    characters long) becomes a plain "i"."""
    return text.replace("\u0130", "i").lower() if "\u0130" in text else text.lower()


@dataclass(frozen=True)
class AnchorFinder:
    """The single pass over the lowercased text that finds every anchor word and figure.

    Python's regex engine tries each alternative at every position, so the word trie is
    anchored on the character before a word: a literal space (searched for at C speed) in
    one pattern, the rarer other word starts in a second; figures and "#1" have their own
    cheap patterns that start with a digit or "#". Each yields ``(offset, key)``.
    """

    after_space: re.Pattern[str]
    after_other: re.Pattern[str]
    at_start: re.Pattern[str]
    figures: re.Pattern[str]
    hashes: re.Pattern[str]
    reach: int  # the longest match plus its look-ahead, with room to spare

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """``(offset, key)`` in text order.

        Each piece's matches are those that start in it, found in the piece lowercased with
        its surroundings; each pattern resumes where its last match ended, as one scan of
        the whole text would, so the result is the same.
        """
        size = len(text)
        first = self.at_start.match(lowered(text[: self.reach]))
        if first:
            yield 0, first.group(1)
        # (pattern, offset of the anchor in the match, order among anchors at one offset,
        # key or "" for the word matched): a word anchor ("100" of "100% safe") comes
        # before a figure.
        scans = (
            (self.after_space, 1, 0, ""),
            (self.after_other, 1, 0, ""),
            (self.figures, 0, 1, "#digit"),
            (self.hashes, 0, 1, "#"),
        )
        resume = [0] * len(scans)
        for piece_start in range(0, size, _PIECE):
            piece_end = min(piece_start + _PIECE, size)
            low = max(0, piece_start - _BEHIND)
            piece = lowered(text[low : piece_end + self.reach])
            found: list[tuple[int, int, str]] = []
            for index, (pattern, shift, order, key) in enumerate(scans):
                for match in pattern.finditer(piece, max(piece_start, resume[index]) - low):
                    match_start = match.start() + low
                    if match_start >= piece_end:
                        break
                    found.append((match_start + shift, order, key or match.group(1)))
                    resume[index] = match.end() + low
            found.sort()
            for offset, _, key in found:
                yield offset, key


def anchor_finder(triggers: Iterable[Trigger]) -> AnchorFinder:
    words = sorted({a for t in triggers for a in t.anchors if not a.startswith("#")})
    # Factoring hundreds of words is a pure function of them: built once per lexicon change.
    factored = derived("claims-trie", "\n".join(words), lambda: _trie(words), sys.modules[__name__])
    trie = rf"({factored})(?![a-z0-9])"
    figures = (
        r"[0-9](?:(?<=over [0-9])|(?<=than [0-9])|(?<=nearly [0-9])|(?<=almost [0-9])|(?<=of [0-9])"
        r"|(?<=over \$[0-9])|(?<=than \$[0-9])"
        r"|(?<![\w.,][0-9])[\d,.]{0,14}(?=\s{0,2}(?:%|percent\b|per\s|\+|[x×](?!\w)|(?:k|m|bn|million|billion"
        r"|thousand|trillion)\b|-?fold\b|times\b|out\s|(?:happy|satisfied|active|registered|paying|monthly|daily"
        r"|loyal|verified)\b)))"
    )
    return AnchorFinder(
        after_space=regexcache.compile(" " + trie),
        after_other=regexcache.compile(r"[\n\t\r(\"'“‘”’«*_>/\[|\-—–:;,.!?\u00a0]" + trie),
        at_start=regexcache.compile(trie),
        figures=regexcache.compile(figures),
        hashes=regexcache.compile(r"#(?<![\w#]#)(?=\s?\d)"),
        # A figure's look-ahead spans about 30 characters.
        reach=max(map(len, words), default=0) + 64,
    )


def _trie(words: Iterable[str]) -> str:
    """A regex alternation factored by common prefixes: much faster than a flat list."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(root)
