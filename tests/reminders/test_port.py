"""The reminders' port: the app's implementation (daily/reminder_port.py) and the in-memory one
(reminders/memory.py) answer alike, and the app's answers are the daily practice's own rules."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from daily.practice import DailyPractice, read_day_start_hour
from daily.reminder_port import PracticeReminderPort
from habit.clock import FixedClock
from reminders.memory import MemoryReminderPort
from reminders.port import ReminderPort
from tests.helpers.books import insight

storage = pytest.importorskip("storage")

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2025, 3, 10)


INSIGHTS = (insight("a", 1, 2, title="First", book="A Book"), insight("a", 2, 2, title="Second", book="A Book"))
FIRST = "Insight 1 of 2 · A Book: First"  # reminders name the insight with its book
SECOND = "Insight 2 of 2 · A Book: Second"


class AppSide:
    """The app's port over a real store; `finish` and `day_start` go through the practice."""

    def __init__(self, tmp_path) -> None:
        self.store = storage.Store.open(tmp_path / "data")
        self.practice = DailyPractice(self.store, INSIGHTS, FixedClock(datetime(2025, 3, 10, 9, tzinfo=BERLIN)))
        self.port: ReminderPort = PracticeReminderPort(self.practice)

    def finish(self, day: date, insight_id: str) -> None:
        self.store.practice.mark_finished(insight_id, day, datetime(2025, 3, 10, 9, tzinfo=BERLIN))

    def day_start(self, hour: int) -> None:
        self.practice.set_day_start_hour(hour)

    def close(self) -> None:
        self.store.close()


class MemorySide:
    def __init__(self, tmp_path) -> None:
        titles = {MONDAY: FIRST, date(2025, 3, 11): SECOND}
        self.port: ReminderPort = MemoryReminderPort(insight_title=titles.get)

    def finish(self, day: date, insight_id: str) -> None:
        self.port.finish(day, insight_id)

    def day_start(self, hour: int) -> None:
        self.port.day_start_hour = hour

    def close(self) -> None:
        self.port.close()


@pytest.fixture(params=[AppSide, MemorySide], ids=["app", "memory"])
def side(request, tmp_path):
    made = request.param(tmp_path)
    yield made
    made.close()


def test_is_done_is_the_practice_day_of_the_moment(side):
    port = side.port
    assert not port.is_done(datetime(2025, 3, 10, 20, 0, tzinfo=BERLIN))
    side.finish(MONDAY, "a-1")
    assert port.is_done(datetime(2025, 3, 10, 20, 0, tzinfo=BERLIN))
    assert not port.is_done(datetime(2025, 3, 11, 1, 0, tzinfo=BERLIN))  # Tuesday, 01:00
    side.day_start(3)  # a new day starts at 3 AM: 01:00 on Tuesday is still Monday's practice
    assert port.is_done(datetime(2025, 3, 11, 1, 0, tzinfo=BERLIN))
    assert not port.is_done(datetime(2025, 3, 11, 3, 0, tzinfo=BERLIN))


def test_settings_are_kept_as_json_copies(side):
    port = side.port
    assert port.read_settings() is None
    value = {"enabled": True, "times": [{"id": "read"}]}
    port.write_settings(value)
    value["times"].append({"id": "later"})
    got = port.read_settings()
    assert got == {"enabled": True, "times": [{"id": "read"}]}
    got["enabled"] = False
    assert port.read_settings()["enabled"] is True


def test_insight_title_follows_the_order(side):
    assert side.port.insight_title(MONDAY) == FIRST
    side.finish(MONDAY, "a-1")
    assert side.port.insight_title(date(2025, 3, 11)) == SECOND


def test_no_problems_and_a_data_dir_for_the_lock(side, tmp_path):
    assert list(side.port.problems) == []
    if isinstance(side, AppSide):
        assert side.port.data_dir == tmp_path / "data"
    else:
        assert side.port.data_dir is None


def test_the_apps_port_asks_the_daily_practice(tmp_path):
    app = AppSide(tmp_path)
    try:
        # Today's insight: the one Today shows, by the one rule (DailyPractice.insight_on).
        assert app.port.insight_title(app.practice.today()) == FIRST
        assert app.practice.todays_insight().title == "First"
        app.practice.finish(app.practice.todays_insight().id)
        assert app.port.is_done(app.practice.now())
        # No content: no title, and no error.
        bare = PracticeReminderPort(DailyPractice(app.store, (), app.practice.clock))
        assert bare.insight_title(MONDAY) is None
    finally:
        app.close()


def test_a_broken_insight_lookup_gives_no_title(tmp_path):
    app = AppSide(tmp_path)
    try:
        def broken(day):
            raise OSError("disk hiccup")

        app.practice.insight_on = broken
        assert app.port.insight_title(MONDAY) is None  # decoration only: the reminder still goes out
    finally:
        app.close()


@pytest.mark.parametrize("stored, hour", [
    (None, 0), (0, 0), (3, 3), ("5", 5), (23, 23), (24, 0), (-1, 0), ("x", 0), ([1], 0),
])
def test_the_day_start_hour_is_read_leniently(stored, hour):
    assert read_day_start_hour(stored) == hour


def test_memory_port_keeps_json_copies():
    port = MemoryReminderPort()
    value = {"a": [1]}
    port.write_settings(value)
    value["a"].append(2)
    assert port.read_settings() == {"a": [1]}
    assert MemoryReminderPort().read_settings() is None  # never saved
