"""contentlint: a content-quality and spam-link linter for text about to be published.

The library API::

    from lint import lint_text, fix_text
    result = lint_text("Sign up: https://bit.ly/x", markup="markdown")
    for finding in result.records():
        print(finding["line"], finding["rule"], finding["message"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lint.api import fix_text, lint_text
    from lint.config import Config, load_config
    from lint.finding import Edit, Finding, Fix, Rule, Severity
    from lint.result import Result

# The public names load on first use (PEP 562): ``import lint`` alone, or the command line
# (which imports only what it runs), never pays for the library API's imports.
_EXPORTS = {
    "Config": "lint.config",
    "Edit": "lint.finding",
    "Finding": "lint.finding",
    "Fix": "lint.finding",
    "Result": "lint.result",
    "Rule": "lint.finding",
    "Severity": "lint.finding",
    "fix_text": "lint.api",
    "lint_text": "lint.api",
    "load_config": "lint.config",
}

__all__ = [
    "Config",
    "Edit",
    "Finding",
    "Fix",
    "Result",
    "Rule",
    "Severity",
    "__version__",
    "fix_text",
    "lint_text",
    "load_config",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
