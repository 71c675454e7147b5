"""Editing the reminder settings as Settings → Reminders does: add, remove and move a
reminder, toggle its weekdays, step the snooze length, say its days in words.

Pure functions from one `ReminderSettings` to the next (reminders/settings.py
validates them); the screen (screens/settings_reminders.py) only renders and
saves what these return. A change that is not allowed raises
`ReminderSettingsError` with a message fit to show.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from reminders.settings import ALL_WEEKDAYS, MAX_LABEL, MAX_TIMES, ReminderSettings, ReminderSettingsError, ReminderTime

#: Short weekday names, Monday=0 (the weekday toggles, and days_text).
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: The snooze lengths Settings steps through, in minutes.
SNOOZE_CHOICES = (5, 10, 15, 20, 30, 45, 60)
#: A reminder added in Settings: at noon, every day, with this name.
NEW_TIME = "12:00"
NEW_LABEL = "Practice"


def new_id(settings: ReminderSettings) -> str:
    """The first free id "time-1", "time-2", ... among the reminders."""
    taken = {t.id for t in settings.times}
    n = 1
    while f"time-{n}" in taken:
        n += 1
    return f"time-{n}"


def can_add_time(settings: ReminderSettings) -> bool:
    """Whether one more reminder fits (at most MAX_TIMES)."""
    return len(settings.times) < MAX_TIMES


def add_time(settings: ReminderSettings) -> ReminderSettings:
    """One more reminder (12:00, every day), up to MAX_TIMES."""
    if len(settings.times) >= MAX_TIMES:
        raise ReminderSettingsError(f"at most {MAX_TIMES} reminder times")
    added = ReminderTime(id=new_id(settings), time=NEW_TIME, weekdays=ALL_WEEKDAYS, label=NEW_LABEL)
    return replace(settings, times=(*settings.times, added))


def remove_time(settings: ReminderSettings, reminder_id: str) -> ReminderSettings:
    return replace(settings, times=tuple(t for t in settings.times if t.id != reminder_id))


def change_time(settings: ReminderSettings, reminder_id: str, **changes) -> ReminderSettings:
    """The settings with one reminder's time, weekdays or label changed (validated)."""
    return replace(settings, times=tuple(
        replace(t, **changes) if t.id == reminder_id else t for t in settings.times))


def clean_label(typed: str | None) -> str:
    """A typed reminder name as it is kept: spaces collapsed, at most MAX_LABEL characters ("" when blank)."""
    return " ".join((typed or "").split())[:MAX_LABEL]


def set_time(settings: ReminderSettings, reminder_id: str, value: time | str) -> ReminderSettings:
    """The settings with one reminder at `value` (a datetime.time, or "HH:MM")."""
    text = value if isinstance(value, str) else f"{value.hour:02d}:{value.minute:02d}"
    return change_time(settings, reminder_id, time=text)


def toggle_day(settings: ReminderSettings, reminder_id: str, day: int) -> ReminderSettings:
    """Turn weekday `day` (Monday=0) on or off for one reminder; its last day cannot go."""
    current = settings.reminder(reminder_id)
    if current is None:
        return settings
    days = set(current.weekdays)
    if day in days:
        if len(days) == 1:
            raise ReminderSettingsError(f"{current.label} needs at least one day: pick another day first")
        days.remove(day)
    else:
        days.add(day)
    return change_time(settings, reminder_id, weekdays=tuple(sorted(days)))


def snooze_step(current: int, direction: int) -> int:
    """The next shorter (-1) or longer (+1) snooze length from SNOOZE_CHOICES."""
    if direction < 0:
        shorter = [m for m in SNOOZE_CHOICES if m < current]
        return shorter[-1] if shorter else current
    longer = [m for m in SNOOZE_CHOICES if m > current]
    return longer[0] if longer else current


def can_step_snooze(current: int, direction: int) -> bool:
    """Whether the snooze can get shorter (-1) or longer (+1) than `current` minutes."""
    return current > SNOOZE_CHOICES[0] if direction < 0 else current < SNOOZE_CHOICES[-1]


def with_snooze_step(settings: ReminderSettings, direction: int) -> ReminderSettings:
    """The settings with the snooze length one step shorter (-1) or longer (+1)."""
    return replace(settings, snooze_minutes=snooze_step(settings.snooze_minutes, direction))


def days_text(weekdays: tuple[int, ...]) -> str:
    """A reminder's days in words: "every day", "weekdays", "weekends" or "Mon, Wed"."""
    if tuple(weekdays) == ALL_WEEKDAYS:
        return "every day"
    if tuple(weekdays) == (0, 1, 2, 3, 4):
        return "weekdays"
    if tuple(weekdays) == (5, 6):
        return "weekends"
    return ", ".join(DAY_NAMES[d] for d in weekdays)
