"""A new user's first two days with the shipped books, on an Android phone (issue #14's journey).

Skip the welcome → Today has insight 1 of the first book on the shelf →
finish it ("Tomorrow: <insight 2>"; the pace chosen there: stay, then *Move on*) → the next morning (the server restarted
with STEPWISE_NOW a day on) Today has insight 2 → the Library says "1 of 8
practised" for that book → *Back to book* from the walk-through opens its page
→ a book added from Settings is on the shelf at once, marked *Added by you*.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from content import load_insights
from library.path import PACE_LABELS
from tests.browser.harness import open_app_on_phone, served_now
from tests.browser.pages import card, name_of, phone, shot, shown, tap
from tests.helpers.packs import make_book, zip_of

pytestmark = [pytest.mark.browser, pytest.mark.date_sensitive]


def test_skip_finish_next_day_library_progress_back_to_book_and_an_added_book(browser, serve, tmp_path):
    loaded = load_insights()
    book = loaded.books[0]
    first, second = loaded.insights_of(book.id)[:2]
    server = serve(tmp_path / "data", first_run_done=False)
    # Day 1: the welcome, skipped at once; Today has the first book's first insight.
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url)
    shown(page, "Welcome to Stepwise").wait_for(state="attached", timeout=30_000)
    tap(page, "button", re.compile("^Skip"))
    shown(page, first.title).wait_for(state="attached", timeout=30_000)
    shown(page, f"Insight 1 of {book.insights}").wait_for(state="attached")

    # Walk to the end and finish: the finish screen names tomorrow's insight.
    open_app_on_phone(page, server.url + "practice/6")
    tap(page, "button", "Finish")
    shown(page, "Today is practised").wait_for(state="attached", timeout=20_000)
    shown(page, f"Tomorrow: {second.title}").wait_for(state="attached", timeout=10_000)
    shot(page, "journey-finish-day-1")

    # The pace, on the finish screen: stay with this insight, then move on after all.
    tap(page, "radio", PACE_LABELS["stay"])
    shown(page, f"Tomorrow: {first.title}").wait_for(state="attached", timeout=10_000)
    tap(page, "button", "Move on")
    shown(page, f"Tomorrow: {second.title}").wait_for(state="attached", timeout=10_000)
    context.close()

    # Day 2, the next morning.
    server.stop()
    server.env["STEPWISE_NOW"] = (served_now() + timedelta(days=1)).isoformat()
    server.start()
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url)
    shown(page, second.title).wait_for(state="attached", timeout=30_000)
    shown(page, f"Insight 2 of {book.insights}").wait_for(state="attached")
    assert page.get_by_text("Welcome to Stepwise").count() == 0

    # The Library counts what was practised, on the followed book's card.
    tap(page, "tab", re.compile("^Library"))
    card(page, book.title).first.wait_for(state="attached", timeout=20_000)
    label = name_of(card(page, book.title))
    assert f"1 of {book.insights} practised" in label and "Following" in label
    shot(page, "journey-library-day-2")

    # Back to book from the walk-through: the book page, insight 1 practised, 2 today's.
    open_app_on_phone(page, server.url + "practice/2")
    tap(page, "button", "Back to book")
    shown(page, "About this book").wait_for(state="attached", timeout=20_000)
    page.wait_for_function("(id) => location.pathname === '/book/' + id", arg=book.id, timeout=10_000)
    assert "Today" in name_of(page.get_by_role("button", name=re.compile(r"^Insight 2: ")))
    assert "Practised" in name_of(page.get_by_role("button", name=re.compile(r"^Insight 1: ")))
    shot(page, "journey-book-day-2")

    # A book added from Settings is on the shelf at once.
    pack = zip_of(make_book(tmp_path / "made"))
    open_app_on_phone(page, server.url + "settings")
    adder = page.get_by_role("button", name="Add a book from a file")
    adder.first.wait_for(state="attached", timeout=30_000)
    with page.expect_file_chooser(timeout=15_000) as chooser:
        adder.first.dispatch_event("click")
    chooser.value.set_files(str(pack))
    shown(page, "It is in the Library now").wait_for(state="attached", timeout=30_000)
    tap(page, "tab", re.compile("^Library"))
    added = card(page, "My Own Book")
    added.first.wait_for(state="attached", timeout=20_000)
    assert name_of(added).endswith("Added by you")
    context.close()
    assert all("127.0.0.1" not in url for url in blocked)
