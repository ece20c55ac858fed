"""A one-line progress bar on stderr for long runs; silent anywhere but a terminal.

Shown only when stderr is a terminal (not in CI logs, not under pre-commit, which
captures output) and the run has more than a few dozen files or has lasted more than a
second. It is redrawn at most ten times a second, and cleared before anything else is
printed so it never mixes with findings.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import IO

MIN_FILES = 36  # "a few dozen": fewer files finish before a bar would help
DELAY = 1.0  # seconds before a run with fewer files shows the bar
INTERVAL = 0.1  # seconds between redraws
_CLEAR = "\r\x1b[K"


def wanted(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal that understands a redrawn line."""
    try:
        return stream.isatty() and os.environ.get("TERM", "") != "dumb"
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


class Progress:
    """Files done of total, findings so far, elapsed time."""

    def __init__(
        self,
        stream: IO[str],
        total: int,
        *,
        enabled: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled and total > 1
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.findings = 0
        self._shown = False  # the bar is on screen now
        self._active = self.enabled and total > MIN_FILES
        self._last = -INTERVAL
        if self._active:
            self._draw(self.started)

    def advance(self, findings: int = 0) -> None:
        self.done += 1
        self.findings += findings
        if not self.enabled:
            return
        now = self.clock()
        if not self._active and now - self.started >= DELAY:
            self._active = True
        if self._active and (not self._shown or now - self._last >= INTERVAL):
            self._draw(now)

    def clear(self) -> None:
        """Take the bar off the screen before other output; the next advance redraws it."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()
        self.enabled = self._active = False

    def line(self, now: float) -> str:
        width = _columns(self.stream)
        elapsed = now - self.started
        plural = "" if self.findings == 1 else "s"
        counts = f" {self.done}/{self.total} files  {self.findings} finding{plural}  {elapsed:.1f}s"
        bar_width = max(0, min(40, width - len(counts) - 16))
        filled = bar_width * self.done // self.total if self.total else bar_width
        bar = f" [{'#' * filled}{'-' * (bar_width - filled)}]" if bar_width >= 10 else ""
        return f"contentlint{bar}{counts}"[: max(width - 1, 1)]

    def _draw(self, now: float) -> None:
        self.stream.write(_CLEAR + self.line(now))
        self.stream.flush()
        self._shown = True
        self._last = now


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size().columns
