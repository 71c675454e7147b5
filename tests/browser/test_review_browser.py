"""Reviewing an insight at phone size (Android, touch), with the Library's fixture books:
eight practised days with an outcome -> Today offers the review -> keep two steps, adapt
one, drop one -> the path moves on -> Today shows "Your habits" -> What works for me
lists them with their evidence."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

from content.packs import added_folder  # noqa: E402
from storage import Store  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    SERVED_ZONE,
    Server,
    open_app_on_phone,
    reveal,
    scroll_down_to,
    scroll_through,
    scroll_to_top,
    type_into,
)
from tests.browser.library_books import ADDED, today, write_books
from tests.browser.contrast import low_contrast  # noqa: E402
from tests.browser.pages import WIDE, phone, shot, shown, tap  # noqa: E402

pytestmark = pytest.mark.browser

INSIGHT = "small-focus-1"
TITLE = "One Thing at a Time"


def seed_eight_days(data) -> None:
    """A user staying with Small Focus's first insight: practised on the last eight days
    (finished, steps ticked), an outcome logged on six of them, one answer written."""
    store = Store.open(data)
    zone = ZoneInfo(SERVED_ZONE)
    try:
        store.library.follow("small-focus")
        store.library.set_pace("stay")
        store.library.set_first_run_done(True)
        for back in range(8, 0, -1):
            day = today() - timedelta(days=back)
            at = datetime.combine(day, time(20), tzinfo=zone)
            store.practice.mark_finished(INSIGHT, day, at)
            for step in (0, 1) if back % 2 else (0, 1, 2):
                store.practice.set_step_done(INSIGHT, step, day, True, at)
        first = today() - timedelta(days=8)
        store.outcomes.define(INSIGHT, "Deep-work minutes", "number",
                              datetime.combine(first, time(20), tzinfo=zone))
        for back, value in ((8, 40), (7, 45), (5, 50), (4, 60), (2, 55), (1, 70)):
            day = today() - timedelta(days=back)
            store.outcomes.log(INSIGHT, day, value, datetime.combine(day, time(21), tzinfo=zone))
        store.journal.save_answer(INSIGHT, 0, "One?", first, "My phone pulls me away every few minutes.",
                                  datetime.combine(first, time(20, 30), tzinfo=zone))
    finally:
        store.close()


@pytest.fixture
def app_to_serve(tmp_path):
    books = write_books(tmp_path / "books")
    data = tmp_path / "data"
    seed_eight_days(data)
    write_books(added_folder(data), [ADDED])
    return Server(data, extra_args=["--content-dir", str(books)])


def radio(page, step: int, choice: str):
    """The Keep/Adapt/Drop radio of step `step` (1-based), inside that step's named group."""
    group = page.get_by_label(re.compile(rf"^Step {step}: .*Keep, adapt or drop\?$"))
    return group.get_by_role("radio", name=choice, exact=True).first


def test_review_keep_adapt_drop_then_your_habits_and_what_works(browser, server):
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url)
    shown(page, "Insight 1 of 4 · Small Focus").wait_for(state="attached", timeout=30_000)
    offer = page.get_by_role("button", name=f"Review “{TITLE}”")
    scroll_down_to(page, offer)
    scroll_down_to(page, page.get_by_role("button", name="Later"))
    shown(page, "You have practised “One Thing at a Time” on 8 days").wait_for(state="attached")
    shot(page, "review-offer-today-360")
    offer.first.dispatch_event("click")

    # The evidence: the outcome in words, the answer, each step's check-ins.
    shown(page, "Practised on 8 days since").wait_for(state="attached", timeout=20_000)
    assert page.url.endswith(f"/review/{INSIGHT}")
    shown(page, "Deep-work minutes").wait_for(state="attached")
    chart = page.get_by_text(re.compile(r"^Chart of Deep-work minutes since \d+ \w+: From 40 on .* to 70 on"))
    scroll_down_to(page, chart)
    shot(page, "review-evidence-360")
    answer = shown(page, "My phone pulls me away every few minutes.")
    scroll_down_to(page, answer)
    keep_1 = radio(page, 1, "Keep")
    scroll_down_to(page, keep_1)
    shown(page, "Checked off on 8 days · longest run 8 days").wait_for(state="attached")

    # Saving before every step is chosen says which one is missing.
    save = page.get_by_role("button", name="Save my review")
    scroll_down_to(page, save)
    save.first.dispatch_event("click")
    shown(page, "Choose keep, adapt or drop for step 1").wait_for(state="attached", timeout=10_000)

    scroll_to_top(page)
    for step, choice in ((1, "Keep"), (2, "Keep"), (3, "Adapt")):
        control = radio(page, step, choice)
        scroll_down_to(page, control)
        control.dispatch_event("click")
        expect(control).to_be_checked(timeout=10_000)
    own_words = page.get_by_role("textbox", name=re.compile("Step 3 in your own words"))
    scroll_down_to(page, own_words)
    type_into(page, own_words.first, "Phone in the drawer until lunch", replace=True, scroll=True)
    drop_4 = radio(page, 4, "Drop")
    scroll_down_to(page, drop_4)
    drop_4.dispatch_event("click")
    reason = page.get_by_role("textbox", name=re.compile("Why not for you"))
    scroll_down_to(page, reason)
    scroll_through(page)  # to the end of the screen: the field sits just above Save
    type_into(page, reason.first, "Weekends are family time")
    shot(page, "review-choices-360")
    save = page.get_by_role("button", name="Save my review")
    scroll_down_to(page, save)
    save.first.dispatch_event("click")

    shown(page, "Kept 2 steps, adapted 1, dropped 1.").wait_for(state="attached", timeout=20_000)
    shot(page, "review-saved-360")
    # Staying with the insight: the path moves on from here.
    tap(page, "button", "Move on to the next insight")

    # Today: the next insight, and the kept and adapted steps under Your habits.
    shown(page, "Insight 2 of 4 · Small Focus").wait_for(state="attached", timeout=20_000)
    habit = page.get_by_role("checkbox", name="Practised today: your habit Phone in the drawer until lunch")
    scroll_down_to(page, habit)
    shown(page, "Your habits").wait_for(state="attached")
    for kept in ("Step 1", "Step 2"):
        assert page.get_by_role("checkbox", name=f"Practised today: your habit {kept}").count() == 1
    assert page.get_by_role("checkbox", name="Practised today: your habit Step 4").count() == 0
    assert page.get_by_role("button", name=f"Review “{TITLE}”").count() == 0
    habit.first.dispatch_event("click")
    expect(habit.first).to_be_checked(timeout=10_000)
    run = shown(page, "1 day in a row · from One Thing at a Time")
    scroll_down_to(page, run)
    reveal(page, run)
    shot(page, "review-your-habits-360")
    # A habit's check-in is not the day's practice: today is still open.
    scroll_to_top(page)
    shown(page, "Today's practice is still open.").wait_for(state="attached")

    # Progress -> What works for me: the evidence in one line each, and the drop with its reason.
    tap(page, "tab", "Progress")
    link = page.get_by_role("button", name="What works for me")
    scroll_down_to(page, link)
    link.first.dispatch_event("click")
    shown(page, "Tried, not for me").wait_for(state="attached", timeout=20_000)
    line = shown(page, "Phone in the drawer until lunch")
    line.wait_for(state="attached")
    evidence = re.compile(r"^adapted \d+ \w+ · practised 5 of 9 days · Deep-work minutes 40 → 70$")
    page.get_by_text(evidence).or_(page.get_by_label(evidence)).first.wait_for(state="attached", timeout=10_000)
    kept = re.compile(r"^kept \d+ \w+ · practised 8 of 9 days · Deep-work minutes 40 → 70$")
    assert page.get_by_text(kept).or_(page.get_by_label(kept)).count() >= 1
    shown(page, "Dropped “Step 4”").wait_for(state="attached")
    drop = shown(page, "Weekends are family time")
    scroll_down_to(page, drop)
    shot(page, "review-what-works-360")
    context.close()
    assert not blocked


def test_review_and_what_works_read_well_in_dark_mode_on_a_wide_phone(browser, server):
    """430 px, dark: the review's evidence and choices, its saved view and What works for me
    keep WCAG AA text contrast (the same measure as tests/browser/test_a11y_browser.py)."""
    context, page, blocked = phone(browser, viewport=WIDE, scheme="dark")
    problems: list[str] = []
    open_app_on_phone(page, server.url + f"review/{INSIGHT}")
    shown(page, "Practised on 8 days since").wait_for(state="attached", timeout=30_000)
    shot(page, "review-evidence-430-dark")
    problems += low_contrast(page, "review-top")
    for step in range(1, 5):
        control = radio(page, step, "Keep")
        scroll_down_to(page, control)
        control.dispatch_event("click")
        expect(control).to_be_checked(timeout=10_000)
        problems += low_contrast(page, f"review-step-{step}")
    shot(page, "review-choices-430-dark")
    save = page.get_by_role("button", name="Save my review")
    scroll_down_to(page, save)
    save.first.dispatch_event("click")
    shown(page, "Kept 4 steps").wait_for(state="attached", timeout=20_000)
    shot(page, "review-saved-430-dark")
    problems += low_contrast(page, "review-saved")

    tap(page, "button", "What works for me")
    kept = re.compile(r"^kept \d+ \w+ · practised 8 of 9 days · Deep-work minutes 40 → 70$")
    page.get_by_text(kept).or_(page.get_by_label(kept)).first.wait_for(state="attached", timeout=30_000)
    shot(page, "review-what-works-430-dark")
    problems += low_contrast(page, "what-works")
    context.close()
    assert not problems, "\n".join(problems)
    assert not blocked

