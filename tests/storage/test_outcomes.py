"""Outcomes: one named per insight, a number or yes/no logged per day, kept per year."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import pytest

from storage import AnswerTooLong
from storage.outcomes import MAX_NAME_BYTES, NUMBER, YES_NO
from tests.helpers.storage import at, mode, open_store

DAY = date(2026, 11, 3)


def test_name_an_outcome_and_rename_it(tmp_path):
    store = open_store(tmp_path)
    assert store.outcomes.get("ins") is None
    first = store.outcomes.define("ins", "  Requests answered with 'what problem?'  ", NUMBER, at(DAY))
    assert first.name == "Requests answered with 'what problem?'"
    assert first.kind == NUMBER and first.created_at == first.updated_at
    store.outcomes.log("ins", DAY, 2, at(DAY))
    renamed = store.outcomes.define("ins", "Requests I questioned", NUMBER, at(DAY, 9))
    fresh = open_store(tmp_path)
    assert fresh.outcomes.get("ins") == renamed
    assert renamed.created_at == first.created_at and renamed.updated_at == at(DAY, 9)
    assert [log.value for log in fresh.outcomes.history("ins")] == [2.0]  # logs survive a rename
    assert [o.insight_id for o in fresh.outcomes.all()] == ["ins"]


def test_kind_is_fixed_once_values_are_logged(tmp_path):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Asked why", YES_NO, at(DAY))
    store.outcomes.define("ins", "Asked why", NUMBER, at(DAY))  # nothing logged yet: allowed
    store.outcomes.log("ins", DAY, 1, at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.define("ins", "Asked why", YES_NO, at(DAY))
    assert store.outcomes.get("ins").kind == NUMBER


def test_bad_definitions_are_refused(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.outcomes.define("ins", "  ", NUMBER, at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.define("ins", "x", "percent", at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.define("", "x", NUMBER, at(DAY))
    with pytest.raises(AnswerTooLong):
        store.outcomes.define("ins", "x" * (MAX_NAME_BYTES + 1), NUMBER, at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.log("ins", DAY, 1, at(DAY))  # nothing named yet


def test_one_value_per_day_logging_again_replaces_it(tmp_path):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Requests questioned", NUMBER, at(DAY))
    store.outcomes.log("ins", DAY, 3, at(DAY))
    store.outcomes.log("ins", DAY, 4.5, at(DAY, 20))
    store.outcomes.log("ins", DAY + timedelta(days=1), 0, at(DAY + timedelta(days=1)))
    fresh = open_store(tmp_path)
    assert [(log.day, log.value) for log in fresh.outcomes.history("ins")] == [
        (DAY, 4.5), (DAY + timedelta(days=1), 0.0)]
    assert fresh.outcomes.value("ins", DAY).logged_at == at(DAY, 20)
    assert fresh.outcomes.value("ins", DAY - timedelta(days=1)) is None
    assert fresh.outcomes.clear("ins", DAY) is True
    assert fresh.outcomes.clear("ins", DAY) is False
    assert [log.day for log in fresh.outcomes.history("ins")] == [DAY + timedelta(days=1)]


def test_unchanged_value_does_not_write(tmp_path):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Asked why", YES_NO, at(DAY))
    store.outcomes.log("ins", DAY, True, at(DAY))
    writes = sum(store.io_stats.writes.values())
    store.outcomes.log("ins", DAY, True, at(DAY, 10))
    assert sum(store.io_stats.writes.values()) == writes
    store.outcomes.log("ins", DAY, False, at(DAY, 11))
    assert store.outcomes.value("ins", DAY).value is False


@pytest.mark.parametrize("value", [True, "3", None, math.nan, math.inf, 1e13])
def test_numbers_must_be_real_finite_numbers(tmp_path, value):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Requests questioned", NUMBER, at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.log("ins", DAY, value, at(DAY))


@pytest.mark.parametrize("value", [1, 0, "yes", None])
def test_yes_no_takes_only_booleans(tmp_path, value):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Asked why", YES_NO, at(DAY))
    with pytest.raises(ValueError):
        store.outcomes.log("ins", DAY, value, at(DAY))


def test_logs_are_partitioned_by_year_and_read_by_range(tmp_path):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Requests questioned", NUMBER, at(DAY))
    store.outcomes.define("other", "Workshops run", NUMBER, at(DAY))
    days = [date(2024, 12, 31), date(2025, 1, 1), date(2026, 6, 1)]
    for n, day in enumerate(days):
        store.outcomes.log("ins", day, n, at(day))
    store.outcomes.log("other", date(2025, 1, 1), 9, at(DAY))
    assert sorted(p.name for p in (tmp_path / "outcomes").iterdir()) == ["2024.json", "2025.json", "2026.json"]
    assert mode(tmp_path / "outcomes" / "2025.json") == 0o600
    fresh = open_store(tmp_path)
    assert [log.day for log in fresh.outcomes.history("ins")] == days
    ranged = fresh.outcomes.history("ins", date(2025, 1, 1), date(2025, 12, 31))
    assert [log.value for log in ranged] == [1.0]
    assert [log.value for log in fresh.outcomes.history("ins", first=date(2025, 1, 2))] == [2.0]
    raw = json.loads((tmp_path / "outcomes" / "2025.json").read_text("utf-8"))["logs"]
    assert raw[json.dumps(["ins", "2025-01-01"])]["value"] == 1


def test_outcomes_are_in_backups(tmp_path):
    store = open_store(tmp_path)
    store.outcomes.define("ins", "Requests questioned", NUMBER, at(DAY))
    store.outcomes.log("ins", DAY, 1, at(DAY))
    backup = store.backups.take()
    store.outcomes.log("ins", DAY, 5, at(DAY, 9))
    store.outcomes.log("ins", date(2027, 1, 1), 7, at(DAY, 9))
    store.backups.restore(backup.name)
    assert [(log.day, log.value) for log in store.outcomes.history("ins")] == [(DAY, 1.0)]
