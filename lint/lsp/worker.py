"""The thread that lints, so the protocol thread never waits for a check.

A job is a document URI, not a version: the run reads the newest text when it starts, so a
burst of changes made while one run is busy costs one more run, not one per change, and a
run whose document changed meanwhile is dropped by the caller (the next one is queued).
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Worker:
    """Runs ``run(uri)`` on one background thread, each pending URI once, oldest first."""

    def __init__(
        self, run: Callable[[str], None], on_error: Callable[[str, BaseException], None]
    ) -> None:
        self._run = run
        self._on_error = on_error
        self._pending: dict[str, None] = {}  # an ordered set
        self._condition = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="contentlint-lint", daemon=True)
        self._thread.start()

    def submit(self, uri: str) -> None:
        with self._condition:
            self._pending[uri] = None
            self._condition.notify()

    def discard(self, uri: str) -> None:
        with self._condition:
            self._pending.pop(uri, None)

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._pending.clear()
            self._condition.notify()

    def _loop(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._stopped)
                if self._stopped:
                    return
                uri = next(iter(self._pending))
                del self._pending[uri]
            try:
                self._run(uri)
            except Exception as error:  # never lose the thread: say so and go on
                self._on_error(uri, error)
