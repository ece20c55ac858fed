"""The one progress bar: a line on stderr for long runs (files, or corpus records).

Shown only when stderr is a terminal (not in CI logs, not under pre-commit, which
captures output) and the run has more than a few dozen items or has lasted more than a
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
    """Items done of ``total`` (None: not known), then findings so far (files) or the rate
    (records), and the time elapsed."""

    def __init__(
        self,
        stream: IO[str],
        total: int | None,
        *,
        enabled: bool,
        unit: str = "file",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.unit = unit
        self.enabled = enabled and (total is None or total > 1)
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.findings = 0
        self._shown = False  # the bar is on screen now
        self._active = self.enabled and (total is None or total > MIN_FILES)
        self._last = -INTERVAL
        if self._active:
            self._draw(self.started)

    def advance(self, done: int = 1, *, findings: int = 0) -> None:
        self.done += done
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
        units = f"{self.unit}s"
        done = f"{self.done:,}/{self.total:,}" if self.total is not None else f"{self.done:,}"
        if self.unit == "file":
            plural = "" if self.findings == 1 else "s"
            tally = f"{self.findings} finding{plural}"
        else:
            tally = f"{self.done / max(elapsed, 1e-9):,.0f} {units}/s"
        counts = f" {done} {units}  {tally}  {elapsed:.1f}s"
        bar = ""
        if self.total is not None:
            bar_width = max(0, min(40, width - len(counts) - 16))
            filled = min(bar_width * self.done // self.total, bar_width) if self.total else 0
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
