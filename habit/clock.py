"""The clock is passed in, never read directly, so tests can fix the time."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo
from typing import Callable, Protocol


class Clock(Protocol):
    """Something that tells the current moment as an aware local datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: the machine's local time zone, as the user sees it."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class ShiftedClock:
    """The wall clock moved to start at a chosen moment, then running on.

    For trying the app "as if it were" another day: time passes as it does on
    the wall (an edit comes after what it edits), in the moment's own zone.
    """

    def __init__(self, start: datetime, elapsed: Callable[[], float] = time.monotonic) -> None:
        if start.tzinfo is None:
            raise ValueError("ShiftedClock needs an aware datetime")
        self.start = start
        self._elapsed = elapsed
        self._origin = elapsed()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._elapsed() - self._origin)


class FixedClock:
    """A clock that stays where a test puts it."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment = self.moment + delta

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment

    def move_to_zone(self, zone: tzinfo) -> None:
        """Same instant, another time zone: a user who travelled."""
        self.moment = self.moment.astimezone(zone)
