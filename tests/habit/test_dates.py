"""Days and moments written as text (habit/dates.py): the one parser every reader uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from habit import dates
from habit.dates import day_from_text, parse_day, parse_moment


@pytest.mark.parametrize("text, day", [
    ("2026-11-03", date(2026, 11, 3)), ("0001-01-01", date(1, 1, 1)), ("2024-02-29", date(2024, 2, 29)),
    ("2025-02-29", None), ("2026-13-01", None), ("2026-11-3", None), ("20261103", None), ("2026-W45-2", None),
    ("2026-11-03T08:00", None), (" 2026-11-03", None), ("2026-11-03\n", None), ("２０２６-11-03", None),
    ("", None), (None, None), (20261103, None), (date(2026, 11, 3), None),
])
def test_a_day_is_exactly_yyyy_mm_dd(text, day):
    assert parse_day(text) == day


def test_a_day_read_again_comes_from_memory_and_a_bad_one_is_refused_every_time(monkeypatch):
    monkeypatch.setattr(dates, "_days", {})
    monkeypatch.setattr(dates, "_DAYS_KEPT", 3)
    first = day_from_text("2026-11-03")
    assert day_from_text("2026-11-03") is first == date(2026, 11, 3)  # the same object: remembered
    for bad in ("20261103", "2026-W45-2", ["2026-11-03"], {"day": 1}, date(2026, 11, 3), 20261103, None):
        for _ in range(2):
            with pytest.raises(ValueError, match="not a day YYYY-MM-DD"):
                day_from_text(bad)
    assert set(dates._days) == {"2026-11-03"}  # only texts that passed are kept
    for n in range(1, 8):  # past the bound the memory starts again, and answers stay right
        assert day_from_text(f"2026-01-0{n}") == date(2026, 1, n)
        assert len(dates._days) <= 3


def test_a_moment_keeps_its_offset_or_comes_back_naive():
    plus_one = timezone(timedelta(hours=1))
    assert parse_moment("2026-11-03T08:00:00+01:00") == datetime(2026, 11, 3, 8, tzinfo=plus_one)
    assert parse_moment("2026-11-03T08:00:00+01:00").utcoffset() == timedelta(hours=1)
    naive = parse_moment("2026-11-03T08:00:00")
    assert naive == datetime(2026, 11, 3, 8) and naive.tzinfo is None
    for bad in ("yesterday", "2026-11-03T25:00", "", None, 3, datetime(2026, 11, 3)):
        assert parse_moment(bad) is None


def test_the_readers_share_it():
    """storage, the reminder settings and a journal import refuse the same text, each in its own words."""
    from journal.importing import ImportRejected, _day
    from reminders.settings import ReminderSettingsError, _parse_date
    from storage.moments import day_from_iso

    assert day_from_iso("2026-11-03") == _parse_date("2026-11-03", "x") == _day("2026-11-03", "x")
    with pytest.raises(ValueError, match="not a day YYYY-MM-DD"):
        day_from_iso("20261103")
    with pytest.raises(ReminderSettingsError, match="last_fired.read must be a date YYYY-MM-DD"):
        _parse_date("20261103", "last_fired.read")
    with pytest.raises(ImportRejected, match="must be a date like 2026-11-03"):
        _day("20261103", "entry 1 day")
