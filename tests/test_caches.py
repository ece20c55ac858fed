"""The start-up caches: compiled patterns and derived data, kept in the user's cache folder."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from lint.checks.chrome.lexicon import Lexicon, builtin_entries
from lint.speed import regexcache, yamlcache

PATTERNS = [
    ("(?P<word>[a-z]+)-(?P=word)", 0),
    (r"(?<![\w-])(?:best|most)\s{1,3}(?:trusted|secure)(?![\w])", re.IGNORECASE),
    ("(a)|(b)(c)?", 0),
    (r"^\s*#\s+.+$", re.MULTILINE),
    ("[\u00c2-\u00f4][\u0080-\u00bf]|ðŸ", 0),
    ("x" * 400 + "(?:y|z)", re.IGNORECASE | re.DOTALL),
]
SAMPLES = [
    "go-go",
    "the MOST  Trusted exchange",
    "abc ac",
    "  # Title\nno",
    "Ã© ðŸ‘",
    "x" * 400 + "Z",
]


def _behaviour(pattern: re.Pattern[str]) -> list[object]:
    return [
        [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(sample)]
        for sample in SAMPLES
    ]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache._State, "located", False)
    monkeypatch.setattr(regexcache._State, "folder", None)
    monkeypatch.setattr(regexcache._State, "enabled", regexcache._State.enabled)
    return tmp_path


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_cached_pattern_is_the_pattern_re_compiles(
    cache_dir: Path, source: str, flags: int
) -> None:
    expected = re.compile(source, flags)
    first = regexcache.compile(source, flags)  # compiled, checked and stored
    entries = list(cache_dir.glob("regex-*/*.marshal"))
    assert len(entries) == 1
    second = regexcache.compile(source, flags)  # rebuilt from the stored program
    assert first == expected
    assert second == expected  # same flags, same program
    assert second.groupindex == expected.groupindex
    assert second.groups == expected.groups
    assert _behaviour(second) == _behaviour(expected)


def test_a_corrupt_or_foreign_entry_is_ignored(cache_dir: Path) -> None:
    source = r"(?:alpha|beta)\s+gamma"
    regexcache.compile(source)
    (entry,) = cache_dir.glob("regex-*/*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert regexcache.compile(source) == re.compile(source)
    # An entry whose name matches but holds another pattern (a checksum collision).
    import marshal

    other = regexcache._program("delta", 0)
    entry.write_bytes(marshal.dumps(("delta", other)))
    assert regexcache.compile(source) == re.compile(source)


def test_no_cache_folder_or_an_unwritable_one_still_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(regexcache._State, "enabled", regexcache._State.enabled)
    for setting in ("", str(blocked / "sub")):
        monkeypatch.setenv("CONTENTLINT_CACHE_DIR", setting)
        monkeypatch.setattr(regexcache._State, "located", False)
        monkeypatch.setattr(regexcache._State, "folder", None)
        assert regexcache.compile("(a+)b") == re.compile("(a+)b")
    # The write failed: the process stops paying for programs it cannot keep.
    assert regexcache._State.enabled is False
    assert regexcache.compile("(c+)d") == re.compile("(c+)d")


def test_a_program_this_interpreter_would_not_build_turns_the_cache_off(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def wrong(source: str, flags: int) -> regexcache.Program:
        return (flags, [], 0, {}, ())

    monkeypatch.setattr(regexcache, "_program", wrong)
    assert regexcache.compile("(a+)b") == re.compile("(a+)b")
    assert regexcache._State.enabled is False
    assert not list(cache_dir.glob("regex-*/*"))


def test_derived_data_is_rebuilt_when_its_source_or_code_changes(
    cache_dir: Path, tmp_path: Path
) -> None:
    module_file = tmp_path / "builder.py"
    module_file.write_text("VERSION = 1\n", encoding="utf-8")
    module = types.ModuleType("builder")
    module.__file__ = str(module_file)
    calls: list[str] = []

    def build(text: str) -> dict[str, list[str]]:
        calls.append(text)
        return {"words": text.split()}

    def load(text: str) -> object:
        return yamlcache.derived("probe", text, lambda: build(text), module)

    assert load("a b") == {"words": ["a", "b"]}
    assert load("a b") == {"words": ["a", "b"]}  # from the cache
    assert calls == ["a b"]
    assert load("a c") == {"words": ["a", "c"]}  # new source
    module_file.write_text("VERSION = 2\n", encoding="utf-8")  # an upgrade of the code
    assert load("a b") == {"words": ["a", "b"]}
    assert calls == ["a b", "a c", "a b"]


def test_the_chrome_index_read_back_from_the_cache_is_the_built_one(cache_dir: Path) -> None:
    entries = builtin_entries()
    built = Lexicon(entries)
    assert list(cache_dir.glob("chrome-index-*.marshal"))
    cached = Lexicon(entries)
    assert (cached._kinds, cached._words, cached._stems, cached._seconds) == (
        built._kinds,
        built._words,
        built._stems,
        built._seconds,
    )
    text = (
        "Leave a Reply\nShare this:\nSubscribe to our newsletter\nThe river rises in the hills.\n"
    )
    assert list(cached.scan(text)) == list(built.scan(text))


def test_patterns_built_from_sets_are_the_same_in_every_process() -> None:
    """The pattern cache is keyed by the pattern's text: alternations built from sets must not
    depend on string hashing, which changes between processes."""
    import subprocess

    script = (
        "from lint.checks.links import _alternation\n"
        "from lint.checks.claims.lexicon import load\n"
        "lexicon = load('en')\n"
        "print(_alternation(['open an account', 'sign up', 'buy now', 'join']).pattern)\n"
        "print([(s.cues.pattern, s.also and s.also.pattern)"
        " for s in lexicon.sources if s.cues])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "CONTENTLINT_CACHE_DIR": ""},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_the_claims_tables_read_back_from_the_cache_are_what_the_model_gives(
    cache_dir: Path,
) -> None:
    from lint.checks.claims import detect
    from lint.checks.claims.features import pair_table
    from lint.checks.claims.lexicon import RULES
    from lint.scoring import group

    shipped = detect.model()
    heads = {rule: shipped.head(rule) for rule in RULES}
    expected = (group(heads), pair_table(name for h in heads.values() for name in h.weights))
    built = detect._tables(shipped)  # built and stored
    assert list(cache_dir.glob("claims-tables-*.marshal"))
    cached = detect._tables(shipped)  # read back
    assert built == expected
    assert cached == expected
    assert cached[0].scores({"w:guaranteed": 1.0}) == expected[0].scores({"w:guaranteed": 1.0})


def test_the_claims_gate_words_read_back_from_the_cache_are_the_built_ones(
    cache_dir: Path,
) -> None:
    from lint.checks.claims import lexicon

    lexicon.load.cache_clear()
    try:
        built = lexicon.load("en")
        assert list(cache_dir.glob("claims-lexicon-en-*.marshal"))
        lexicon.load.cache_clear()
        cached = lexicon.load("en")
    finally:
        lexicon.load.cache_clear()
    expected = frozenset(
        lexicon.gate_word(phrase, cached.stopwords, cached.frequent)
        for family in lexicon.GATES
        for phrase in cached.families.get(family, ())
    )
    assert len(expected) > 1000
    assert built.gate_words == cached.gate_words == expected
    assert "guaranteed" in cached.gate_words
