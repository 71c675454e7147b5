"""Which calendar day a moment belongs to, in the user's own local time."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def practice_day(moment: datetime, day_start_hour: int = 0) -> date:
    """The local day a moment counts for.

    Uses the wall clock of `moment` itself (its own offset), so a completion
    keeps the date it had where and when it happened. With a day start hour
    of 3, practice at 01:30 still counts for the previous day.
    """
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day_start_hour must be 0..23, got {day_start_hour}")
    if moment.tzinfo is None:
        raise ValueError("practice_day needs an aware datetime")
    return (moment.replace(tzinfo=None) - timedelta(hours=day_start_hour)).date()
