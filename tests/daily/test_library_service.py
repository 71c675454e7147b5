"""The Library service (daily/library.py) over real storage, fixture books and a fixed clock."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from content.packs import added_folder
from daily.library import BookCard, BookPage, InsightRow, Library, NextUp, group_by_theme
from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort
from habit.clock import FixedClock
from storage import Store
from tests.helpers.books import load, theme_ids, write_book

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 26, 9, 30, tzinfo=BERLIN)  # a Thursday
DAY = START.date()
LEGACY = Path(__file__).resolve().parents[1] / "fixtures" / "storage" / "legacy_v1"


@pytest.fixture
def shelf(tmp_path) -> Path:
    """Three books: two on the first theme's shelf, one on the second's."""
    t = theme_ids()
    folder = tmp_path / "books"
    write_book(folder, "first-book", 3, themes=[t[0]], year=2001, title="First Book", author="Ann Able")
    write_book(folder, "second-book", 2, themes=[t[0], t[1]], year=2005, title="Second Book",
               author="Bo Brook", subtitle="Finding Focus")
    write_book(folder, "other-shelf", 2, themes=[t[1]], year=1999, title="Other Shelf", author="Cy Clear")
    return folder


class App:
    """One user's data folder opened with some content, as screens/serve.py does."""

    def __init__(self, data: Path, books: Path, added: Path | None = None, clock: FixedClock | None = None):
        self.clock = clock or FixedClock(START)
        self.loaded = load(books, added)
        self.store = Store.open(data, now=self.clock.now)
        self.practice = DailyPractice(self.store, self.loaded.insights, self.clock, content=self.loaded)
        self.library: Library = self.practice.library

    def today_id(self) -> str | None:
        insight = self.library.todays_insight()
        return insight.id if insight else None

    def finish_today(self) -> str:
        insight = self.practice.todays_insight()
        self.practice.finish(insight.id)
        return insight.id

    def next_day(self) -> None:
        self.clock.advance(timedelta(days=1))

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def app(tmp_path, shelf):
    opened = App(tmp_path / "data", shelf)
    yield opened
    opened.close()


# --- a new user ------------------------------------------------------------------------

def test_a_new_data_folder_needs_the_first_run_and_follows_the_first_book(app):
    library = app.library
    assert library.first_run_needed() is True
    assert library.following().id == "first-book"
    assert app.today_id() == "first-book-1"
    assert app.practice.todays_insight().id == "first-book-1"  # Today asks the same rule
    assert app.store.library.is_set() is False  # reading stores nothing


def test_the_shelf_cards(app):
    cards = app.library.shelf()
    assert [c.book.id for c in cards] == ["first-book", "second-book", "other-shelf"]
    first = cards[0]
    assert isinstance(first, BookCard)
    t = theme_ids()
    assert first.theme.id == t[0] and first.theme.colour.startswith("#")
    assert (first.insights, first.practised, first.following, first.added) == (3, 0, True, False)
    assert first.size_text == "3 insights · about 1 min each"
    assert first.progress_text == "0 of 3 practised"
    assert [c.following for c in cards] == [True, False, False]
    assert cards[1].theme.id == t[0]  # a book's shelf is its first theme
    assert [(theme.id, [c.book.id for c in group]) for theme, group in group_by_theme(cards)] == [
        (t[0], ["first-book", "second-book"]), (t[1], ["other-shelf"])]
    assert app.library.group_by_theme(cards) == group_by_theme(cards)


def test_the_shelf_filters_by_theme_and_searches_title_subtitle_and_author(app):
    t = theme_ids()
    names = lambda cards: [c.book.id for c in cards]  # noqa: E731
    assert names(app.library.shelf(theme=t[1])) == ["second-book", "other-shelf"]  # any of its themes
    assert names(app.library.shelf(query="brook")) == ["second-book"]  # author
    assert names(app.library.shelf(query="  FINDING   focus ")) == ["second-book"]  # subtitle, spaces
    assert names(app.library.shelf(query="other")) == ["other-shelf"]  # title
    assert names(app.library.shelf(theme=t[0], query="clear")) == []
    assert names(app.library.shelf(query="   ")) == ["first-book", "second-book", "other-shelf"]


def test_reading_minutes_per_insight_come_from_the_word_count(tmp_path):
    t = theme_ids()
    books = tmp_path / "long"
    write_book(books, "long-book", 2, themes=[t[0]], story_words=920)  # ~950 words: about 4 minutes
    app = App(tmp_path / "data", books)
    try:
        card = app.library.shelf()[0]
        assert card.minutes == 4 == app.library.insights_of("long-book")[0].reading_minutes
        assert card.size_text == "2 insights · about 4 min each"
        assert app.library.book_page("long-book").rows[0].minutes == 4
    finally:
        app.close()


def test_books_a_user_added_are_marked(tmp_path, shelf):
    added = added_folder(tmp_path / "data")
    write_book(added, "my-own", 2, themes=[theme_ids()[1]], year=2020)
    app = App(tmp_path / "data", shelf, added=added)
    try:
        mine = [c for c in app.library.shelf() if c.book.id == "my-own"]
        assert len(mine) == 1 and mine[0].added is True and app.library.book("my-own").added
        assert not any(c.added for c in app.library.shelf() if c.book.id != "my-own")
    finally:
        app.close()


# --- the first run ----------------------------------------------------------------------

def test_skipping_the_first_run_follows_the_first_book_and_keeps_it(app, tmp_path):
    app.library.finish_first_run()
    assert app.library.first_run_needed() is False
    assert app.store.library.following() == "first-book"  # stored: a book added later cannot take its place
    app.library.restart_first_run()
    assert app.library.first_run_needed() is True
    assert app.library.following().id == "first-book"


def test_first_run_theme_recommend_follow_walk_and_the_next_day(app):
    t = theme_ids()
    library = app.library
    library.save_themes([t[1]])
    assert library.chosen_themes() == [t[1]]
    recommended = library.recommend([t[1]])
    assert recommended.id == "other-shelf"  # its first theme is the chosen one
    library.follow(recommended.id)
    library.finish_first_run()
    assert library.first_run_needed() is False
    assert app.today_id() == "other-shelf-1"

    assert app.finish_today() == "other-shelf-1"
    assert library.after_finish() == NextUp(app.practice.insight("other-shelf-2"), None, None)
    app.next_day()
    assert app.today_id() == "other-shelf-2"
    card = next(c for c in library.shelf() if c.book.id == "other-shelf")
    assert card.progress_text == "1 of 2 practised" and card.following
    page = library.book_page("other-shelf")
    assert isinstance(page, BookPage) and page.following and page.practised == 1
    assert [(r.status, r.status_text) for r in page.rows] == [("practised", "Practised 26 Nov"),
                                                              ("today", "Today's")]
    assert page.rows[0].practised_on == DAY
    assert page.progress_text == "1 of 2 practised"


def test_save_themes_refuses_unknown_ids_and_more_than_three(app):
    with pytest.raises(ValueError, match="unknown theme"):
        app.library.save_themes(["no-such-theme"])
    ids = theme_ids()
    if len(ids) >= 4:
        with pytest.raises(ValueError, match="at most 3"):
            app.library.save_themes(ids[:4])
    assert app.library.chosen_themes() == []


def test_follow_refuses_an_unknown_book(app):
    with pytest.raises(ValueError, match="no book"):
        app.library.follow("no-such-book")
    assert app.store.library.following() is None


# --- the book page --------------------------------------------------------------------------

def test_book_page_statuses(app):
    page = app.library.book_page("first-book")
    assert [(r.insight.id, r.status, r.status_text) for r in page.rows] == [
        ("first-book-1", "today", "Today's"), ("first-book-2", "next", "Next"),
        ("first-book-3", "not yet", "Not yet")]
    assert all(isinstance(r, InsightRow) for r in page.rows)
    other = app.library.book_page("other-shelf")  # not followed: nothing is today's or next
    assert not other.following
    assert [r.status for r in other.rows] == ["not yet", "not yet"]
    assert app.library.book_page("no-such-book") is None


def test_practised_means_finished_on_at_least_one_day(app):
    app.library.set_pace("stay")
    app.finish_today()
    app.next_day()
    app.finish_today()  # the same insight again
    app.next_day()
    page = app.library.book_page("first-book")
    assert page.practised == 1
    assert page.rows[0].practised_on == DAY + timedelta(days=1)  # the latest day
    assert page.rows[0].status == "today"  # stay pace: today's wins over practised
    assert app.library.shelf()[0].progress_text == "1 of 3 practised"
    # a day walked through without finishing does not count
    app.practice.set_position("first-book-2", 3)
    assert app.library.book_page("first-book").practised == 1


def test_a_year_old_practice_day_names_its_year(app):
    app.store.practice.mark_finished("first-book-1", date(2025, 3, 4), START)
    assert app.library.book_page("first-book").rows[0].status_text == "Practised 4 Mar 2025"


# --- swapping -------------------------------------------------------------------------------------

def test_swap_today_then_finish_then_the_path_resumes(app):
    library = app.library
    assert library.can_swap("first-book-3") is True
    assert library.can_swap("first-book-1") is False  # already today's
    assert library.can_swap("no-such-insight") is False
    library.swap_today("first-book-3")
    assert app.today_id() == "first-book-3" == app.practice.todays_insight().id
    assert PracticeReminderPort(app.practice).insight_title(DAY).endswith("First Book 3")
    assert [r.status for r in library.book_page("first-book").rows] == ["next", "not yet", "today"]
    library.swap_today("other-shelf-2")  # another book's insight, and a second change of mind
    assert app.today_id() == "other-shelf-2"
    assert [r.status for r in library.book_page("other-shelf").rows] == ["not yet", "today"]

    assert app.finish_today() == "other-shelf-2"
    assert library.can_swap("first-book-3") is False
    with pytest.raises(ValueError, match="already finished"):
        library.swap_today("first-book-3")
    assert app.today_id() == "other-shelf-2"
    app.next_day()
    assert app.today_id() == "first-book-1"  # the followed book's path again


def test_swap_today_refuses_an_unknown_insight(app):
    with pytest.raises(ValueError, match="no insight"):
        app.library.swap_today("no-such-insight")


# --- pace ------------------------------------------------------------------------------------------

def test_stay_pace_and_move_on(app):
    library = app.library
    assert library.pace() == "daily"
    library.set_pace("stay")
    assert library.pace() == "stay"
    app.finish_today()
    app.next_day()
    assert app.today_id() == "first-book-1"  # stays
    library.move_on()  # today not finished yet: takes effect now
    assert app.today_id() == "first-book-2"
    app.finish_today()
    app.next_day()
    assert app.today_id() == "first-book-2"
    app.finish_today()
    library.move_on()  # today finished: from tomorrow
    assert app.today_id() == "first-book-2"
    assert library.after_finish().tomorrow.id == "first-book-3"
    app.next_day()
    assert app.today_id() == "first-book-3"
    with pytest.raises(ValueError, match="pace"):
        library.set_pace("weekly")


# --- a finished book --------------------------------------------------------------------------------

def test_finishing_a_book_celebrates_it_and_suggests_the_next(app):
    library = app.library
    library.follow("other-shelf")
    app.finish_today()
    app.next_day()
    before = library.after_finish()  # asked before finishing: today counts as finished
    assert before.book_done.id == "other-shelf" and before.tomorrow is None
    app.finish_today()
    up = library.after_finish()
    assert up.book_done.id == "other-shelf"
    assert up.tomorrow is None
    assert up.suggestion.id == "second-book"  # shares the theme
    assert library.suggestion_for_finished(library.book("other-shelf")).id == "second-book"
    assert library.finished_following() is None  # today still has its (finished) insight

    app.next_day()
    assert app.today_id() is None
    assert app.practice.status().insight is None
    assert library.finished_following().id == "other-shelf"
    assert library.recommend([theme_ids()[1]]).id == "second-book"  # the finished book comes last
    library.follow(up.suggestion.id)
    assert app.today_id() == "second-book-1"
    assert library.finished_following() is None


def test_a_finished_book_is_not_celebrated_again(app):
    library = app.library
    library.set_pace("stay")
    library.follow("other-shelf")
    app.finish_today()
    app.next_day()
    library.move_on()
    app.finish_today()
    assert library.after_finish().book_done.id == "other-shelf"
    assert library.after_finish().tomorrow.id == "other-shelf-2"  # stay: until moved on
    app.next_day()
    app.finish_today()  # the last insight again
    assert library.after_finish().book_done is None


# --- a followed book removed -------------------------------------------------------------------------

def test_a_removed_followed_book_falls_back_to_the_first_on_the_shelf(tmp_path, shelf):
    app = App(tmp_path / "data", shelf)
    app.library.follow("second-book")
    app.finish_today()
    app.close()
    shutil.rmtree(shelf / "second-book")
    again = App(tmp_path / "data", shelf)
    try:
        assert again.library.following().id == "first-book"
        assert again.store.library.following() == "second-book"  # kept, should the book come back
        again.next_day()
        assert again.today_id() == "first-book-1"
        assert [c.following for c in again.library.shelf()] == [True, False]
    finally:
        again.close()


# --- one rule for today's insight ---------------------------------------------------------------------

def test_reminders_name_the_insight_with_its_book(app):
    port = PracticeReminderPort(app.practice)
    assert port.insight_title(DAY) == "Insight 1 of 3 · First Book: First Book 1"
    assert app.library.position_label(app.library.todays_insight()) == "Insight 1 of 3 · First Book"
    app.finish_today()
    assert port.insight_title(DAY + timedelta(days=1)) == "Insight 2 of 3 · First Book: First Book 2"
    app.library.follow("other-shelf")
    assert port.insight_title(DAY) == "Insight 1 of 3 · First Book: First Book 1"  # finished: kept
    assert port.insight_title(DAY + timedelta(days=1)) == "Insight 1 of 2 · Other Shelf: Other Shelf 1"


def test_the_day_record_and_today_agree_on_the_finished_insight(app):
    app.library.swap_today("second-book-2")
    finished = app.finish_today()
    record = app.practice.progress.day_record(DAY)
    assert [i.insight.id for i in record.insights if i.finished] == [finished] == ["second-book-2"]
    assert app.practice.status().insight.id == "second-book-2"


def test_a_practice_without_book_facts_makes_its_books_from_the_insights(tmp_path, shelf):
    loaded = load(shelf)
    with Store.open(tmp_path / "data") as store:
        practice = DailyPractice(store, loaded.insights, FixedClock(START))
        library = practice.library
        assert [b.id for b in library.books()] == ["first-book", "second-book", "other-shelf"]
        assert library.book("first-book").title == "First Book"
        assert practice.todays_insight().id == "first-book-1"
        assert library.shelf()[0].theme.name  # a shelf even without themes
        empty = DailyPractice(store, (), FixedClock(START))
        assert empty.todays_insight() is None and empty.library.following() is None


def test_the_screens_reach_it_as_services_library(app):
    from screens.services import Services

    assert Services(practice=app.practice).library is app.library


# --- existing users ------------------------------------------------------------------------------------

@pytest.fixture
def with_build_trap(tmp_path) -> Path:
    """A library where the first shelf book is not Escaping the Build Trap."""
    t = theme_ids()
    folder = tmp_path / "ebt-books"
    write_book(folder, "older-book", 2, themes=[t[0]], year=1990)
    write_book(folder, "escaping-the-build-trap", 3, themes=[t[0]], year=2018, title="Escaping the Build Trap")
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in {"settings.json", ".lock"}}


def seed(data: Path, kind: str) -> None:
    """History from before the Library, written through storage.Store."""
    with Store.open(data, now=lambda: START - timedelta(days=3)) as store:
        earlier = DAY - timedelta(days=3)
        if kind == "finished":
            store.practice.mark_finished("escaping-the-build-trap-1", earlier, START - timedelta(days=3))
        elif kind == "journal":
            store.journal.add_note(earlier, "A note from before", START - timedelta(days=3))
        elif kind == "mission":
            store.mission.save("Why I practise", earlier, START - timedelta(days=3))
        elif kind == "outcome":
            store.outcomes.define("escaping-the-build-trap-1", "Calls", "number", START - timedelta(days=3))


@pytest.mark.parametrize("kind", ["finished", "journal", "mission", "outcome"])
def test_an_existing_user_follows_the_build_trap_with_no_first_run(tmp_path, with_build_trap, kind):
    data = tmp_path / "data"
    seed(data, kind)
    before = files_of(data)
    app = App(data, with_build_trap)
    try:
        assert app.library.first_run_needed() is False
        assert app.library.following().id == "escaping-the-build-trap"
        expected = "escaping-the-build-trap-2" if kind == "finished" else "escaping-the-build-trap-1"
        assert app.today_id() == expected
        assert app.store.library.following() == "escaping-the-build-trap"  # stored once
        assert app.store.library.first_run_done() is True
    finally:
        app.close()
    after = files_of(data)
    assert {k: v for k, v in after.items() if not k.startswith("backups")} == \
        {k: v for k, v in before.items() if not k.startswith("backups")}  # history untouched


def test_the_existing_user_setup_happens_once(tmp_path, with_build_trap):
    data = tmp_path / "data"
    seed(data, "finished")
    app = App(data, with_build_trap)
    app.library.follow("older-book")
    app.library.restart_first_run()
    app.close()
    again = App(data, with_build_trap)
    try:
        assert again.library.following().id == "older-book"
        assert again.library.first_run_needed() is True  # asked for again in Settings: not undone
    finally:
        again.close()


def test_a_new_data_folder_is_not_an_existing_user(tmp_path, with_build_trap):
    app = App(tmp_path / "data", with_build_trap)
    try:
        assert app.library.first_run_needed() is True
        assert app.library.following().id == "older-book"  # the first on the shelf
        assert app.store.library.is_set() is False
    finally:
        app.close()


def test_an_existing_user_who_finished_the_build_trap_continues_where_the_old_order_went(tmp_path, with_build_trap):
    data = tmp_path / "data"
    with Store.open(data) as store:
        for n in range(1, 4):
            store.practice.mark_finished(f"escaping-the-build-trap-{n}", DAY - timedelta(days=5 - n), START)
    app = App(data, with_build_trap)
    try:
        # the earlier order wrapped around after the last insight: the first book on the shelf
        assert app.library.following().id == "older-book"
        assert app.today_id() == "older-book-1"
        assert app.library.first_run_needed() is False
    finally:
        app.close()


def test_the_old_single_file_layout_opens_as_an_existing_user(tmp_path, with_build_trap):
    data = tmp_path / "legacy"
    shutil.copytree(LEGACY, data)
    with Store.open(data) as store:  # migrates the earlier layout
        entries = sorted((e.id, e.text) for e in store.journal.all_entries())
        finished = {d: store.practice.finished_insight(d) for d in store.practice.finished_days()}
        assert entries and finished
    app = App(data, with_build_trap)
    try:
        assert app.library.first_run_needed() is False
        assert app.library.following().id == "escaping-the-build-trap"
        assert app.today_id() == "escaping-the-build-trap-1"  # its old ids are not in this content
        assert sorted((e.id, e.text) for e in app.store.journal.all_entries()) == entries
        assert {d: app.store.practice.finished_insight(d) for d in app.store.practice.finished_days()} == finished
        assert app.store.settings.get("theme_mode") == "dark"  # its other settings kept
    finally:
        app.close()


# --- reviews steer the next book (issue #19) --------------------------------------------

def test_habits_kept_in_a_review_steer_the_recommendation_and_say_why(app):
    from daily.review import StepChoice

    t = theme_ids()
    plain = app.library.recommendation([t[1]])
    assert (plain.book.id, plain.reason) == ("other-shelf", None)  # its first theme is the one chosen
    app.store.practice.set_step_done("first-book-1", 0, DAY, True, START)
    app.practice.review.record("first-book-1", [StepChoice(0, "keep"), StepChoice(1, "adapt", "Mine")] +
                               [StepChoice(i, "drop") for i in range(2, len(app.practice.insight("first-book-1").steps))])
    steered = app.library.recommendation([t[1]])
    assert steered.book.id == "second-book"  # shares the kept theme
    assert steered.reason == "Because you kept two habits from First Book"
    assert app.library.recommend([t[1]]).id == "second-book"  # the first run asks the same


def test_books_on_a_theme_whose_insights_were_dropped_come_last(app):
    from daily.review import StepChoice

    t = theme_ids()
    assert app.library.recommendation([t[1]]).book.id == "other-shelf"
    app.store.practice.set_step_done("other-shelf-1", 0, DAY, True, START)
    steps = len(app.practice.insight("other-shelf-1").steps)
    app.practice.review.record("other-shelf-1", [StepChoice(i, "drop") for i in range(steps)], reason="not for me")
    after = app.library.recommendation([t[1]])
    # Both books on the dropped theme go behind the one that is not on it; no reason is given.
    assert (after.book.id, after.reason) == ("first-book", None)
    first = app.library.book("first-book")
    assert app.library.next_suggestion(first).book.id == "second-book"  # same theme as the finished book
