"""Practice records (check-ins, finished days, positions) and settings: round trips."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.helpers.storage import at, open_store

DAY = date(2026, 11, 3)


def test_step_check_ins_round_trip(tmp_path):
    store = open_store(tmp_path)
    store.practice.set_step_done("ins", 0, DAY, True, at(DAY))
    store.practice.set_step_done("ins", 2, DAY, True, at(DAY))
    store.practice.set_step_done("ins", 1, DAY, True, at(DAY))
    store.practice.set_step_done("ins", 1, DAY, False, at(DAY, 9))
    store.practice.set_step_done("ins", 0, DAY + timedelta(days=1), True, at(DAY))
    store.practice.set_step_done("other", 3, DAY, True, at(DAY))
    fresh = open_store(tmp_path)
    assert fresh.practice.steps_done("ins", DAY) == {0, 2}
    assert fresh.practice.steps_done("ins", DAY - timedelta(days=1)) == set()
    assert fresh.practice.steps_done("other", DAY) == {3}


def test_step_history_spans_years_oldest_first(tmp_path):
    store = open_store(tmp_path)
    days = [date(2024, 12, 31), date(2026, 1, 1), date(2025, 6, 1)]
    for day in days:
        store.practice.set_step_done("ins", 4, day, True, at(day))
    store.practice.set_step_done("ins", 5, date(2025, 2, 2), True, at(DAY))
    store.practice.set_step_done("ins", 4, date(2025, 3, 3), True, at(DAY))
    store.practice.set_step_done("ins", 4, date(2025, 3, 3), False, at(DAY))
    assert open_store(tmp_path).practice.step_history("ins", 4) == sorted(days)
    assert sorted(p.name for p in (tmp_path / "practice").iterdir()) == ["2024.json", "2025.json", "2026.json"]


def test_unchanged_check_in_does_not_write(tmp_path):
    store = open_store(tmp_path)
    store.practice.set_step_done("ins", 0, DAY, True, at(DAY))
    writes = sum(store.io_stats.writes.values())
    store.practice.set_step_done("ins", 0, DAY, True, at(DAY, 10))
    assert sum(store.io_stats.writes.values()) == writes


def test_mark_finished_stores_local_date_and_moment_with_offset_once_per_day(tmp_path):
    store = open_store(tmp_path)
    tokyo = timezone(timedelta(hours=9))
    moment = datetime(2026, 11, 4, 0, 30, tzinfo=tokyo)
    assert store.practice.mark_finished("ins-a", DAY, moment) is True
    assert store.practice.mark_finished("ins-b", DAY, moment + timedelta(hours=1)) is False
    fresh = open_store(tmp_path)
    assert fresh.practice.finished(DAY) and not fresh.practice.finished(DAY + timedelta(days=1))
    assert fresh.practice.finished_insight(DAY) == "ins-a"
    assert fresh.practice.finished_insight(DAY - timedelta(days=1)) is None
    assert fresh.practice.finished_at(DAY) == moment
    assert fresh.practice.finished_at(DAY).utcoffset() == timedelta(hours=9)
    raw = json.loads((tmp_path / "practice" / "2026.json").read_text())
    assert raw["finished"]["2026-11-03"] == {"day": "2026-11-03", "insight_id": "ins-a", "at": "2026-11-04T00:30:00+09:00"}


def test_finished_days_across_years(tmp_path):
    store = open_store(tmp_path)
    days = {date(2024, 2, 29), date(2025, 12, 31), date(2026, 1, 1)}
    for day in days:
        store.practice.mark_finished("ins", day, at(day))
    assert open_store(tmp_path).practice.finished_days() == days


def test_reading_positions(tmp_path):
    store = open_store(tmp_path)
    assert store.practice.position("ins", DAY) == 0
    store.practice.set_position("ins", DAY, 5)
    store.practice.set_position("ins", DAY, 6)
    store.practice.set_position("ins", DAY + timedelta(days=1), 1)
    fresh = open_store(tmp_path)
    assert fresh.practice.position("ins", DAY) == 6
    assert fresh.practice.position("ins", DAY + timedelta(days=1)) == 1
    assert fresh.practice.position("other", DAY) == 0
    with pytest.raises(ValueError):
        store.practice.set_position("ins", DAY, -1)


def test_practice_validates_inputs(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.practice.mark_finished("ins", DAY, datetime(2026, 11, 3, 8))
    with pytest.raises(TypeError):
        store.practice.set_step_done("ins", 0, at(DAY), True, at(DAY))
    with pytest.raises(ValueError):
        store.practice.set_step_done("ins", True, DAY, True, at(DAY))


def test_settings_round_trip(tmp_path):
    store = open_store(tmp_path)
    assert store.settings.get("theme_mode") is None
    assert store.settings.get("theme_mode", "system") == "system"
    store.settings.set("theme_mode", "dark")
    store.settings.set("reminders", {"enabled": True, "times": ["08:00"], "nested": {"x": [1, 2.5, None]}})
    store.settings.set("day_start_hour", 3)
    fresh = open_store(tmp_path)
    assert fresh.settings.get("theme_mode") == "dark"
    assert fresh.settings.all() == {
        "theme_mode": "dark",
        "reminders": {"enabled": True, "times": ["08:00"], "nested": {"x": [1, 2.5, None]}},
        "day_start_hour": 3,
    }
    assert fresh.settings.delete("theme_mode") is True and fresh.settings.delete("theme_mode") is False
    assert open_store(tmp_path).settings.get("theme_mode", "system") == "system"


def test_settings_values_are_copies(tmp_path):
    store = open_store(tmp_path)
    value = {"times": ["08:00"]}
    store.settings.set("reminders", value)
    value["times"].append("09:00")
    got = store.settings.get("reminders")
    got["times"].append("10:00")
    assert store.settings.get("reminders") == {"times": ["08:00"]}
    assert store.settings.all()["reminders"] == {"times": ["08:00"]}


def test_settings_refuse_what_json_cannot_hold(tmp_path):
    store = open_store(tmp_path)
    for bad in (object(), {1, 2}, float("nan"), datetime(2026, 11, 3, 9, 0, tzinfo=timezone.utc)):
        with pytest.raises(ValueError):
            store.settings.set("bad", bad)
    with pytest.raises(ValueError):
        store.settings.set("", 1)
    assert store.settings.all() == {}


def test_setting_true_after_one_is_a_change(tmp_path):
    store = open_store(tmp_path)
    store.settings.set("flag", 1)
    store.settings.set("flag", True)
    assert open_store(tmp_path).settings.get("flag") is True


def test_store_is_a_context_manager_and_close_keeps_everything(tmp_path):
    from storage import Store

    with Store.open(tmp_path) as store:
        store.settings.set("k", "v")
        store.practice.mark_finished("ins", DAY, at(DAY))
    assert store.closed
    with Store.open(tmp_path) as again:
        assert again.settings.get("k") == "v" and again.practice.finished(DAY)
        assert again.problems == [] and again.schema_version == 2


def _age(folder, seconds_since_epoch: int) -> None:
    """Give every practice file a fixed old mtime (long past storage's racy window)."""
    for path in folder.glob("*.json"):
        os.utime(path, ns=(seconds_since_epoch * 10**9, seconds_since_epoch * 10**9))


def test_the_practice_version_follows_the_files_and_distrusts_fresh_ones(tmp_path):
    """storage owns the file-stat check that daily's progress memo relies on."""
    store = open_store(tmp_path)
    folder = store.practice.folder
    assert store.practice.version() == ()  # no practice files yet
    store.practice.mark_finished("ins", DAY, at(DAY))
    assert store.practice.version() is None  # just written: not to be trusted yet
    _age(folder, 1_700_000_000)
    first = store.practice.version()
    assert first is not None and [name for name, _ in first] == ["2026.json"]
    assert store.practice.version() == first  # unchanged files, same version
    assert open_store(tmp_path).practice.version() == first  # another Store sees the same

    store.practice.mark_finished("ins", date(2025, 3, 3), at(date(2025, 3, 3)))  # a new year file
    assert store.practice.version() is None
    _age(folder, 1_700_000_000)
    second = store.practice.version()
    assert [name for name, _ in second] == ["2025.json", "2026.json"]
    assert second != first

    store.practice.set_step_done("ins", 0, DAY, True, at(DAY))  # rewrites 2026.json: a new inode
    _age(folder, 1_700_000_000)
    assert store.practice.version() != second
