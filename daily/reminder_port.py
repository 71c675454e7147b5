"""The reminders' port (`reminders.port.ReminderPort`), implemented by the daily practice.

The reminders ask; the daily practice decides. Whether a moment's practice
day is finished uses the same day-start hour as the Today screen
(`DailyPractice.practice_day`), and a reminder names the insight that
`DailyPractice.insight_on` gives that day, the same one Today shows, with
its book: "Insight 3 of 8 · Escaping the Build Trap: <title>"
(library.path.full_name).

    port = PracticeReminderPort(practice)           # in the app (screens/serve.py)
    port = open_reminder_port(data_dir)             # the `remind` command: opens the data and the content
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from daily.practice import DailyPractice
from library.path import full_name

log = logging.getLogger(__name__)

#: The setting the reminder settings are stored under (their schema: reminders/settings.py).
REMINDER_SETTINGS_KEY = "reminders"


class PracticeReminderPort:
    """What the reminders may know about the user's practice, and where their settings live."""

    def __init__(self, practice: DailyPractice) -> None:
        self.practice = practice

    @property
    def data_dir(self) -> Path | None:
        data_dir = getattr(self.practice.store, "data_dir", None)
        return Path(data_dir) if data_dir is not None else None

    @property
    def problems(self) -> Sequence[str]:
        """The data's start-up messages (files moved aside...); content problems are the app's to show."""
        return tuple(getattr(self.practice.store, "problems", ()) or ())

    def is_done(self, now: datetime) -> bool:
        return bool(self.practice.store.practice.finished(self.practice.practice_day(now)))

    def insight_title(self, day: date) -> str | None:
        try:
            insight = self.practice.insight_on(day)
        except Exception:  # noqa: BLE001 - decoration only; never block a reminder
            log.warning("could not tell the insight of %s for a reminder", day, exc_info=True)
            return None
        return full_name(insight) if insight is not None else None

    def read_settings(self) -> Any:
        return self.practice.store.settings.get(REMINDER_SETTINGS_KEY, None)

    def write_settings(self, data: dict) -> None:
        self.practice.store.settings.set(REMINDER_SETTINGS_KEY, data)

    def close(self) -> None:
        self.practice.store.close()


def open_reminder_port(data_dir: Path) -> PracticeReminderPort:
    """Open the user's data in `data_dir` and the content, for the `remind` command.

    Raises what `Store.open` raises (the command says it and exits 1). The
    content is only decoration here: when it cannot be read, reminders go
    out without an insight title.
    """
    from habit.clock import SystemClock
    from storage import Store

    store = Store.open(data_dir)
    try:
        from content import load_insights
        from content.packs import added_folder

        loaded = load_insights(added=added_folder(data_dir))  # the user's books count too
    except Exception:  # noqa: BLE001 - the reminder matters more than the decoration
        log.warning("the content could not be read; reminders go out without a title", exc_info=True)
        loaded = None
    try:
        # The port never reads this clock: the command passes its own `now`.
        insights = tuple(loaded.insights) if loaded is not None else ()
        return PracticeReminderPort(DailyPractice(store, insights, SystemClock(), content=loaded))
    except BaseException:
        store.close()
        raise
