"""Progress as the screens get it from DailyPractice: real storage, real content, fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from content import load_insights
from daily.parts import PARTS
from daily.practice import DailyPractice
from habit.clock import FixedClock
from habit.heatmap import CellState
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)


def seed_ten_days_with_a_freeze(practice, today=TODAY):
    """7 days in a row (earns a freeze), one missed day (frozen), 3 more days up to today."""
    insight = practice.insights[0]
    days = [today - timedelta(days=n) for n in range(10, 3, -1)] + [today - timedelta(days=n) for n in (2, 1, 0)]
    for day in days:
        practice.store.practice.mark_finished(insight.id, day, datetime.combine(day, datetime.min.time(), BERLIN).replace(hour=20))
    return days


def test_ten_day_history_with_a_freeze(practice):
    days = seed_ten_days_with_a_freeze(practice)
    overview = practice.progress.overview()
    s = overview.streak
    assert (s.current, s.longest, s.total_days, s.freezes_held) == (10, 10, 10, 0)
    assert s.frozen_days == {TODAY - timedelta(days=3)}
    assert overview.milestones_reached == (7,)
    assert overview.next_milestone == 30

    page = practice.progress.calendar()
    assert len(page.weeks) == 12 and all(len(w) == 7 for w in page.weeks)
    cells = {c.day: c for week in page.weeks for c in week}
    assert all(cells[d].state == CellState.DONE for d in days)
    assert cells[TODAY - timedelta(days=3)].state == CellState.FROZEN
    assert cells[TODAY - timedelta(days=11)].state == CellState.BEFORE_START
    assert cells[TODAY].is_today
    assert (page.has_earlier, page.has_later) == (False, False)


def test_calendar_pages_back_by_twelve_weeks(practice):
    insight = practice.insights[0]
    old = TODAY - timedelta(weeks=20)
    practice.store.practice.mark_finished(insight.id, old, datetime(2026, 7, 9, 8, tzinfo=BERLIN))
    first = practice.progress.calendar()
    assert first.has_earlier and not first.has_later
    before = practice.progress.calendar(page=1)
    assert before.has_later and not before.has_earlier
    assert before.weeks[-1][-1].day == first.weeks[0][0].day - timedelta(days=1)
    assert any(c.day == old and c.state == CellState.DONE for w in before.weeks for c in w)


def test_milestone_is_celebrated_once_when_reached(practice, clock):
    insight = practice.todays_insight()
    for n in range(6, 0, -1):
        day = TODAY - timedelta(days=n)
        practice.store.practice.mark_finished(insight.id, day, datetime(day.year, day.month, day.day, 8, tzinfo=BERLIN))
    result = practice.finish_with_milestone(insight.id)
    assert (result.streak.current, result.milestone) == (7, 7)
    again = practice.finish_with_milestone(insight.id)  # the finish screen opened again
    assert (again.streak.current, again.milestone) == (7, None)
    clock.advance(timedelta(days=1))
    assert practice.finish_with_milestone(insight.id).milestone is None  # day 8


def test_completions_keep_their_local_date_when_zone_and_clock_change(practice, clock):
    insight = practice.todays_insight()
    clock.set(datetime(2026, 11, 26, 23, 30, tzinfo=BERLIN))
    practice.finish(insight.id)
    assert practice.store.practice.finished_days() == {date(2026, 11, 26)}

    # Fly to Tokyo: the same instant is already the 27th there. Nothing moves.
    clock.move_to_zone(TOKYO)
    assert practice.today() == date(2026, 11, 27)
    assert practice.store.practice.finished_days() == {date(2026, 11, 26)}
    assert practice.streak().current == 1  # the 27th is still open
    practice.finish(insight.id)  # practice in Tokyo counts for Tokyo's date
    assert practice.store.practice.finished_days() == {date(2026, 11, 26), date(2026, 11, 27)}
    assert practice.store.practice.finished_at(date(2026, 11, 27)).utcoffset() == timedelta(hours=9)

    # Fly back west: it is the 26th again in New York. Stored days stay as they are;
    # the day that has not come yet here is simply not counted until it does.
    clock.move_to_zone(NEW_YORK)
    assert practice.today() == date(2026, 11, 26)
    assert practice.store.practice.finished_days() == {date(2026, 11, 26), date(2026, 11, 27)}
    s = practice.streak()
    assert (s.current, s.total_days) == (1, 1)

    # A clock set back a week creates and removes nothing.
    clock.set(datetime(2026, 11, 19, 12, 0, tzinfo=BERLIN))
    assert practice.store.practice.finished_days() == {date(2026, 11, 26), date(2026, 11, 27)}
    assert practice.streak().total_days == 0
    clock.set(datetime(2026, 11, 27, 12, 0, tzinfo=BERLIN))
    assert practice.streak().current == 2

    # Changing the day start hour later does not move stored days either.
    practice.set_day_start_hour(5)
    assert practice.store.practice.finished_days() == {date(2026, 11, 26), date(2026, 11, 27)}


def test_day_start_hour_counts_late_practice_for_the_day_before(practice, clock):
    insight = practice.todays_insight()
    practice.set_day_start_hour(3)
    clock.set(datetime(2026, 11, 27, 1, 30, tzinfo=BERLIN))
    practice.finish(insight.id)
    assert practice.store.practice.finished_days() == {date(2026, 11, 26)}
    assert practice.today() == date(2026, 11, 26)
    assert practice.progress.overview().today == date(2026, 11, 26)
    with pytest.raises(ValueError):
        practice.set_day_start_hour(24)
    with pytest.raises(ValueError):
        practice.set_day_start_hour(True)


def test_day_record_joins_reading_steps_answers_and_outcome(practice, clock):
    insight = practice.todays_insight()
    practice.set_position(insight.id, 3)
    practice.set_step_done(insight.id, 1, True)
    practice.set_step_done(insight.id, 3, True)
    practice.save_answer(insight.id, 0, "Most of them.")
    practice.save_answer(insight.id, 2, "   ")  # blank answers are not shown
    practice.mission_and_outcomes.define_outcome(insight.id, "Requests I questioned", "number")
    practice.mission_and_outcomes.log_outcome(insight.id, 4)

    record = practice.progress.day_record(TODAY)
    assert record.is_today and record.state == CellState.FUTURE  # today still open
    (day,) = record.insights
    assert (day.finished, day.part_reached, day.steps_done) == (False, 3, (1, 3))
    assert day.answers == ((0, insight.questions[0], "Most of them."),)
    assert (day.outcome_name, day.outcome_value) == ("Requests I questioned", 4.0)

    practice.finish(insight.id)
    record = practice.progress.day_record(TODAY)
    assert record.state == CellState.DONE and record.insights[0].finished
    assert record.insights[0].part_reached == len(PARTS) - 1
    assert record.finished_at == clock.now()

    empty = practice.progress.day_record(TODAY - timedelta(days=5))
    assert empty.insights == () and empty.state == CellState.BEFORE_START


def test_steps_are_habits_with_their_own_history(practice, clock):
    insight = practice.todays_insight()
    for n in (3, 2, 1):
        clock.set(datetime(2026, 11, 26 - n, 9, tzinfo=BERLIN))
        practice.set_step_done(insight.id, 0, True)
    clock.set(datetime(2026, 11, 20, 9, tzinfo=BERLIN))
    practice.set_step_done(insight.id, 2, True)
    clock.set(datetime(2026, 11, 26, 9, tzinfo=BERLIN))
    practice.set_step_done(insight.id, 2, True)

    habits = practice.progress.step_habits(insight.id)
    assert [h.title for h in habits] == [s.title for s in insight.steps]
    first, _, third, _ = habits
    assert (first.done_today, first.current, first.total) == (False, 3, 3)  # today still open
    assert (third.done_today, third.current, third.total) == (True, 1, 2)
    assert len(first.recent) == 14 and first.recent[-1] == (TODAY, False)
    assert [done for _, done in first.recent[-4:]] == [True, True, True, False]
    assert practice.progress.step_habits("no-such-insight") == []


def test_mission_and_outcome_through_the_service(practice, clock):
    insight = practice.todays_insight()
    service = practice.mission_and_outcomes
    assert service.mission() is None
    service.save_mission("Help shoppers finish checkout.", insight_id=insight.id)
    clock.advance(timedelta(days=2))
    service.save_mission("Make every release move one number.")
    assert service.mission().text == "Make every release move one number."
    assert [v.day for v in service.mission_versions()] == [TODAY + timedelta(days=2), TODAY]

    service.define_outcome(insight.id, "Asked 'why?' first", "yes_no")
    for n, value in enumerate([True, False, True]):
        clock.set(datetime(2026, 12, 1 + n, 9, tzinfo=BERLIN))
        service.log_outcome(insight.id, value)
    assert service.outcome_today(insight.id).value is True
    assert [log.value for log in service.outcome_trend(insight.id, days=2)] == [False, True]
    assert service.clear_outcome_today(insight.id)
    assert service.outcome_today(insight.id) is None


def test_mission_and_outcomes_stamp_the_practice_day_not_the_date(practice, clock):
    """Before the day-start hour, a log or a mission belongs to the day before (the practice's own rule)."""
    insight = practice.todays_insight()
    service = practice.mission_and_outcomes
    practice.set_day_start_hour(3)
    clock.set(datetime(2026, 11, 27, 2, 30, tzinfo=BERLIN))  # 2:30 AM: still the 26th's practice
    service.define_outcome(insight.id, "Requests I questioned", "number")
    service.log_outcome(insight.id, 2.5)
    assert service.save_mission("Ship smaller.").day == TODAY
    assert [(log.day, log.value) for log in service.outcome_trend(insight.id, days=1)] == [(TODAY, 2.5)]
    assert service.trend_start(30) == TODAY - timedelta(days=29)
    clock.set(datetime(2026, 11, 27, 3, 0, tzinfo=BERLIN))
    assert service.outcome_today(insight.id) is None
    assert service.trend_start(2) == TODAY


def test_a_utc_clock_and_a_local_clock_agree_on_stored_days(tmp_path):
    """The clock hands in aware moments; storage keeps the date they had locally."""
    store = Store.open(tmp_path / "data")
    clock = FixedClock(datetime(2026, 11, 26, 22, 30, tzinfo=timezone.utc))  # 23:30 in Berlin
    practice = DailyPractice(store, load_insights().insights, clock)
    practice.finish(practice.todays_insight().id)
    assert store.practice.finished_days() == {date(2026, 11, 26)}
    clock.move_to_zone(BERLIN)
    assert practice.today() == date(2026, 11, 26)
    assert practice.streak().today_done


def test_reused_progress_figures_follow_every_change_on_disk(tmp_path, clock, monkeypatch):
    """The memo of finished days and step histories never serves stale data,
    even when another process (here: a second Store) writes."""
    import storage.read_cache

    monkeypatch.setattr(storage.read_cache, "is_racy", lambda key: False)  # trust fresh files too
    store = Store.open(tmp_path / "data")
    practice = DailyPractice(store, load_insights().insights, clock)
    insight = practice.todays_insight()
    assert practice.progress.overview().streak.total_days == 0
    assert practice.progress.step_habits(insight.id)[0].total == 0
    assert practice.progress.overview() == practice.progress.overview()  # served again, unchanged

    other = Store.open(tmp_path / "data")
    other.practice.mark_finished(insight.id, TODAY - timedelta(days=1), clock.now())
    other.practice.set_step_done(insight.id, 0, TODAY - timedelta(days=1), True, clock.now())
    assert practice.progress.overview().streak.total_days == 1
    cells = {c.day: c.state for week in practice.progress.calendar().weeks for c in week}
    assert cells[TODAY - timedelta(days=1)] == CellState.DONE
    assert practice.progress.step_habits(insight.id)[0].total == 1

    other.practice.mark_finished(insight.id, date(2025, 3, 3), clock.now())  # a new year file
    assert practice.progress.overview().streak.total_days == 2
    other.practice.set_step_done(insight.id, 0, TODAY - timedelta(days=1), False, clock.now())
    assert practice.progress.step_habits(insight.id)[0].total == 0
    other.close()
    store.close()
