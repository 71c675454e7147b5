"""The first run's steps and choices (screens/first_run.py), without Flet."""

from __future__ import annotations

import pytest

from reminders.settings import (
    ALL_WEEKDAYS,
    MAX_TIMES,
    ReminderSettings,
    ReminderSettingsError,
    ReminderTime,
)
from screens.first_run import (
    LIBRARY,
    MAX_THEMES,
    REMINDER_TIMES,
    STEPS,
    TODAY,
    TOO_MANY_THEMES,
    FirstRun,
    remind_daily_at,
    reminder_time_label,
)

THEMES = ("leading-products", "habits-focus", "working-with-people", "thinking-clearly")
#: Book ids by the theme they are first in, in shelf order (a tiny shelf for these tests).
SHELF = {"leading-products": "build-trap", "habits-focus": "deep-work",
         "working-with-people": "candor", "thinking-clearly": "fast-slow"}


def first_of(theme_ids: list[str]) -> str | None:
    """The shelf's first book among the chosen themes (the order the shelf has)."""
    return next((SHELF[t] for t in THEMES if t in theme_ids), None)


def flow(recommend=first_of) -> FirstRun:
    return FirstRun(THEMES, recommend)


def test_at_most_four_steps_in_order():
    run = flow()
    assert STEPS == ("about", "themes", "book", "reminder")
    seen = [run.name]
    run.next()
    seen.append(run.name)
    run.toggle_theme("habits-focus")
    run.next()
    seen.append(run.name)
    run.follow_recommended()
    seen.append(run.name)
    assert seen == list(STEPS)
    assert run.position_text == "4 of 4"
    assert not run.done
    run.remind_me()
    assert run.done


def test_themes_need_one_before_continue():
    run = flow()
    run.next()
    assert run.name == "themes" and not run.can_continue
    run.next()
    assert run.name == "themes"
    run.toggle_theme("thinking-clearly")
    assert run.can_continue
    run.next()
    assert run.name == "book"


def test_a_fourth_theme_is_refused_with_a_message_and_letting_one_go_makes_room():
    run = flow()
    run.next()
    for theme_id in THEMES[:MAX_THEMES]:
        assert run.toggle_theme(theme_id)
    assert run.message == ""
    assert not run.toggle_theme(THEMES[3])
    assert run.message == TOO_MANY_THEMES
    assert run.themes == list(THEMES[:3])
    assert run.toggle_theme(THEMES[0])  # let one go
    assert run.message == "" and not run.picked(THEMES[0])
    assert run.toggle_theme(THEMES[3])
    assert run.themes == [THEMES[1], THEMES[2], THEMES[3]]


def test_unknown_theme_is_an_error():
    with pytest.raises(ValueError, match="unknown theme"):
        flow().toggle_theme("cooking")


def test_the_recommendation_is_asked_for_the_chosen_themes():
    asked = []

    def recommend(theme_ids):
        asked.append(list(theme_ids))
        return first_of(theme_ids)

    run = flow(recommend)
    run.next()
    run.toggle_theme("working-with-people")
    run.toggle_theme("habits-focus")
    run.next()
    assert asked == [["working-with-people", "habits-focus"]]
    assert run.recommended == "deep-work"


def test_follow_this_book_then_remind_me():
    run = flow()
    run.next()
    run.toggle_theme("working-with-people")
    run.next()
    run.follow_recommended()
    run.choose_reminder("20:00")
    run.remind_me()
    chosen = run.choices()
    assert chosen.themes == ("working-with-people",)
    assert chosen.follow == "candor"
    assert chosen.reminder == "20:00"
    assert chosen.route == TODAY


def test_see_all_books_goes_to_the_library_and_follows_nothing_for_it():
    run = flow()
    run.next()
    run.toggle_theme("leading-products")
    run.next()
    run.see_all_books()
    assert run.name == "reminder"
    run.not_now()
    chosen = run.choices()
    assert chosen.follow is None
    assert chosen.reminder is None
    assert chosen.route == LIBRARY
    assert run.done


def test_skip_on_the_first_screen_keeps_nothing():
    run = flow()
    run.skip()
    assert run.done
    chosen = run.choices()
    assert chosen.themes == () and chosen.follow is None and chosen.reminder is None
    assert chosen.route == TODAY


def test_skip_later_keeps_what_was_chosen_so_far():
    run = flow()
    run.next()
    run.toggle_theme("thinking-clearly")
    run.next()
    run.follow_recommended()
    run.skip()
    chosen = run.choices()
    assert chosen.themes == ("thinking-clearly",)
    assert chosen.follow == "fast-slow"
    assert chosen.reminder is None  # the reminder screen was skipped: no reminder


def test_no_book_to_recommend_goes_straight_to_the_reminder():
    run = flow(lambda theme_ids: None)
    run.next()
    run.toggle_theme("habits-focus")
    run.next()
    assert run.name == "reminder"
    run.follow_recommended()  # not on the book step: nothing happens
    assert run.choices().follow is None


def test_only_offered_reminder_times():
    run = flow()
    with pytest.raises(ValueError):
        run.choose_reminder("03:17")
    for time in REMINDER_TIMES:
        run.choose_reminder(time)
        assert run.reminder_choice == time


# --- the reminder the first run sets -------------------------------------------

def test_untouched_reminders_become_one_daily_reminder_at_the_time():
    settings = remind_daily_at(ReminderSettings(), "07:00")
    assert settings.enabled
    assert [(t.time, t.weekdays) for t in settings.times] == [("07:00", ALL_WEEKDAYS)]


def test_own_reminder_times_are_kept():
    own = ReminderSettings(times=(ReminderTime(id="lunch", time="12:30", weekdays=(0, 1, 2), label="Lunch"),))
    same = remind_daily_at(own, "12:30")
    assert same.enabled and same.times == own.times
    more = remind_daily_at(own, "20:00")
    assert more.enabled
    assert [t.time for t in more.times] == ["12:30", "20:00"]
    assert len({t.id for t in more.times}) == 2


def test_a_full_list_of_times_is_refused_with_a_message():
    full = ReminderSettings(times=tuple(ReminderTime(id=f"t{n}", time=f"{n:02d}:00", weekdays=ALL_WEEKDAYS,
                                                     label="R") for n in range(MAX_TIMES)))
    with pytest.raises(ReminderSettingsError, match="at most"):
        remind_daily_at(full, "21:30")


def test_reminder_time_labels():
    assert reminder_time_label("07:00") == "7:00 AM"
    assert reminder_time_label("12:30") == "12:30 PM"
    assert reminder_time_label("21:30") == "9:30 PM"
    assert reminder_time_label("00:15") == "12:15 AM"


# --- stored through the real Library service (daily/library.py) -------------------

@pytest.fixture
def library(tmp_path, clock):
    """The Library of a new data folder with the shipped books, on the test's clock."""
    from content import load_insights
    from daily.practice import DailyPractice
    from storage import Store

    loaded = load_insights()
    store = Store.open(tmp_path / "data", now=clock.now, daily_backup=False)
    yield DailyPractice(store, loaded.insights, clock, content=loaded).library
    store.close()


def run_over(library) -> FirstRun:
    def recommend(theme_ids):
        book = library.recommend(theme_ids)
        return book.id if book is not None else None

    return FirstRun([t.id for t in library.themes()], recommend)


def test_a_new_data_folder_needs_the_first_run_and_skip_follows_the_first_book(library):
    assert library.first_run_needed()
    run = run_over(library)
    run.skip()
    chosen = run.finish(library)
    assert chosen.route == TODAY
    assert not library.first_run_needed()
    first = library.books()[0]
    assert library.following().id == first.id
    today = library.todays_insight()
    assert (today.book_id, today.position) == (first.id, 1)


def test_follow_the_recommended_book_stores_themes_and_book(library):
    run = run_over(library)
    run.next()
    run.toggle_theme("habits-focus")
    run.next()
    recommended = library.book(run.recommended)
    assert "habits-focus" in recommended.themes
    assert recommended.id != library.books()[0].id  # not simply the default
    run.follow_recommended()
    run.remind_me()
    run.finish(library)
    assert library.chosen_themes() == ["habits-focus"]
    assert library.following().id == recommended.id
    assert library.todays_insight().book_id == recommended.id
    assert library.todays_insight().position == 1
    assert not library.first_run_needed()


def test_see_all_books_follows_the_default_not_the_recommendation(library):
    run = run_over(library)
    run.next()
    run.toggle_theme("thinking-clearly")
    run.next()
    recommended = run.recommended
    run.see_all_books()
    run.not_now()
    chosen = run.finish(library)
    assert chosen.route == LIBRARY
    assert library.following().id == library.books()[0].id != recommended


def test_show_the_welcome_again_keeps_the_followed_book_when_skipped(library):
    run = run_over(library)
    run.next()
    run.toggle_theme("working-with-people")
    run.next()
    run.follow_recommended()
    run.finish(library)
    followed = library.following().id
    library.restart_first_run()
    assert library.first_run_needed()
    again = run_over(library)
    again.skip()
    again.finish(library)
    assert not library.first_run_needed()
    assert library.following().id == followed


def test_the_first_render_goes_to_the_welcome_only_from_the_start():
    from screens.app import WELCOME, first_route

    assert first_route("/", True) == WELCOME
    assert first_route("", True) == WELCOME
    assert first_route(None, True) == WELCOME
    assert first_route("/journal", True) == "/journal"  # a deep link is kept
    assert first_route("/practice/2", True) == "/practice/2"
    assert first_route("/", False) == "/"
    assert first_route(WELCOME, False) == WELCOME  # Settings → Show the welcome again, reloaded
