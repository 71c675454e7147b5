"""Shared helpers for the storage tests (no tests here)."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from storage import Store

CET = timezone(timedelta(hours=1))
REPO = Path(__file__).resolve().parent.parent


class Clock:
    """A settable clock for Store.open(now=...)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


def at(day: date, hour: int = 8, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CET)


def open_store(folder: Path, clock: Clock | None = None, **kwargs) -> Store:
    return Store.open(folder, now=clock or Clock(datetime(2026, 11, 26, 9, 0, tzinfo=CET)), **kwargs)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def journal_parses(store: Store) -> dict[str, int]:
    """Journal month files parsed by this store so far: {'2026-11': n}."""
    return {
        Path(p).stem: n for p, n in store.io_stats.parses.items() if Path(p).parent.name == "journal"
    }


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
