"""The reminder settings schema: defaults, round trip, strict validation, lenient reading."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reminders.settings import (
    DEFAULT_SNOOZE_MINUTES,
    ReminderSettings,
    ReminderSettingsError,
    ReminderTime,
    load_settings,
    parse_settings,
    save_settings,
)
from reminders.memory import MemoryReminderPort


def test_defaults_are_off_with_read_and_reflect():
    s = ReminderSettings()
    assert s.enabled is False
    assert [t.label for t in s.times] == ["Read", "Reflect"]
    assert s.snooze_minutes == DEFAULT_SNOOZE_MINUTES == 10
    assert s.snoozed_until is None and s.snoozed_id is None
    assert dict(s.last_fired) == {}
    assert ReminderSettings.from_dict(None) == s
    assert ReminderSettings.from_dict({}) == s


def test_round_trip_through_json():
    s = ReminderSettings(
        enabled=True,
        times=(ReminderTime("r1", "07:15", (4, 0, 0, 2), "Read"),),
        snooze_minutes=25,
        snoozed_until=datetime(2025, 3, 10, 7, 25, tzinfo=timezone.utc),
        snoozed_id="r1",
        last_fired={"r1": "2025-03-10"},
    )
    assert s.times[0].weekdays == (0, 2, 4)  # sorted, no repeats
    data = json.loads(json.dumps(s.to_dict()))
    assert data["version"] == 1
    assert data["times"] == [{"id": "r1", "time": "07:15", "weekdays": [0, 2, 4], "label": "Read"}]
    assert data["last_fired"] == {"r1": "2025-03-10"}
    back = ReminderSettings.from_dict(data)
    assert back == s
    assert back.last_fired["r1"] == date(2025, 3, 10)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"enabled": "yes"}, "enabled"),
        ({"times": [{"id": "a", "time": "24:00"}]}, "HH:MM"),
        ({"times": [{"id": "a", "time": "7:00"}]}, "HH:MM"),
        ({"times": [{"id": "a", "time": "07:00", "weekdays": [7]}]}, "weekdays"),
        ({"times": [{"id": "a", "time": "07:00", "weekdays": []}]}, "at least one day"),
        ({"times": [{"id": "a", "time": "07:00", "weekdays": [True]}]}, "weekdays"),
        ({"times": [{"id": "a", "time": "07:00", "label": " "}]}, "label"),
        ({"times": [{"id": "", "time": "07:00"}]}, "id"),
        ({"times": [{"id": "a", "time": "07:00"}, {"id": "a", "time": "08:00"}]}, "share the id"),
        ({"times": [{"id": "a", "time": "07:00", "colour": "red"}]}, "unknown"),
        ({"snooze_minutes": 0}, "snooze"),
        ({"snooze_minutes": 241}, "snooze"),
        ({"snooze_minutes": 5.5}, "snooze"),
        ({"snoozed_until": "2025-03-10T07:00", "snoozed_id": "read"}, "offset"),
        ({"snoozed_until": "2025-03-10T07:00+00:00"}, "together"),
        ({"last_fired": {"read": "yesterday"}}, "date"),
        ({"version": 2}, "version"),
        ({"surprise": 1}, "unknown"),
        ([], "object"),
    ],
)
def test_strict_validation_explains(data, message):
    with pytest.raises(ReminderSettingsError, match=message):
        ReminderSettings.from_dict(data)


def test_lenient_parse_keeps_the_good_parts_and_says_what_was_wrong():
    data = {
        "enabled": True,
        "times": [
            {"id": "a", "time": "07:00", "label": "Read"},
            {"id": "b", "time": "25:00", "label": "Broken"},
            {"id": "a", "time": "09:00", "label": "Dup"},
        ],
        "snooze_minutes": -3,
        "last_fired": {"a": "2025-03-10", "b": "nonsense"},
    }
    settings, problems = parse_settings(data)
    assert settings.enabled is True
    assert [t.id for t in settings.times] == ["a"]
    assert settings.snooze_minutes == 10
    assert dict(settings.last_fired) == {"a": date(2025, 3, 10)}
    assert problems and any("25:00" in p for p in problems)
    assert any("duplicate" in p for p in problems)


def test_lenient_parse_of_garbage_gives_defaults():
    settings, problems = parse_settings("not a dict")
    assert settings == ReminderSettings()
    assert problems


def test_load_and_save_through_the_port():
    store = MemoryReminderPort()
    settings, problems = load_settings(store)
    assert settings == ReminderSettings() and problems == []
    changed = replace(settings, enabled=True, snooze_minutes=15)
    save_settings(store, changed)
    assert store.read_settings()["snooze_minutes"] == 15
    assert load_settings(store) == (changed, [])


def test_load_and_save_through_the_apps_port_use_the_reminders_setting(tmp_path):
    storage = pytest.importorskip("storage")
    from daily.practice import DailyPractice
    from daily.reminder_port import PracticeReminderPort
    from habit.clock import FixedClock

    store = storage.Store.open(tmp_path / "data")
    try:
        port = PracticeReminderPort(DailyPractice(store, (), FixedClock(datetime(2025, 3, 10, tzinfo=timezone.utc))))
        changed = replace(ReminderSettings(), enabled=True, snooze_minutes=15)
        save_settings(port, changed)
        assert store.settings.get("reminders")["snooze_minutes"] == 15  # where it always was
        assert load_settings(port) == (changed, [])
    finally:
        store.close()


def test_removing_a_reminder_drops_its_log_and_snooze():
    s = ReminderSettings(
        enabled=True,
        snoozed_until=datetime(2025, 3, 10, 8, 10, tzinfo=timezone.utc),
        snoozed_id="read",
        last_fired={"read": "2025-03-10", "reflect": "2025-03-09"},
    )
    s2 = s.with_times([t for t in s.times if t.id != "read"])
    assert [t.id for t in s2.times] == ["reflect"]
    assert dict(s2.last_fired) == {"reflect": date(2025, 3, 9)}
    assert s2.snoozed_until is None and s2.snoozed_id is None


times = st.builds(
    lambda i, h, m, days, label: ReminderTime(f"id{i}", f"{h:02d}:{m:02d}", tuple(days), label),
    st.integers(0, 1000), st.integers(0, 23), st.integers(0, 59),
    st.lists(st.integers(0, 6), min_size=1, max_size=7),
    st.text(alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=40),
)


@given(
    st.booleans(),
    st.lists(times, max_size=12, unique_by=lambda t: t.id),
    st.integers(1, 240),
    st.one_of(st.none(), st.integers(-10**6, 10**6)),
)
def test_any_valid_settings_round_trip(enabled, reminder_times, minutes, snooze_offset):
    until = None
    sid = None
    if snooze_offset is not None and reminder_times:
        until = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=5))) + timedelta(seconds=snooze_offset)
        sid = reminder_times[0].id
    s = ReminderSettings(enabled, tuple(reminder_times), minutes, until, sid,
                         {t.id: date(2025, 1, 2) for t in reminder_times[:2]})
    data = json.loads(json.dumps(s.to_dict()))
    assert ReminderSettings.from_dict(data) == s
    assert parse_settings(data) == (s, [])


def test_reminder_lock_excludes_a_second_holder(tmp_path):
    from reminders.lock import ReminderLock

    a, b = ReminderLock(tmp_path / "reminders.lock"), ReminderLock(tmp_path / "reminders.lock")
    assert a.try_acquire() and a.held
    assert not b.try_acquire()
    assert not b.acquire(timeout=0.1)
    a.release()
    assert b.try_acquire()
    b.release()
    free = ReminderLock(None)
    assert free.try_acquire() and free.try_acquire()
    free.release()


def test_settings_screen_edits_keep_the_fired_log():
    from reminders.settings import update_settings, with_preferences

    store = MemoryReminderPort()
    save_settings(store, ReminderSettings(enabled=True))
    edited, _ = load_settings(store)  # the screen's copy, taken when it opened
    # Meanwhile the runner records a fire.
    update_settings(store, lambda s: replace(s, last_fired={"read": date(2025, 3, 10)}))
    edited = replace(edited, snooze_minutes=20, times=edited.times[:1])
    saved = update_settings(store, lambda fresh: with_preferences(fresh, edited))
    assert saved.snooze_minutes == 20 and [t.id for t in saved.times] == ["read"]
    assert saved.last_fired == {"read": date(2025, 3, 10)}
    assert load_settings(store)[0] == saved
