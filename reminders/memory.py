"""An in-memory `ReminderPort` for tests (like httpx's MockTransport): no disk, no clock, no content.

    port = MemoryReminderPort(insight_title="The two-minute rule")
    save_settings(port, ReminderSettings(enabled=True, times=(...)))
    port.finish(date(2025, 3, 10))          # today's practice done
    port.day_start_hour = 3                 # a new day starts at 3 AM
    runner = ReminderRunner.for_port(port, clock=FixedClock(...), ...)

It keeps the settings as JSON, like the real store (what comes back is a
copy, and anything that is not JSON is refused), and counts the writes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from habit.day import practice_day


class MemoryReminderPort:
    def __init__(
        self,
        *,
        insight_title: str | Callable[[date], str | None] | None = None,
        day_start_hour: int = 0,
        data_dir: Path | None = None,
        problems: tuple[str, ...] | list[str] = (),
    ) -> None:
        self.stored: Any = None  # the reminder settings as written (JSON)
        self.writes = 0
        self.finished: dict[date, str] = {}  # practice day -> insight id
        self.day_start_hour = day_start_hour
        self.titles = insight_title
        self.data_dir = data_dir
        self.problems = list(problems)
        self.closed = False

    # --- test helpers -------------------------------------------------------
    def finish(self, day: date, insight_id: str = "insight") -> None:
        """The user finished the practice of (practice) day `day`."""
        self.finished[day] = insight_id

    # --- the port -------------------------------------------------------------
    def is_done(self, now: datetime) -> bool:
        return practice_day(now, self.day_start_hour) in self.finished

    def insight_title(self, day: date) -> str | None:
        if callable(self.titles):
            return self.titles(day)
        return self.titles

    def read_settings(self) -> Any:
        return copy.deepcopy(self.stored)

    def write_settings(self, data: dict) -> None:
        json.dumps(data)  # the real store keeps JSON: anything else is a bug
        self.stored = copy.deepcopy(data)
        self.writes += 1

    def close(self) -> None:
        self.closed = True
