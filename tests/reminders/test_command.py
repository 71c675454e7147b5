"""`main.py remind`: check once, notify, say what it did. With the in-memory port and a fake notifier."""

from __future__ import annotations

import io
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import reminders.command as command
from daily.practice import DailyPractice
from daily.reminder_port import PracticeReminderPort, open_reminder_port
from habit.clock import FixedClock
from reminders.memory import MemoryReminderPort
from library.path import full_name
from reminders.message import MAX_INSIGHT_TITLE, compose
from reminders.settings import ReminderSettings, ReminderTime, load_settings, save_settings
from tests.helpers.reminders import FakeNotifier

BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")


def fresh() -> MemoryReminderPort:
    """The user's data, in memory; today's insight is "The two-minute rule"."""
    return MemoryReminderPort(insight_title="The two-minute rule")


def remind(store, *args, notifier=None):
    out, err = io.StringIO(), io.StringIO()
    opened = []

    def opener(path):
        opened.append(path)
        return store

    notifier = FakeNotifier() if notifier is None else notifier
    code = command.run(["--data-dir", "/data", "--zone", "Europe/Berlin", *args],
                       port_opener=opener, notifier=notifier, out=out, err=err)
    assert opened == [Path("/data")]
    assert store.closed
    store.closed = False
    return code, out.getvalue(), err.getvalue(), notifier


def enabled(*times) -> MemoryReminderPort:
    store = fresh()
    save_settings(store, ReminderSettings(enabled=True, times=times or (READ, REFLECT)))
    return store


def test_sends_when_due_and_records_it():
    store = enabled()
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert code == 0, err
    assert notifier.sent == [("Stepwise", "Read — The two-minute rule")]
    assert out.splitlines() == [
        "sent: Read — The two-minute rule",
        "next reminder at Mon 2025-03-10 20:00 CET (Reflect)",
    ]
    assert load_settings(store)[0].last_fired == {"read": date(2025, 3, 10)}
    # Five minutes later (the next timer run) it is not sent again.
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:10")
    assert notifier.sent == []
    assert out.splitlines() == [
        "nothing due: no reminder is due yet",
        "next reminder at Mon 2025-03-10 20:00 CET (Reflect)",
    ]


def test_nothing_when_todays_practice_is_done():
    store = enabled()
    store.finish(date(2025, 3, 10), "x")
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert code == 0
    assert notifier.sent == []
    assert out.splitlines() == [
        "nothing due: today's practice is done",
        "next reminder at Tue 2025-03-11 08:00 CET (Read)",
    ]
    assert load_settings(store)[0].last_fired == {}


def test_reminders_off_by_default():
    code, out, err, notifier = remind(fresh(), "--now", "2025-03-10T08:05")
    assert code == 0 and notifier.sent == []
    assert out.splitlines() == ["nothing due: reminders are off (turn them on in the app's settings)"]


def test_before_the_first_reminder():
    code, out, err, notifier = remind(enabled(), "--now", "2025-03-10T06:00+01:00")
    assert notifier.sent == []
    assert out.splitlines() == [
        "nothing due: no reminder is due yet",
        "next reminder at Mon 2025-03-10 08:00 CET (Read)",
    ]


def test_now_with_another_offset_is_the_same_instant():
    code, out, err, notifier = remind(enabled(), "--now", "2025-03-10T07:05Z")  # 08:05 in Berlin
    assert out.startswith("sent: Read")


def test_undeliverable_notification_is_not_recorded_so_the_next_run_retries():
    store = enabled()
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05",
                                      notifier=FakeNotifier(can_fire=False, reason="no D-Bus session bus: ..."))
    assert code == 0
    assert out.splitlines()[0] == "not sent: Read is due, but no D-Bus session bus: ..."
    assert load_settings(store)[0].last_fired == {}


def test_snoozed_says_until_when():
    store = fresh()
    save_settings(store, ReminderSettings(
        enabled=True, times=(READ,), snoozed_until=datetime(2025, 3, 10, 8, 15, tzinfo=BERLIN),
        snoozed_id="read", last_fired={"read": "2025-03-10"}))
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:10")
    assert out.splitlines() == [
        "nothing due: snoozed until Mon 2025-03-10 08:15 CET",
        "next reminder at Mon 2025-03-10 08:15 CET (Read)",
    ]
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:15")
    assert out.splitlines()[0] == "sent: Read — The two-minute rule"
    assert load_settings(store)[0].snoozed_until is None


def test_no_times_set():
    store = fresh()
    save_settings(store, ReminderSettings(enabled=True, times=()))
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert out.splitlines() == ["nothing due: no reminder times are set",
                                "no reminder is scheduled: add a time in the app's settings"]


def test_damaged_settings_are_reported_and_the_rest_used():
    store = fresh()
    store.write_settings({"enabled": True, "times": [READ.to_dict(), {"id": "x", "time": "99:99"}]})
    store.problems = ["a damaged file was moved aside"]
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert code == 0 and out.startswith("sent: Read")
    assert "a damaged file was moved aside" in err and "99:99" in err


def test_usage_errors():
    store = fresh()
    err = io.StringIO()
    assert command.run(["--now", "yesterday"], port_opener=lambda p: store, out=io.StringIO(), err=err) == 2
    assert "--now needs an ISO date-time" in err.getvalue()
    err = io.StringIO()
    assert command.run(["--zone", "Mars/Olympus"], port_opener=lambda p: store, out=io.StringIO(), err=err) == 2
    assert "unknown time zone" in err.getvalue()


def test_unopenable_data_is_exit_1():
    def broken(path):
        raise PermissionError("denied")

    err = io.StringIO()
    assert command.run(["--data-dir", "/nope"], port_opener=broken, out=io.StringIO(), err=err) == 1
    assert "cannot open the Stepwise data in /nope: denied" in err.getvalue()

    def missing(path):
        raise ImportError("cannot import name 'Store' from 'storage'")

    err = io.StringIO()
    assert command.run([], port_opener=missing, out=io.StringIO(), err=err) == 1
    assert "storage package is not available" in err.getvalue()


def test_default_data_dir_is_the_apps_own(monkeypatch, tmp_path):
    monkeypatch.delenv("FLET_APP_STORAGE_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    from storage.data_dir import default_data_dir

    assert command.default_data_dir() == Path(default_data_dir())
    if sys.platform.startswith("linux"):
        assert command.default_data_dir() == tmp_path / "stepwise"


def test_parse_now_reads_wall_time_in_the_zone():
    assert command.parse_now("2025-03-30T03:00", BERLIN).utcoffset().total_seconds() == 7200
    assert command.parse_now("2025-03-10T08:05:30", BERLIN) == datetime(2025, 3, 10, 8, 5, 30, tzinfo=BERLIN)


# --- the insight title, from content + the path ----------------------------------
def test_insight_title_follows_the_daily_order(tmp_path):
    storage = pytest.importorskip("storage")
    from tests.helpers.books import insight

    store = storage.Store.open(tmp_path / "data")
    try:
        insights = (insight("a", 1, 2, title="First", book="A Book"), insight("a", 2, 2, title="Second", book="A Book"))
        practice = DailyPractice(store, insights, FixedClock(datetime(2025, 3, 10, 9, tzinfo=BERLIN)))
        port = PracticeReminderPort(practice)
        assert port.insight_title(date(2025, 3, 10)) == "Insight 1 of 2 · A Book: First"
        store.practice.mark_finished("a-1", date(2025, 3, 10), datetime(2025, 3, 10, 9, tzinfo=BERLIN))
        assert PracticeReminderPort(practice).insight_title(date(2025, 3, 11)) == "Insight 2 of 2 · A Book: Second"
        # The same insight Today shows: one rule (DailyPractice.insight_on), asked by both.
        assert practice.todays_insight().title == "First"
        assert port.insight_title(date(2025, 3, 10)) == "Insight 1 of 2 · A Book: First"
    finally:
        store.close()


def test_insight_title_falls_back_to_none(monkeypatch, tmp_path):
    import daily.opening

    def unreadable(*_args, **_kwargs):
        raise OSError("the books folder cannot be read")

    monkeypatch.setattr(daily.opening, "load_insights", unreadable)
    port = open_reminder_port(tmp_path / "data")
    try:
        assert port.insight_title(date(2025, 3, 10)) is None
    finally:
        port.close()
    assert compose("Read", None) == ("Stepwise", "Read — time for today's step")
    assert compose("Reflect", "  A   long\ntitle ") == ("Stepwise", "Reflect — A long title")
    cut = compose("Read", "x" * 500)[1]
    assert len(cut) == len("Read — ") + MAX_INSIGHT_TITLE and cut.endswith("…")
    name = "Insight 3 of 8 · Escaping the Build Trap: Treat Your Work as a Product, Not a Project"
    assert compose("Read", name) == ("Stepwise", f"Read — {name}")  # a name of the shipped books' length is kept whole


def test_with_the_real_data_and_content(tmp_path):
    """`remind` opens the data itself (daily/reminder_port.py) and names the insight Today shows."""
    pytest.importorskip("storage")
    from content import load_insights

    port = open_reminder_port(tmp_path / "data")
    try:
        save_settings(port, ReminderSettings(enabled=True, times=(READ, REFLECT)))
    finally:
        port.close()
    first = full_name(load_insights().insights[0])  # "Insight 1 of 8 · <book>: <title>"
    assert first.startswith("Insight 1 of ")
    out, err, notifier = io.StringIO(), io.StringIO(), FakeNotifier()
    code = command.run(["--data-dir", str(tmp_path / "data"), "--zone", "Europe/Berlin", "--now", "2025-03-10T08:05"],
                       notifier=notifier, out=out, err=err)
    assert code == 0, err.getvalue()
    assert notifier.sent == [compose("Read", first)]
    assert out.getvalue().splitlines()[0] == f"sent: {compose('Read', first)[1]}"
    port = open_reminder_port(tmp_path / "data")
    try:
        assert load_settings(port)[0].last_fired == {"read": date(2025, 3, 10)}
    finally:
        port.close()


def test_stays_quiet_while_another_process_is_sending(tmp_path, monkeypatch):
    from reminders.lock import ReminderLock

    monkeypatch.setattr(command, "LOCK_TIMEOUT", 0.2)
    store = enabled()
    store.data_dir = tmp_path
    other = ReminderLock.for_port(store)
    assert other.try_acquire()
    try:
        code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    finally:
        other.release()
    assert code == 0 and notifier.sent == []
    assert out.splitlines() == ["nothing done: another Stepwise process is sending reminders right now"]
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert out.startswith("sent: Read")
    assert (tmp_path / "reminders.lock").exists()
