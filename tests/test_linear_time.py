"""Linear time on adversarial input: every scanner, every regex family, every check.

Each test times the same work on an input of size N and on one of size K*N and asserts
that the time grew by less than a generous multiple of K: a pattern that backtracks,
or a scan that restarts from the top, grows with the square and fails the ratio. No test
compares against a wall-clock limit, so a slow machine cannot make one fail.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from itertools import count
from types import ModuleType

import pytest

import lint
from lint import regions
from lint.config import load_config
from lint.document import Document, Markup
from lint.linter import Linter
from tests.timing import BOUND, K, growth, settled_growth

# Adversarial inputs: name -> (piece, repeated N times; closing piece, also repeated N times).
ADVERSARIAL: dict[str, tuple[str, str]] = {
    "unclosed-comments": ("<!--", ""),
    "bare-schemes": ("http://", ""),
    "deep-nesting": ("<div>", "</div>"),
    "dots": ("..........", ""),
    "one-long-line": ("word ", ""),
    "unclosed-raw-tags": ("<pre ", ""),
    "unclosed-attributes": ('<a href="', ""),
    "backticks": ("`", ""),
    "fences": ("```\n", ""),
    "www": ("www.", ""),
    "query": ("?a=1&utm_source=", ""),
    "mojibake": ("Ã©â€", ""),
    "directives": ("<!-- contentlint: disable", ""),
    "brackets": ("[", "]("),
    "entities": ("&amp", ""),
    "crlf-blank-lines": ("\r\n \r\n", ""),
    "indented": ("    x\n", ""),
    "emails": ("a@", ""),
    "digits": ("1,", ""),
    "words": ("Best ", ""),
}
MARKUPS: tuple[Markup, ...] = ("text", "markdown", "html")


def adversarial(name: str, n: int) -> str:
    """The named input with its pieces repeated ``n`` times."""
    opener, closer = ADVERSARIAL[name]
    return opener * n + "x" + closer * n


# --- the document's own scanners, at the sizes the issue names (the K*N input) ---------------

SCANNER_INPUTS = {
    "unclosed-comments": 200_000 // K,
    "bare-schemes": 200_000 // K,
    "deep-nesting": 100_000 // K,
    "dots": 100_000 // K,  # a million dots
    "one-long-line": 1_000_000 // K,  # a 5 MB line
    "unclosed-raw-tags": 200_000 // K,
    "backticks": 200_000 // K,
    "fences": 25_000 // K,
    "crlf-blank-lines": 25_000 // K,
    "indented": 25_000 // K,
    "brackets": 200_000 // K,
}


def _document_indexes(markup: Markup) -> Callable[[str], object]:
    def work(text: str) -> object:
        document = Document(text, "x", markup)
        return (
            document.line_starts,
            document.lines,
            document.code,
            document.comments,
            list(document.prose_spans()),
            document.position(len(text)),
        )

    return work


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("name", sorted(SCANNER_INPUTS))
def test_document_scanners_are_linear(name: str, markup: Markup) -> None:
    ratio = settled_growth(
        _document_indexes(markup), partial(adversarial, name), SCANNER_INPUTS[name], K, BOUND
    )
    assert ratio < BOUND, f"{name} ({markup}): {K}x input took {ratio:.1f}x the time"


@pytest.mark.parametrize(
    "scanner",
    [
        lambda text: list(regions.lines(text)),
        regions.fenced_blocks,
        lambda text: regions.comments(text, regions.Spans()),
        lambda text: regions.code_regions(text, "markdown"),
        lambda text: regions.code_regions(text, "html"),
    ],
    ids=["lines", "fenced-blocks", "comments", "markdown-code", "html-code"],
)
@pytest.mark.parametrize("name", ["unclosed-comments", "backticks", "fences", "unclosed-raw-tags"])
def test_region_scanners_are_linear(name: str, scanner: Callable[[str], object]) -> None:
    ratio = settled_growth(scanner, partial(adversarial, name), 200_000 // K, K, BOUND)
    assert ratio < BOUND, f"{name}: {K}x input took {ratio:.1f}x the time"


# --- every compiled pattern of every module, family by family ------------------------------


def _modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(lint.__path__, "lint."):
        if info.name == "lint.__main__":
            continue
        try:
            yield importlib.import_module(info.name)
        except Exception:  # a module still being written; the import tests cover it
            continue


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth < 2 and isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


# Tokenizers whose patterns only ever ``.match`` at a cursor: a search sweep, which retries
# every start, would blame them for a cost their callers never pay.
CURSOR_TOKENIZERS = {"lint.corpus.rawjson"}


@cache
def pattern_families() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Module name -> the compiled patterns it keeps at module level."""
    families: dict[str, tuple[re.Pattern[str], ...]] = {}
    for module in _modules():
        if module.__name__ in CURSOR_TOKENIZERS:
            continue
        found = {id(p): p for value in vars(module).values() for p in _patterns_in(value)}
        if found:
            families[module.__name__] = tuple(found.values())
    return families


def _scan_all(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], object]:
    def work(text: str) -> object:
        count = 0
        for pattern in patterns:
            for _ in pattern.finditer(text):
                count += 1
        return count

    return work


def test_pattern_families_are_found() -> None:
    families = pattern_families()
    assert {"lint.regions", "lint.document"} <= set(families)


@pytest.mark.parametrize("module", sorted(pattern_families()))
def test_each_regex_family_is_linear(module: str) -> None:
    patterns = pattern_families()[module]
    slow: list[str] = []
    for name in ADVERSARIAL:
        ratio = settled_growth(_scan_all(patterns), partial(adversarial, name), 5_000, K, BOUND)
        if ratio >= BOUND:
            culprits = [
                p.pattern[:80]
                for p in patterns
                if settled_growth(_scan_all((p,)), partial(adversarial, name), 5_000, K, BOUND)
                >= BOUND
            ]
            slow.append(f"{name}: {ratio:.1f}x; patterns {culprits}")
    assert not slow, f"{module}: " + "; ".join(slow)


# --- every installed check, through the engine -------------------------------------------------


@cache
def linter() -> Linter:
    return Linter(load_config(discover=False))


# Each check alone, through the engine's options, on inputs from ~10 KB up to whatever size the
# clock can see, and four times that. Every call gets a fresh Document and a unique last
# character, so no cache inside a check can hide the work.
_CALLS = count()


def _one_check(check_id: str, markup: Markup) -> Callable[[str], object]:
    active = next(a for a in linter()._active if a.check.id == check_id)

    def work(text: str) -> object:
        document = Document(f"{text}{next(_CALLS) % 10}", "x", markup)
        return list(active.check.check(document, active.options))

    return work


@pytest.mark.slow
@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize(
    "name", sorted(set(ADVERSARIAL) - {"crlf-blank-lines", "indented", "emails", "digits"})
)
def test_every_check_is_linear(name: str, markup: Markup) -> None:
    size = max(1, 10_000 // len(ADVERSARIAL[name][0]))
    slow = []
    for check_id in linter().active_checks:
        ratio = settled_growth(
            _one_check(check_id, markup), partial(adversarial, name), size, K, BOUND
        )
        if ratio >= BOUND:
            slow.append(f"{check_id}: {ratio:.1f}x")
    assert not slow, f"{name} ({markup}), {K}x input: " + ", ".join(slow)


def test_the_timing_bound_catches_a_quadratic_scan() -> None:
    # The harness itself: a scan that restarts from the top grows with the square and must
    # fail the bound the linear-time tests use.
    def restarting(text: str) -> int:
        return sum(text.count("a", 0, end) for end in range(0, len(text), 8))

    assert growth(restarting, "a".__mul__, 4_000, K) >= BOUND
