"""Progress in a real browser at phone size: honest numbers, a calendar to tap, day records,
the mission on Today, step check-ins, outcome tracking and a milestone celebration.

Data dirs are written through `storage.Store` before the server starts, with dates
relative to the local today (the server uses the same machine's clock and zone).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from content import load_insights
from screens.progress_calendar import day_name
from storage import Store
from tests.browser.harness import (PHONE, block_outside_hosts, open_app, reveal, screenshot, served_now,
                                   type_into)

pytestmark = [pytest.mark.browser, pytest.mark.date_sensitive]

INSIGHT = load_insights().insights[0]
OUTCOME = "Requests I answered with 'what problem does this solve?'"


def local_today() -> date:
    return served_now().date()


def evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 20, 0, tzinfo=served_now().tzinfo)


def seed_ten_days(data_dir, today: date) -> dict[str, list[date]]:
    """10 practised days: 7 in a row (earning a freeze), 1 missed (frozen), 3 more up to today."""
    practised = [today - timedelta(days=n) for n in range(10, 3, -1)] + [today - timedelta(days=n) for n in (2, 1, 0)]
    with Store.open(data_dir) as store:
        for day in practised:
            store.practice.mark_finished(INSIGHT.id, day, evening(day))
        record_day = today - timedelta(days=2)
        store.practice.set_position(INSIGHT.id, record_day, 6)
        store.practice.set_step_done(INSIGHT.id, 0, record_day, True, evening(record_day))
        store.practice.set_step_done(INSIGHT.id, 2, record_day, True, evening(record_day))
        store.journal.save_answer(INSIGHT.id, 0, INSIGHT.questions[0], record_day,
                                  "About half of them, if I am honest.", evening(record_day))
        store.outcomes.define(INSIGHT.id, OUTCOME, "number", evening(today - timedelta(days=8)))
        for n, value in enumerate([1, 2, 2, 3, 1, 4, 5]):
            day = today - timedelta(days=7 - n)
            store.outcomes.log(INSIGHT.id, day, value, evening(day))
        store.outcomes.log(INSIGHT.id, record_day, 4, evening(record_day))
    return {"practised": practised, "frozen": [today - timedelta(days=3)]}


@pytest.fixture
def page_at_phone_size(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    blocked = block_outside_hosts(page)
    yield page
    context.close()
    assert all("127.0.0.1" not in url for url in blocked)


def test_progress_shows_the_seeded_history_and_a_tapped_day_opens_its_record(
        tmp_path, serve, page_at_phone_size):
    page = page_at_phone_size
    today = local_today()
    data = tmp_path / "history" / "data"
    seeded = seed_ten_days(data, today)
    server = serve(data)
    open_app(page, server.url)
    page.get_by_role("tab", name="Progress").click()

    # The numbers: 10 in a row (the frozen day protects the streak but does not count).
    page.get_by_text("Current streak: 10 days", exact=True).wait_for(timeout=30_000)
    page.get_by_text("Longest streak: 10 days", exact=True).wait_for()
    page.get_by_text("Practised: 10 days in all", exact=True).wait_for()
    page.get_by_text("Freezes held: 0 of 2", exact=True).wait_for()
    screenshot(page, "progress-01-numbers")

    # The calendar: every seeded day by its spoken label.
    cells = page.get_by_role("button", name=re.compile(r"^\w+day \d+ \w+(, today)?: "))
    assert cells.count() == 12 * 7 - (6 - today.weekday())  # days to come open no record
    practised = page.get_by_role("button", name=re.compile(r"^\w+day \d+ \w+(, today)?: practised$"))
    assert practised.count() == 10
    for day in seeded["practised"][:-1]:
        assert page.get_by_role("button", name=f"{day_name(day)}: practised", exact=True).count() == 1
    page.get_by_role("button", name=f"{day_name(today)}, today: practised", exact=True).wait_for()
    frozen = seeded["frozen"][0]
    page.get_by_role("button", name=f"{day_name(frozen)}: missed, covered by a streak freeze",
                     exact=True).wait_for()
    before = today - timedelta(days=11)
    page.get_by_role("button", name=f"{day_name(before)}: before you started", exact=True).wait_for()
    assert page.get_by_role("button", name=re.compile(r": missed$")).count() == 0
    # Paging: nothing before these 12 weeks, and this is the latest page.
    assert page.get_by_role("button", name="Earlier").is_disabled()
    assert page.get_by_role("button", name="Later").is_disabled()
    reveal(page, page.get_by_role("button", name=f"{day_name(today)}, today: practised", exact=True))
    screenshot(page, "progress-02-calendar")

    # The outcome's trend, as a chart and in words.
    trend = page.get_by_text(re.compile(r"^7 days logged in the last 30 days; latest 5 on "))
    reveal(page, trend)
    page.wait_for_timeout(800)  # let the chart's entry animation finish
    screenshot(page, "progress-03-outcome-chart")
    page.get_by_text(re.compile(r"^Chart of Requests I answered")).wait_for()

    # Tap a day: its record.
    record_day = today - timedelta(days=2)
    cell = page.get_by_role("button", name=f"{day_name(record_day)}: practised", exact=True)
    reveal(page, cell)
    cell.click()
    page.get_by_text("Day record").wait_for()
    page.get_by_text(day_name(record_day)).first.wait_for()
    page.get_by_text("Practised: this day counts for your streak.").wait_for()
    page.get_by_text("Read it through to the end and finished the practice.").wait_for()
    page.get_by_text(f"Step 1, {INSIGHT.steps[0].title}: practised", exact=True).wait_for()
    page.get_by_text(f"Step 2, {INSIGHT.steps[1].title}: not practised", exact=True).wait_for()
    page.get_by_text(f"Step 3, {INSIGHT.steps[2].title}: practised", exact=True).wait_for()
    page.get_by_text("Action steps practised (2 of 4)").wait_for()
    page.get_by_text("About half of them, if I am honest.").wait_for()
    screenshot(page, "progress-04-day-record")
    reveal(page, page.get_by_text(f"{OUTCOME}: 4"), bottom_margin=10)  # no tab bar here

    # The frozen day's record says what happened, and Back returns to Progress.
    page.get_by_role("button", name="Back to Progress").click()
    frozen_cell = page.get_by_role("button", name=f"{day_name(frozen)}: missed, covered by a streak freeze")
    reveal(page, frozen_cell)
    frozen_cell.click()
    page.get_by_text(re.compile("^Missed, but a streak freeze covered it")).wait_for()
    page.get_by_text("Action steps practised (0 of 4)").wait_for()
    page.get_by_text("No reflection answers written this day.").wait_for()
    assert page.get_by_text("Read it through to the end", exact=False).count() == 0
    reveal(page, page.get_by_text(f"{OUTCOME}: 1"), bottom_margin=10)  # logged, though not practised

    # A day with nothing at all says so.
    page.get_by_role("button", name="Back to Progress").click()
    empty = page.get_by_role("button", name=f"{day_name(before)}: before you started", exact=True)
    reveal(page, empty)
    empty.click()
    page.get_by_text("Before your first practised day.").wait_for()
    page.get_by_text("Nothing was read, practised or written on this day.").wait_for()


def test_earlier_weeks_page_back_and_forth_in_dark_mode(tmp_path, serve, page_at_phone_size):
    page = page_at_phone_size
    today = local_today()
    data = tmp_path / "paging" / "data"
    old = today - timedelta(weeks=14)
    with Store.open(data) as store:
        store.settings.set("theme_mode", "dark")
        for day in [old, old + timedelta(days=1)] + [today - timedelta(days=n) for n in (4, 2, 1)]:
            store.practice.mark_finished(INSIGHT.id, day, evening(day))
    server = serve(data)
    open_app(page, server.url + "progress")
    page.get_by_text("Current streak: 2 days", exact=True).wait_for(timeout=30_000)
    # A day missed after the start is a plain miss here (no freeze held).
    page.get_by_role("button", name=f"{day_name(today - timedelta(days=3))}: missed", exact=True).wait_for()
    assert page.get_by_role("button", name=f"{day_name(old)}: practised", exact=True).count() == 0
    earlier = page.get_by_role("button", name="Earlier")
    assert not earlier.is_disabled()
    screenshot(page, "progress-05-dark")
    earlier.click()
    page.get_by_role("button", name=f"{day_name(old)}: practised", exact=True).wait_for()
    assert page.get_by_role("button", name="Earlier").is_disabled()
    later = page.get_by_role("button", name="Later")
    assert not later.is_disabled()
    reveal(page, page.get_by_role("button", name=f"{day_name(old)}: practised", exact=True))
    screenshot(page, "progress-06-earlier-weeks-dark")
    later.click()
    page.get_by_role("button", name=f"{day_name(today - timedelta(days=1))}: practised", exact=True).wait_for()


def test_mission_steps_outcome_and_a_milestone_in_one_day(tmp_path, serve, page_at_phone_size):
    page = page_at_phone_size
    today = local_today()
    data = tmp_path / "day" / "data"
    # Today's insight is the one whose first step asks for the mission: the path
    # (library/path.py) gives the first insight of the book not finished yet, so
    # every one before it was finished, over the six days before (the last again).
    insights = load_insights().insights
    todays = next(i for i in insights if i.steps[0].mission)
    before = [i for i in insights if i.book_id == todays.book_id and i.position < todays.position]
    assert before, "the mission insight is first in its book: nothing to finish before it"
    with Store.open(data) as store:
        for n in range(6, 0, -1):  # six days in a row: today's practice makes seven
            day = today - timedelta(days=n)
            store.practice.mark_finished(before[min(6 - n, len(before) - 1)].id, day, evening(day))
        store.library.follow(todays.book_id)
    server = serve(data)
    first_mission = "Help shoppers finish checkout without friction."
    second_mission = "Make every release move one number our customers feel."
    try:
        # Step 1 of the walk-through asks for the mission.
        open_app(page, server.url + "practice/3")
        field = page.get_by_role("textbox", name="Your mission in one or two sentences")
        field.wait_for(timeout=30_000)
        type_into(page, field, first_mission, scroll=True)
        page.get_by_role("button", name="Save mission").click()
        page.get_by_text("Saved as your mission on Today.").first.wait_for()  # also announced

        # Finishing today makes 7 days in a row: a short celebration.
        open_app(page, server.url + "practice/7")
        page.get_by_text("Today is practised").wait_for(timeout=30_000)
        page.get_by_text("7 days in a row!").wait_for()
        screenshot(page, "progress-07-milestone")
        page.get_by_role("button", name="Back to Today").click()

        # Today: the mission stands at the top; revise it, the first version is kept.
        page.get_by_text("Your mission", exact=True).wait_for()
        page.get_by_text(first_mission).wait_for()
        page.get_by_role("button", name="Revise").click()
        editor = page.get_by_role("textbox", name="Your mission in one or two sentences")
        type_into(page, editor, second_mission, replace=True, scroll=True)
        page.get_by_role("button", name="Save mission").click()
        page.get_by_text(second_mission).wait_for()
        page.get_by_role("button", name="Earlier versions (1)").click()
        page.get_by_text(first_mission).wait_for()
        page.get_by_text(re.compile(r"^Version 1, ")).wait_for()
        screenshot(page, "progress-08-today-mission")

        # Steps as daily habits, checked from Today.
        box = page.get_by_role("checkbox", name=re.compile(r"Practised today: step 2,"))
        reveal(page, box)
        box.click()
        page.get_by_text("1 day in a row · 1 in all").wait_for()

        # Name an outcome and log today's number.
        name_it = page.get_by_role("button", name="Name an outcome")
        reveal(page, name_it)
        name_it.click()
        type_into(page, page.get_by_role("textbox", name="The outcome you want"), OUTCOME, scroll=True)
        page.get_by_role("radio", name=re.compile("^A number each day")).click()
        page.get_by_role("button", name="Save outcome").click()
        page.get_by_role("button", name="Rename").wait_for()  # the card has its new shape
        number = page.get_by_role("textbox", name="Today's number")
        type_into(page, number, "3", scroll=True)
        # The "3" is in the field's editing element before Log is tapped. (It
        # used to go missing about one run in five: typed within a few ms of
        # the new field's focus, it never reached Flutter. type_into now waits.)
        page.wait_for_function("() => document.activeElement && document.activeElement.value === '3'",
                               timeout=10_000)
        page.get_by_role("button", name="Log", exact=True).click()
        page.get_by_text("Logged today: 3").wait_for()
        screenshot(page, "progress-09-today-steps-outcome")

        # Progress: the streak is 7, the milestone reached, the outcome charted.
        page.get_by_role("tab", name="Progress").click()
        page.get_by_text("Current streak: 7 days", exact=True).wait_for()
        page.get_by_text("Milestone 7 days: reached", exact=True).wait_for()
        page.get_by_text("Milestone 30 days: not reached yet", exact=True).wait_for()
        trend = page.get_by_text(re.compile(r"^1 day logged in the last 30 days; latest 3 on "))
        reveal(page, trend)
        step = page.get_by_text(re.compile(rf"^Step 2, {re.escape(todays.steps[1].title)}: 1 day in a row"))
        reveal(page, step)
    finally:
        screenshot(page, "progress-last-state-mission-test")


def test_day_start_hour_is_a_setting_with_its_help(tmp_path, serve, page_at_phone_size):
    page = page_at_phone_size
    data = tmp_path / "settings" / "data"
    with Store.open(data) as store:
        store.settings.set("day_start_hour", 3)
    server = serve(data)
    open_app(page, server.url + "settings")
    help_text = page.get_by_text(re.compile(r"^Practice before this hour still counts for the day before"))
    reveal(page, help_text)
    page.get_by_text("3 AM").first.wait_for()
    screenshot(page, "progress-10-settings-day-start")


def test_a_new_user_can_write_the_mission_on_today_too(tmp_path, serve, page_at_phone_size):
    page = page_at_phone_size
    data = tmp_path / "new" / "data"
    server = serve(data)
    open_app(page, server.url)
    page.get_by_role("button", name="Write your mission").click(timeout=30_000)
    type_into(page, page.get_by_role("textbox", name="Your mission in one or two sentences"),
              "Help my team ship what customers need.", scroll=True)
    page.get_by_role("button", name="Save mission").click()
    page.get_by_text("Help my team ship what customers need.").wait_for()
    page.get_by_role("button", name="Revise").wait_for()
    assert page.get_by_role("button", name=re.compile("^Earlier versions")).count() == 0
