"""The Library at phone size (Android, touch), with fixture books: shelves, filter, search,
a book page's statuses, reading an insight that is not today's and swapping it in,
*Back to book* from the walk-through, the finish screen's next book."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
expect = pytest.importorskip("playwright.sync_api").expect

from content.packs import added_folder
from storage import Store
from tests.browser.harness import (
    SERVED_ZONE,
    Server,
    open_app_on_phone,
    scroll_down_to,
    scroll_through,
    scroll_to_top,
    type_into,
)
from tests.browser.library_books import ADDED, today, write_books
from tests.browser.pages import NARROW, WIDE, card, name_of, phone, row, shot, shown, tap

pytestmark = pytest.mark.browser


def seed(data: Path, following: str, finished: dict[date, str], pace: str = "daily") -> None:
    """A user who follows `following` and finished these insights on these days."""
    store = Store.open(data)
    try:
        store.library.follow(following)
        store.library.set_pace(pace)
        store.library.set_first_run_done(True)
        zone = ZoneInfo(SERVED_ZONE)
        for day, insight_id in finished.items():
            store.practice.mark_finished(insight_id, day, datetime.combine(day, time(20), tzinfo=zone))
    finally:
        store.close()


@pytest.fixture
def books(tmp_path):
    return write_books(tmp_path / "books")


@pytest.fixture
def served(serve, tmp_path, books):
    """A server on the fixture books; `served(following, finished)` seeds and starts it."""
    count = itertools.count()

    def start(following: str = "small-focus", finished: dict[date, str] | None = None,
              pace: str = "daily") -> Server:
        data = tmp_path / f"data{next(count)}"
        seed(data, following, finished or {}, pace)
        write_books(added_folder(data), [ADDED])
        return serve(data, extra_args=["--content-dir", str(books)])

    return start


def test_library_shelves_filter_search_and_book_statuses(browser, served):
    yesterday = today() - timedelta(days=2)
    server = served("small-focus", {yesterday: "small-focus-1"})
    for scheme in ("light", "dark"):
        for viewport in (NARROW, WIDE):
            context, page, _ = phone(browser, viewport, scheme)
            open_app_on_phone(page, server.url + "library")
            card(page, "Small Focus").wait_for(state="attached", timeout=30_000)
            shot(page, f"library-shelf-{viewport['width']}-{scheme}")
            context.close()

    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url)
    # The fifth destination of the bottom bar.
    assert page.get_by_role("tab").count() == 5
    tap(page, "tab", "Library")
    small = card(page, "Small Focus")
    small.wait_for(state="attached", timeout=30_000)
    label = name_of(small)
    assert "Small Focus, by Ada Example, 2020" in label
    assert "4 insights · about 1 min each" in label
    assert "1 of 4 practised" in label and "Following" in label
    assert "Following" not in name_of(card(page, "Tiny Steps"))
    assert "0 of 2 practised" in name_of(card(page, "Tiny Steps"))
    assert "Added by you" not in name_of(card(page, "Tiny Steps"))
    own = card(page, "My Own Notes")
    scroll_down_to(page, own)
    scroll_through(page)  # to the end of the shelf, where the added book's mark shows
    assert name_of(own).endswith("0 of 1 practised. Added by you")
    shot(page, "library-shelf-added-360")
    scroll_to_top(page)
    # Grouped by theme, a heading each, in the shelves' order.
    page.get_by_text("Habits and focus", exact=True).last.wait_for(state="attached")
    scroll_down_to(page, page.get_by_text("Working with people", exact=True))
    scroll_down_to(page, card(page, "The Long and Winding"))
    scroll_to_top(page)

    # Filter: one theme; a book whose second theme it is stands under it too.
    chip = lambda name: page.get_by_role("checkbox", name=name, exact=True)  # noqa: E731
    expect(chip("All")).to_be_checked()
    tap(page, "checkbox", "Thinking clearly")
    expect(chip("Thinking clearly")).to_be_checked(timeout=10_000)
    expect(chip("All")).not_to_be_checked()
    card(page, "Tiny Steps").wait_for(state="attached")
    expect(card(page, "Small Focus")).to_have_count(0, timeout=10_000)
    tap(page, "checkbox", "Leading products")
    shown(page, "No books in Leading products yet.").wait_for(state="attached")
    tap(page, "checkbox", "All")
    card(page, "Small Focus").wait_for(state="attached")

    # Search by title or author.
    search = page.get_by_role("textbox", name="Search by title or author")
    type_into(page, search, "dummy")
    card(page, "The Long and Winding").wait_for(state="attached")
    expect(card(page, "Small Focus")).to_have_count(0, timeout=10_000)
    type_into(page, search, "no such book", replace=True)
    shown(page, "No books match “no such book”.").wait_for(state="attached")
    shot(page, "library-search-empty-360")
    type_into(page, search, "small", replace=True)
    card(page, "Small Focus").wait_for(state="attached")

    # The book page: about, following, each insight's status.
    card(page, "Small Focus").first.dispatch_event("click")
    shown(page, "About this book").wait_for(state="attached", timeout=20_000)
    shown(page, "Small Focus shows, in our own words").wait_for(state="attached")
    shown(page, "Following this book").wait_for(state="attached")
    shown(page, "1 of 4 practised").wait_for(state="attached")
    day = f"{yesterday.day} {yesterday.strftime('%b')}"
    for position, status in ((1, f"Practised {day}"), (2, "Today's"), (3, "Next"), (4, "Not yet")):
        name = row(page, position)
        scroll_down_to(page, name)
        assert name_of(name).endswith(status), (position, status)
    shot(page, "library-book-360")
    tap(page, "button", "Back to the Library")
    card(page, "Small Focus").wait_for(state="attached")

    # Another book: Follow this book, then it is the one followed.
    card(page, "Tiny Steps").first.dispatch_event("click")
    tap(page, "button", "Follow this book")
    shown(page, "Following this book").wait_for(state="attached", timeout=10_000)
    assert name_of(row(page, 1)).endswith("Today's")
    context.close()

    # An unknown book: a clear message and a way back.
    context, page, more = phone(browser)
    open_app_on_phone(page, server.url + "book/no-such-book")
    shown(page, "Book not found").wait_for(state="attached", timeout=30_000)
    shown(page, "There is no book “no-such-book” in your Library").wait_for(state="attached")
    tap(page, "button", "See all books")
    card(page, "Small Focus").wait_for(state="attached", timeout=20_000)
    context.close()
    assert not blocked and not more


def test_read_another_insight_swap_it_in_and_back_to_book(browser, served):
    server = served("small-focus", {today() - timedelta(days=1): "small-focus-1"})
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url)
    # Today: the book line and Open book.
    shown(page, "Insight 2 of 4 · Small Focus").wait_for(state="attached", timeout=30_000)
    shown(page, "Close the Inbox").wait_for(state="attached")
    tap(page, "button", "Open book")
    shown(page, "About this book").wait_for(state="attached", timeout=20_000)

    # Read insight 3 (Next): the walk-through's layout, marked as reading, no checkboxes.
    scroll_down_to(page, row(page, 3))
    row(page, 3).first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/read/small-focus-3/1$"), timeout=10_000)
    shown(page, "Reading, not today's practice. Part 1 of 7").wait_for(state="attached", timeout=20_000)
    shown(page, "Insight 3 of 4 · Small Focus").wait_for(state="attached")
    shown(page, "A Quiet Hour: the first paragraph").wait_for(state="attached")
    shot(page, "library-read-360")
    for part in range(2, 8):
        tap(page, "button", "Next")
        shown(page, f"Reading, not today's practice. Part {part} of 7").wait_for(state="attached", timeout=10_000)
        if part == 3:
            assert page.get_by_role("checkbox").count() == 0
        if part == 4:
            assert page.get_by_role("textbox").count() == 0
    shown(page, "Practise it?").wait_for(state="attached")
    shot(page, "library-read-end-360")

    # Practise this today instead: the walk-through opens it, and Today shows it.
    tap(page, "button", "Practise this today instead")
    page.wait_for_url(re.compile(r"/practice/1$"), timeout=10_000)
    shown(page, "Part 1 of 7").wait_for(state="attached", timeout=20_000)
    shown(page, "Insight 3 of 4 · Small Focus").wait_for(state="attached")
    shown(page, "A Quiet Hour: the first paragraph").wait_for(state="attached")
    shot(page, "library-walkthrough-header-360")

    # Back to book from the walk-through (after a Next whose address move is pending).
    tap(page, "button", "Next")
    shown(page, "Part 2 of 7").wait_for(state="attached")
    tap(page, "button", "Back to book")
    shown(page, "About this book").wait_for(state="attached", timeout=20_000)
    page.wait_for_timeout(800)
    assert page.url.endswith("/book/small-focus")
    scroll_down_to(page, row(page, 3))
    assert name_of(row(page, 3)).endswith("Today's")
    assert name_of(row(page, 2)).endswith(("Next", "Not yet"))
    tap(page, "button", "Back to the Library")
    tap(page, "tab", "Today")
    shown(page, "A Quiet Hour").wait_for(state="attached", timeout=20_000)
    shown(page, "Insight 3 of 4 · Small Focus").wait_for(state="attached")
    assert shown(page, "Close the Inbox").count() == 0

    # Today's insight opened from the book page goes to the ordinary walk-through.
    tap(page, "button", "Open book")
    scroll_down_to(page, row(page, 3))
    row(page, 3).first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/practice/\d$"), timeout=10_000)
    context.close()
    assert not blocked


def test_finishing_a_book_suggests_the_next_and_today_celebrates_it(browser, served):
    # Tiny Steps has two insights; the first was practised yesterday.
    server = served("tiny-steps", {today() - timedelta(days=1): "tiny-steps-1"})
    for viewport in (NARROW, WIDE):
        context, page, _ = phone(browser, viewport)
        open_app_on_phone(page, server.url + "practice/6")
        shown(page, "Part 6 of 7").wait_for(state="attached", timeout=30_000)
        tap(page, "button", "Finish")
        shown(page, "Today is practised").wait_for(state="attached", timeout=20_000)
        shown(page, "You finished Tiny Steps").wait_for(state="attached")
        page.wait_for_timeout(500)
        shot(page, f"library-finish-book-{viewport['width']}")
        context.close()

    # Same theme first: Small Focus; Follow it, and tomorrow is its first insight.
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url + "practice/7")
    shown(page, "You finished Tiny Steps").wait_for(state="attached", timeout=30_000)
    follow = page.get_by_role("button", name="Follow Small Focus")
    scroll_down_to(page, follow)
    follow.first.dispatch_event("click")
    shown(page, "Tomorrow: One Thing at a Time").wait_for(state="attached", timeout=10_000)
    shot(page, "library-finish-tomorrow-360")
    context.close()

    # A finished book and nothing today: Today celebrates it instead of "No insight".
    server = served("tiny-steps", {today() - timedelta(days=2): "tiny-steps-1",
                                   today() - timedelta(days=1): "tiny-steps-2"})
    context, page, more = phone(browser)
    open_app_on_phone(page, server.url)
    shown(page, "You finished Tiny Steps").wait_for(state="attached", timeout=30_000)
    assert shown(page, "No insight to practise").count() == 0
    shot(page, "library-today-book-done-360")
    tap(page, "button", "See all books")
    card(page, "Small Focus").wait_for(state="attached", timeout=20_000)
    tap(page, "tab", "Today")
    follow = page.get_by_role("button", name="Follow Small Focus")
    follow.first.wait_for(state="attached", timeout=20_000)
    follow.first.dispatch_event("click")
    shown(page, "Insight 1 of 4 · Small Focus").wait_for(state="attached", timeout=10_000)
    context.close()
    assert not blocked and not more


def test_reading_after_today_is_finished_says_why_it_cannot_be_swapped(browser, served):
    server = served("small-focus", {today(): "small-focus-1"})
    context, page, blocked = phone(browser)
    open_app_on_phone(page, server.url + "read/kind-words-2/7")
    shown(page, "Practise it?").wait_for(state="attached", timeout=30_000)
    shown(page, "Today's practice is already finished").wait_for(state="attached")
    assert page.get_by_role("button", name="Practise this today instead").count() == 0
    shown(page, "Insight 2 of 3 · The Long and Winding").wait_for(state="attached")
    shot(page, "library-read-end-finished-360")
    tap(page, "button", "Back to book")
    shown(page, "About this book").wait_for(state="attached", timeout=20_000)
    assert page.url.endswith("/book/kind-words")
    context.close()
    assert not blocked


def test_stay_pace_keeps_the_insight_until_move_on(browser, served):
    server = served("small-focus", {today() - timedelta(days=1): "small-focus-1"}, pace="stay")
    context, page, blocked = phone(browser)
    # Stay: yesterday's insight is today's again.
    open_app_on_phone(page, server.url)
    shown(page, "Insight 1 of 4 · Small Focus").wait_for(state="attached", timeout=30_000)
    tap(page, "button", re.compile("^(Start|Resume) today's practice"))
    shown(page, "Part 1 of 7").wait_for(state="attached", timeout=20_000)
    for part in range(2, 7):
        tap(page, "button", "Next")
        shown(page, f"Part {part} of 7").wait_for(state="attached", timeout=10_000)
    tap(page, "button", "Finish")
    shown(page, "Tomorrow: One Thing at a Time").wait_for(state="attached", timeout=20_000)
    shown(page, "This insight stays with you until you move on", ).wait_for(state="attached")
    move_on = page.get_by_role("button", name="Move on")
    scroll_down_to(page, move_on)
    shot(page, "library-finish-stay-360")
    move_on.first.dispatch_event("click")
    shown(page, "Tomorrow: Close the Inbox").wait_for(state="attached", timeout=10_000)
    assert page.get_by_role("button", name="Move on").count() == 0
    context.close()
    assert not blocked


def test_book_page_and_reading_at_both_widths_name_every_control_with_a_48px_target(browser, served):
    from tests.browser.pages import TOUCH, target_sizes

    server = served("small-focus", {today() - timedelta(days=1): "small-focus-1"})
    problems = []
    for viewport in (NARROW, WIDE):
        width = viewport["width"]
        context, page, blocked = phone(browser, viewport)
        for address, ready, name in (
                ("book/kind-words", "About this book", "book"),
                ("read/kind-words-2/1", "Part 1 of 7", "read"),
                ("read/kind-words-2/7", "Practise it?", "read-end"),
                ("practice/1", "Part 1 of 7", "walkthrough")):
            open_app_on_phone(page, server.url + address)
            shown(page, ready).wait_for(state="attached", timeout=30_000)
            shot(page, f"library-{name}-{width}")
            names: set[tuple[str, str]] = set()
            for (role, label), (w, h) in target_sizes(page, names=names).items():
                if w < TOUCH - 0.5 or h < TOUCH - 0.5:
                    problems.append(f"{name} at {width}: {role} {label!r} is {w:.0f}x{h:.0f} px")
            problems += [f"{name} at {width}: a {role} without a name" for role, label in names if not label]
            if name == "read-end":
                assert ("button", "Practise this today instead") in names
            if name in ("read", "walkthrough"):
                assert ("button", "Back to book") in names
        context.close()
        assert not blocked
    assert not problems, "\n".join(problems)
