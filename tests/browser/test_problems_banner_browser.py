"""Start-up problems on a phone: one line above the tabs, Details lists them, Dismiss hides them.

An existing user's data folder (a finished day and a journal note, written through the store)
has a damaged settings file and a damaged practice file; the server moves both aside at start
(storage/quarantine.py) and the app says so in one line (daily/problems.py, screens/shell.py).
Screenshots: test-artifacts/screenshots/problems-banner-<width>[-details].png.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from content import load_insights
from storage import Store
from tests.browser.harness import (
    Server,
    block_outside_hosts,
    open_app_on_phone,
    phone_context,
    screenshot,
    served_now,
)

pytestmark = pytest.mark.browser

LINE = "Stepwise started with 2 problems: 2 data files needed attention."
NOTE = "A note from an existing user"
SIZES = ({"width": 360, "height": 740}, {"width": 430, "height": 932})


def seed(data) -> None:
    """An existing user's folder, then two files damaged as a failing disk could leave them."""
    insights = load_insights().insights
    now = served_now()
    with Store.open(data) as store:
        last_year = datetime(2025, 6, 10, 20, 0, tzinfo=timezone.utc)
        store.practice.mark_finished(insights[0].id, date(2025, 6, 10), last_year)
        yesterday = now - timedelta(days=1)
        store.practice.mark_finished(insights[1].id, yesterday.date(), yesterday)
        store.journal.add_note(yesterday.date(), NOTE, yesterday)
        store.settings.set("theme_mode", "dark")
    (data / "settings.json").write_bytes(b'{"_default": {"theme_mo')
    (data / "practice" / "2025.json").write_bytes(b"\x00\x00\x00 not json at all")


@pytest.fixture
def app_to_serve(tmp_path):
    seed(tmp_path / "data")
    # The harness must not open the folder before the server does: that opening would move the
    # damaged files aside itself, and the server would find nothing to report. No welcome
    # either way: a folder with history counts as an existing user's.
    return Server(tmp_path / "data", first_run_done=False)


def tap(page, name: str) -> None:
    """Activate a button the way a screen reader does."""
    button = page.get_by_role("button", name=name, exact=True)
    button.first.wait_for(state="attached", timeout=20_000)
    button.first.dispatch_event("click")


@pytest.mark.parametrize("size", SIZES, ids=[f"{s['width']}px" for s in SIZES])
def test_the_start_up_problems_are_one_line_with_details_and_dismiss(browser, server, size):
    moved = sorted(p.name for p in (server.data_dir / "corrupt").iterdir())
    assert [name.split("_", 1)[1] for name in moved] == ["practice_2025.json", "settings.json"]
    context = phone_context(browser, viewport=size)
    try:
        page = context.new_page()
        block_outside_hosts(page)
        open_app_on_phone(page, server.url)
        line = page.get_by_text(LINE, exact=True)
        line.wait_for(state="attached", timeout=30_000)
        page.get_by_role("button", name="Start today's practice").first.wait_for(state="attached")
        assert page.get_by_text("settings.json could not be read").count() == 0, "details shown before asked"
        for name in ("Details", "Dismiss"):
            box = page.get_by_role("button", name=name, exact=True).bounding_box()
            assert box["height"] >= 48 and box["width"] >= 48, (name, box)
            assert 0 <= box["x"] and box["x"] + box["width"] <= size["width"], (name, box)
        screenshot(page, f"problems-banner-{size['width']}")

        tap(page, "Details")
        for damaged in ("settings.json", "practice/2025.json"):
            detail = page.get_by_text(f"• {damaged} could not be read", exact=False)
            detail.first.wait_for(state="attached", timeout=20_000)
            text = detail.first.inner_text()
            assert f"moved to corrupt/{moved[0 if damaged.startswith('practice') else 1]}" in text, text
        page.get_by_role("button", name="Hide details", exact=True).wait_for(state="attached")
        screenshot(page, f"problems-banner-{size['width']}-details")

        tap(page, "Dismiss")
        line.wait_for(state="detached", timeout=20_000)
        assert page.get_by_text("settings.json could not be read").count() == 0
        assert page.get_by_role("button", name="Details", exact=True).count() == 0
        page.get_by_role("button", name="Start today's practice").first.wait_for(state="attached")
        screenshot(page, f"problems-banner-{size['width']}-dismissed")
    finally:
        context.close()
