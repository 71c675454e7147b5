"""`main.py remind`: check once, notify, say what it did. With a fake store and notifier."""

from __future__ import annotations

import io
import sys
import types
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import reminders.command as command
from reminders.message import compose, store_insight_title
from reminders.settings import ReminderSettings, ReminderTime, load_settings, save_settings
from tests.test_reminder_helpers import FakeNotifier, FakeStore

BERLIN = ZoneInfo("Europe/Berlin")
READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")


@pytest.fixture(autouse=True)
def fixed_insight(monkeypatch):
    monkeypatch.setattr(command, "store_insight_title", lambda store: (lambda day: "The two-minute rule"))


def remind(store, *args, notifier=None):
    out, err = io.StringIO(), io.StringIO()
    opened = []

    def opener(path):
        opened.append(path)
        return store

    notifier = FakeNotifier() if notifier is None else notifier
    code = command.run(["--data-dir", "/data", "--zone", "Europe/Berlin", *args],
                       store_opener=opener, notifier=notifier, out=out, err=err)
    assert opened == [Path("/data")]
    assert store.closed
    store.closed = False
    return code, out.getvalue(), err.getvalue(), notifier


def enabled(*times) -> FakeStore:
    store = FakeStore()
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
    store.practice.mark_finished("x", date(2025, 3, 10), datetime(2025, 3, 10, 7, 0, tzinfo=BERLIN))
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert code == 0
    assert notifier.sent == []
    assert out.splitlines() == [
        "nothing due: today's practice is done",
        "next reminder at Tue 2025-03-11 08:00 CET (Read)",
    ]
    assert load_settings(store)[0].last_fired == {}


def test_reminders_off_by_default():
    code, out, err, notifier = remind(FakeStore(), "--now", "2025-03-10T08:05")
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
    store = FakeStore()
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
    store = FakeStore()
    save_settings(store, ReminderSettings(enabled=True, times=()))
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert out.splitlines() == ["nothing due: no reminder times are set",
                                "no reminder is scheduled: add a time in the app's settings"]


def test_damaged_settings_are_reported_and_the_rest_used():
    store = FakeStore()
    store.settings.set("reminders", {"enabled": True, "times": [READ.to_dict(), {"id": "x", "time": "99:99"}]})
    store.problems = ["a damaged file was moved aside"]
    code, out, err, notifier = remind(store, "--now", "2025-03-10T08:05")
    assert code == 0 and out.startswith("sent: Read")
    assert "a damaged file was moved aside" in err and "99:99" in err


def test_usage_errors():
    store = FakeStore()
    err = io.StringIO()
    assert command.run(["--now", "yesterday"], store_opener=lambda p: store, out=io.StringIO(), err=err) == 2
    assert "--now needs an ISO date-time" in err.getvalue()
    err = io.StringIO()
    assert command.run(["--zone", "Mars/Olympus"], store_opener=lambda p: store, out=io.StringIO(), err=err) == 2
    assert "unknown time zone" in err.getvalue()


def test_unopenable_data_is_exit_1():
    def broken(path):
        raise PermissionError("denied")

    err = io.StringIO()
    assert command.run(["--data-dir", "/nope"], store_opener=broken, out=io.StringIO(), err=err) == 1
    assert "cannot open the Stepwise data in /nope: denied" in err.getvalue()

    def missing(path):
        raise ImportError("cannot import name 'Store' from 'storage'")

    err = io.StringIO()
    assert command.run([], store_opener=missing, out=io.StringIO(), err=err) == 1
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


# --- the insight title, from content + daily order -----------------------
@dataclass(frozen=True)
class FakeInsight:
    id: str
    title: str


def test_insight_title_follows_the_daily_order(monkeypatch):
    fake_content = types.ModuleType("content")
    fake_content.load_insights = lambda: types.SimpleNamespace(
        insights=(FakeInsight("a", "First"), FakeInsight("b", "Second")))
    monkeypatch.setitem(sys.modules, "content", fake_content)
    store = FakeStore()
    lookup = store_insight_title(store)
    assert lookup(date(2025, 3, 10)) == "First"
    store.practice.mark_finished("a", date(2025, 3, 10), datetime(2025, 3, 10, 9, tzinfo=BERLIN))
    assert store_insight_title(store)(date(2025, 3, 11)) == "Second"


def test_insight_title_falls_back_to_none(monkeypatch):
    broken = types.ModuleType("content")  # no load_insights at all
    monkeypatch.setitem(sys.modules, "content", broken)
    assert store_insight_title(FakeStore())(date(2025, 3, 10)) is None
    assert compose("Read", None) == ("Stepwise", "Read — time for today's step")
    assert compose("Reflect", "  A   long\ntitle ") == ("Stepwise", "Reflect — A long title")
    assert len(compose("Read", "x" * 500)[1]) < 100


def test_stays_quiet_while_another_process_is_sending(tmp_path, monkeypatch):
    from reminders.lock import ReminderLock

    monkeypatch.setattr(command, "LOCK_TIMEOUT", 0.2)
    store = enabled()
    store.data_dir = tmp_path
    other = ReminderLock.for_store(store)
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
