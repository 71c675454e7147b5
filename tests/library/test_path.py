"""The path through the followed book (library/path.py): plain rules, fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from content.insight import READING_SPEED
from library.path import (
    PACE_LABELS,
    PACES,
    InsightStatus,
    PathState,
    book_finished,
    following_or_default,
    full_name,
    insight_statuses,
    next_after_today,
    position_label,
    todays_insight_id,
)
from tests.helpers.books import insight

BOOK = ["b-1", "b-2", "b-3", "b-4"]
MON = date(2026, 11, 23)
TUE, WED, THU, FRI = (MON + timedelta(days=n) for n in range(1, 5))
DAILY = PathState(following="b")
STAY = PathState(following="b", pace="stay")


def today(finished, state=DAILY, day=WED, book=BOOK, known=None):
    return todays_insight_id(book, finished, state, day, known)


# --- today's insight ---------------------------------------------------------------

def test_a_new_user_starts_with_the_first_insight():
    assert today({}) == "b-1"


def test_daily_pace_gives_the_next_insight_the_day_after_a_finish_whatever_the_gap():
    assert today({MON: "b-1"}, day=TUE) == "b-2"
    assert today({MON: "b-1"}, day=FRI) == "b-2"  # days without practice do not move the path
    assert today({MON: "b-1", TUE: "b-2"}, day=WED) == "b-3"


def test_a_finished_day_keeps_its_insight_when_walked_again():
    assert today({MON: "b-1", WED: "b-2"}, day=WED) == "b-2"
    # ...also with a swap stored for that day and with pace "stay"
    assert today({WED: "b-2"}, PathState("b", swaps={WED: "b-4"})) == "b-2"
    assert today({TUE: "b-1", WED: "b-3"}, STAY) == "b-3"


def test_later_days_do_not_change_an_earlier_day():
    assert today({THU: "b-1"}, day=WED) == "b-1"
    assert today({MON: "b-1", THU: "b-2"}, day=WED) == "b-2"


def test_an_insight_read_but_not_finished_stays_next():
    # only finished days move the path; reading without finishing leaves it where it is
    assert today({MON: "b-1"}, day=WED) == "b-2"


def test_finished_out_of_order_gives_the_first_not_yet_finished():
    assert today({MON: "b-3"}, day=TUE) == "b-1"
    assert today({MON: "b-1", TUE: "b-3"}, day=WED) == "b-2"
    assert today({MON: "b-1", TUE: "b-2", WED: "b-3"}, day=THU) == "b-4"


def test_an_insight_of_another_book_does_not_move_this_book_on():
    assert today({MON: "other-1", TUE: "b-1"}, day=WED) == "b-2"


def test_a_swap_for_the_day_wins_over_the_path():
    state = PathState("b", swaps={WED: "b-3"})
    assert today({MON: "b-1"}, state, day=WED) == "b-3"
    assert today({MON: "b-1"}, state, day=THU) == "b-2"  # only that day
    # after finishing the swapped one, the path comes back to the first not-yet-finished insight
    assert today({MON: "b-1", WED: "b-3"}, state, day=THU) == "b-2"
    # an insight of another book can be swapped in too
    assert today({}, PathState("b", swaps={WED: "other-2"})) == "other-2"


def test_unknown_ids_are_ignored_when_the_known_ids_are_given():
    known = set(BOOK)
    assert today({WED: "gone-1"}, known=known) == "b-1"  # a finished day of a removed book
    assert today({}, PathState("b", swaps={WED: "gone-1"}), known=known) == "b-1"
    assert today({WED: "gone-1"}) == "gone-1"  # without known ids the caller checks


def test_stay_pace_keeps_the_insight_until_moved_on():
    assert today({}, STAY, day=MON) == "b-1"
    assert today({MON: "b-1"}, STAY, day=TUE) == "b-1"
    assert today({MON: "b-1", TUE: "b-1"}, STAY, day=WED) == "b-1"
    moved = PathState("b", pace="stay", moved_on=frozenset({"b-1"}))
    assert today({MON: "b-1", TUE: "b-1"}, moved, day=WED) == "b-2"
    assert today({MON: "b-1", WED: "b-2"}, moved, day=THU) == "b-2"  # and stays with that one


def test_moving_on_before_finishing_skips_the_insight_now():
    # Wednesday not finished yet: moving on from b-2 gives b-3 at once
    moved = PathState("b", pace="stay", moved_on=frozenset({"b-1", "b-2"}))
    assert today({MON: "b-1", TUE: "b-2"}, moved, day=WED) == "b-3"
    # with pace "daily" a moved-on insight is skipped as well
    assert today({}, PathState("b", moved_on=frozenset({"b-1"}))) == "b-2"


def test_stay_pace_without_a_finish_in_this_book_starts_like_daily():
    assert today({MON: "other-1"}, STAY, day=TUE) == "b-1"
    assert today({MON: "b-1", TUE: "other-1"}, STAY, day=WED) == "b-1"  # the book's own latest


def test_a_finished_book_has_no_insight_and_an_empty_book_neither():
    done = {MON: "b-1", TUE: "b-2", WED: "b-3", THU: "b-4"}
    assert today(done, day=FRI) is None
    assert today(done, day=THU) == "b-4"  # the day it was finished keeps it
    assert todays_insight_id([], {}, DAILY, WED) is None
    # stay pace: the last insight stays until the user moves on, then nothing is left
    assert today(done, STAY, day=FRI) == "b-4"
    assert today(done, PathState("b", pace="stay", moved_on=frozenset({"b-4"})), day=FRI) is None


def test_book_finished():
    assert not book_finished(BOOK, {}, DAILY, WED)
    done = {MON: "b-1", TUE: "b-2", WED: "b-3"}
    assert not book_finished(BOOK, done, DAILY, WED)
    assert book_finished(BOOK, {**done, THU: "b-4"}, DAILY, THU)
    assert not book_finished(BOOK, {**done, THU: "b-4"}, DAILY, WED)  # not yet as of Wednesday
    assert book_finished(BOOK, done, PathState("b", moved_on=frozenset({"b-4"})), WED)
    assert not book_finished([], {}, DAILY, WED)


# --- statuses on the book page ----------------------------------------------------------

def test_statuses_practised_today_next_not_yet():
    finished = {MON: "b-1", TUE: "b-3", date(2026, 11, 20): "b-1"}
    got = insight_statuses(BOOK, finished, DAILY, WED)
    assert got == [
        InsightStatus("b-1", "practised", MON),  # the latest day it was finished
        InsightStatus("b-2", "today", None),
        InsightStatus("b-3", "practised", TUE),
        InsightStatus("b-4", "next", None),
    ]


def test_statuses_once_today_is_finished():
    got = insight_statuses(BOOK, {MON: "b-1", WED: "b-2"}, DAILY, WED)
    assert [(s.status, s.practised_on) for s in got] == [
        ("practised", MON), ("today", WED), ("next", None), ("not yet", None)]


def test_stay_pace_today_wins_over_practised_and_next_is_after_moving_on():
    got = insight_statuses(BOOK, {MON: "b-1", TUE: "b-1"}, STAY, WED)
    assert [(s.status, s.practised_on) for s in got] == [
        ("today", TUE), ("next", None), ("not yet", None), ("not yet", None)]
    assert next_after_today(BOOK, {MON: "b-1"}, STAY, WED) == "b-2"


def test_statuses_of_a_book_that_is_not_followed():
    got = insight_statuses(["o-1", "o-2"], {MON: "o-1"}, DAILY, WED, followed=False, todays_id="b-2")
    assert [s.status for s in got] == ["practised", "not yet"]  # no "next" outside the followed book
    swapped = insight_statuses(["o-1", "o-2"], {}, DAILY, WED, followed=False, todays_id="o-2")
    assert [s.status for s in swapped] == ["not yet", "today"]


def test_statuses_of_a_finished_book_have_no_today_or_next():
    done = {MON: "b-1", TUE: "b-2", WED: "b-3", THU: "b-4"}
    assert {s.status for s in insight_statuses(BOOK, done, DAILY, FRI)} == {"practised"}
    assert next_after_today(BOOK, done, DAILY, FRI) is None


# --- following ---------------------------------------------------------------------------

def test_following_or_default():
    shelf = ["first", "b", "last"]
    assert following_or_default(PathState("b"), shelf) == "b"
    assert following_or_default(PathState(None), shelf) == "first"  # skipped the first run
    assert following_or_default(PathState("removed"), shelf) == "first"  # a removed book falls back
    assert following_or_default(PathState("b"), []) is None


def test_paces_and_their_labels():
    assert PACES == ("daily", "stay")
    assert PACE_LABELS == {"daily": "A new insight each day",
                           "stay": "Stay with this insight until I move on"}
    assert PathState("b") == PathState("b", "daily", frozenset(), {})


# --- naming an insight ---------------------------------------------------------------------

def test_position_label_and_full_name():
    one = insight("escaping-the-build-trap", 3, 8, title="Treat Your Work as a Product",
                  book="Escaping the Build Trap")
    assert position_label(one) == "Insight 3 of 8 · Escaping the Build Trap"
    assert full_name(one) == "Insight 3 of 8 · Escaping the Build Trap: Treat Your Work as a Product"


# --- reading time from word count ------------------------------------------------------------

@pytest.mark.parametrize("words, minutes", [
    (10, 1),  # never less than a minute
    (READING_SPEED, 1),
    (2 * READING_SPEED, 2),
    (460, 2),
    (610, 3),  # 2.65 rounds up
    (4 * READING_SPEED + 50, 4),
    (10 * READING_SPEED, 10),
])
def test_reading_minutes_come_from_the_word_count(words, minutes):
    one = insight("b", 1, 1, title="", story_words=words)
    assert one.words == words
    assert one.reading_minutes == minutes
    assert READING_SPEED == 230
