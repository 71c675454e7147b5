"""The user's mission: every version kept, newest current, durable and shared safely."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta, timezone

import pytest

from storage import AnswerTooLong
from storage.mission import MAX_MISSION_BYTES
from tests.helpers.storage import at, mode, open_store

DAY = date(2026, 11, 3)


def test_no_mission_yet(tmp_path):
    store = open_store(tmp_path)
    assert store.mission.current() is None
    assert store.mission.versions() == []
    assert store.mission.as_of(DAY) is None
    assert not (tmp_path / "mission.json").exists()  # reading writes nothing


def test_revisions_keep_every_earlier_version(tmp_path):
    store = open_store(tmp_path)
    first = store.mission.save("  Help my team ship what matters.  ", DAY, at(DAY), insight_id="ins")
    second = store.mission.save("Help customers finish checkout.", DAY + timedelta(days=3), at(DAY + timedelta(days=3)))
    third = store.mission.save("Make every release move one number.", DAY + timedelta(days=9), at(DAY + timedelta(days=9)))
    assert (first.number, second.number, third.number) == (1, 2, 3)
    assert first.text == "Help my team ship what matters."  # surrounding spaces removed
    fresh = open_store(tmp_path)
    assert fresh.mission.current() == third
    assert [v.text for v in fresh.mission.versions()] == [third.text, second.text, first.text]
    assert fresh.mission.versions()[-1].insight_id == "ins"
    assert fresh.mission.versions()[0].insight_id is None
    # The version that stood on a given day.
    assert fresh.mission.as_of(DAY - timedelta(days=1)) is None
    assert fresh.mission.as_of(DAY + timedelta(days=5)) == second
    assert fresh.mission.as_of(DAY + timedelta(days=30)) == third


def test_saving_the_current_text_again_writes_nothing(tmp_path):
    store = open_store(tmp_path)
    store.mission.save("Why I do this.", DAY, at(DAY))
    writes = sum(store.io_stats.writes.values())
    again = store.mission.save("Why I do this.  ", DAY + timedelta(days=1), at(DAY, 9))
    assert again.number == 1 and again.day == DAY
    assert sum(store.io_stats.writes.values()) == writes
    # Going back to an earlier wording is a new version, not a rewind.
    store.mission.save("Another why.", DAY, at(DAY, 10))
    assert store.mission.save("Why I do this.", DAY, at(DAY, 11)).number == 3


def test_empty_and_overlong_missions_are_refused(tmp_path):
    store = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.mission.save("   \n ", DAY, at(DAY))
    with pytest.raises(AnswerTooLong):
        store.mission.save("x" * (MAX_MISSION_BYTES + 1), DAY, at(DAY))
    with pytest.raises(ValueError):
        store.mission.save("ok", DAY, datetime(2026, 11, 3, 8))  # naive moment
    with pytest.raises(TypeError):
        store.mission.save("ok", datetime(2026, 11, 3, 8, tzinfo=timezone.utc), at(DAY))
    assert store.mission.current() is None


def test_unicode_round_trips_and_the_file_is_private_and_plain_json(tmp_path):
    store = open_store(tmp_path)
    text = "Nächste Schritte 🚀 — بناء ما يهم"
    store.mission.save(text, DAY, at(DAY))
    assert open_store(tmp_path).mission.current().text == text
    path = tmp_path / "mission.json"
    assert mode(path) == 0o600
    versions = json.loads(path.read_text("utf-8"))["versions"]
    assert versions["000001"]["text"] == text
    assert versions["000001"]["written_at"].endswith("+00:00") or "+" in versions["000001"]["written_at"]


def test_two_stores_saving_at_once_keep_both_versions(tmp_path):
    stores = [open_store(tmp_path) for _ in range(4)]
    barrier = threading.Barrier(len(stores))

    def write(i):
        barrier.wait()
        for n in range(5):
            stores[i].mission.save(f"writer {i} version {n}", DAY, at(DAY))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    versions = open_store(tmp_path).mission.versions()
    assert sorted(v.number for v in versions) == list(range(1, 21))
    assert {v.text for v in versions} == {f"writer {i} version {n}" for i in range(4) for n in range(5)}


def test_mission_is_in_backups_and_comes_back_on_restore(tmp_path):
    store = open_store(tmp_path)
    store.mission.save("First why.", DAY, at(DAY))
    backup = store.backups.take()
    store.mission.save("Second why.", DAY, at(DAY, 9))
    store.backups.restore(backup.name)
    assert [v.text for v in store.mission.versions()] == ["First why."]


def test_a_damaged_mission_file_is_moved_aside_with_a_message(tmp_path):
    store = open_store(tmp_path)
    store.mission.save("First why.", DAY, at(DAY))
    store.close()
    (tmp_path / "mission.json").write_text('{"versions": {"000001": {"te')
    fresh = open_store(tmp_path)
    assert fresh.mission.current() is None
    assert any("mission" in message for message in fresh.problems)
