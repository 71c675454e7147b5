"""Atomic writes, permissions, damaged files at start-up, schema version, data folder."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from tinydb import TinyDB

from habit.clock import FixedClock
from storage import SchemaTooNew, Store, default_data_dir
from storage.atomic_storage import AtomicJSONStorage
from tests.helpers.storage import CET, at, mode, open_store

DAY = date(2026, 11, 3)


def test_atomic_storage_is_a_tinydb_storage(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(str(path), storage=AtomicJSONStorage)
    db.insert({"text": "hello ✨"})
    db.table("other").insert({"n": 1})
    assert TinyDB(str(path), storage=AtomicJSONStorage).all() == [{"text": "hello ✨"}]
    raw = path.read_bytes()
    assert raw.endswith(b"}\n") and raw.count(b"\n") == 1 and "✨".encode() in raw
    assert mode(path) == 0o600
    assert os.listdir(tmp_path) == ["db.json"]


def test_the_read_cache_trusts_a_key_only_once_the_file_is_old_enough():
    import time

    from storage.read_cache import RACY_SECONDS, ReadCache

    cache = ReadCache(budget_bytes=100)
    now_ns = time.time_ns()
    fresh_key = (1, 2, 3, now_ns)  # same inode/size/tick could be reused by the next write
    old_key = (1, 2, 3, now_ns - int((RACY_SECONDS + 1) * 1e9))
    cache.put("p", fresh_key, {"a": {}}, 10)
    assert cache.get("p", fresh_key) is None
    cache.put("p", old_key, {"a": {}}, 10)
    assert cache.get("p", old_key) == {"a": {}}
    assert cache.get("p", (1, 2, 4, old_key[3])) is None
    cache.put("big", old_key, {}, 101)
    assert cache.get("big", old_key) is None


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    store = open_store(tmp_path)
    entry = store.journal.save_answer("ins", 0, "Q", DAY, "kept", at(DAY))
    month = tmp_path / "journal" / "2026-11.json"
    before = month.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.journal.save_answer("ins", 1, "Q", DAY, "lost", at(DAY))
    monkeypatch.undo()
    assert month.read_bytes() == before
    assert os.listdir(month.parent) == ["2026-11.json"]
    assert store.journal.page() == ([entry], None)
    assert open_store(tmp_path).journal.page() == ([entry], None)


def test_folders_are_0700_and_files_0600(tmp_path):
    root = tmp_path / "data"
    store = open_store(root)
    store.journal.save_answer("ins", 0, "Q", DAY, "x", at(DAY))
    store.practice.mark_finished("ins", DAY, at(DAY))
    store.settings.set("k", "v")
    store.backups.take()
    (root / "journal" / "1999-01.json").write_text("garbage")
    store = open_store(root)
    assert store.problems
    for folder, dirs, files in os.walk(root):
        assert mode(Path(folder)) == 0o700, folder
        for name in files:
            assert mode(Path(folder) / name) == 0o600, f"{folder}/{name}"
    assert {"journal", "practice", "backups", "corrupt"} <= set(os.listdir(root))


def test_loose_permissions_are_tightened_at_open(tmp_path):
    store = open_store(tmp_path)
    store.settings.set("k", "v")
    os.chmod(tmp_path / "settings.json", 0o644)
    os.chmod(tmp_path, 0o755)
    open_store(tmp_path)
    assert mode(tmp_path / "settings.json") == 0o600 and mode(tmp_path) == 0o700


def _populate(root: Path) -> dict[str, object]:
    store = open_store(root)
    kept = store.journal.save_answer("ins", 0, "Q", date(2026, 10, 1), "October words", at(DAY))
    store.journal.save_answer("ins", 0, "Q", DAY, "November words", at(DAY))
    store.practice.mark_finished("ins", date(2025, 5, 5), at(DAY))
    store.practice.mark_finished("ins", DAY, at(DAY))
    store.settings.set("theme_mode", "dark")
    store.close()
    return {"kept": kept}


DAMAGE = {
    "garbage": lambda raw: b"\x89PNG\r\n\x1a\n\x00\x00 not json at all \xff\xfe",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "truncated-at-brace": lambda raw: raw[: raw.rindex(b"}", 0, len(raw) - 2) + 1],
}
FILES = ["journal/2026-11.json", "practice/2026.json", "settings.json", "meta.json"]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("relative", FILES)
def test_a_damaged_file_at_start_up_is_moved_aside_and_the_store_opens(tmp_path, damage, relative):
    root = tmp_path / "data"
    kept = _populate(root)["kept"]
    target = root / relative
    damaged = DAMAGE[damage](target.read_bytes())
    target.write_bytes(damaged)

    store = open_store(root)

    assert len(store.problems) == 1, store.problems
    message = store.problems[0]
    assert relative in message and "corrupt/" in message and "kept" in message
    moved = list((root / "corrupt").iterdir())
    assert len(moved) == 1
    assert moved[0].name.startswith("2026-11-26T") and moved[0].name.endswith(relative.replace("/", "_"))
    assert moved[0].name in message
    assert moved[0].read_bytes() == damaged, "the damaged bytes are kept as they were"
    # Everything else is still there, and the store works.
    assert store.journal.get(kept.id) == kept
    assert store.practice.finished(date(2025, 5, 5))
    if relative != "settings.json":
        assert store.settings.get("theme_mode") == "dark"
    if relative != "practice/2026.json":
        assert store.practice.finished(DAY)
    store.journal.save_answer("ins", 1, "Q", DAY, "after repair", at(DAY))
    assert store.settings.get("missing", 1) == 1
    # Opening again reports nothing new and keeps the moved file.
    again = open_store(root)
    assert again.problems == []
    assert list((root / "corrupt").iterdir()) == moved


def test_damage_in_the_middle_of_an_old_month_is_caught_when_it_is_read(tmp_path):
    root = tmp_path / "data"
    store = open_store(root)
    old = store.journal.add_note(date(2024, 1, 5), "old", at(DAY))
    new = store.journal.add_note(DAY, "new", at(DAY))
    path = root / "journal" / "2024-01.json"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"text":"old"', b'"text":"old"::'))  # still starts { and ends }\n
    fresh = open_store(root)
    assert fresh.problems == []  # the cheap start-up check cannot see it...
    first, cursor = fresh.journal.page(limit=1)
    assert first == [new] and cursor is not None
    entries, _ = fresh.journal.page(limit=10)
    assert entries == [new]  # ...the full parse on first read does
    assert len(fresh.problems) == 1 and "journal/2024-01.json" in fresh.problems[0]
    assert len(list((root / "corrupt").iterdir())) == 1
    assert fresh.journal.get(old.id) is None


def test_a_malformed_entry_is_kept_in_its_file_but_not_shown(tmp_path):
    store = open_store(tmp_path)
    good = store.journal.add_note(DAY, "good", at(DAY))
    path = tmp_path / "journal" / "2026-11.json"
    data = json.loads(path.read_text())
    data["entries"]["f" * 32] = {"text": "no day"}
    path.write_text(json.dumps(data) + "\n")
    fresh = open_store(tmp_path)
    assert fresh.journal.page() == ([good], None)
    assert any("could not be read" in p for p in fresh.problems)
    fresh.journal.add_note(DAY, "another", at(DAY))
    assert "f" * 32 in json.loads(path.read_text())["entries"], "saves never drop what they cannot read"


def test_temp_files_of_a_dead_writer_are_removed_at_open(tmp_path):
    store = open_store(tmp_path)
    store.journal.add_note(DAY, "x", at(DAY))
    for stale in (tmp_path / ".settings.json.abc.tmp", tmp_path / "journal" / ".2026-11.json.xyz.tmp"):
        stale.write_text("half written")
    (tmp_path / "backups" / ".tmp-2026-11-26T00-00-00Z-daily").mkdir()
    open_store(tmp_path)
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "journal").glob(".*.tmp"))
    assert not list((tmp_path / "backups").glob(".tmp-*"))


def test_schema_version_is_recorded_and_newer_data_is_refused(tmp_path):
    open_store(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["meta"]["schema"]["version"] == 2
    meta["meta"]["schema"]["version"] = 3
    (tmp_path / "meta.json").write_text(json.dumps(meta) + "\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(SchemaTooNew, match="newer Stepwise"):
        open_store(tmp_path, FixedClock(datetime(2030, 1, 1, tzinfo=CET)))
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_default_data_dir():
    home = Path("/home/ana")
    assert default_data_dir({"FLET_APP_STORAGE_DATA": "/data/app"}, "linux", home) == Path("/data/app")
    assert default_data_dir({"FLET_APP_STORAGE_DATA": "/x", "XDG_DATA_HOME": "/y"}, "darwin", home) == Path("/x")
    assert default_data_dir({}, "linux", home) == home / ".local/share/stepwise"
    assert default_data_dir({"XDG_DATA_HOME": "/xdg"}, "linux", home) == Path("/xdg/stepwise")
    assert default_data_dir({"XDG_DATA_HOME": "relative"}, "linux", home) == home / ".local/share/stepwise"
    assert default_data_dir({}, "darwin", home) == home / "Library/Application Support/Stepwise"
    assert default_data_dir({"APPDATA": "C:/Users/ana/AppData/Roaming"}, "win32", home) == Path(
        "C:/Users/ana/AppData/Roaming/Stepwise"
    )
    assert default_data_dir({}, "win32", home) == home / "AppData/Roaming/Stepwise"
    assert default_data_dir({"FLET_APP_STORAGE_DATA": "  "}, "linux", home) == home / ".local/share/stepwise"


def test_open_with_the_default_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path / "flet"))
    store = Store.open()
    assert store.data_dir == tmp_path / "flet" and (tmp_path / "flet" / "meta.json").exists()
