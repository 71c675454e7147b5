"""The benchmarks still run against the code they measure (they are not run in CI at full size).

Each non-browser benchmark runs here at a tiny size, as `python -m benchmarks.NAME`,
and must print the figures its README lines quote; the figures themselves mean
nothing at that size and are not checked. The browser benchmarks (ui_speed,
network) take minutes: they are imported and asked for --help, which catches a
renamed import or helper.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.compare import compare, figures

ROOT = Path(__file__).resolve().parents[2]

QUICK = {
    "streak": (["--quick"], ["summarize_gappy_p50_ms", "summary_plus_heatmap_12w_p50_ms",
                             "baseline_reference_plain_gappy_p50_ms"]),
    "progress": (["--quick"], ["progress_p50_ms", "calendar_12w_p50_ms", "step_habits_4_steps_p50_ms",
                               "first_progress_render_cold_median_ms",
                               "baseline_rules_only_summary_plus_heatmap_p50_ms"]),
    "journal": (["--sizes", "300", "--rounds", "1"], ["open_first_page_300_stepwise",
                                                      "search_common_word_300_stepwise",
                                                      "open_first_page_300_baseline_tinydb"]),
    "storage": (["--sizes", "200", "--rounds", "2", "--tinydb-rounds", "1", "--tinydb-rounds-large", "1",
                 "--open-rounds", "1", "--rss-size", "200"], ["stepwise_save_p50_200",
                                                              "tinydb_default_save_p50_200",
                                                              "stepwise_open_first_page_p50_200"]),
}


def run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.mark.parametrize("name", sorted(QUICK))
def test_each_benchmark_runs_at_a_tiny_size_and_prints_its_figures(name):
    args, expected = QUICK[name]
    done = run("-m", f"benchmarks.{name}", *args)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    printed = figures(done.stdout)
    assert printed, done.stdout[-2000:]
    assert not [n for n in expected if n not in printed], (expected, sorted(printed))


@pytest.mark.parametrize("name", ["ui_speed", "network", "compare"])
def test_the_long_benchmarks_import_and_explain_themselves(name):
    done = run("-m", f"benchmarks.{name}", "--help", timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"python -m benchmarks.{name}" in done.stdout


def test_compare_reads_the_numeric_figures_and_prints_medians_side_by_side():
    out = ("days: 3650\nprogress_p50_ms: 0.912\nlabel: Stepwise\ntap_ratio: 1.43 (target <= 1.5, met)\n"
           "open_first_page_300_stepwise: median 2.5 ms, p95 2.7 ms, min 2.4 ms\n")
    assert figures(out) == {"days": 3650.0, "progress_p50_ms": 0.912, "tap_ratio": 1.43,
                            "open_first_page_300_stepwise": 2.5}
    before = [{"a_ms": 2.0, "old_ms": 5.0}, {"a_ms": 4.0, "old_ms": 5.0}, {"a_ms": 3.0, "old_ms": 5.0}]
    now = [{"a_ms": 1.0, "new_ms": 7.0}, {"a_ms": 1.5, "new_ms": 7.0}, {"a_ms": 9.0, "new_ms": 7.0}]
    assert compare(before, now) == [
        "a_ms: before 3 · now 1.5 (0.50×)",
        "new_ms: now only 7",
        "old_ms: before only 5",
    ]
