"""Looking-back records on disk that cannot be used are set aside, like a journal entry that
cannot be read (issue 18): kept in their month file, not shown or exported, one line in the
store's problems; everything else still looks back, exports and re-imports.

The data folders are written by the app, then edited by hand as an older version or a damaged
disk could have left them.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content import load_insights
from daily.practice import DailyPractice
from habit.clock import FixedClock
from journal.service import export_json, export_markdown, import_file
from storage import Store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=BERLIN)
MONTH = "journal/2026-11.json"


def good_record(entry_id: str, interval: int = 3) -> dict:
    return {"entry_id": entry_id, "interval": interval, "entry_day": "2026-11-19",
            "shown_on": "2026-11-22", "shown_at": "2026-11-22T08:00:00+01:00",
            "updated_at": "2026-11-22T08:00:00+01:00", "closed": True, "follow_up_id": None}


#: (table, key, record) as an older version or a damaged disk could have stored them.
BAD_REVIEWS = {
    "time before year 1 in UTC": {**good_record("a" * 32), "shown_at": "0001-01-01T00:00:00+01:00"},
    "time after year 9999 in UTC": {**good_record("a" * 32), "updated_at": "9999-12-31T23:59:59-01:00"},
    "day at the very start of the calendar": {**good_record("a" * 32), "entry_day": "0001-01-01"},
    "unparseable day": {**good_record("a" * 32), "shown_on": "last Tuesday"},
    "unparseable time": {**good_record("a" * 32), "shown_at": "08:00 yesterday"},
    "time without offset": {**good_record("a" * 32), "updated_at": "2026-11-22T08:00:00"},
    "interval as text": {**good_record("a" * 32), "interval": "three"},
    "interval zero": {**good_record("a" * 32), "interval": 0},
    "id that is a number": {**good_record("a" * 32), "entry_id": 42},
    "field missing": {k: v for k, v in good_record("a" * 32).items() if k != "shown_at"},
}
BAD_LINKS = {
    "original day out of range": {"original_id": "b" * 32, "original_day": "0001-01-01",
                                  "interval": 1, "note_day": "2026-11-20"},
    "unparseable note day": {"original_id": "b" * 32, "original_day": "2026-11-19",
                             "interval": 1, "note_day": "2026-02-30"},
    "interval negative": {"original_id": "b" * 32, "original_day": "2026-11-19",
                          "interval": -7, "note_day": "2026-11-20"},
}


@pytest.fixture
def clock():
    return FixedClock(NOW)


def start(data, clock) -> tuple[Store, DailyPractice]:
    store = Store.open(data, now=clock.now, daily_backup=False)
    return store, DailyPractice(store, load_insights().insights, clock)


def lived_in(data, clock) -> dict:
    """A week of use: an answer looked back at yesterday with a follow-up thought, one due today."""
    clock.set(NOW - timedelta(days=7))
    store, practice = start(data, clock)
    insight = practice.insights[0]
    practice.save_answer(insight.id, 0, "Ask who the work is for.")
    clock.set(NOW - timedelta(days=6))
    practice.save_answer(insight.id, 1, "Measure the outcome, not the output.")
    clock.set(NOW - timedelta(days=1))
    service = practice.journal
    look = service.looking_back()
    note = service.save_follow_up(look, "It worked in Monday's meeting.")
    store.close()
    clock.set(NOW)
    return {"looked_back": look.entry.text, "note_id": note.id}


def edit(data, change) -> None:
    path = data / MONTH
    tables = json.loads(path.read_bytes())
    change(tables)
    path.write_text(json.dumps(tables, separators=(",", ":")) + "\n")


def problems_about(store, kind: str) -> list[str]:
    return [p for p in store.problems if p.startswith(f"{MONTH} holds") and kind in p]


def check_the_rest_still_works(data, store, practice, tmp_path, seen: dict) -> dict:
    """Look back, the follow-up link, both exports, and the JSON export imported elsewhere."""
    service = practice.journal
    look = service.looking_back()
    assert look is not None and look.entry.text in ("Ask who the work is for.",
                                                    "Measure the outcome, not the output.")
    note = service.get(seen["note_id"])
    assert list(service.follow_ups_for([note])) == [seen["note_id"]]
    exported = json.loads(export_json(store, NOW))
    assert len(exported["entries"]) == 3 and len(exported["follow_ups"]) == 1
    assert "It worked in Monday's meeting." in export_markdown(store, NOW).decode()
    elsewhere = Store.open(tmp_path / "elsewhere", now=lambda: NOW, daily_backup=False)
    try:
        outcome = import_file(elsewhere, export_json(store, NOW))
        assert outcome.ok, outcome.message  # the user's own export is never refused
        again = json.loads(export_json(elsewhere, NOW))
        assert again["entries"] == exported["entries"] and again["reviews"] == exported["reviews"]
    finally:
        elsewhere.close()
    return exported


@pytest.mark.parametrize("bad", BAD_REVIEWS.values(), ids=BAD_REVIEWS.keys())
def test_a_looking_back_record_that_cannot_be_used_is_set_aside(tmp_path, clock, bad):
    data = tmp_path / "data"
    seen = lived_in(data, clock)
    edit(data, lambda t: t["reviews"].__setitem__("a" * 32 + ":3", bad))
    stored = (data / MONTH).read_text()

    store, practice = start(data, clock)
    try:
        exported = check_the_rest_still_works(data, store, practice, tmp_path, seen)
        assert len(exported["reviews"]) == 2  # yesterday's and today's; not the bad one
        lines = problems_about(store, "1 looking-back record that could not be read")
        assert len(lines) == 1, store.problems
        assert lines[0] in practice.problems  # what the start-up banner lists
    finally:
        store.close()
    kept = json.loads((data / MONTH).read_bytes())["reviews"]
    assert kept["a" * 32 + ":3"] == bad, "the record is kept in its file as it was"
    assert json.loads(stored)["entries"] == json.loads((data / MONTH).read_bytes())["entries"]


@pytest.mark.parametrize("bad", BAD_LINKS.values(), ids=BAD_LINKS.keys())
def test_a_follow_up_link_that_cannot_be_used_is_set_aside(tmp_path, clock, bad):
    data = tmp_path / "data"
    seen = lived_in(data, clock)
    edit(data, lambda t: t["follow_ups"].__setitem__("c" * 32, bad))

    store, practice = start(data, clock)
    try:
        check_the_rest_still_works(data, store, practice, tmp_path, seen)
        assert len(problems_about(store, "1 follow-up link that could not be read")) == 1, store.problems
    finally:
        store.close()
    assert json.loads((data / MONTH).read_bytes())["follow_ups"]["c" * 32] == bad


def test_two_records_shown_today_one_out_of_range_do_not_stop_today_s_looking_back(tmp_path, clock):
    """Comparing a time at the edge of the calendar with another offset overflowed."""
    data = tmp_path / "data"
    lived_in(data, clock)
    store, practice = start(data, clock)
    today = practice.journal.looking_back()  # picked and logged now
    store.close()
    edge = {**good_record("d" * 32), "shown_on": "2026-11-26", "closed": False,
            "shown_at": "0001-01-01T00:00:00+01:00", "updated_at": "0001-01-01T00:00:00+01:00"}
    edit(data, lambda t: t["reviews"].__setitem__("d" * 32 + ":3", edge))

    store, practice = start(data, clock)
    try:
        assert practice.journal.looking_back() == today
        assert problems_about(store, "looking-back record"), store.problems
    finally:
        store.close()


def test_an_unusable_record_in_the_way_of_a_new_one_is_kept_under_its_own_key(tmp_path, clock):
    """Today's answer due for a week's look back has an unreadable record for that week: the
    new record takes the key and the old one is kept beside it, not overwritten."""
    data = tmp_path / "data"
    lived_in(data, clock)
    entries = json.loads((data / MONTH).read_bytes())["entries"]
    week_old = next(i for i, e in entries.items() if e["day"] == "2026-11-19")
    broken = {**good_record(week_old, 7), "shown_at": "0001-01-01T00:00:00+01:00"}
    edit(data, lambda t: t["reviews"].__setitem__(f"{week_old}:7", broken))

    store, practice = start(data, clock)
    try:
        look = practice.journal.looking_back()
        assert look is not None and look.entry.id == week_old and look.record.interval == 7
        assert look.record.shown_on == date(2026, 11, 26)
    finally:
        store.close()
    reviews = json.loads((data / MONTH).read_bytes())["reviews"]
    assert reviews[f"{week_old}:7#unreadable"] == broken
    assert reviews[f"{week_old}:7"]["shown_on"] == "2026-11-26"
