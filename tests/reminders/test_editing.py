"""Editing the reminder settings as Settings does (reminders/editing.py): pure, no Flet."""

from __future__ import annotations

from datetime import time

import pytest

from reminders.editing import (DAY_NAMES, SNOOZE_CHOICES, add_time, can_add_time, can_step_snooze, change_time,
                               clean_label, days_text, remove_time, set_time, snooze_step, toggle_day,
                               with_snooze_step)
from reminders.settings import MAX_LABEL, MAX_TIMES, ReminderSettings, ReminderSettingsError, ReminderTime

READ = ReminderTime("read", "08:00", (0, 1, 2, 3, 4, 5, 6), "Read")
REFLECT = ReminderTime("reflect", "20:00", (0, 1, 2, 3, 4, 5, 6), "Reflect")


def test_add_remove_and_change_times():
    s = ReminderSettings(enabled=True, times=(READ, REFLECT))
    added = add_time(s)
    assert [(t.id, t.time, t.label) for t in added.times][-1] == ("time-1", "12:00", "Practice")
    assert add_time(added).times[-1].id == "time-2"
    assert [t.id for t in remove_time(added, "read").times] == ["reflect", "time-1"]
    assert set_time(s, "reflect", time(21, 30)).reminder("reflect").time == "21:30"
    assert set_time(s, "reflect", "06:05").reminder("reflect").time == "06:05"
    full = ReminderSettings(times=tuple(ReminderTime(f"r{i}", "08:00") for i in range(MAX_TIMES)))
    with pytest.raises(ReminderSettingsError):
        add_time(full)


def test_weekdays_toggle_but_never_to_none():
    s = ReminderSettings(times=(ReminderTime("read", "08:00", (0, 6), "Read"),))
    s = toggle_day(s, "read", 6)
    assert s.reminder("read").weekdays == (0,)
    with pytest.raises(ReminderSettingsError, match="at least one day"):
        toggle_day(s, "read", 0)
    assert toggle_day(s, "read", 3).reminder("read").weekdays == (0, 3)


def test_snooze_steps_and_day_texts():
    assert [snooze_step(10, -1), snooze_step(10, +1), snooze_step(5, -1), snooze_step(60, +1)] == [5, 15, 5, 60]
    assert snooze_step(7, +1) == 10 and snooze_step(7, -1) == 5  # a stored odd value joins the steps
    assert days_text((0, 1, 2, 3, 4, 5, 6)) == "every day"
    assert days_text((0, 1, 2, 3, 4)) == "weekdays"
    assert days_text((5, 6)) == "weekends"
    assert days_text((0, 2)) == "Mon, Wed"


def test_a_label_changes_alone_and_the_snooze_steps_inside_settings():
    s = ReminderSettings(enabled=True, times=(READ, REFLECT), snooze_minutes=10)
    renamed = change_time(s, "read", label="Morning read")
    assert renamed.reminder("read") == ReminderTime("read", "08:00", READ.weekdays, "Morning read")
    assert renamed.reminder("reflect") == REFLECT
    with pytest.raises(ReminderSettingsError):
        change_time(s, "read", time="25:00")
    assert with_snooze_step(s, +1).snooze_minutes == 15 and with_snooze_step(s, -1).snooze_minutes == 5
    assert with_snooze_step(s, +1).times == s.times and with_snooze_step(s, +1).enabled
    assert SNOOZE_CHOICES == (5, 10, 15, 20, 30, 45, 60)
    assert DAY_NAMES[0] == "Mon" and DAY_NAMES[6] == "Sun"


def test_what_settings_may_offer_next():
    s = ReminderSettings(times=(READ,))
    assert can_add_time(s)
    full = ReminderSettings(times=tuple(ReminderTime(f"r{i}", "08:00") for i in range(MAX_TIMES)))
    assert not can_add_time(full) and can_add_time(remove_time(full, "r0"))
    assert [can_step_snooze(5, -1), can_step_snooze(5, +1), can_step_snooze(60, +1), can_step_snooze(60, -1)] == [
        False, True, False, True]
    assert can_step_snooze(7, -1) and not can_step_snooze(3, -1) and not can_step_snooze(90, +1)


def test_a_typed_name_is_kept_tidy():
    assert clean_label("  Morning   read \n") == "Morning read"
    assert clean_label("   ") == "" and clean_label(None) == ""
    assert clean_label("x" * (MAX_LABEL + 5)) == "x" * MAX_LABEL
