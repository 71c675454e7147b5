"""The clock is passed in, never read directly, so tests can fix the time."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current moment as an aware local datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: the machine's local time zone, as the user sees it."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


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
