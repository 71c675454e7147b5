"""Migration of the earlier single-file layout (tests/fixtures/storage/legacy_v1)."""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import storage.migration as migration
from tests.helpers.storage import REPO, open_store

FIXTURE = REPO / "tests" / "fixtures" / "storage" / "legacy_v1"


@pytest.fixture
def legacy(tmp_path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    return root


def _fixture_tables() -> dict:
    return json.loads((FIXTURE / "stepwise.json").read_text())


def test_the_fixture_is_tinydb_default_layout():
    tables = _fixture_tables()
    assert set(tables) == {"journal", "checkins", "completions", "positions", "settings"}
    assert all(key.isdigit() for table in tables.values() for key in table)
    assert (FIXTURE / "stepwise.json").read_bytes().isascii()


def test_migration_moves_everything_exactly(legacy):
    store = open_store(legacy)
    assert store.problems == []
    report = store.migration
    assert (report.journal_entries, report.practice_records, report.settings, report.skipped) == (6, 8, 3, 0)

    old = _fixture_tables()["journal"]
    entries = {e.id: e for e in store.journal.all_entries()}
    assert len(entries) == 6
    for doc in old.values():
        if "id" in doc:
            entry = entries[doc["id"]]
        else:
            (entry,) = [e for e in entries.values() if e.text == doc["text"]]
            assert uuid.UUID(hex=entry.id).version == 4
        assert entry.text == doc["text"]
        assert entry.question == doc["question"]
        assert entry.insight_id == doc["insight_id"] and entry.question_index == doc["question_index"]
        assert entry.day == date.fromisoformat(doc["day"])
        assert entry.created_at.tzinfo is not None and entry.updated_at.tzinfo is not None
        if "+" in doc["created_at"][10:] or "-" in doc["created_at"][10:]:
            assert entry.created_at == datetime.fromisoformat(doc["created_at"])
    no_id = next(e for e in entries.values() if e.text.startswith("Lay out"))
    assert no_id.updated_at == no_id.created_at
    assert no_id.created_at.replace(tzinfo=None) == datetime(2026, 1, 2, 8, 5)

    assert sorted(p.name for p in (legacy / "journal").iterdir()) == ["2025-12.json", "2026-01.json", "2026-02.json"]
    assert store.practice.steps_done("atomic-habits-01", date(2025, 12, 30)) == {0, 1}
    assert store.practice.step_history("atomic-habits-02", 0) == [date(2026, 1, 2)]
    assert store.practice.finished_days() == {date(2025, 12, 30), date(2026, 1, 2)}
    assert store.practice.finished_insight(date(2026, 1, 2)) == "atomic-habits-02"
    assert store.practice.finished_at(date(2025, 12, 30)) == datetime(2025, 12, 30, 7, 55, tzinfo=timezone(timedelta(hours=1)))
    assert store.practice.position("atomic-habits-01", date(2025, 12, 30)) == 6
    assert store.practice.position("deep-work-01", date(2026, 2, 14)) == 2
    assert store.settings.all() == {
        "theme_mode": "dark",
        "day_start_hour": 3,
        "reminders": {"enabled": True, "times": ["08:00", "20:30"]},
    }
    meta = json.loads((legacy / "meta.json").read_text())["meta"]["schema"]
    assert meta["version"] == 2 and meta["migrated_from"] == "stepwise.json"


def test_the_old_file_is_kept_aside_unchanged_and_migration_runs_once(legacy):
    store = open_store(legacy)
    assert not (legacy / "stepwise.json").exists()
    kept = legacy / "stepwise.json.migrated"
    assert kept.read_bytes() == (FIXTURE / "stepwise.json").read_bytes()
    note = store.journal.add_note(date(2026, 3, 3), "new", datetime(2026, 3, 3, 12, 0, tzinfo=timezone.utc))
    again = open_store(legacy)
    assert again.migration is None
    assert again.journal.count() == 7 and again.journal.get(note.id) == note


def test_an_interrupted_migration_finishes_at_next_open_without_duplicates(legacy, monkeypatch):
    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(migration, "write_meta", crash)
    with pytest.raises(KeyboardInterrupt):
        open_store(legacy)
    monkeypatch.undo()
    assert (legacy / "stepwise.json").exists()
    assert (legacy / "journal").exists()  # partly written

    store = open_store(legacy)
    assert store.migration is not None and store.journal.count() == 6
    assert len(store.practice.finished_days()) == 2
    assert not (legacy / "stepwise.json").exists()


def test_a_crash_between_version_note_and_rename_is_harmless(legacy):
    open_store(legacy)
    shutil.copy(legacy / "stepwise.json.migrated", legacy / "stepwise.json")
    store = open_store(legacy)
    assert store.journal.count() == 6
    assert (legacy / "stepwise.json.migrated").exists() and (legacy / "stepwise.json.migrated.2").exists()


def test_a_damaged_old_file_is_moved_aside_and_the_store_opens(legacy):
    (legacy / "stepwise.json").write_bytes((FIXTURE / "stepwise.json").read_bytes()[:500])
    store = open_store(legacy)
    assert store.journal.count() == 0
    assert len(store.problems) == 1 and "stepwise.json" in store.problems[0]
    assert len(list((legacy / "corrupt").iterdir())) == 1


def test_records_that_cannot_be_understood_are_reported_not_silently_dropped(legacy):
    tables = _fixture_tables()
    tables["journal"]["99"] = {"text": "no day at all"}
    tables["checkins"]["99"] = {"insight_id": "x", "step_index": "two", "day": "2026-01-01"}
    (legacy / "stepwise.json").write_text(json.dumps(tables))
    store = open_store(legacy)
    assert store.migration.skipped == 2
    assert any("2 record(s)" in p and "stepwise.json.migrated" in p for p in store.problems)
    assert store.journal.count() == 6
