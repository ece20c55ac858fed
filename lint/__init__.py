"""contentlint: a content-quality and spam-link linter for text about to be published.

The library API::

    from lint import lint_text, fix_text
    result = lint_text("Sign up: https://bit.ly/x", markup="markdown")
    for finding in result.records():
        print(finding["line"], finding["rule"], finding["message"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from lint.api import Result, fix_text, lint_text
from lint.config import Config, load_config
from lint.finding import Edit, Finding, Fix, Rule, Severity

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
