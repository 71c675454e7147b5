"""Streak summary and heatmap on 10 years of daily data.

Run: python -m benchmarks.streak

Prints `name: value` lines (milliseconds, p50/p95 over many runs) for
`summarize` and `heatmap`, beside a same-run baseline: the naive reference
implementations from tests/helpers/streak_reference.py. Prints figures only;
nothing is asserted (the target is < 5 ms for summary + heatmap). `--quick`
(a few runs) only checks that it runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta

from habit.heatmap import heatmap
from habit.streak import summarize
from tests.helpers.streak_reference import reference_freezes, reference_heatmap, reference_plain

TODAY = date(2025, 6, 30)
YEARS = 10


def ten_years(share: float, seed: int = 1) -> set[date]:
    """Each of the last 10 years' days finished with probability `share`."""
    rng = random.Random(seed)
    first = TODAY - timedelta(days=365 * YEARS + YEARS // 4)
    n = (TODAY - first).days + 1
    return {first + timedelta(days=i) for i in range(n) if rng.random() < share}


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
    return p50, p95


#: Divides every run count of `report` (`few_runs`, for --quick: the figures then mean nothing).
SCALE = 1


def few_runs(divisor: int) -> None:
    """Make every `report` run `divisor` times fewer rounds (at least 2): checks that it runs."""
    global SCALE
    SCALE = divisor


def report(name: str, fn, runs: int) -> None:
    p50, p95 = timed(fn, max(2, runs // SCALE))
    print(f"{name}_p50_ms: {p50:.3f}")
    print(f"{name}_p95_ms: {p95:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.streak")
    parser.add_argument("--quick", action="store_true", help="a few runs: checks that it runs")
    few_runs(100 if parser.parse_args(argv).quick else 1)
    daily = ten_years(1.0)
    gappy = ten_years(0.9)
    s = summarize(gappy, TODAY)
    frozen = s.frozen_days
    print(f"days_finished_daily: {len(daily)}")
    print(f"days_finished_gappy: {len(gappy)}")
    print(f"gappy_current: {s.current}")
    print(f"gappy_longest: {s.longest}")
    print(f"gappy_frozen_days: {len(frozen)}")

    report("summarize_daily", lambda: summarize(daily, TODAY), 300)
    report("summarize_gappy", lambda: summarize(gappy, TODAY), 300)
    report("summarize_gappy_no_freezes", lambda: summarize(gappy, TODAY, False), 300)
    report("heatmap_12w", lambda: heatmap(gappy, frozen, TODAY), 300)
    report("heatmap_522w_all_10y", lambda: heatmap(gappy, frozen, TODAY, weeks=522), 50)

    def screen():
        summary = summarize(gappy, TODAY)
        heatmap(gappy, summary.frozen_days, TODAY)

    report("summary_plus_heatmap_12w", screen, 300)

    # Same-run baseline: the naive references from the tests.
    report("baseline_reference_plain_gappy", lambda: reference_plain(gappy, TODAY), 30)
    report("baseline_reference_freezes_gappy", lambda: reference_freezes(gappy, TODAY), 30)
    report("baseline_reference_heatmap_12w", lambda: reference_heatmap(gappy, frozen, TODAY), 100)


if __name__ == "__main__":
    main(sys.argv[1:])
