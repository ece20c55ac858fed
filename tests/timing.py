"""Timing by ratio, never against a wall-clock limit: work on an input of size N and on one
of size K*N, and the time may grow by less than a generous multiple of K. A pattern that
backtracks, or a scan that restarts from the top, grows with the square and fails; a slow
or busy machine slows both sizes alike and cannot make a test fail."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial


def best_time(work: Callable[[], object], repeat: int = 3) -> float:
    # CPU time of this process: another process on a busy machine does not count against it.
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


# Sizes only grow until the clock can see the work; the verdict is always a ratio.
MEASURABLE = 0.02
MAX_CHARS = 8_000_000


def growth(work: Callable[[str], object], make: Callable[[int], str], n: int, k: int) -> float:
    """Time on K*N over time on N, best of three each, N grown until it is measurable."""
    small = make(n)
    work(small)  # warm the caches (compiled patterns, lazy imports)
    t_small = best_time(partial(work, small))
    while t_small < MEASURABLE:
        if len(small) * 4 > MAX_CHARS:
            return 1.0  # too fast for the clock even at megabytes: nothing that grows
        n *= 4
        small = make(n)
        t_small = best_time(partial(work, small))
    return best_time(partial(work, make(k * n))) / t_small


def settled_growth(
    work: Callable[[str], object], make: Callable[[int], str], n: int, k: int, bound: float
) -> float:
    """``growth``, measured again (up to three times) while it is over ``bound``.

    A busy machine can slow one measurement down; a quadratic scan is slow every time.
    """
    ratio = growth(work, make, n, k)
    for _ in range(2):
        if ratio < bound:
            break
        ratio = min(ratio, growth(work, make, n, k))
    return ratio


# A linear scan grows K times, a quadratic one K*K times. The bound sits between, nearer the
# square: on a memory-heavy input (one 2.4 MB sentence) a linear scan measured 3-5 times on
# a quiet machine and up to 8.5 times beside other work, which shares the caches.
K = 4
BOUND = 10.0
