"""Shared fixtures: a Chromium browser for the browser tests."""

from __future__ import annotations

import pytest

from tests.browser.harness import module_browser


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, closed at the module's end.

    Playwright's sync API keeps an event loop running while it is open, so a
    browser kept for the whole session would break any later test that calls
    asyncio.run(); per module, no test depends on the order files run in.
    """
    yield from module_browser()


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
