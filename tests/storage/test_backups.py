"""Rotating daily backups and undoable restore."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from habit.clock import FixedClock
from storage import Backup, BackupDamaged, BackupNotFound
from tests.helpers.storage import CET, at, open_store

DAY = date(2026, 11, 3)


def test_one_daily_backup_at_open_per_local_day_keep_seven(tmp_path):
    clock = FixedClock(datetime(2026, 11, 1, 23, 30, tzinfo=CET))
    store = open_store(tmp_path, clock)
    store.journal.add_note(DAY, "x", at(DAY))
    assert [b.kind for b in store.backups.list()] == ["daily"]
    open_store(tmp_path, clock)
    clock.advance(timedelta(minutes=20))  # 23:50, same local day
    open_store(tmp_path, clock)
    assert len(store.backups.list()) == 1
    for _ in range(10):
        clock.advance(timedelta(days=1))
        open_store(tmp_path, clock)
        open_store(tmp_path, clock)
    backups = store.backups.list()
    assert len(backups) == 7 and all(isinstance(b, Backup) and b.kind == "daily" for b in backups)
    assert [b.created_at for b in backups] == sorted((b.created_at for b in backups), reverse=True)
    assert backups[0].created_at == clock.moment
    assert backups[0].files >= 2 and backups[0].size_bytes > 0


def test_restore_brings_back_the_backup_and_can_itself_be_undone(tmp_path):
    clock = FixedClock(datetime(2026, 11, 3, 7, 0, tzinfo=CET))
    store = open_store(tmp_path, clock)
    kept = store.journal.save_answer("ins", 0, "Q", DAY, "monday", at(DAY))
    store.settings.set("theme_mode", "dark")
    clock.advance(timedelta(days=1))
    store = open_store(tmp_path, clock)  # takes Tuesday's backup: "monday" + dark
    tuesday = store.backups.list()[0]

    store.journal.update_text(kept.id, "rewritten", at(DAY, 12))
    later = store.journal.add_note(date(2026, 12, 1), "a new month", at(DAY))
    store.settings.set("theme_mode", "light")

    safety = store.backups.restore(tuesday.name)
    assert safety.kind == "before-restore"
    assert store.journal.get(kept.id).text == "monday"
    assert store.journal.get(later.id) is None
    assert not (tmp_path / "journal" / "2026-12.json").exists()
    assert store.settings.get("theme_mode") == "dark"
    other = open_store(tmp_path, clock)
    assert other.journal.get(kept.id).text == "monday" and other.journal.count() == 1

    store.backups.restore(safety.name)  # undo the restore
    assert store.journal.get(kept.id).text == "rewritten"
    assert store.journal.get(later.id) == later
    assert store.settings.get("theme_mode") == "light"
    kinds = [b.kind for b in store.backups.list()]
    assert kinds.count("before-restore") == 2


def test_a_backup_keeps_its_bytes_when_the_data_changes_later(tmp_path):
    store = open_store(tmp_path)
    entry = store.journal.add_note(DAY, "original", at(DAY))
    backup = store.backups.take()
    copy = tmp_path / "backups" / backup.name / "journal" / "2026-11.json"
    frozen = copy.read_bytes()
    store.journal.update_text(entry.id, "changed", at(DAY, 9))
    store.journal.add_note(DAY, "more", at(DAY))
    assert copy.read_bytes() == frozen
    assert b"original" in frozen


def test_restore_refuses_unknown_and_damaged_backups_without_touching_data(tmp_path):
    store = open_store(tmp_path)
    store.journal.add_note(DAY, "now", at(DAY))
    backup = store.backups.take()
    with pytest.raises(BackupNotFound):
        store.backups.restore("no-such-backup")
    with pytest.raises(BackupNotFound):
        store.backups.restore("../journal")
    store.journal.add_note(DAY, "later", at(DAY))
    copy = tmp_path / "backups" / backup.name / "journal" / "2026-11.json"
    copy.unlink()
    copy.write_bytes(b'{"entries":{"x":')
    before = (tmp_path / "journal" / "2026-11.json").read_bytes()
    with pytest.raises(BackupDamaged):
        store.backups.restore(backup.name)
    assert (tmp_path / "journal" / "2026-11.json").read_bytes() == before
    assert [b.kind for b in store.backups.list()].count("before-restore") == 0


def test_a_backup_with_no_permission_to_link_is_copied(tmp_path, monkeypatch):
    import os

    store = open_store(tmp_path, daily_backup=False)
    store.journal.add_note(DAY, "copied", at(DAY))

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    backup = store.backups.take()
    monkeypatch.undo()
    copy = tmp_path / "backups" / backup.name / "journal" / "2026-11.json"
    assert copy.read_bytes() == (tmp_path / "journal" / "2026-11.json").read_bytes()
    assert os.stat(copy).st_ino != os.stat(tmp_path / "journal" / "2026-11.json").st_ino
