"""Fixtures of the browser tests: one Chromium per module, and a served app on a fresh data folder.

A module whose app needs seeded data, fixture books or extra arguments defines
its own `server` (test_journal_browser, test_phone_layout,
test_problems_banner_browser, test_review_browser), and test_static_policy_browser
its own `browser` (no request routing, so the HTTP cache stays on).
"""

from __future__ import annotations

import pytest

from tests.browser.harness import Server, module_browser


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, closed at the module's end.

    Playwright's sync API keeps an event loop running while it is open, so a
    browser kept for the whole session would break any later test that calls
    asyncio.run(); per module, no test depends on the order files run in.
    """
    yield from module_browser()


@pytest.fixture
def server(tmp_path):
    """`main.py` served on a free port for one test, its data in tmp_path/"data" (a new user)."""
    s = Server(tmp_path / "data").start()
    yield s
    s.stop()
