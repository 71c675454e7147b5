"""What the reminders need from the rest of the app: one narrow port.

The reminders decide *when* to remind and *how* a reminder reaches the user.
Whether today's practice is done, which insight a day has, where the
reminder settings are kept: those are the app's own rules (daily/), and the
reminders only ask, through this Protocol:

    port.is_done(now)           # is the practice day `now` falls in finished? (day-start hour applied)
    port.insight_title(day)     # the title of that date's insight, or None
    port.read_settings()        # the stored reminder settings (JSON data; None when never saved)
    port.write_settings(data)   # store them (reminders/settings.py owns the schema)
    port.data_dir               # where the reminder lock lives (None: no cross-process lock)
    port.problems               # start-up messages about the data (the `remind` command prints them)
    port.close()                # done with the data (the `remind` command closes what it opened)

Implemented once by the app, `daily.reminder_port.PracticeReminderPort`
(built from `DailyPractice`), and once for tests, `reminders.memory.MemoryReminderPort`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol


class ReminderPort(Protocol):
    @property
    def data_dir(self) -> Path | None: ...

    @property
    def problems(self) -> Sequence[str]: ...

    def is_done(self, now: datetime) -> bool:
        """Whether the practice day that the (aware, local) moment `now` falls in is finished."""
        ...

    def insight_title(self, day: date) -> str | None:
        """The title of the insight the app gives `day`; None when there is none (or it can't tell)."""
        ...

    def read_settings(self) -> Any:
        """The reminder settings as stored (a JSON value; None when never saved)."""
        ...

    def write_settings(self, data: dict) -> None:
        """Store the reminder settings (a JSON dict, `ReminderSettings.to_dict()`)."""
        ...

    def close(self) -> None: ...
