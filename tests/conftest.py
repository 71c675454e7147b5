"""Shared by every test: reruns for browser tests, a fixed clock, the day's practice.

The browser tests' own fixtures (Chromium, a served app) are in tests/browser/conftest.py;
the helpers several modules share are in tests/helpers/.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items):
    """Browser tests get one more try (pytest-rerunfailures), reported as a rerun.

    Headless Chromium on a loaded two-core machine now and then stops painting
    Flutter's canvas while the app runs on (the picture stays on Flet's
    "Working..." splash though the page's semantics are current), or misses a
    frame's semantics. A fresh context on a fresh server brings it back. A test
    that fails twice fails the run, so a broken screen still fails.
    """
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


@pytest.fixture
def clock():
    """A fixed local moment: Thursday 26 November 2026, 09:30 in Berlin.

    A test module that needs another moment defines its own `clock`.
    """
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from habit.clock import FixedClock

    return FixedClock(datetime(2026, 11, 26, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")))


@pytest.fixture
def practice(tmp_path, clock):
    """The day's practice over real storage in a fresh data dir, on the test's clock."""
    from content import load_insights
    from daily.practice import DailyPractice
    from storage import Store

    store = Store.open(tmp_path / "data", now=clock.now)
    yield DailyPractice(store, load_insights().insights, clock)
    store.close()
