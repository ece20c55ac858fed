"""What a check is, and the built-in ones.

A check is a class with an ``id``, its ``rules`` and ``check(document, options)``. The
built-in checks are listed in ``BUILTIN`` (one line each, imported only when a run loads
them); third-party checks register under the entry-point group ``contentlint.checks``, the
entry point's name equal to the class's ``id``. The linter instantiates the class with no
arguments and calls ``check(document, options)`` for every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from lint.document import Document
from lint.finding import Finding, Rule

Options = Mapping[str, Any]
S = TypeVar("S")

# check id -> "module:Class", in the order findings at one place are reported. Adding a
# built-in check is one package under lint/checks/ and one line here.
BUILTIN: Mapping[str, str] = {
    "encoding": "lint.checks.encoding:EncodingCheck",
    "html-comment": "lint.checks.html_comment:HtmlCommentCheck",
    "chrome": "lint.checks.chrome:ChromeCheck",
    "links": "lint.checks.links:LinksCheck",
    "claims": "lint.checks.claims:ClaimsCheck",
}


@runtime_checkable
class Check(Protocol):
    """``id`` is kebab-case and unique; ``rules`` lists every rule the check can report.

    ``default_options`` are the check's options when the configuration does not set
    them (built-in checks keep theirs in config.yaml). ``check`` never writes files and
    never touches the network; fixes are edits on the original text.
    """

    id: ClassVar[str]
    summary: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]
    default_options: ClassVar[Mapping[str, Any]]

    def check(self, document: Document, options: Options) -> Iterable[Finding]: ...


class StateCache(Generic[S]):
    """Builds per-options state (compiled patterns, word sets) once, not per document.

    Options objects come from the loaded configuration and are never mutated, so
    identity is a safe and free cache key.
    """

    def __init__(self, build: Callable[[Options], S]) -> None:
        self._build = build
        self._options: Options | None = None
        self._state: S | None = None

    def get(self, options: Options) -> S:
        if options is not self._options or self._state is None:
            self._state = self._build(options)
            self._options = options
        return self._state
