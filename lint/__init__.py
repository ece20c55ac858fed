"""contentlint: a content-quality and spam-link linter for text about to be published."""

from __future__ import annotations

__version__ = "0.1.0"
