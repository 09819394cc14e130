"""Small timing helpers with no Django dependency."""

import statistics
import time
from collections.abc import Callable
from typing import Any, TypedDict


class Timing(TypedDict):
    runs: int
    p50_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float


def percentile(samples: list[float], fraction: float) -> float:
    """Linear-interpolated percentile (the "inclusive" method), FRACTION in [0, 1]."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _timing(samples: list[float]) -> Timing:
    return Timing(
        runs=len(samples),
        p50_ms=round(statistics.median(samples), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        min_ms=round(min(samples), 2),
        max_ms=round(max(samples), 2),
    )


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def time_calls(call: Callable[[], Any], *, runs: int, warmups: int) -> Timing:
    """Call CALL WARMUPS times untimed, then RUNS times timed; milliseconds per call."""
    for _ in range(warmups):
        call()
    return _timing([_timed(call) for _ in range(runs)])


def time_pair(
    first: Callable[[], Any], second: Callable[[], Any], *, runs: int, warmups: int
) -> tuple[Timing, Timing]:
    """FIRST and SECOND timed in turns, which goes first alternating: a comparison of two
    ways to the same answer, so that neither runs while the machine or the database is
    busier than it was for the other (autovacuum, caches, another process)."""
    for _ in range(warmups):
        first()
        second()
    samples: tuple[list[float], list[float]] = ([], [])
    for run in range(runs):
        order = (0, 1) if run % 2 == 0 else (1, 0)
        for which in order:
            samples[which].append(_timed((first, second)[which]))
    return _timing(samples[0]), _timing(samples[1])


def stopwatch(call: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call of CALL, and its result."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result
