"""The day's practice as the screens use it: real storage, real content, fixed clock."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo


from content import load_insights
from daily.parts import PARTS
from daily.practice import DailyPractice
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")


def test_new_user_sees_the_first_insight_at_the_start(practice):
    status = practice.status()
    assert status.insight.id == "escaping-the-build-trap-1"  # the first book on the shelves, insight 1
    assert (status.position, status.finished, status.streak.current) == (0, False, 0)


def test_position_steps_and_answers_are_kept_per_day(practice, clock):
    insight = practice.todays_insight()
    practice.set_position(insight.id, 3)
    practice.set_step_done(insight.id, 0, True)
    practice.save_answer(insight.id, 1, "first draft")
    practice.save_answer(insight.id, 1, "second draft")
    assert practice.status().position == 3
    assert practice.steps_done(insight.id) == {0}
    assert practice.answers(insight.id) == {1: "second draft"}

    clock.advance(timedelta(days=1))  # the next day starts clean, answers kept apart
    assert practice.status().position == 0
    assert practice.steps_done(insight.id) == set()
    assert practice.answers(insight.id) == {}
    practice.save_answer(insight.id, 1, "tomorrow's answer")
    entries = practice.journal.page(limit=10).entries
    assert [e.text for e in entries] == ["tomorrow's answer", "second draft"]


def test_finishing_counts_once_a_day_and_builds_a_streak(practice, clock):
    insight = practice.todays_insight()
    assert practice.finish(insight.id).current == 1
    assert practice.finish(insight.id).current == 1  # again the same day
    clock.advance(timedelta(days=1))
    assert practice.status().finished is False
    assert practice.status().streak.current == 1  # today still open
    tomorrow = practice.todays_insight()
    assert tomorrow.id != insight.id and tomorrow.position == insight.position + 1  # the book goes on
    assert practice.finish(tomorrow.id).current == 2
    clock.advance(timedelta(days=2))  # a missed day, no freeze held yet
    assert practice.streak().current == 0
    assert practice.streak().longest == 2


def test_day_start_hour_moves_late_night_practice_to_the_previous_day(practice, clock):
    practice.store.settings.set("day_start_hour", 3)
    clock.set(datetime(2026, 11, 27, 1, 30, tzinfo=BERLIN))
    assert practice.today().isoformat() == "2026-11-26"


def test_everything_survives_a_restart(tmp_path, clock):
    store = Store.open(tmp_path / "data")
    practice = DailyPractice(store, load_insights().insights, clock)
    insight = practice.todays_insight()
    practice.save_answer(insight.id, 0, "kept across restarts ✓")
    practice.set_position(insight.id, len(PARTS) - 2)
    practice.finish(insight.id)
    store.close()

    again = DailyPractice(Store.open(tmp_path / "data"), load_insights().insights, clock)
    assert again.answers(insight.id) == {0: "kept across restarts ✓"}
    assert again.status().finished is True
    assert again.streak().current == 1


def test_a_broken_content_file_is_reported_and_the_good_one_still_loads(tmp_path, clock):
    from daily.opening import open_practice

    library = tmp_path / "books"
    shipped = Path("content/books/escaping-the-build-trap")
    shutil.copytree(shipped, library / shipped.name)
    (library / shipped.name / "broken.toml").write_text('id = "broken"\ntitle = ""\n', encoding="utf-8")
    practice = open_practice(tmp_path / "data", content_dir=library)
    assert [i.id for i in practice.insights] == [f"escaping-the-build-trap-{n}" for n in range(1, 9)]
    assert any("broken.toml" in message and "title" in message for message in practice.problems)
