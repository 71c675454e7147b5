"""Shared helpers for the storage tests (no tests here)."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from habit.clock import FixedClock
from storage import Store

CET = timezone(timedelta(hours=1))
REPO = Path(__file__).resolve().parents[2]


def at(day: date, hour: int = 8, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CET)


def open_store(folder: Path, clock: FixedClock | None = None, **kwargs) -> Store:
    """A store on `clock` (a FixedClock), by default 26 November 2026, 09:00 CET."""
    return Store.open(folder, now=(clock or FixedClock(datetime(2026, 11, 26, 9, 0, tzinfo=CET))).now, **kwargs)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def journal_parses(store: Store) -> dict[str, int]:
    """Journal month files parsed by this store so far: {'2026-11': n}."""
    return {
        Path(p).stem: n for p, n in store.io_stats.parses.items() if Path(p).parent.name == "journal"
    }


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
