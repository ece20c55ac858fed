"""``contentlint lsp``: the language server (the ``lsp`` extra: pygls and lsprotocol).

Only ``server`` and ``protocol`` import pygls and lsprotocol; the rest of this package is
plain Python over the library (``lint.linter``, ``lint.result``, ``lint.fixer`` through the
command line's file runner), so what an editor shows is what ``contentlint check`` prints
and what a fix writes is what ``contentlint fix`` writes.

- ``positions``  offsets <-> LSP positions in the negotiated encoding (UTF-16 by default)
- ``documents``  the open documents, edited as the client sends changes
- ``folders``    per workspace folder: the configuration and baseline, found as the CLI finds them
- ``analysis``   one document linted (a crashing check costs its own findings only), fix-all,
                 the disable-next-line edit
- ``worker``     the thread that lints the newest version of each document
- ``session``    the state the handlers share
- ``protocol``   findings, fixes and rules as LSP diagnostics, code actions and hovers
- ``server``     the pygls server: handlers, stdio or TCP
"""

from __future__ import annotations

# Where a rule's page lives: ``codeDescription.href`` of every diagnostic of a built-in check.
REPOSITORY_URL = "https://github.com/contentlint/contentlint"
RULE_PAGE = REPOSITORY_URL + "/blob/main/docs/checks/{check}.md"
