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


def time_calls(call: Callable[[], Any], *, runs: int, warmups: int) -> Timing:
    """Call CALL WARMUPS times untimed, then RUNS times timed; milliseconds per call."""
    for _ in range(warmups):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(
        runs=runs,
        p50_ms=round(statistics.median(samples), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        min_ms=round(min(samples), 2),
        max_ms=round(max(samples), 2),
    )


def stopwatch(call: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call of CALL, and its result."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result
