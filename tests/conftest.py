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
