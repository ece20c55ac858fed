"""A one-line progress bar on stderr, drawn only on a terminal and at most five times a second."""

from __future__ import annotations

import time
from typing import IO

WIDTH = 30
INTERVAL = 0.2  # seconds between redraws: enough to look live, cheap at millions of records


class Progress:
    """Records done out of ``total`` (when known), with the rate so far."""

    def __init__(self, stream: IO[str] | None, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, records: int) -> None:
        self.done += records
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self._drawn >= INTERVAL:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        assert self.stream is not None
        elapsed = max(now - self.started, 1e-9)
        rate = f"{self.done / elapsed:,.0f} records/s"
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * WIDTH)
            line = f"[{bar:<{WIDTH}}] {self.done:,}/{self.total:,} records  {rate}"
        else:
            line = f"{self.done:,} records  {rate}"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Take the bar off the line before other output; the next redraw brings it back."""
        if self.stream is not None and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        self.clear()
        self.stream = None
