"""Looking back: the spaced rules (plain functions, fixed dates) and the service with a fixed clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from content import load_insights
from daily.practice import DailyPractice
from habit.clock import FixedClock
from journal.looking_back import (
    INTERVALS,
    WINDOW_DAYS,
    age_phrase,
    current_interval,
    due,
    pick,
    preferred_order,
    todays_look_back,
    window,
)
from storage import Store

TODAY = date(2026, 11, 26)
UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class A:
    id: str
    day: date
    text: str = "words"
    question_index: int | None = 0

    @property
    def created_at(self):
        return datetime(self.day.year, self.day.month, self.day.day, 8, tzinfo=UTC)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.mark.parametrize("age, interval", [
    (0, None), (1, 1), (2, 1), (3, 3), (6, 3), (7, 7), (29, 7), (30, 30), (59, 30), (60, None), (400, None),
])
def test_current_interval_by_age(age, interval):
    assert current_interval(ago(age), TODAY) == interval


def test_window_covers_the_answers_that_can_come_back():
    first, last = window(TODAY)
    assert last == ago(1) and first == ago(WINDOW_DAYS - 1)
    assert current_interval(first, TODAY) == 30 and current_interval(first - timedelta(days=1), TODAY) is None


def test_notes_empty_answers_and_todays_answers_never_come_back():
    entries = [A("note", ago(1), question_index=None), A("blank", ago(1), text="  \n"),
               A("today", ago(0)), A("ok", ago(1))]
    assert [c.entry.id for c in due(entries, set(), TODAY)] == ["ok"]


def test_an_answer_is_not_shown_twice_for_the_same_interval():
    entry = A("e", ago(3))
    assert [c.interval for c in due([entry], set(), TODAY)] == [3]
    assert due([entry], {("e", 3)}, TODAY) == []
    # Seen for interval 1 only: still due for 3.
    assert [c.interval for c in due([entry], {("e", 1)}, TODAY)] == [3]


def test_a_missed_interval_is_not_shown_after_a_later_one():
    entry = A("e", ago(2))  # in interval 1; pretend it was already seen at 3 (e.g. imported log)
    assert due([entry], {("e", 3)}, TODAY) == []


def test_preferred_interval_rotates_every_day():
    orders = [preferred_order(TODAY + timedelta(days=i)) for i in range(4)]
    assert {o[0] for o in orders} == set(INTERVALS)
    assert all(sorted(o) == list(INTERVALS) for o in orders)


def test_pick_prefers_todays_interval_then_on_time_then_earliest_written():
    entries = [A(f"i{k}", ago(k)) for k in INTERVALS]
    for shift in range(4):
        day = TODAY + timedelta(days=shift)
        shifted = [A(e.id, e.day + timedelta(days=shift)) for e in entries]
        chosen = pick(shifted, set(), day)
        assert chosen.interval == preferred_order(day)[0]
    # Two answers in interval 3: the on-time one (age 3) beats the late one (age 5).
    late, on_time = A("late", ago(5)), A("on-time", ago(3))
    day = next(TODAY + timedelta(days=i) for i in range(4) if preferred_order(TODAY + timedelta(days=i))[0] == 3)
    shift = (day - TODAY).days
    chosen = pick([A("late", late.day + timedelta(days=shift)), A("on-time", on_time.day + timedelta(days=shift))],
                  set(), day)
    assert chosen.entry.id == "on-time"


def test_pick_falls_back_to_another_interval_and_to_nothing():
    only_week_old = [A("w", ago(7))]
    assert pick(only_week_old, set(), TODAY).interval == 7
    assert pick(only_week_old, {("w", 7)}, TODAY) is None
    assert pick([], set(), TODAY) is None


def test_todays_look_back_and_age_phrases():
    @dataclass
    class R:
        entry_id: str
        shown_on: date
        shown_at: datetime

    reviews = [R("a", ago(1), datetime(2026, 11, 25, tzinfo=UTC)), R("b", TODAY, datetime(2026, 11, 26, tzinfo=UTC))]
    assert todays_look_back(reviews, TODAY).entry_id == "b"
    assert todays_look_back(reviews[:1], TODAY) is None
    assert [age_phrase(ago(n), TODAY) for n in (1, 3, 7, 30, 45)] == [
        "yesterday", "3 days ago", "a week ago", "a month ago", "45 days ago"]


# -- the service: real storage, fixed clock --------------------------------------


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 1, 20, 0, tzinfo=BERLIN))


def test_one_answer_comes_back_after_1_3_7_and_30_days_and_never_twice(practice, clock):
    ins = practice.insights[0]
    practice.save_answer(ins.id, 0, "I pass requests straight on.")
    service = practice.journal
    assert service.looking_back() is None  # written today: nothing to look back at yet
    shown = {}
    for day in range(1, 65):
        clock.advance(timedelta(days=1))
        look = service.looking_back()
        again = service.looking_back()  # reopening Today the same day: the same one, no new log
        if look is None:
            assert again is None
            continue
        assert again.record == look.record
        shown[day] = look.record.interval
        assert look.entry.text == "I pass requests straight on."
    assert shown == {1: 1, 3: 3, 7: 7, 30: 30}


def test_a_follow_up_thought_is_a_linked_note_and_closes_the_review(practice, clock):
    ins = practice.insights[0]
    practice.save_answer(ins.id, 2, "Ask why before what.")
    original = practice.journal.page().entries[0]
    clock.advance(timedelta(days=1))
    service = practice.journal
    look = service.looking_back()
    assert look.entry == original and look.ago == "yesterday" and look.insight_title == ins.title
    note = service.save_follow_up(look, "It worked in Monday's meeting.")
    assert note.question_index is None and note.insight_id == ins.id and note.day == practice.today()
    links = service.follow_ups_for([note, original])
    assert list(links) == [note.id]
    assert (links[note.id].original_id, links[note.id].interval) == (original.id, 1)
    after = service.looking_back()
    assert after.record.closed and after.record.follow_up_id == note.id
    # The thought is an ordinary journal entry: listed first and found by search.
    assert service.page().entries[0] == note


def test_dismissing_closes_without_a_note_and_a_deleted_original_stops_coming_back(practice, clock):
    ins = practice.insights[0]
    practice.save_answer(ins.id, 0, "one")
    clock.advance(timedelta(days=1))
    service = practice.journal
    look = service.looking_back()
    closed = service.finish_looking_back(look)
    assert closed.closed and closed.follow_up_id is None
    assert service.page().entries == [look.entry]
    clock.advance(timedelta(days=2))
    service.delete(look.entry.id)
    assert service.looking_back() is None


def test_the_review_log_lives_in_the_journal_month_files_and_survives_a_restart(tmp_path, clock):
    store = Store.open(tmp_path / "data", now=clock.now)
    practice = DailyPractice(store, load_insights().insights, clock)
    practice.save_answer(practice.insights[0].id, 0, "words")
    clock.advance(timedelta(days=1))
    look = practice.journal.looking_back()
    store.close()
    again = DailyPractice(Store.open(tmp_path / "data", now=clock.now), load_insights().insights, clock)
    assert again.journal.looking_back().record == look.record
    assert (tmp_path / "data" / "journal" / "2026-11.json").read_text().count('"reviews"') == 1
