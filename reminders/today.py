"""Whether today's practice is done, read from a Store the way the daily practice reads it."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any


def day_start_hour(store: Any) -> int:
    """The app's "a new day starts at" hour (setting `day_start_hour`, 0..23; 0 if unset or odd)."""
    try:
        hour = int(store.settings.get("day_start_hour", 0) or 0)
    except (TypeError, ValueError):
        return 0
    return hour if 0 <= hour <= 23 else 0


def today_done(store: Any, now: datetime, zone: tzinfo) -> bool:
    """`store.practice.finished(practice_day(now in zone, day_start_hour))`."""
    from habit.day import practice_day

    return bool(store.practice.finished(practice_day(now.astimezone(zone), day_start_hour(store))))
