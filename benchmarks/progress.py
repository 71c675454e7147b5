"""The Progress screen's numbers on 10 years of daily data, read from a real store.

Run: python -m benchmarks.progress

`benchmarks/streak.py` times the pure rules (summarize, heatmap) on in-memory
sets. This one times what the Progress tab actually asks `DailyPractice` for,
with the finished days and step check-ins of 10 years (about 90 % of days
practised) stored in `practice/YYYY.json` files:

* progress(): finished days from storage + streak summary + milestones;
* calendar(): the same days + summary + the 12-week heatmap page;
* progress_plus_calendar: both, as one Progress render does;
* step_habits(): each of 4 steps' history across the years;
* first render after opening the store (files parsed, cache cold);
* finished days straight from storage (its read cache, no progress memo).

Same-run baseline: `summarize` + `heatmap` on the in-memory set (the rule cost
alone), so the difference is the storage read. Prints `name: value` lines in
milliseconds (p50/p95); nothing is asserted (the target is < 5 ms for streaks
and heatmap). `--quick` (one year, a few runs) only checks that it runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from content import load_insights
from daily.practice import DailyPractice
from habit.clock import FixedClock
from habit.heatmap import heatmap
from habit.streak import summarize
from storage import Store
from storage.practice import CHECKINS, FINISHED, checkin_key
from storage.read_cache import RACY_SECONDS
from benchmarks.streak import few_runs, report

TODAY = date(2025, 6, 30)
YEARS = 10
CLOCK = FixedClock(datetime(2025, 6, 30, 9, 0).astimezone())


def ten_years(share: float = 0.9, seed: int = 1, years: int = YEARS) -> list[date]:
    rng = random.Random(seed)
    first = TODAY - timedelta(days=365 * years + years // 4)
    return [first + timedelta(days=i) for i in range((TODAY - first).days + 1) if rng.random() < share]


def seed(folder: Path, insight_id: str, days: list[date]) -> None:
    with Store.open(folder, daily_backup=False) as store:
        at = CLOCK.now().isoformat()
        store.practice.import_records(
            FINISHED, ((d.isoformat(), d, {"day": d.isoformat(), "insight_id": insight_id, "at": at}) for d in days))
        rng = random.Random(2)
        checkins = []
        for d in days:
            for step in range(4):
                if rng.random() < 0.6:
                    doc = {"insight_id": insight_id, "step_index": step, "day": d.isoformat(), "done": True, "at": at}
                    checkins.append((checkin_key(insight_id, step, d), d, doc))
        store.practice.import_records(CHECKINS, checkins)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.progress")
    parser.add_argument("--quick", action="store_true", help="one year and a few runs: checks that it runs")
    args = parser.parse_args(argv)
    few_runs(50 if args.quick else 1)
    insights = load_insights().insights
    insight_id = insights[0].id
    days = ten_years(years=1 if args.quick else YEARS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        seed(folder, insight_id, days)
        # Files written in the last RACY_SECONDS are re-read on every access (storage's
        # read cache and the progress memo both distrust them); measure the steady state.
        time.sleep(RACY_SECONDS + 0.5)
        print(f"days_finished: {len(days)}")
        print(f"year_files: {len(list((folder / 'practice').glob('*.json')))}")

        # Cold: a fresh store (the app's start), first Progress render.
        cold = []
        for _ in range(2 if args.quick else 5):
            store = Store.open(folder, daily_backup=False)
            practice = DailyPractice(store, insights, CLOCK)
            t0 = time.perf_counter_ns()
            practice.progress.overview()
            practice.progress.calendar()
            cold.append((time.perf_counter_ns() - t0) / 1e6)
            store.close()
        print(f"first_progress_render_cold_median_ms: {statistics.median(cold):.3f}")

        store = Store.open(folder, daily_backup=False)
        practice = DailyPractice(store, insights, CLOCK)
        overview = practice.progress.overview()
        print(f"current: {overview.streak.current}")
        print(f"longest: {overview.streak.longest}")
        print(f"frozen_days: {len(overview.streak.frozen_days)}")
        report("finished_days_from_store", store.practice.finished_days, 200)
        report("progress", practice.progress.overview, 200)
        report("calendar_12w", practice.progress.calendar, 200)
        report("progress_plus_calendar", lambda: (practice.progress.overview(), practice.progress.calendar()), 200)
        report("calendar_page_10_years_back", lambda: practice.progress.calendar(page=43), 100)
        report("step_habits_4_steps", lambda: practice.progress.step_habits(insight_id), 50)
        store.close()

    # Same-run baseline: the rules alone on the in-memory set.
    as_set = set(days)

    def rules_only():
        summary = summarize(as_set, TODAY)
        heatmap(as_set, summary.frozen_days, TODAY)

    report("baseline_rules_only_summary_plus_heatmap", rules_only, 200)


if __name__ == "__main__":
    main(sys.argv[1:])
